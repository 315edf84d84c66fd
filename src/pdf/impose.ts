// Saddle-stitch imposition for an office printer: the print PDF's pages, cut to the trim, two-up on landscape
// sheets (A4 for A5), in the order that printed duplex and folded gives the booklet.
import { concatTransformationMatrix, PDFDocument, popGraphicsState, pushGraphicsState } from "pdf-lib";
import { PAGE_SIZES, type PageSizeName, pageSizeMm } from "../config/index.ts";
import { BookletError } from "../errors/index.ts";
import { MM } from "../shared/index.ts";
import type { PdfMetadata } from "./info.ts";
import { setDocumentInfo } from "./info.ts";
import { loadPdf, savePdf } from "./load.ts";
import { drawMarks, MARK_GAP, MARK_LENGTH } from "./marks.ts";
import type { PrintGeometry } from "./print.ts";

export type Duplex = "short-edge" | "long-edge";

/** The paper each page size is imposed on, landscape, in mm: the common sheet that holds two pages side by side. */
export const SHEETS: Record<PageSizeName, { name: string; width: number; height: number }> = {
  A5: { name: "A4", width: 297, height: 210 },
  A4: { name: "A3", width: 420, height: 297 },
  Letter: { name: "Tabloid", width: 431.8, height: 279.4 },
  "6x9": { name: "Tabloid", width: 431.8, height: 279.4 },
};

/** Paper a custom page is imposed on, landscape, smallest first: ISO for a size in mm, US for one in inches. */
const PAPER = {
  mm: [
    { name: "A4", width: 297, height: 210 },
    { name: "A3", width: 420, height: 297 },
    { name: "SRA3", width: 450, height: 320 },
    { name: "A2", width: 594, height: 420 },
  ],
  in: [
    { name: "Letter", width: 279.4, height: 215.9 },
    { name: "Tabloid", width: 431.8, height: 279.4 },
  ],
};

/**
 * The sheet a page size is imposed on: a preset's own, else the smallest common paper that holds two pages side
 * by side, else a sheet exactly the spread's size (a print shop cuts it from a larger one).
 */
export function sheetFor(pageSize: string): { name: string; width: number; height: number } {
  if (pageSize in PAGE_SIZES) return SHEETS[pageSize as PageSizeName];
  const page = pageSizeMm(pageSize);
  const papers = pageSize.endsWith("in") ? [...PAPER.in, ...PAPER.mm] : [...PAPER.mm, ...PAPER.in];
  const fits = papers.find((p) => p.width >= 2 * page.width - 0.01 && p.height >= page.height - 0.01);
  return (
    fits ?? {
      name: `${+(2 * page.width).toFixed(1)} x ${+page.height.toFixed(1)} mm`,
      width: 2 * page.width,
      height: page.height,
    }
  );
}

export interface SheetSide {
  /** 0 = the outermost sheet */
  sheet: number;
  side: "front" | "back";
  /** 1-based page numbers on the left and right half, as read after folding */
  left: number;
  right: number;
}

/**
 * The sides of an n-page booklet's sheets in printing order. Sheet k (0 = outermost), pages numbered from 1:
 * front [n-2k | 2k+1], back [2k+2 | n-2k-1]; 8 pages: [8|1] [2|7] / [6|3] [4|5].
 */
export function sheetSides(n: number): SheetSide[] {
  if (n <= 0 || n % 4 !== 0)
    throw new BookletError(
      "Internal",
      `A saddle-stitched booklet needs a multiple of 4 pages; the imposition was given ${n}.`,
    );
  const sides: SheetSide[] = [];
  for (let k = 0; k < n / 4; k++) {
    sides.push({ sheet: k, side: "front", left: n - 2 * k, right: 2 * k + 1 });
    sides.push({ sheet: k, side: "back", left: 2 * k + 2, right: n - 2 * k - 1 });
  }
  return sides;
}

/**
 * Whether a sheet side is drawn turned 180°. A landscape sheet printed "flip on short edge" turns over about
 * its left/right edge and its back reads the right way up; "flip on long edge" turns it over about its top
 * edge, so the back comes out upside down unless it is drawn upside down.
 */
export function rotatesBack(duplex: Duplex, side: "front" | "back"): boolean {
  return duplex === "long-edge" && side === "back";
}

/**
 * Creep: after folding, inner sheets stick out at the fore-edge. The pages of sheet k move toward the spine
 * by creep x k / (sheets - 1), the innermost by the whole creep, and the folded booklet is trimmed flush with
 * its cover.
 */
export function creepOf(sheet: number, sheets: number, creep: number): number {
  return sheets > 1 ? (creep * sheet) / (sheets - 1) : 0;
}

export interface ImposeOptions {
  /** the print PDF (single pages with bleed and exact boxes), as bytes or as the document made from them */
  print: Uint8Array | PDFDocument;
  geometry: PrintGeometry;
  /** the sheet, landscape, in mm */
  sheet: { width: number; height: number };
  duplex: Duplex;
  creepMm: number;
  /** fold marks at the spine, trim marks at the fore-edges (where each sheet is cut, with creep) */
  marks: boolean;
  metadata: PdfMetadata;
  documentId?: string;
}

const TICK = 6 * MM;
const fmt = (v: number) => (Math.round(v * 1000) / 1000).toString();

/**
 * The sheet's marks, symmetric about its centre (so the same on a turned side): the fold at the spine, and
 * the fore-edge trim of each half (moved in by the sheet's creep), as ticks above and below the spread when
 * the sheet leaves room for them, else as ticks in from the paper's edge; with room at the sides, the top
 * and bottom trim too.
 */
export function sheetMarks(o: {
  sheetWidth: number;
  sheetHeight: number;
  mx: number;
  my: number;
  creep: number;
}): string[] {
  const { sheetWidth: W, sheetHeight: H, mx, my, creep } = o;
  const room = MARK_GAP + 2 * MM;
  const line = (x1: number, y1: number, x2: number, y2: number) => `${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y2)} l S`;
  const vertical = (x: number) =>
    my >= room
      ? [
          line(x, Math.max(0, my - MARK_GAP - MARK_LENGTH), x, my - MARK_GAP),
          line(x, H - my + MARK_GAP, x, Math.min(H, H - my + MARK_GAP + MARK_LENGTH)),
        ]
      : [line(x, 0, x, TICK), line(x, H - TICK, x, H)];
  const xs = [W / 2];
  // a fore-edge on the paper's edge needs no mark
  if (mx + creep >= 1 * MM) xs.push(mx + creep, W - mx - creep);
  const lines = xs.flatMap(vertical);
  if (mx >= room) {
    for (const y of [my, H - my])
      lines.push(
        line(Math.max(0, mx - MARK_GAP - MARK_LENGTH), y, mx - MARK_GAP, y),
        line(W - mx + MARK_GAP, y, Math.min(W, W - mx + MARK_GAP + MARK_LENGTH), y),
      );
  }
  return lines;
}

export async function impose(options: ImposeOptions): Promise<{ pdf: Uint8Array; sides: SheetSide[] }> {
  const g = options.geometry;
  const source = options.print instanceof PDFDocument ? options.print : await loadPdf(options.print);
  const n = source.getPageCount();
  const sides = sheetSides(n);
  const sheets = n / 4;
  const creep = options.creepMm * MM;
  const sheetWidth = options.sheet.width * MM;
  const sheetHeight = options.sheet.height * MM;
  // the spread (two trimmed pages) in the middle of the sheet: A5 on A4 leaves 0.5 mm left and right
  const mx = (sheetWidth - 2 * g.width) / 2;
  const my = (sheetHeight - g.height) / 2;
  if (mx < -0.01 || my < -0.01)
    throw new BookletError(
      "Internal",
      `Two ${g.width.toFixed(1)} x ${g.height.toFixed(1)} pt pages do not fit on a ${sheetWidth.toFixed(1)} x ${sheetHeight.toFixed(1)} pt sheet.`,
    );

  // each page is cut to its trim, moved toward the spine by its sheet's creep (the window moves away from it)
  const boxes = new Array<{ left: number; bottom: number; right: number; top: number }>(n);
  for (const s of sides) {
    const c = creepOf(s.sheet, sheets, creep);
    const { x0, y0, x1, y1 } = g.trimBox;
    boxes[s.left - 1] = { left: x0 - c, bottom: y0, right: x1 - c, top: y1 };
    boxes[s.right - 1] = { left: x0 + c, bottom: y0, right: x1 + c, top: y1 };
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  // one call for all pages: the fonts and other shared resources are copied once
  const embedded = await doc.embedPages(source.getPages(), boxes);

  for (const s of sides) {
    const page = doc.addPage([sheetWidth, sheetHeight]);
    const turned = rotatesBack(options.duplex, s.side);
    if (turned)
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(-1, 0, 0, -1, sheetWidth, sheetHeight));
    page.drawPage(embedded[s.left - 1], { x: mx, y: my });
    page.drawPage(embedded[s.right - 1], { x: mx + g.width, y: my });
    if (turned) page.pushOperators(popGraphicsState());
    if (options.marks)
      drawMarks({
        doc,
        page,
        lines: sheetMarks({ sheetWidth, sheetHeight, mx, my, creep: creepOf(s.sheet, sheets, creep) }),
        colour: "black",
      });
  }
  setDocumentInfo({
    doc,
    metadata: options.metadata,
    titleSuffix: options.metadata.titleSuffixes?.imposed,
    documentId: options.documentId,
    variant: "imposed",
    pageLayout: "SinglePage",
  });
  return { pdf: await savePdf(doc), sides };
}
