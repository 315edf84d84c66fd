// Keep with next: no page ends with a heading whose text starts on the next page.

import { count } from "../../shared/count.ts";
import { type Check, outcome, skipped } from "../finding.ts";

const HEADING = /^H[1-6]?$/;

export const keep: Check = (pdf) => {
  if (pdf.pages.every((p) => p.flow === null))
    return skipped("keep.heading-at-foot", "the PDF is not tagged: its blocks cannot be told apart");
  const failures: { page: number; message: string }[] = [];
  // the running blocks: text, and images (a Figure holds no text, but a heading is kept with one)
  const running = (n: number) =>
    pdf.pages[n - 1]?.flow?.filter((r) => !r.note && (r.text.trim() || r.block === "Figure")) ?? [];
  // the last page ends the booklet: a heading there has nothing to keep with; nor has a heading that ends its
  // chapter, when the next page is blank or opens a chapter (its number, then its H1)
  for (const page of pdf.pages.slice(0, -1)) {
    const last = running(page.number).at(-1);
    const next = running(page.number + 1);
    const opensChapter = next.length === 0 || next.slice(0, 2).some((r) => r.block === "H1");
    if (last?.block && HEADING.test(last.block) && !opensChapter) {
      failures.push({
        page: page.number,
        message: `page ${page.number} ends with the heading “${last.text
          .replace(/\u00AD/g, "")
          .replace(/\s+/g, " ")
          .trim()}”; its text starts on page ${page.number + 1}`,
      });
    }
  }
  return outcome("keep.heading-at-foot", failures, `no page ends with a heading (${count(pdf.pageCount, "page")})`);
};
