// The tests' own reader of a built PDF, independent of the preflight it checks (src/preflight): Poppler for
// what a reader sees (pdftotext's words and their boxes, pdfinfo, pdffonts, the named destinations) and
// pdf-lib only for the link annotations, the outline and the language, which Poppler's tools do not print.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { decodeHTML } from "entities";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFString,
} from "pdf-lib";

/** A word as pdftotext -bbox gives it: its box in points from the page's top left. */
export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageRead {
  number: number;
  height: number;
  /** pdftotext's text of the page, in reading order, without the soft hyphens the build inserts */
  text: string;
  words: Word[];
  /** link annotations: where each leads (a named destination or a page), its box from the top left */
  links: { dest?: string; page: number | null; box: Omit<Word, "text"> }[];
}

export interface PdfRead {
  pages: PageRead[];
  /** named destination → 1-based page (pdfinfo -dests) */
  destinations: Record<string, number>;
  info: Record<string, string>;
  lang?: string;
  outline: { title: string; page: number | null; level: number }[];
  fonts: { name: string; type: string; embedded: boolean }[];
}

// stderr ignored: pdftotext says "no word list" for every blank page
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });

/** Letters and digits only, lower case, soft hyphens dropped: text compared across line breaks and fonts. */
export function skeleton(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\u00AD/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

export async function readPdf(file: string): Promise<PdfRead> {
  const destinations = readDestinations(file);
  const doc = await PDFDocument.load(new Uint8Array(fs.readFileSync(file)), { updateMetadata: false });
  const refs = doc.getPages().map((p) => p.ref);
  const pageOf = (dest: PDFObject | undefined): { dest?: string; page: number | null } => {
    const value = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
    if (value instanceof PDFString || value instanceof PDFHexString || value instanceof PDFName) {
      const name = value.decodeText();
      return { dest: name, page: destinations[name] ?? null };
    }
    if (value instanceof PDFArray) {
      const i = refs.indexOf(value.get(0) as PDFRef);
      return { page: i >= 0 ? i + 1 : null };
    }
    return { page: null };
  };
  const texts = pageTexts(file, doc.getPageCount());
  const words = bboxWords(file);
  const pages = doc.getPages().map((page, i) => {
    const height = page.getHeight();
    const { x: left, y: bottom } = page.getCropBox();
    const links: PageRead["links"] = [];
    for (const ref of page.node.Annots()?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of("Subtype"))?.toString() !== "/Link") continue;
      const action = annot.lookupMaybe(PDFName.of("A"), PDFDict);
      const target = pageOf(annot.get(PDFName.of("Dest")) ?? action?.get(PDFName.of("D")));
      const [x0, y0, x1, y1] = annot
        .lookup(PDFName.of("Rect"), PDFArray)
        .asArray()
        .map((n) => (n instanceof PDFNumber ? n.asNumber() : 0));
      const top = bottom + page.getCropBox().height;
      links.push({
        ...target,
        box: {
          xMin: Math.min(x0, x1) - left,
          xMax: Math.max(x0, x1) - left,
          yMin: top - Math.max(y0, y1),
          yMax: top - Math.min(y0, y1),
        },
      });
    }
    return { number: i + 1, height, text: texts[i] ?? "", words: words[i] ?? [], links };
  });
  const outline: PdfRead["outline"] = [];
  const walk = (first: PDFDict | undefined, level: number) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const title = item.lookup(PDFName.of("Title"));
      const action = item.lookupMaybe(PDFName.of("A"), PDFDict);
      const { page } = pageOf(item.get(PDFName.of("Dest")) ?? action?.get(PDFName.of("D")));
      outline.push({
        title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : "",
        page,
        level,
      });
      walk(item.lookupMaybe(PDFName.of("First"), PDFDict), level + 1);
    }
  };
  walk(doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict), 1);
  const lang = doc.catalog.lookup(PDFName.of("Lang"));
  return {
    pages,
    destinations,
    info: readInfo(file),
    lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
    outline,
    fonts: readFonts(file),
  };
}

/** pdfinfo -dests: `   5 [ XYZ 54 502 null ] "ch-01-before"` after a header line. */
function readDestinations(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of run("pdfinfo", ["-dests", file]).split("\n")) {
    const m = /^\s*(\d+)\s+\[[^\]]*\]\s+"(.*)"$/.exec(line);
    if (m) out[m[2]] = Number(m[1]);
  }
  return out;
}

function readInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run("pdfinfo", ["-enc", "UTF-8", file]).split("\n")) {
    const m = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/**
 * pdffonts: name (without the subset tag), type, embedded; it prints name, type, encoding, emb, sub, uni,
 * object, and the type may be two words ("Type 3", "CID TrueType").
 */
export function readFonts(file: string): PdfRead["fonts"] {
  return run("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter((l) => l.trim() !== "")
    .map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!m) throw new Error(`pdffonts printed a line this reader does not know: ${line}`);
      return { name: m[1].replace(/^[A-Z]{6}\+/, ""), type: m[2], embedded: m[4] === "yes" };
    });
}

/** pdftotext's text of each page (pages end with a form feed). */
function pageTexts(file: string, count: number): string[] {
  const pages = run("pdftotext", ["-enc", "UTF-8", file, "-"])
    .replace(/\u00AD/g, "")
    .split("\f");
  return pages.slice(0, count);
}

/** pdftotext -bbox: every word of every page with its box. */
export function bboxWords(file: string): Word[][] {
  const html = run("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"]);
  return html
    .split(/<page /)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({
          text: decodeHTML(m[5]).replace(/\u00AD/g, ""),
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
        }),
      ),
    );
}

/**
 * The words inside a box grown by `slack` points: across, the whole word; down, its middle. A word's box runs
 * from its font's ascent to its descent, which for some fonts (Noto Serif KR) reach past the line's own box.
 */
export function wordsIn(page: PageRead, box: Omit<Word, "text">, slack = 1): Word[] {
  return page.words.filter((w) => {
    const middle = (w.yMin + w.yMax) / 2;
    return (
      w.xMin >= box.xMin - slack &&
      w.xMax <= box.xMax + slack &&
      middle >= box.yMin - slack &&
      middle <= box.yMax + slack
    );
  });
}

/** The page's lines: words grouped by their baseline (yMax, within 2 pt), top to bottom, left to right. */
export function linesOf(page: PageRead): Word[][] {
  const lines: Word[][] = [];
  for (const w of [...page.words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin)) {
    const line = lines.find((l) => Math.abs(l[0].yMax - w.yMax) <= 2);
    if (line) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.xMin - b.xMin));
}

/** The folio: a number alone on the page's lowest line, in its bottom tenth; undefined on a page without. */
export function folioOf(page: PageRead): number | undefined {
  const lowest = linesOf(page).at(-1);
  if (!lowest || lowest[0].yMax < page.height * 0.9 || lowest.length !== 1 || !/^\d+$/.test(lowest[0].text))
    return undefined;
  return Number(lowest[0].text);
}

/** The images drawn on a page (pdfimages -list): their pixels and their resolution where they are placed. */
export function imagesOn(file: string, page: number): { width: number; height: number; xPpi: number; yPpi: number }[] {
  return run("pdfimages", ["-list", "-f", String(page), "-l", String(page), file])
    .split("\n")
    .slice(2)
    .filter((l) => /^\s*\d/.test(l))
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[2] === "image")
    .map((c) => ({ width: Number(c[3]), height: Number(c[4]), xPpi: Number(c[12]), yPpi: Number(c[13]) }));
}

/**
 * The text inside a box of a page, as pdftotext reads it when cropped to the box (at 720 dpi, so that the box's
 * edges fall within a tenth of a point). A character the box only touches may come with it.
 */
export function textIn(file: string, page: number, box: Omit<Word, "text">): string {
  const at = (v: number) => String(Math.round(v * 10));
  const size = (a: number, b: number) => String(Math.max(1, Math.round((b - a) * 10)));
  const args = [
    "-r",
    "720",
    "-f",
    String(page),
    "-l",
    String(page),
    "-x",
    at(box.xMin),
    "-y",
    at(box.yMin),
    "-W",
    size(box.xMin, box.xMax),
    "-H",
    size(box.yMin, box.yMax),
  ];
  return run("pdftotext", [...args, "-enc", "UTF-8", file, "-"])
    .replace(/[\f\n]/g, " ")
    .trim();
}
