// Moving a page's drawing: its links and the destinations that point into it (bookmarks, notes, contents)
// move with it, so that a link stays on its text and a jump lands where it did.
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRef } from "pdf-lib";
import type { Box } from "../shared/index.ts";

/**
 * Moves the drawing of every page so that the top-left corner Chromium laid it out from lands at (left, top),
 * clipped to `clip`; links and destinations move with it. Chromium rounds the page size (A5 plus 3 mm bleed
 * comes out 437.04 x 612 pt, not 436.54 x 612.28), so the move is measured from the height it gave the pages
 * (every page of a Paged.js document has the same size). The print PDF and the screen PDF both place it so.
 */
export function placeDrawing(doc: PDFDocument, options: { left: number; top: number; clip: Box }): void {
  const pages = doc.getPages();
  if (pages.length === 0) return;
  const dx = options.left;
  const dy = options.top - pages[0].getMediaBox().height;
  const { x0, y0, x1, y1 } = options.clip;
  const start = doc.context.register(
    doc.context.stream(`q ${x0} ${y0} ${x1 - x0} ${y1 - y0} re W n 1 0 0 1 ${dx} ${dy} cm\n`),
  );
  const end = doc.context.register(doc.context.stream("\nQ\n"));
  for (const page of pages) {
    page.node.normalize();
    page.node.wrapContentStreams(start, end);
    shiftAnnotations(doc, page.node.Annots(), dx, dy);
  }
  shiftDestinations(doc, dx, dy);
}

/** Links keep pointing at their text: their rectangles move with the content. */
function shiftAnnotations(doc: PDFDocument, annots: PDFArray | undefined, dx: number, dy: number) {
  if (!annots) return;
  for (let i = 0; i < annots.size(); i++) {
    const annot = doc.context.lookupMaybe(annots.get(i), PDFDict);
    if (!annot) continue;
    for (const key of ["Rect", "QuadPoints"]) {
      const arr = annot.lookupMaybe(PDFName.of(key), PDFArray);
      if (arr) shiftPairs(arr, 0, arr.size(), dx, dy);
    }
  }
}

function shiftPairs(arr: PDFArray, from: number, to: number, dx: number, dy: number) {
  for (let i = from; i < to; i++) {
    const v = arr.get(i);
    if (v instanceof PDFNumber) arr.set(i, PDFNumber.of(v.asNumber() + (i % 2 === 0 ? dx : dy)));
  }
}

const DEST_KINDS = new Set(["XYZ", "FitH", "FitBH", "FitV", "FitBV", "FitR"]);

/**
 * Bookmarks and named destinations ([page /XYZ left top zoom] …) move with the content. A destination is the
 * only array that starts with a page reference and one of these names, so a walk over every object finds
 * them all (outline items, the /Dests dictionary, link actions) without knowing where Chromium put them.
 */
function shiftDestinations(doc: PDFDocument, dx: number, dy: number) {
  const pageRefs = new Set(doc.getPages().map((p) => p.ref.toString()));
  const seen = new Set<PDFObject>();
  const visit = (obj: PDFObject | undefined) => {
    if (!obj || seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFArray) {
      const first = obj.get(0);
      const kind = obj.get(1);
      if (
        first instanceof PDFRef &&
        pageRefs.has(first.toString()) &&
        kind instanceof PDFName &&
        DEST_KINDS.has(kind.decodeText())
      ) {
        shiftDestination(obj, kind.decodeText(), dx, dy);
        return;
      }
      for (let i = 0; i < obj.size(); i++) visit(obj.get(i));
    } else if (obj instanceof PDFDict) {
      for (const [, v] of obj.entries()) visit(v);
    }
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj);
}

function shiftDestination(dest: PDFArray, kind: string, dx: number, dy: number) {
  const add = (i: number, d: number) => {
    const v = dest.get(i);
    if (v instanceof PDFNumber) dest.set(i, PDFNumber.of(v.asNumber() + d));
  };
  if (kind === "XYZ") {
    add(2, dx);
    add(3, dy);
  } else if (kind === "FitH" || kind === "FitBH") add(2, dy);
  else if (kind === "FitV" || kind === "FitBV") add(2, dx);
  else if (kind === "FitR") {
    add(2, dx);
    add(3, dy);
    add(4, dx);
    add(5, dy);
  }
}
