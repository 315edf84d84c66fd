// A printed fault that every word count misses: a rule (the notes' rule, a table's border) drawn through a
// line of text. Poppler alone tells it: pdftoppm draws each page in grey, where a rule is a row of dark
// pixels across much of the page, and pdftotext -bbox gives each word's box; a word whose box a rule
// crosses between its top and bottom quarters is struck through (a rule under its descenders only
// touches it).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bboxWords, type Word } from "../helpers/pdf-read.ts";

/** Pixels a point: enough for a 0.4 pt rule to darken one row. */
const SCALE = 2;
/** A row darker than this (0 black, 255 white) is ink. */
const INK = 235;
/** A rule runs unbroken over this share of the page's width; a line of text has spaces. */
const RULE_SHARE = 0.3;

export interface Rule {
  /** points from the page's top */
  y: number;
  /** from x0 to x1, points from the page's left edge */
  x0: number;
  x1: number;
}

/** "page N: word" for each word a rule crosses, in page order. */
export function wordsCrossedByRules(pdf: string): string[] {
  const words = bboxWords(pdf);
  const out: string[] = [];
  pageRules(pdf).forEach((rules, i) => {
    const crossed = (w: Word) =>
      rules.some((rule) => {
        const quarter = (w.yMax - w.yMin) / 4;
        const across = w.xMax > rule.x0 && w.xMin < rule.x1;
        return across && rule.y > w.yMin + quarter && rule.y < w.yMax - quarter;
      });
    for (const w of (words[i] ?? []).filter(crossed)) out.push(`page ${i + 1}: ${w.text}`);
  });
  return out;
}

/** The rules drawn on each page (the notes' rule spans the text block): thin rows of ink, by pdftoppm. */
export function pageRules(pdf: string): Rule[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-crossed-"));
  try {
    execFileSync("pdftoppm", ["-r", String(72 * SCALE), "-gray", pdf, path.join(dir, "p")]);
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".pgm"))
      .sort((a, b) => pageNumber(a) - pageNumber(b))
      .map((f) => rulesOf(readPgm(path.join(dir, f))));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pageNumber = (file: string) => Number(/(\d+)\.pgm$/.exec(file)?.[1]);

/** A binary greyscale PNM (P5, 8 bits), as pdftoppm -gray writes it. */
function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const data = fs.readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error(`${file}: not an 8-bit P5 image`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: data.subarray(header[0].length) };
}

/**
 * Each row holding an unbroken run of ink over RULE_SHARE of the page's width, in points from the top, that
 * is thin: the rows a point and a half above and below it are not ink all along (a filled area, such as a
 * cover's ground, is).
 */
function rulesOf({ width, height, pixels }: ReturnType<typeof readPgm>): Rule[] {
  const inkShare = (y: number, x0: number, x1: number) => {
    if (y < 0 || y >= height) return 0;
    let ink = 0;
    for (let x = x0; x < x1; x++) if (pixels[y * width + x] < INK) ink++;
    return ink / (x1 - x0);
  };
  const rules: Rule[] = [];
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const ink = x < width && pixels[y * width + x] < INK;
      if (ink && start < 0) start = x;
      if (!ink && start >= 0) {
        const long = x - start > width * RULE_SHARE;
        if (long && inkShare(y - 3, start, x) < 0.8 && inkShare(y + 3, start, x) < 0.8)
          rules.push({ y: (y + 0.5) / SCALE, x0: start / SCALE, x1: x / SCALE });
        start = -1;
      }
    }
  }
  return rules;
}
