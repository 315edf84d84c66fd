// The print PDF: Chromium's pages with bleed get exact boxes (TrimBox the trim, BleedBox and MediaBox the
// trim plus bleed), crop marks outside the bleed on request, and their own metadata.
import { type PDFDocument, PDFName } from "pdf-lib";
import { BookletError } from "../errors/index.ts";
import { type Box, MM } from "../shared/index.ts";
import type { PdfMetadata } from "./info.ts";
import { setDocumentInfo } from "./info.ts";
import { clearInvisibleActualText } from "./invisible-text.ts";
import { loadPdf, savePdf } from "./load.ts";
import { cropMarkLines, drawMarks, MARK_GAP, MARK_ROOM } from "./marks.ts";
import { placeDrawing } from "./shift.ts";
import { canonicalStructureIds } from "./struct-ids.ts";

export interface PrintGeometry {
  /** trim width and height, pt */
  width: number;
  height: number;
  /** bleed on every side, pt */
  bleed: number;
  /** room for crop marks beyond the bleed, pt (0 without marks) */
  slug: number;
  /** the page's MediaBox size: trim + 2 bleed + 2 slug */
  mediaWidth: number;
  mediaHeight: number;
  trimBox: Box;
  bleedBox: Box;
}

export function printGeometry(options: {
  trim: { width: number; height: number };
  bleedMm: number;
  marks: boolean;
}): PrintGeometry {
  const width = options.trim.width * MM;
  const height = options.trim.height * MM;
  const bleed = options.bleedMm * MM;
  const slug = options.marks ? MARK_ROOM : 0;
  const o = slug + bleed;
  return {
    width,
    height,
    bleed,
    slug,
    mediaWidth: width + 2 * o,
    mediaHeight: height + 2 * o,
    trimBox: { x0: o, y0: o, x1: o + width, y1: o + height },
    bleedBox: { x0: slug, y0: slug, x1: slug + width + 2 * bleed, y1: slug + height + 2 * bleed },
  };
}

export interface PrintPdfOptions {
  /** Chromium's PDF of the document paginated with `@page { bleed }` */
  pdf: Uint8Array;
  geometry: PrintGeometry;
  marks: boolean;
  metadata: PdfMetadata;
  documentId?: string;
}

const box = (b: Box) => [b.x0, b.y0, b.x1, b.y1] as [number, number, number, number];

/** The print PDF's bytes, and the document itself for the imposition and the screen PDF's added pages. */
export async function makePrintPdf(options: PrintPdfOptions): Promise<{ pdf: Uint8Array; doc: PDFDocument }> {
  const g = options.geometry;
  let doc: PDFDocument;
  try {
    doc = await loadPdf(options.pdf);
  } catch (e) {
    throw new BookletError("PdfPostprocess", "Chromium's print PDF could not be read back.", { cause: e });
  }
  canonicalStructureIds(doc);
  // soft hyphens read as nothing in the text layer (search, copy, screen readers)
  clearInvisibleActualText(doc);
  // the bleed box's top-left corner is where Chromium's page begins; clipped to the bleed box: Chromium's page
  // is a little larger than trim plus bleed, and nothing may reach into the marks' room
  placeDrawing(doc, { left: g.slug, top: g.slug + g.height + 2 * g.bleed, clip: g.bleedBox });
  for (const page of doc.getPages()) {
    page.setMediaBox(0, 0, g.mediaWidth, g.mediaHeight);
    page.setCropBox(0, 0, g.mediaWidth, g.mediaHeight);
    page.setBleedBox(...boxArgs(g.bleedBox));
    page.setTrimBox(...boxArgs(g.trimBox));
    page.node.delete(PDFName.of("ArtBox"));
    if (options.marks)
      drawMarks({ doc, page, lines: cropMarkLines(g.trimBox, g.bleed + MARK_GAP), colour: "registration" });
  }
  setDocumentInfo({
    doc,
    metadata: options.metadata,
    titleSuffix: options.metadata.titleSuffixes?.print,
    documentId: options.documentId,
    variant: "print",
    pageLayout: "SinglePage",
  });
  return { pdf: await savePdf(doc), doc };
}

function boxArgs(b: Box): [number, number, number, number] {
  const [x0, y0, x1, y1] = box(b);
  return [x0, y0, x1 - x0, y1 - y0];
}
