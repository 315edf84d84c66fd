// End to end: the layout cache. A chapter that did not change is not laid out again in the next build; a
// changed chapter is, and only it; --no-cache neither reads nor writes the cache; an entry that is not whole
// is laid out again; the PDF is the same whichever pages came from the cache (pdftotext, page by page); the
// print version with pages added in front of the back cover takes the chapters before them from the cache.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Built {
  text: string;
  /** the parts laid out, by the id of their first chapter ("front" for the front matter) */
  laidOut: string[];
  fromCache: string[];
}

async function buildOnce(contentDir: string, outDir: string, cache = true): Promise<Built> {
  const debug: string[] = [];
  const [result] = await build({
    contentDir,
    outDir,
    editions: [2027],
    formats: ["screen"],
    concurrency: 1,
    inParts: true,
    cache,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
    log: { ...silentLogger, debug: (m) => debug.push(m) },
  });
  const pdf = path.join(outDir, "2027", result.files.find((f) => f.format === "screen")!.path);
  return {
    text: execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }),
    // "paginate 2027-p2: laid out ch-02-night, 2 pages (…)" for a part laid out, "…: ch-02 from the layout cache" for one kept
    laidOut: debug.filter((l) => /-p\d+: laid out /.test(l)).map((l) => /-p(\d+):/.exec(l)![1]),
    fromCache: debug.filter((l) => l.endsWith("from the layout cache")).map((l) => /: (\S+) from/.exec(l)![1]),
  };
}

describe("the layout cache", () => {
  const content = tempDir("booklet-cache-content-");
  const out = tempDir("booklet-cache-out-");
  const cacheDir = path.join(out, ".cache", "layout");
  let cold: Built;
  let warm: Built;
  let entries: string[];
  beforeAll(async () => {
    fs.cpSync(path.join(ROOT, "test/fixtures/minimal"), content, { recursive: true });
    cold = await buildOnce(content, out);
    entries = fs.readdirSync(cacheDir).sort();
    warm = await buildOnce(content, out);
  });

  it("keeps each part's pages after the first build, and lays out nothing the second time", () => {
    // the front matter and three chapters
    expect(cold.laidOut).toHaveLength(4);
    expect(cold.fromCache).toEqual([]);
    expect(entries.filter((e) => e.endsWith(".json"))).toHaveLength(4);
    expect(entries.filter((e) => e.endsWith(".tmp"))).toEqual([]);
    expect(warm.laidOut).toEqual([]);
    expect(warm.fromCache.sort()).toEqual(["ch-01-before", "ch-02-night", "ch-03-after", "front"].sort());
    expect(warm.text).toBe(cold.text);
  });

  it("lays out again only the chapter that changed, and prints its new text", async () => {
    const file = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("The bridge held.", "The old bridge held."));
    const changed = await buildOnce(content, out);
    expect(changed.laidOut).toEqual(["2"]);
    expect(changed.fromCache.sort()).toEqual(["ch-01-before", "ch-03-after", "front"]);
    expect(changed.text).toContain("The old bridge held.");
    expect(changed.text).not.toBe(cold.text);
  });

  it("with --no-cache lays every part out and leaves the cache as it was", async () => {
    const before = fs.readdirSync(cacheDir).sort();
    const uncached = await buildOnce(content, out, false);
    expect(uncached.fromCache).toEqual([]);
    expect(uncached.laidOut).toHaveLength(4);
    expect(fs.readdirSync(cacheDir).sort()).toEqual(before);
  });

  it("lays out again a part whose entry is not whole, and a cache folder deleted", async () => {
    for (const e of fs.readdirSync(cacheDir)) {
      const file = path.join(cacheDir, e);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").slice(0, 100));
    }
    const broken = await buildOnce(content, out);
    expect(broken.fromCache).toEqual([]);
    expect(broken.laidOut).toHaveLength(4);
    fs.rmSync(path.join(out, ".cache"), { recursive: true });
    const again = await buildOnce(content, out);
    expect(again.laidOut).toHaveLength(4);
    expect(again.text).toBe(broken.text);
  });
});

describe("the layout cache, with pages added in front of the back cover", () => {
  it("lays out the print version's chapters that did not change from the cache, not again", async () => {
    const content = tempDir("booklet-cache-padded-content-");
    const out = tempDir("booklet-cache-padded-out-");
    fs.cpSync(path.join(ROOT, "test/fixtures/minimal"), content, { recursive: true });
    const buildPadded = async () => {
      const debug: string[] = [];
      const [result] = await build({
        contentDir: content,
        outDir: out,
        editions: [2027],
        formats: ["screen", "print"],
        concurrency: 1,
        inParts: true,
        env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
        log: { ...silentLogger, debug: (m) => debug.push(m) },
      });
      const printed = path.join(out, "2027", result.files.find((f) => f.format === "print")!.path);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [printed], { encoding: "utf8" }))![1]);
      return { debug, unpadded: result.pages.length, pages };
    };
    const cold = await buildPadded();
    // the case under test: pages are added (the one run of an empty cache adds them in its page)
    expect(cold.pages).toBeGreaterThan(cold.unpadded);
    expect(cold.pages % 4).toBe(0);
    expect(cold.debug.join("\n")).not.toMatch(/-print-p\d+: laid out /);
    const file = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("The bridge held.", "The old bridge held."));
    const changed = await buildPadded();
    // joined from the cache, then laid out again with the added pages: only the part they go into (the last)
    // is laid out for the print version; the changed chapter was laid out for the first layout already
    const printParts = changed.debug.filter((l) => /-print-p\d+: laid out /.test(l));
    expect(printParts.length, printParts.join("\n")).toBeLessThanOrEqual(1);
    expect(changed.debug.filter((l) => /-print-p\d+: .* from the layout cache$/.test(l)).length).toBeGreaterThan(1);
    expect(changed.pages).toBe(cold.pages);
  });
});
