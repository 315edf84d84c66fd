// Post-processes the printed PDF with pdf-lib: exact page boxes, document metadata, language, fixed dates.
import { PDFDict, type PDFDocument, PDFName, type PDFPage } from "pdf-lib";
import { BookletError } from "../errors/index.ts";
import { MM } from "../shared/index.ts";
import { type PdfMetadata, setDocumentInfo } from "./info.ts";
import { clearInvisibleActualText } from "./invisible-text.ts";
import { loadPdf, savePdf } from "./load.ts";
import { placeDrawing } from "./shift.ts";
import { canonicalStructureIds } from "./struct-ids.ts";

export interface PostprocessOptions {
  pdf: Uint8Array;
  metadata: PdfMetadata;
  /** the trimmed page size in mm: Chromium rounds page sizes to 1/300 in, so the boxes are set exactly */
  trim: { width: number; height: number };
  /** a stable document ID (hex) for reproducible builds; random otherwise */
  documentId?: string;
  /**
   * the bleed, in pt, on every side of the pages Chromium printed: the screen PDF is then the trimmed part of
   * the print layout (one layout for both, issue 7); 0 or none when the document was laid out at trim size
   */
  bleed?: number;
}

export async function postprocess(options: PostprocessOptions): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    // updateMetadata: false, or pdf-lib stamps its own producer and the current time
    doc = await loadPdf(options.pdf);
  } catch (e) {
    throw new BookletError("PdfPostprocess", "Chromium's PDF could not be read back.", { cause: e });
  }
  canonicalStructureIds(doc);
  // soft hyphens read as nothing in the text layer (search, copy, screen readers)
  clearInvisibleActualText(doc);
  const w = options.trim.width * MM;
  const h = options.trim.height * MM;
  const bleed = options.bleed ?? 0;
  if (bleed > 0) {
    // the trim's top-left corner becomes the page's, and the drawing is clipped to the trim; the bleed, at
    // least 1/300 in on every side, covers what Chromium's rounding of the page size leaves out
    placeDrawing(doc, { left: -bleed, top: h + bleed, clip: { x0: 0, y0: 0, x1: w, y1: h } });
    for (const page of doc.getPages()) setBoxes(page, w, h);
  } else
    for (const page of doc.getPages()) {
      // Chromium rounds the page down to 1/300 in (A5: 594.96 pt high, not 595.28): a box of the exact size
      // would leave a white hairline above a coloured page (the cover). Scale the page's drawing up by that
      // fraction (0.05 % for A5, invisible) so that it covers the whole trimmed page, links along with it.
      const chromium = page.getMediaBox();
      const scale = Math.max(w / chromium.width, h / chromium.height);
      if (scale > 1) {
        page.scaleContent(scale, scale);
        page.scaleAnnotations(scale, scale);
        // the drawing is anchored at the bottom left; keep its top at the page's top
        const over = chromium.height * scale - h;
        if (over > 0) page.translateContent(0, -over);
      }
      setBoxes(page, w, h);
    }
  // the same document information as the print and imposed PDFs, with the screen file's own stable ID
  setDocumentInfo({
    doc,
    metadata: options.metadata,
    documentId: options.documentId,
    variant: "screen",
    pageLayout: "TwoPageRight",
  });
  const viewer = doc.catalog.lookupMaybe(PDFName.of("ViewerPreferences"), PDFDict) ?? doc.context.obj({});
  viewer.set(PDFName.of("DisplayDocTitle"), doc.context.obj(true));
  doc.catalog.set(PDFName.of("ViewerPreferences"), viewer);
  return savePdf(doc);
}

/** The screen PDF's pages are the trimmed page: every box is the trim, Chromium's ArtBox goes. */
function setBoxes(page: PDFPage, w: number, h: number) {
  page.setMediaBox(0, 0, w, h);
  page.setCropBox(0, 0, w, h);
  page.setBleedBox(0, 0, w, h);
  page.setTrimBox(0, 0, w, h);
  page.node.delete(PDFName.of("ArtBox"));
}
