// End to end: two editions built at once by chapter, from an empty layout cache. A chapter they share is laid
// out once in the run, not once by each (the second edition waits for the first's layout, or reads it from
// the cache); each edition's PDF is the one its document laid out whole prints,
// page for page, read back with Poppler's pdftotext.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { screenEditions } from "../helpers/editions.ts";
import { pageCount, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "test/fixtures/minimal");
const YEARS = [2027, 2028];

/** Both editions' screen PDFs, built at once, by chapter or whole; their paths and the run's debug lines. */
function editions(inParts: boolean): Promise<{ pdfs: string[]; debug: string[] }> {
  return screenEditions({ contentDir: CONTENT, outDir: tempDir("booklet-editions-parts-"), years: YEARS, inParts });
}

describe("two editions built at once by chapter", () => {
  let whole: { pdfs: string[]; debug: string[] };
  let parts: { pdfs: string[]; debug: string[] };
  beforeAll(async () => {
    parts = await editions(true);
    whole = await editions(false);
  }, 240_000);

  it("lays each chapter they share out once in the run, and the join's page once", () => {
    for (const chapter of ["ch-01-before", "ch-02-night"]) {
      const laid = parts.debug.filter((l) => l.includes(`: laid out ${chapter},`));
      const shared = parts.debug.filter(
        (l) => l.includes(`${chapter} laid out by another edition`) || l.includes(`${chapter} from the layout cache`),
      );
      expect({ chapter, laid: laid.length, shared: shared.length }).toEqual({ chapter, laid: 1, shared: 1 });
    }
    // one edition lays every part of its own out in one run and prints it as it is; the other, whose shared
    // chapters that one lays out, joins its parts in the join document, laid out by Paged.js once
    expect(parts.debug.filter((l) => l.includes("printed from its page, without a join"))).toHaveLength(1);
    expect(parts.debug.filter((l) => /the join laid out with Paged\.js$/.test(l))).toHaveLength(1);
    expect(parts.debug.filter((l) => /-join: printed/.test(l))).toHaveLength(1);
  });

  it("prints each edition as its document laid out whole prints it", () => {
    for (const [e, pdf] of parts.pdfs.entries()) {
      const n = pageCount(whole.pdfs[e]);
      expect(n).toBeGreaterThan(8);
      expect(pageCount(pdf)).toBe(n);
      for (let i = 1; i <= n; i++)
        expect({ edition: YEARS[e], page: i, text: pageText(pdf, i) }).toEqual({
          edition: YEARS[e],
          page: i,
          text: pageText(whole.pdfs[e], i),
        });
    }
  });
});
