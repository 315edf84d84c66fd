// Print, PDF/X: no page uses transparency (PDF/X-1a forbids it; Ghostscript would turn the page into a bitmap).
import { type Check, outcome, skipped } from "../finding.ts";

export const transparency: Check = (pdf, context) => {
  if (!context.print?.pdfx) return skipped("print.no-transparency", "PDF/X not asked for");
  const failures = pdf.pages
    .filter((p) => p.transparency.length)
    .map((p) => ({
      page: p.number,
      message: `page ${p.number} uses transparency: ${p.transparency.slice(0, 3).join("; ")}`,
    }));
  return outcome("print.no-transparency", failures, "no transparency");
};
