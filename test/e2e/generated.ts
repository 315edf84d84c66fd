// Small generated booklets for the layout tests: a content folder written from a few chapters, built by the
// real build() (screen PDF only), and the PDF's text read back with Poppler's pdftotext.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { MINIMAL_CONFIG, MINIMAL_SOURCES, tempProject } from "../helpers/tmp.ts";

/** the running head MINIMAL_CONFIG's title gives the left-hand pages */
const RUNNING_HEAD = "A TEST";

export interface GeneratedChapter {
  title: string;
  /** the Markdown after the front matter */
  body: string;
}

/** Builds a booklet of these chapters; returns the screen PDF's path and the folder to remove. */
export async function buildGenerated(
  chapters: GeneratedChapter[],
  extra: Record<string, string> = {},
): Promise<{ dir: string; pdf: string }> {
  const files: Record<string, string> = { "booklet.yaml": MINIMAL_CONFIG, "sources.yaml": MINIMAL_SOURCES, ...extra };
  chapters.forEach((c, i) => {
    const n = String(i + 1).padStart(2, "0");
    files[`chapters/${n}-generated.md`] = `---\ntitle: ${c.title}\norder: ${i + 1}\n---\n${c.body}\n`;
  });
  const dir = tempProject(files);
  const outDir = path.join(dir, "out");
  const [result] = await build({
    contentDir: dir,
    outDir,
    editions: [2027],
    formats: ["screen"],
    log: silentLogger,
    concurrency: 1,
  });
  const screen = result.files.find((f) => f.format === "screen")!;
  return { dir, pdf: path.join(outDir, "2027", screen.path) };
}

/** Each page's lines as pdftotext -layout reads them (a line of the page a line of text), trimmed. */
export function pageLines(pdf: string): string[][] {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  return text
    .split("\f")
    .slice(0, -1)
    .map((page) => page.split("\n").map((line) => line.trim()));
}

/**
 * The reading text of the whole PDF, one space between words, soft hyphens left out: running heads, chapter
 * titles, folios (a line of one to three digits) and the lines `notes` matches (the notes at a page's foot) left out, so that a paragraph
 * that runs over pages reads on; a word divided at a line's or a page's end ("Un-" / "known") joined again.
 */
export function readingText(pdf: string, chapterTitles: string[], notes?: RegExp): string {
  const dropped = new Set([RUNNING_HEAD, ...chapterTitles, ...chapterTitles.map((t) => t.toUpperCase())]);
  const lines = pageLines(pdf)
    .flat()
    .filter((line) => line && !dropped.has(line) && !/^\d{1,3}$/.test(line) && !notes?.test(line));
  const joined = lines.reduce((text, line) =>
    /\p{L}\u00AD?-$|\u00AD$/u.test(text) ? text.replace(/\u00AD?-?$/, "") + line : `${text} ${line}`,
  );
  return joined.replace(/\u00AD/g, "").replace(/\s+/g, " ");
}

/** How many times a word occurs in a text, as a whole word. */
export function occurrences(text: string, word: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter((w) => w === word).length;
}

export function removeGenerated(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
