// Reading the booklet's files back for the print tests: text items with position and direction (pdf.js),
// boxes (pdf-lib) and pixels (Poppler's pdftoppm).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { tempDir } from "../helpers/tmp.ts";

export const MM = 72 / 25.4;

export interface TextItem {
  str: string;
  /** origin of the text run in the page's coordinates */
  x: number;
  y: number;
  /** the text matrix's horizontal and vertical scale: negative when the text is turned 180° */
  a: number;
  d: number;
}

export interface PageText {
  width: number;
  height: number;
  items: TextItem[];
}

let pdfjs: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;

/** pdf.js (the legacy build for Node 20) with its worker run in this thread: one copy per test process. */
function loadPdfJs() {
  pdfjs ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    // @ts-expect-error the worker module has no type declarations
    g.pdfjsWorker ??= await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })();
  return pdfjs;
}

export async function readText(bytes: Uint8Array): Promise<PageText[]> {
  const { getDocument } = await loadPdfJs();
  // pdf.js takes the buffer over: give it a copy
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: PageText[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const it of content.items) {
      if (!("str" in it) || !it.str.trim()) continue;
      const [a, , , d, x, y] = it.transform as number[];
      items.push({ str: it.str, x, y, a, d });
    }
    const [x0, y0, x1, y1] = page.view;
    pages.push({ width: x1 - x0, height: y1 - y0, items });
  }
  await doc.destroy();
  return pages;
}

/** The words of some text items, in order, without soft hyphens: what a reader reads. */
export const words = (items: TextItem[]) =>
  items
    .map((i) => i.str)
    .join(" ")
    .replace(/\u00ad/g, "")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");

/** The characters of some text items without any spacing: for files whose producers split runs differently. */
export const letters = (items: TextItem[]) =>
  items
    .map((i) => i.str)
    .join("")
    .replace(/[\s\u00ad]/g, "");

/**
 * The folio of a page: a number alone, within 15 mm of the page's bottom edge (`bottom`, in the PDF's
 * coordinates; for a page turned 180° its bottom edge is at the top of the sheet).
 */
export function folio(items: TextItem[], bottom: number, turned = false): string | undefined {
  const found = items.filter(
    (i) =>
      /^\d+$/.test(i.str.trim()) && (turned ? bottom - i.y : i.y - bottom) >= 0 && Math.abs(i.y - bottom) < 15 * MM,
  );
  return found.length === 1
    ? found[0].str.trim()
    : found.length > 1
      ? `several: ${found.map((f) => f.str).join(",")}`
      : undefined;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function boxes(
  bytes: Uint8Array,
): Promise<{ media: Box; crop: Box; bleed: Box; trim: Box; rotation: number }[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPages().map((p) => ({
    media: p.getMediaBox(),
    crop: p.getCropBox(),
    bleed: p.getBleedBox(),
    trim: p.getTrimBox(),
    rotation: p.getRotation().angle,
  }));
}

/**
 * A grey-level picture of a region of a page (0 black … 255 white), rendered by pdftoppm at `dpi`, with the
 * region given in points from the page's bottom-left corner.
 */
export function greyRegion(
  file: string,
  page: number,
  dpi: number,
  region: { x: number; y: number; width: number; height: number },
  pageHeight: number,
): { at(xPt: number, yPt: number): number; darkest(x0: number, y0: number, x1: number, y1: number): number } {
  const px = (pt: number) => Math.round((pt / 72) * dpi);
  const dir = tempDir("booklet-grey-");
  try {
    const top = pageHeight - (region.y + region.height);
    execFileSync("pdftoppm", [
      "-gray",
      "-r",
      String(dpi),
      "-f",
      String(page),
      "-l",
      String(page),
      "-x",
      String(px(region.x)),
      "-y",
      String(px(top)),
      "-W",
      String(px(region.width)),
      "-H",
      String(px(region.height)),
      file,
      path.join(dir, "r"),
    ]);
    const out = fs.readdirSync(dir).find((f) => f.endsWith(".pgm"))!;
    const pgm = fs.readFileSync(path.join(dir, out));
    // P5 header: "P5\n<w> <h>\n<max>\n" then one byte per pixel
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString("latin1"))!;
    const w = Number(header[1]);
    const h = Number(header[2]);
    const data = pgm.subarray(header[0].length);
    const get = (ix: number, iy: number) =>
      data[Math.min(h - 1, Math.max(0, iy)) * w + Math.min(w - 1, Math.max(0, ix))];
    // points in page coordinates to pixels in the region
    const toPx = (xPt: number, yPt: number) => [
      Math.floor(((xPt - region.x) / 72) * dpi),
      Math.floor(((region.y + region.height - yPt) / 72) * dpi),
    ];
    return {
      at: (xPt, yPt) => {
        const [ix, iy] = toPx(xPt, yPt);
        return get(ix, iy);
      },
      darkest: (x0, y0, x1, y1) => {
        const [ax, ay] = toPx(x0, y1);
        const [bx, by] = toPx(x1, y0);
        let min = 255;
        for (let iy = ay; iy <= by; iy++) for (let ix = ax; ix <= bx; ix++) min = Math.min(min, get(ix, iy));
        return min;
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
