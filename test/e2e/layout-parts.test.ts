// End to end: the document laid out chapter by chapter, each chapter by a Paged.js run of its own, and the
// pages joined and printed once, is the document laid out whole: the same pages with the same text (page
// numbers, running heads, the contents' numbers, blank pages), read back with Poppler's pdftotext, and the
// same pixels on a sample of pages, rendered with pdftoppm.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { pageCount, pagePixels, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Builds the screen PDF, whole or in parts; returns its path and the build's debug lines. */
async function screenPdf(contentDir: string, inParts: boolean): Promise<{ pdf: string; debug: string[] }> {
  const outDir = tempDir("booklet-parts-");
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
  return { pdf, debug };
}

describe.each([
  ["the shipped booklet", "content"],
  ["a booklet with an image, notes and three chapters", "test/fixtures/minimal"],
])("%s laid out in parts", (_name, folder) => {
  let whole: { pdf: string; debug: string[] };
  let parts: { pdf: string; debug: string[] };
  beforeAll(async () => {
    const dir = path.join(ROOT, folder);
    whole = await screenPdf(dir, false);
    parts = await screenPdf(dir, true);
  });

  it("was laid out in parts and joined, not whole", () => {
    expect(parts.debug.some((l) => /-join: printed/.test(l))).toBe(true);
    expect(parts.debug.some((l) => /-p2: laid out/.test(l))).toBe(true);
    expect(parts.debug.some((l) => /parts not joined/.test(l))).toBe(false);
    expect(whole.debug.some((l) => /-join/.test(l))).toBe(false);
  });

  it("has the same pages, with the same text on each", () => {
    const n = pageCount(whole.pdf);
    expect(n).toBeGreaterThan(8);
    expect(pageCount(parts.pdf)).toBe(n);
    for (let i = 1; i <= n; i++)
      expect({ page: i, text: pageText(parts.pdf, i) }).toEqual({ page: i, text: pageText(whole.pdf, i) });
  });

  it("has the same pixels on the contents, a chapter's opening, a blank page and the last pages", () => {
    const n = pageCount(whole.pdf);
    const sample = [1, 2, 4, 5, 6, 7, Math.ceil(n / 2), n - 2, n - 1, n];
    for (const i of sample) expect(pagePixels(parts.pdf, i).equals(pagePixels(whole.pdf, i)), `page ${i}`).toBe(true);
  });
});
