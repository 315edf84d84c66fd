// Paginates one HTML document with Paged.js inside Chromium and prints it to PDF bytes: whole, in one run
// (page-run.ts, checked.ts), or in parts (in-parts.ts).
import { layOutChecked } from "./checked.ts";
import { paginateInParts } from "./in-parts.ts";
import { printPadded } from "./page-run.ts";
import { splitDocument } from "./parts.ts";
import type { Paginated, PaginateOptions } from "./types.ts";

/**
 * Lays the document out and checks, in the page, that every note and block of text of Paged.js's source
 * is in the pages once: Paged.js 0.4.3 can lose text around long notes that booklet's patches do not yet
 * catch. When some is lost, the chapters concerned are laid out again keeping the last lines of their
 * paragraphs together (the line with a note's call then goes to the next page with the lines before it);
 * when text is still lost, the build stops naming the chapter. A document that loses nothing is laid out
 * once, as before.
 */
export async function paginate(options: PaginateOptions): Promise<Paginated> {
  const parts = options.inParts ? splitDocument(options.doc.html) : undefined;
  // a whole layout adds the pages a saddle-stitched booklet needs in its page; a layout in parts, only when one
  // run lays out every part (a join leaves them to the caller)
  if (!parts) return layOutChecked(options, options.doc.html, { finish: printPadded });
  return paginateInParts(options, parts);
}
