// The contents page: each entry's printed number equals the page its link leads to, and that page shows the
// entry's heading.
import { outcome, skipped, type Check } from "../finding.ts";
import { contentsEntries, contentsPages, pageHasHeading, runningTextSize } from "../layout.ts";

export const contents: Check = (pdf) => {
  if (contentsPages(pdf).length === 0) return skipped("contents.page-numbers", "no page reads “Contents”");
  const entries = contentsEntries(pdf);
  const numbers: { page: number; message: string }[] = [];
  const headings: { page: number; message: string }[] = [];
  const body = runningTextSize(pdf.pages);
  if (entries.length === 0) numbers.push({ page: contentsPages(pdf)[0].number, message: "the contents page has no entries that link into the booklet" });
  for (const e of entries) {
    const name = `“${e.title}”`;
    if (e.target === null) {
      numbers.push({ page: e.page, message: `contents entry ${name} links nowhere in the PDF` });
      continue;
    }
    if (e.printed === null) numbers.push({ page: e.page, message: `contents entry ${name} shows no page number (its link leads to page ${e.target})` });
    else if (e.printed !== e.target) numbers.push({ page: e.page, message: `contents entry ${name} says page ${e.printed} but its link leads to page ${e.target}` });
    const target = pdf.pages[e.target - 1];
    if (target && !pageHasHeading(target, e.title, body)) headings.push({ page: e.target, message: `contents entry ${name} leads to page ${e.target}, which has no heading ${name}` });
  }
  return [
    ...outcome("contents.page-numbers", numbers, `${entries.length} contents entries, each number equal to its link's page`),
    ...outcome("contents.headings", headings, `each contents entry leads to a page with its heading`),
  ];
};
