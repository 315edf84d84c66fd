// End to end, through the command line: a build into a folder whose edition is up to date changes nothing and
// says so; a chapter, a data row, the configuration, an output file deleted or altered, another set of formats
// or --no-cache makes it build again, and the new PDF shows the change (pdftotext). The chart is drawn once and
// then taken from the chart cache until its rows change. The files are compared by their bytes and times,
// read here, not by the code under test.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/booklet.js");
const EPOCH = String(Date.UTC(2026, 10, 21) / 1000);
const BASE = ["--formats", "screen,html"];

interface Built {
  code: number | null;
  output: string;
  /** the info and debug lines of --json --verbose */
  messages: string[];
  /** the stages run */
  stages: string[];
}

/** `booklet build --json --verbose` of the 2027 edition into root/output. */
function booklet(root: string, args: string[]): Promise<Built> {
  const argv = [BIN, "build", "--content", "content", "--out", "output", "--edition", "2027", "--json", "--verbose"];
  const child = spawn(process.execPath, [...argv, ...args], {
    cwd: root,
    env: { ...process.env, CI: "1", SOURCE_DATE_EPOCH: EPOCH },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const events = output
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { event: string; message?: string; stage?: string });
      const messages = events.filter((e) => e.message !== undefined).map((e) => e.message!);
      const stages = events.filter((e) => e.event === "stage").map((e) => e.stage!);
      resolve({ code, output, messages, stages });
    }),
  );
}

/** Every file of the edition's folder: its sha256 and modification time, read here. */
function snapshot(dir: string): Record<string, { sha256: string; mtimeMs: number }> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => {
        const file = path.join(dir, name);
        const sha256 = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
        return [name, { sha256, mtimeMs: fs.statSync(file).mtimeMs }];
      }),
  );
}

const pdfText = (file: string) => execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\u00ad/g, "");
const upToDate = (b: Built) => b.messages.some((m) => /^output\/2027 is up to date: /.test(m));
const drawn = (b: Built) => b.messages.some((m) => m.includes("chart levels: drawn with Vega"));
const fromCache = (b: Built) => b.messages.some((m) => m.includes("chart levels: from the chart cache"));

/** Expects a build that made the edition again: exit 0, laid out, not called up to date. */
function expectBuilt(b: Built) {
  expect(b.code, b.output).toBe(0);
  expect(upToDate(b), b.output).toBe(false);
  expect(b.stages).toContain("paginate");
}

const CHART = `title: Gauge readings
data: { table: readings }
width: 200
height: 100
mark: line
encoding:
  x: { field: time, type: ordinal, title: null }
  y: { field: level, type: quantitative, title: Level (cm) }
config:
  font: Source Sans 3
`;

describe("an up-to-date build", { timeout: 600_000 }, () => {
  const root = tempDir("booklet-up-to-date-");
  const content = path.join(root, "content");
  const edition = path.join(root, "output", "2027");
  const pdf = path.join(edition, "alder-reach-2027.pdf");
  let first: Built;

  beforeAll(async () => {
    fs.cpSync(path.join(ROOT, "test/fixtures/minimal"), content, { recursive: true });
    fs.mkdirSync(path.join(content, "charts"));
    fs.writeFileSync(path.join(content, "charts", "levels.yaml"), CHART);
    const chapter = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(
      chapter,
      fs.readFileSync(chapter, "utf8").replace('{{table "readings"}}', '{{table "readings"}}\n\n{{chart "levels"}}'),
    );
    first = await booklet(root, BASE);
  }, 600_000);

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("is made the first time, its chart drawn with Vega and kept in the chart cache", () => {
    expectBuilt(first);
    expect(drawn(first)).toBe(true);
    expect(
      fs.readdirSync(path.join(root, "output", ".cache", "charts")).filter((f) => f.endsWith(".svg")),
    ).toHaveLength(1);
    expect(pdfText(pdf)).toContain("Gauge readings");
  });

  it("changes nothing the second time, and says so", async () => {
    const before = snapshot(edition);
    const second = await booklet(root, BASE);
    expect(second.code, second.output).toBe(0);
    expect(upToDate(second), second.output).toBe(true);
    expect(second.stages).not.toContain("paginate");
    expect(second.stages).not.toContain("document");
    expect(drawn(second)).toBe(false);
    expect(snapshot(edition)).toEqual(before);
  });

  it("is made again when a chapter's text changed, the chart taken from the cache", async () => {
    const chapter = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(chapter, fs.readFileSync(chapter, "utf8").replace("The bridge held.", "The old bridge held."));
    const b = await booklet(root, BASE);
    expectBuilt(b);
    expect(drawn(b)).toBe(false);
    expect(fromCache(b)).toBe(true);
    expect(pdfText(pdf)).toContain("The old bridge held.");
    expect(upToDate(await booklet(root, BASE))).toBe(true);
  });

  it("is made again when a data row changed, and its chart drawn again", async () => {
    const data = path.join(content, "data", "readings.csv");
    fs.writeFileSync(
      data,
      fs
        .readFileSync(data, "utf8")
        .replace("rising slowly (reading 1)", "rising very slowly (reading 1)")
        .replace(",129,", ",131,"),
    );
    const b = await booklet(root, BASE);
    expectBuilt(b);
    expect(drawn(b)).toBe(true);
    expect(pdfText(pdf)).toContain("rising very slowly");
  });

  it("is made again when the configuration changed", async () => {
    const config = path.join(content, "booklet.yaml");
    fs.writeFileSync(
      config,
      fs.readFileSync(config, "utf8").replace("A test booklet, 14–15 March 1952", "A changed subtitle"),
    );
    const b = await booklet(root, BASE);
    expectBuilt(b);
    expect(pdfText(pdf)).toContain("A changed subtitle");
  });

  it("is made again when an output file was deleted or altered, and puts it back as it was", async () => {
    const html = path.join(edition, "alder-reach-2027.html");
    const kept = snapshot(edition);
    fs.rmSync(html);
    expectBuilt(await booklet(root, BASE));
    expect(snapshot(edition)["alder-reach-2027.html"].sha256).toBe(kept["alder-reach-2027.html"].sha256);
    // one byte more at the end of the PDF: still a PDF to a reader, not the file the manifest lists
    fs.appendFileSync(pdf, "\n");
    expectBuilt(await booklet(root, BASE));
    expect(snapshot(edition)["alder-reach-2027.pdf"].sha256).toBe(kept["alder-reach-2027.pdf"].sha256);
  });

  it("is made again for another set of formats, and with --no-cache", async () => {
    expectBuilt(await booklet(root, ["--formats", "screen"]));
    expect(upToDate(await booklet(root, ["--formats", "screen"]))).toBe(true);
    expectBuilt(await booklet(root, ["--formats", "screen", "--no-cache"]));
  });
});
