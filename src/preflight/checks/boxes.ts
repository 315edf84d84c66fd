// Print: on every page the TrimBox is the trimmed page size and the BleedBox exceeds it by the bleed on every
// side, inside the MediaBox.

import { type SizedBox as Box, MM } from "../../shared/index.ts";
import { type Check, outcome, skipped } from "../finding.ts";

/** pdf-lib writes the boxes exactly; Chromium's own sizes are off by up to 0.5 pt (1/300 in rounding) */
const TOLERANCE = 0.05;

const mm = (pt: number) => (pt / MM).toFixed(2);
const size = (b: Box) => `${mm(b.width)} × ${mm(b.height)} mm`;

export const boxes: Check = (pdf, context) => {
  const print = context.print;
  if (!print) return skipped("print.boxes", "not a print file");
  const w = print.trim.width * MM;
  const h = print.trim.height * MM;
  const bleed = print.bleed * MM;
  const trim: { page: number; message: string }[] = [];
  const bleeds: { page: number; message: string }[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE;
  for (const page of pdf.pages) {
    const t = page.trimBox;
    if (!t) {
      trim.push({ page: page.number, message: `page ${page.number} has no TrimBox` });
      continue;
    }
    if (!close(t.width, w) || !close(t.height, h))
      trim.push({
        page: page.number,
        message: `page ${page.number}: the TrimBox is ${size(t)}, not ${print.trim.width} × ${print.trim.height} mm`,
      });
    const b = page.bleedBox;
    if (!b) {
      bleeds.push({ page: page.number, message: `page ${page.number} has no BleedBox` });
      continue;
    }
    const sides = { left: t.x0 - b.x0, right: b.x1 - t.x1, bottom: t.y0 - b.y0, top: b.y1 - t.y1 };
    const wrong = Object.entries(sides).filter(([, v]) => !close(v, bleed));
    if (wrong.length)
      bleeds.push({
        page: page.number,
        message: `page ${page.number}: the bleed is ${wrong.map(([k, v]) => `${mm(v)} mm ${k}`).join(", ")}, not ${print.bleed} mm`,
      });
    const m = page.mediaBox;
    if (b.x0 < m.x0 - TOLERANCE || b.y0 < m.y0 - TOLERANCE || b.x1 > m.x1 + TOLERANCE || b.y1 > m.y1 + TOLERANCE)
      bleeds.push({
        page: page.number,
        message: `page ${page.number}: the BleedBox reaches outside the MediaBox (${size(m)})`,
      });
  }
  return [
    ...outcome("print.trim-box", trim, `every TrimBox is ${print.trim.width} × ${print.trim.height} mm`),
    ...outcome("print.bleed-box", bleeds, `every BleedBox is the trim plus ${print.bleed} mm on every side`),
  ];
};
