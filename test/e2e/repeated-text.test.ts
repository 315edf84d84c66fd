// End to end: text that repeats itself, laid out over several pages. Paged.js 0.4.3 placed each page break by
// searching the paragraph for the words laid out, found their first occurrence instead, and began the next
// page there (pagedjs issue 208): 600 times "families" printed 1,678 times. Every word once, read back with
// pdftotext.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGenerated, occurrences, readingText, removeGenerated } from "./generated.ts";

const FAMILIES = Array.from({ length: 600 }, (_, i) => ((i + 1) % 14 === 0 ? "families." : "families")).join(" ");
const ENTRY = "Unknown man, killed in Baku on 20 January 1990.";
const ROLL = Array.from({ length: 90 }, () => ENTRY).join(" ");
// the same roll with a note every sixth entry: the text between two calls repeats too
const ROLL_WITH_NOTES = Array.from({ length: 90 }, (_, i) => ENTRY + (i % 6 === 5 ? "[@src-a]" : "")).join(" ");

/** Builds one chapter into a booklet of its own and reads its text back; removes the folder after the tests. */
function readBack(title: string, body: string, notes?: RegExp): () => string {
  let dir: string | undefined;
  let text = "";
  beforeAll(async () => {
    const built = await buildGenerated([{ title, body }]);
    dir = built.dir;
    text = readingText(built.pdf, [title], notes);
  });
  afterAll(() => dir && removeGenerated(dir));
  return () => text;
}

describe("a paragraph of one repeated word over several pages", () => {
  const text = readBack("Words", FAMILIES);
  it("prints every word once, in order", () => {
    expect(occurrences(text(), "families")).toBe(600);
    expect(text().split("families.").length - 1).toBe(42);
    expect(text()).toContain(FAMILIES);
  });
});

describe("a roll of identical entries over several pages", () => {
  const text = readBack("The roll", ROLL);
  it("prints every entry once, in order", () => {
    expect(text()).toContain(ROLL);
    for (const word of ["Unknown", "killed", "Baku"]) expect(occurrences(text(), word)).toBe(90);
  });
});

describe("a roll of identical entries with a note every sixth entry", () => {
  // the notes at the pages' foot, each "N Press A." (the first with the source's title)
  const text = readBack("The roll", ROLL_WITH_NOTES, /^\d+ (“The first source,” )?Press A[,.]/);
  it("prints every entry once, each call after its entry", () => {
    const entries = text().match(/Unknown man, killed in Baku on 20 January 1990\.\d*/g) ?? [];
    expect(entries).toHaveLength(90);
    expect(
      entries
        .map((e, i) => [i, /\.\d+$/.test(e)])
        .filter(([, called]) => called)
        .map(([i]) => i),
    ).toEqual(Array.from({ length: 15 }, (_, k) => k * 6 + 5));
    for (const word of ["Unknown", "killed", "Baku"]) expect(occurrences(text(), word)).toBe(90);
  });
});
