// End to end: the layout cache. A chapter that did not change is not laid out again in the next build; a
// changed chapter is, and only it; --no-cache neither reads nor writes the cache; an entry that is not whole
// is laid out again; the PDF is the same whichever pages came from the cache (pdftotext, page by page); pages
// added in front of the back cover go into the join's page, and a print version laid out again for them,
// when they cannot, takes the chapters before them from the cache.
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
    // the front matter, three chapters and the back matter
    expect(cold.laidOut).toHaveLength(5);
    expect(cold.fromCache).toEqual([]);
    expect(entries.filter((e) => e.endsWith(".json"))).toHaveLength(5);
    expect(entries.filter((e) => e.endsWith(".tmp"))).toEqual([]);
    expect(warm.laidOut).toEqual([]);
    expect(warm.fromCache.sort()).toEqual(["ch-01-before", "ch-02-night", "ch-03-after", "colophon", "front"].sort());
    expect(warm.text).toBe(cold.text);
  });

  it("lays out again only the chapter that changed, and prints its new text", async () => {
    const file = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("The bridge held.", "The old bridge held."));
    const changed = await buildOnce(content, out);
    expect(changed.laidOut).toEqual(["2"]);
    expect(changed.fromCache.sort()).toEqual(["ch-01-before", "ch-03-after", "colophon", "front"]);
    expect(changed.text).toContain("The old bridge held.");
    expect(changed.text).not.toBe(cold.text);
  });

  it("with --no-cache lays every part out and leaves the cache as it was", async () => {
    const before = fs.readdirSync(cacheDir).sort();
    const uncached = await buildOnce(content, out, false);
    expect(uncached.fromCache).toEqual([]);
    expect(uncached.laidOut).toHaveLength(5);
    expect(fs.readdirSync(cacheDir).sort()).toEqual(before);
  });

  it("lays out again a part whose entry is not whole, and a cache folder deleted", async () => {
    for (const e of fs.readdirSync(cacheDir)) {
      const file = path.join(cacheDir, e);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").slice(0, 100));
    }
    const broken = await buildOnce(content, out);
    expect(broken.fromCache).toEqual([]);
    expect(broken.laidOut).toHaveLength(5);
    fs.rmSync(path.join(out, ".cache"), { recursive: true });
    const again = await buildOnce(content, out);
    expect(again.laidOut).toHaveLength(5);
    expect(again.text).toBe(broken.text);
  });
});

describe("the layout cache, with pages added in front of the back cover", () => {
  const buildPadded = async (content: string, out: string) => {
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
  const minimal = (name: string) => {
    const content = tempDir(`booklet-cache-${name}-content-`);
    fs.cpSync(path.join(ROOT, "test/fixtures/minimal"), content, { recursive: true });
    return { content, out: tempDir(`booklet-cache-${name}-out-`) };
  };

  it("adds them in the join's page of the parts from the cache: the print version is not laid out again", async () => {
    const { content, out } = minimal("padded");
    const cold = await buildPadded(content, out);
    // the case under test: pages are added (the one run of an empty cache adds them in its page)
    expect(cold.pages).toBeGreaterThan(cold.unpadded);
    expect(cold.pages % 4).toBe(0);
    expect(cold.debug.join("\n")).not.toMatch(/-print/);
    const file = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("The bridge held.", "The old bridge held."));
    const changed = await buildPadded(content, out);
    // the changed chapter laid out alone, the others from the cache, joined, and the pages added in the join
    expect(changed.debug.filter((l) => /-p\d+: laid out /.test(l))).toHaveLength(1);
    expect(changed.debug.join("\n")).toMatch(/-join: printed at/);
    expect(changed.debug.join("\n")).not.toMatch(/-print|not added in the page/);
    expect(changed.pages).toBe(cold.pages);
  });

  it("lays out the print version's chapters from the cache when the pages cannot be added in the page", async () => {
    const { content, out } = minimal("linked");
    // a link to the back cover, whose page number the added pages would change
    const file = path.join(content, "chapters", "03-after.md");
    fs.appendFileSync(file, "\nThe [back cover](#back-cover) closes the booklet.\n");
    const cold = await buildPadded(content, out);
    expect(cold.debug.join("\n")).toMatch(/not added in the page, left to the formats stage: the page of #back-cover/);
    // laid out again with the added pages: only the part they go into (the last) is laid out for the print
    // version, the others come from the cache the first layout filled
    const printParts = cold.debug.filter((l) => /-print-p\d+: laid out /.test(l));
    expect(printParts.length, printParts.join("\n")).toBeLessThanOrEqual(1);
    expect(cold.debug.filter((l) => /-print-p\d+: .* from the layout cache$/.test(l)).length).toBeGreaterThan(1);
    expect(cold.pages % 4).toBe(0);
    expect(cold.pages).toBeGreaterThan(cold.unpadded);
  });
});
