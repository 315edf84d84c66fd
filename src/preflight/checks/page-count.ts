// Print: the page count is a multiple of the sheets' pages (4 for a saddle-stitched booklet).
import { type Check, outcome, skipped } from "../finding.ts";

export const pageCount: Check = (pdf, context) => {
  const print = context.print;
  if (!print) return skipped("print.page-count", "not a print file");
  const n = pdf.pageCount;
  const short = (print.pageMultiple - (n % print.pageMultiple)) % print.pageMultiple;
  return outcome(
    "print.page-count",
    short
      ? [
          {
            message: `${n} pages is not a multiple of ${print.pageMultiple}: ${short} blank page${short === 1 ? "" : "s"} short`,
          },
        ]
      : [],
    `${n} pages, a multiple of ${print.pageMultiple}`,
  );
};
