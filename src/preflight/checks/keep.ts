// Keep with next: no page ends with a heading whose text starts on the next page.
import { outcome, skipped, type Check } from "../finding.ts";
import { count } from "../../shared/count.ts";

const HEADING = /^H[1-6]?$/;

export const keep: Check = (pdf) => {
  if (pdf.pages.every((p) => p.flow === null)) return skipped("keep.heading-at-foot", "the PDF is not tagged: its blocks cannot be told apart");
  const failures: { page: number; message: string }[] = [];
  // the last page ends the booklet: a heading there has nothing to keep with
  for (const page of pdf.pages.slice(0, -1)) {
    const last = page.flow?.filter((r) => !r.note && r.text.trim()).at(-1);
    if (last?.block && HEADING.test(last.block)) {
      failures.push({ page: page.number, message: `page ${page.number} ends with the heading “${last.text.replace(/\u00AD/g, "").replace(/\s+/g, " ").trim()}”; its text starts on page ${page.number + 1}` });
    }
  }
  return outcome("keep.heading-at-foot", failures, `no page ends with a heading (${count(pdf.pageCount, "page")})`);
};
