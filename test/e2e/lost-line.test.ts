// End to end, a fault of Paged.js 0.4.3 that lost a line at a page's foot: the page ended in a word divided
// just before a soft hyphen ("…disperse fami" | "\u00ADlies"), and the hyphen Paged.js adds there made the
// last line "…fami-" one glyph longer than the line had been with the soft hyphen's own: it wrapped, and
// the wrapped part (with the lines the paragraph's widows setting took along) went below the foot, where
// nothing is printed. The page read "aired fam-", the next "lies indignation". booklet's handler now moves
// such a cut back to the hyphenation point before (src/render/page-handlers.js, BreakAtHyphenationPoints).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../fixtures/lost-line");
let out: string;
let error: unknown;

beforeAll(async () => {
  out = tempDir("booklet-lost-line-");
  error = await build({
    contentDir: CONTENT,
    outDir: out,
    editions: [2027],
    formats: ["screen"],
    log: silentLogger,
    concurrency: 1,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
});

afterAll(() => out && fs.rmSync(out, { recursive: true, force: true }));

describe("a page that ends in a word divided just before a soft hyphen", () => {
  it("builds, and prints the paragraph whole, every word once", () => {
    expect(error).toBeUndefined();
    const pdf = path.join(out, "2027", "a-test-2027.pdf");
    // each page's text as a reader has it: soft hyphens out, lines joined, a word divided at a line's end
    // joined again
    const pages = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8" })
      .split("\f")
      .map((page) =>
        page
          .replace(/\u00AD/g, "")
          .replace(/-\n/g, "")
          .replace(/\s+/g, " "),
      );
    const all = pages.join(" ");
    // the words that were lost, once, and the word divided by the page break on the two pages
    const once = (words: string) => all.split(words).length - 1;
    expect(once("women militias aired families phone drugs detained background reopened families disperse fam")).toBe(
      1,
    );
    expect(once("ilies indignation clearly addition historical")).toBe(1);
    const end = pages.findIndex((p) => p.includes("reopened families disperse fam"));
    expect(pages[end + 1]).toContain("ilies indignation clearly addition historical");
  });
});
