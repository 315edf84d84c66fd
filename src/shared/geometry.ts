// Lengths and rectangles on a PDF page, shared by the stage that writes PDFs (src/pdf) and the one that reads
// them back (src/preflight).

/** One millimetre in PDF points (1 pt = 1/72 in). */
export const MM = 72 / 25.4;

/** A rectangle in PDF points, origin at the bottom left of the page. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A rectangle read back from a PDF, with its size at hand. */
export interface SizedBox extends Box {
  width: number;
  height: number;
}
