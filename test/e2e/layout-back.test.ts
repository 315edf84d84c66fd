// End to end: the back matter (the colophon and the back cover) is a part of its own, laid out for each edition,
// while the last chapter, the same in every edition, is laid out once. The colophon opens the next page on
// whichever side the last chapter leaves it, so it is tried on both: a last chapter of an odd number of pages
// (the colophon on a left-hand page) and of an even number (on a right-hand page). Three editions, two built
// at once and one after them into the same folder, print what their documents laid out whole print: the
// same text on every page, read back with Poppler's pdftotext, and the same pixels on the back matter's pages.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { screenEditions } from "../helpers/editions.ts";
import { pageCount, pagePixels, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MINIMAL = path.join(ROOT, "test/fixtures/minimal");
const PARAGRAPH =
  "The mills were out of work for six weeks while their wheels and races were cleared, and the quay did not take a barge until May. The lower town was cleaned street by street, and the council hired carts from three parishes to take the mud away from the square, where it lay a foot deep.";

/**
 * The minimal booklet whose last chapter is the same in every edition (its sentence on the edition taken
 * out), with `extra` paragraphs more: 0 and 3 give it pages of either parity on this fixture's page.
 */
function content(extra: number): string {
  const dir = tempDir("booklet-back-content-");
  fs.cpSync(MINIMAL, dir, { recursive: true });
  const file = path.join(dir, "chapters/03-after.md");
  const text = fs
    .readFileSync(file, "utf8")
    .replace(/ This booklet, the \{\{edition\.ordinal\}\}[\s\S]*?\{\{edition\.dateText\}\}\./, "");
  if (text.includes("{{edition.")) throw new Error("the fixture's last chapter still names the edition");
  const notes = text.indexOf("\n\n[^fund]");
  fs.writeFileSync(file, `${text.slice(0, notes)}${`\n\n${PARAGRAPH}`.repeat(extra)}${text.slice(notes)}`);
  return dir;
}

/** The number of the page whose text begins with the colophon's heading. */
function colophonPage(pdf: string): number {
  for (let i = pageCount(pdf); i > 0; i--) if (pageText(pdf, i).trimStart().startsWith("Colophon")) return i;
  return 0;
}

describe.each([
  ["left", 0],
  ["right", 3],
])("the back matter opened on the %s-hand page the last chapter leaves it", (side, extra) => {
  let whole: string[];
  let parts: string[];
  let debug: string[];
  beforeAll(async () => {
    const dir = content(extra);
    whole = (
      await screenEditions({
        contentDir: dir,
        outDir: tempDir("booklet-back-whole-"),
        years: [2027, 2028, 2029],
        inParts: false,
      })
    ).pdfs;
    const out = tempDir("booklet-back-parts-");
    // two editions at once: the second waits for the chapters the first lays out, then lays out its back
    // matter on its own; the third, later, has the last chapter from the cache
    const atOnce = await screenEditions({ contentDir: dir, outDir: out, years: [2027, 2028], inParts: true });
    const after = await screenEditions({ contentDir: dir, outDir: out, years: [2029], inParts: true });
    parts = [...atOnce.pdfs, ...after.pdfs];
    debug = [...atOnce.debug, ...after.debug];
  }, 300_000);

  it(`puts the colophon on a ${side}-hand page`, () => {
    for (const pdf of whole) expect(colophonPage(pdf) % 2).toBe(side === "left" ? 0 : 1);
  });

  it("lays the last chapter out once for three editions, and each edition's back matter", () => {
    const laid = (id: string) => debug.filter((l) => l.includes(`: laid out ${id},`)).length;
    expect({ last: laid("ch-03-after"), back: laid("colophon") }).toEqual({ last: 1, back: 3 });
    expect(debug.filter((l) => /ch-03-after (from the layout cache|laid out by another edition)/.test(l))).toHaveLength(
      2,
    );
    expect(debug.some((l) => /parts not joined/.test(l))).toBe(false);
  });

  it("prints each edition as its document laid out whole prints it", () => {
    for (const [e, pdf] of parts.entries()) {
      const n = pageCount(whole[e]);
      expect({ edition: e, pages: pageCount(pdf) }).toEqual({ edition: e, pages: n });
      for (let i = 1; i <= n; i++)
        expect({ edition: e, page: i, text: pageText(pdf, i) }).toEqual({
          edition: e,
          page: i,
          text: pageText(whole[e], i),
        });
      for (let i = colophonPage(whole[e]) - 1; i <= n; i++)
        expect(pagePixels(pdf, i).equals(pagePixels(whole[e], i)), `edition ${e}, page ${i}`).toBe(true);
    }
  });
});
