// End to end: the document laid out chapter by chapter, and the pages printed once, is the document laid out
// whole: the same pages with the same text (page numbers, running heads, the contents' numbers, blank pages),
// read back with Poppler's pdftotext, and the same pixels on a sample of pages, rendered with pdftoppm. Both
// ways a layout by chapter prints: one Paged.js run of every part printed as it is (an empty layout cache,
// on this machine's cores), and each part's pages joined in the join document's page and printed (one part
// laid out again, the others from the cache).
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { pageCount, pagePixels, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Builds the screen PDF, whole or in parts, into `outDir`; returns a copy of it and the build's debug lines. */
async function screenPdf(
  contentDir: string,
  inParts: boolean,
  outDir = tempDir("booklet-parts-"),
): Promise<{ pdf: string; debug: string[] }> {
  const debug: string[] = [];
  const [result] = await build({
    contentDir,
    outDir,
    cwd: ROOT,
    editions: [2027],
    formats: ["screen"],
    concurrency: 1,
    inParts,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
    log: { ...silentLogger, debug: (m) => debug.push(m) },
  });
  const screen = result.files.find((f) => f.format === "screen")!;
  const pdf = path.join(outDir, "2027", ...(result.languageCode ? [result.languageCode] : []), screen.path);
  const kept = path.join(tempDir("booklet-parts-pdf-"), "screen.pdf");
  fs.copyFileSync(pdf, kept);
  return { pdf: kept, debug };
}

/** The cache of a build's output folder in a new one, without one part's entry (the first by name). */
function cacheLessOne(outDir: string): string {
  const into = tempDir("booklet-parts-joined-");
  const from = path.join(outDir, ".cache", "layout");
  fs.cpSync(from, path.join(into, ".cache", "layout"), { recursive: true });
  const entry = fs
    .readdirSync(from)
    .filter((e) => e.endsWith(".json"))
    .sort()[0];
  fs.rmSync(path.join(into, ".cache", "layout", entry));
  return into;
}

describe.each([
  ["the shipped booklet", "content"],
  ["a booklet with an image, notes and three chapters", "test/fixtures/minimal"],
])("%s laid out in parts", (_name, folder) => {
  let whole: { pdf: string; debug: string[] };
  let oneRun: { pdf: string; debug: string[] };
  let joined: { pdf: string; debug: string[] };
  beforeAll(async () => {
    const dir = path.join(ROOT, folder);
    whole = await screenPdf(dir, false);
    const out = tempDir("booklet-parts-");
    oneRun = await screenPdf(dir, true, out);
    joined = await screenPdf(dir, true, cacheLessOne(out));
  });

  it("was laid out in parts, in one run printed as it is, or joined, not whole", () => {
    expect(oneRun.debug.some((l) => /-p2: laid out .*\(run 1 of 1, /.test(l))).toBe(true);
    expect(oneRun.debug.some((l) => /printed from its page, without a join/.test(l))).toBe(true);
    expect(oneRun.debug.some((l) => /-join/.test(l))).toBe(false);
    // one part laid out again, the others from the cache, and the join laid out and printed; when that part
    // is the last chapter, the back matter after it, in its run (its side is known only then)
    const laid = joined.debug.flatMap((l) => /-p(\d+): laid out /.exec(l)?.[1] ?? []).map(Number);
    const parts = oneRun.debug.filter((l) => /-p\d+: laid out /.test(l)).length;
    expect([[laid[0]], [parts - 2, parts - 1]]).toContainEqual(laid);
    expect(joined.debug.some((l) => /from the layout cache$/.test(l))).toBe(true);
    expect(joined.debug.some((l) => /-join: printed/.test(l))).toBe(true);
    for (const parts of [oneRun, joined]) expect(parts.debug.some((l) => /parts not joined/.test(l))).toBe(false);
    expect(whole.debug.some((l) => /-join|-r0/.test(l))).toBe(false);
  });

  it("has the same pages, with the same text on each", () => {
    const n = pageCount(whole.pdf);
    expect(n).toBeGreaterThan(8);
    for (const [how, parts] of Object.entries({ oneRun, joined })) {
      expect({ how, pages: pageCount(parts.pdf) }).toEqual({ how, pages: n });
      for (let i = 1; i <= n; i++)
        expect({ how, page: i, text: pageText(parts.pdf, i) }).toEqual({ how, page: i, text: pageText(whole.pdf, i) });
    }
  });

  it("has the same pixels on the contents, a chapter's opening, a blank page and the last pages", () => {
    const n = pageCount(whole.pdf);
    const sample = [1, 2, 4, 5, 6, 7, Math.ceil(n / 2), n - 2, n - 1, n];
    for (const [how, parts] of Object.entries({ oneRun, joined }))
      for (const i of sample)
        expect(pagePixels(parts.pdf, i).equals(pagePixels(whole.pdf, i)), `${how}, page ${i}`).toBe(true);
  });
});
