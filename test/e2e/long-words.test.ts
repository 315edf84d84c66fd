// End to end: a web address, a number and a code name each longer than a line. Without a place to break,
// Chromium ran them on past the text block and the page's edge cut them off (the preflight then failed the
// paragraph as missing). They must break inside the text block, every character printed, and an address
// must not be hyphenated ("archive.ex-" / "ample.org" reads as part of it). Read back with pdftotext -bbox.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGenerated, readingText, removeGenerated } from "./generated.ts";

const LINKED = "https://archive.example.org/r/8f3a9c2e71b04d6a95e1c7f2b8d40a6e3c9f1b72e5a8d0c4f6b1e9a3d7c2f5b8e1a0";
const PLAIN = "https://archive.example.org/collections/broadcasts/recordings/catalogue/speakers/lengths";
const NUMBER = "19900120000123456789012345678901234567890123456789012345678901234567890";
const CODE = "ARCHIVE_BROADCASTS_1990_JANUARY_20_NIGHT_OF_THE_TANKS_RECORDINGS_INDEX";
const FILLER =
  "The archive of the broadcasts is kept at the station, and its catalogue lists every recording made that night. ";
const BODY = [
  FILLER.repeat(6),
  `The catalogue is online at <${LINKED}> and a copy is kept in the reading room. ${FILLER.repeat(2)}`,
  `The record number is ${NUMBER}, which the cataloguer copied from the index. ${FILLER.repeat(2)}`,
  `The index is kept under \`${CODE}\` in the code form, and the list of speakers at ${PLAIN} as well.`,
].join("\n\n");

/** the text block of A5's left and right pages (booklet.css @page :left and :right), in points */
const MM = 72 / 25.4;
const BLOCK = {
  left: [15 * MM, (148 - 19) * MM],
  right: [19 * MM, (148 - 15) * MM],
  top: 17 * MM,
  bottom: (210 - 19) * MM,
};

interface Word {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

function wordBoxes(pdf: string): Word[] {
  const xml = execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" });
  const words: Word[] = [];
  xml
    .split("<page ")
    .slice(1)
    .forEach((page, i) => {
      for (const m of page.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      )) {
        words.push({ page: i + 1, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] });
      }
    });
  return words;
}

let dir: string;
let text: string;
let words: Word[];

beforeAll(async () => {
  const built = await buildGenerated([{ title: "The archive", body: BODY }]);
  dir = built.dir;
  text = readingText(built.pdf, ["The archive"]);
  words = wordBoxes(built.pdf);
});

afterAll(() => dir && removeGenerated(dir));

describe("words longer than a line", () => {
  it("prints each of them whole, once", () => {
    const joined = text.replace(/\s+/g, "");
    const counts = [LINKED, PLAIN, NUMBER, CODE].map((long) => [long, joined.split(long).length - 1]);
    expect(counts).toEqual([LINKED, PLAIN, NUMBER, CODE].map((long) => [long, 1]));
  });

  it("keeps every word of the chapter's pages inside the text block", () => {
    const pages = new Set(words.filter((w) => w.text.includes("archive")).map((w) => w.page));
    const body = words.filter((w) => pages.has(w.page) && w.yMin >= BLOCK.top - 1 && w.yMax <= BLOCK.bottom + 1);
    expect(body.length).toBeGreaterThan(200);
    const outside = body.filter((w) => {
      const [left, right] = w.page % 2 === 1 ? BLOCK.right : BLOCK.left;
      return w.xMin < left - 1 || w.xMax > right + 1;
    });
    expect(outside.map((w) => `${w.text} on page ${w.page}`)).toEqual([]);
  });

  it("breaks a web address or code without a hyphen", () => {
    const pieces = words.filter((w) => /archive\.ex|ARCHIVE_|8f3a9c/.test(w.text)).map((w) => w.text);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) expect(piece).not.toMatch(/[\u00AD-]$/);
  });
});
