// Print: every image has at least the print resolution (300 dpi) at the size it is placed.

import { MM } from "../../shared/index.ts";
import { type Check, outcome, skipped } from "../finding.ts";

export const images: Check = (pdf, context) => {
  const print = context.print;
  if (!print) return skipped("print.image-resolution", "not a print file");
  const failures: { page: number; message: string }[] = [];
  let count = 0;
  for (const page of pdf.pages) {
    for (const img of page.images) {
      count++;
      const dpi = Math.min(img.dpiX, img.dpiY);
      if (dpi + 0.5 < print.minDpi) {
        failures.push({
          page: page.number,
          message: `page ${page.number}: an image of ${img.pixelWidth} × ${img.pixelHeight} px is placed at ${(img.placedWidth / MM).toFixed(1)} × ${(img.placedHeight / MM).toFixed(1)} mm, ${Math.round(dpi)} dpi; print needs ${print.minDpi}`,
        });
      }
    }
  }
  return outcome(
    "print.image-resolution",
    failures,
    count ? `${count} images, all at ${print.minDpi} dpi or more` : "no images",
  );
};
