// Printer's marks drawn as plain PDF operators: crop marks around a trim box, fold and trim ticks on a sheet.
import { type PDFArray, PDFDict, type PDFDocument, PDFName, type PDFPage } from "pdf-lib";
import { type Box, MM } from "../shared/index.ts";

/** Crop marks start this far outside the bleed, so that none reaches into it (the bleed is cut off). */
export const MARK_GAP = 1 * MM;
export const MARK_LENGTH = 5 * MM;
/** The room a crop mark needs beyond the bleed: gap, length and a little paper. */
export const MARK_ROOM = MARK_GAP + MARK_LENGTH + 1 * MM;
/** 0.25 pt: the usual hairline of crop marks. */
const STROKE = 0.25;

const n = (v: number) => (Math.round(v * 1000) / 1000).toString();
const line = (x1: number, y1: number, x2: number, y2: number) => `${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`;

/**
 * The eight crop marks of a page: at each corner two lines continuing the trim edges, starting `offset`
 * outside the trim box (the bleed plus a gap).
 */
export function cropMarkLines(trim: Box, offset: number, length = MARK_LENGTH): string[] {
  const { x0, y0, x1, y1 } = trim;
  const a = offset;
  const b = offset + length;
  return [
    line(x0 - b, y0, x0 - a, y0),
    line(x0, y0 - b, x0, y0 - a), // bottom left
    line(x1 + a, y0, x1 + b, y0),
    line(x1, y0 - b, x1, y0 - a), // bottom right
    line(x0 - b, y1, x0 - a, y1),
    line(x0, y1 + a, x0, y1 + b), // top left
    line(x1 + a, y1, x1 + b, y1),
    line(x1, y1 + a, x1, y1 + b), // top right
  ];
}

/**
 * Adds the registration colour to a page's resources: the Separation "All", which a RIP puts on every
 * plate (ISO 32000-1, 8.6.6.4), so that crop marks show on each separation.
 */
function registrationColourSpace(doc: PDFDocument, page: PDFPage): string {
  const name = "BookletAll";
  const resources = page.node.Resources() ?? doc.context.obj({});
  page.node.set(PDFName.of("Resources"), resources);
  const spaces = resources.lookupMaybe(PDFName.of("ColorSpace"), PDFDict) ?? doc.context.obj({});
  resources.set(PDFName.of("ColorSpace"), spaces);
  if (!spaces.has(PDFName.of(name))) {
    const tint = doc.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 });
    const cs = doc.context.obj([PDFName.of("Separation"), PDFName.of("All"), PDFName.of("DeviceCMYK"), tint]);
    spaces.set(PDFName.of(name), cs as PDFArray);
  }
  return name;
}

/** Strokes the lines over everything else on the page, in registration colour or in plain black. */
export function drawMarks(options: {
  doc: PDFDocument;
  page: PDFPage;
  lines: string[];
  colour: "registration" | "black";
}): void {
  const { doc, page } = options;
  if (options.lines.length === 0) return;
  const colour = options.colour === "registration" ? `/${registrationColourSpace(doc, page)} CS 1 SCN` : "0 G";
  const ops = ["q", colour, `${STROKE} w`, "0 J", "[] 0 d", ...options.lines, "Q"].join("\n");
  page.node.addContentStream(doc.context.register(doc.context.flateStream(ops)));
}
