// The contents page: each entry's printed number equals the page its link leads to, and that page shows the
// entry's heading.
import { type Check, outcome, skipped } from "../finding.ts";
import { contentsEntries, contentsPages, pageHasHeading, runningTextSize } from "../layout.ts";

export const contents: Check = (pdf, context) => {
  // found by its links, not its heading's words: the heading is in the booklet's language
  const targets = context.expected?.contents;
  if (context.expected && !targets) return skipped("contents.page-numbers", "the HTML has no contents (nav.contents)");
  const pages = contentsPages(pdf, targets);
  if (pages.length === 0)
    return skipped(
      "contents.page-numbers",
      targets
        ? "no page links to the places the HTML's contents lists"
        : "no page links forward to two places of the booklet or more",
    );
  const entries = contentsEntries(pdf, targets);
  const numbers: { page: number; message: string }[] = [];
  const headings: { page: number; message: string }[] = [];
  const body = runningTextSize(pdf.pages);
  if (entries.length === 0)
    numbers.push({ page: pages[0].number, message: "the contents page has no entries that link into the booklet" });
  for (const e of entries) {
    const name = `“${e.title}”`;
    if (e.target === null) {
      numbers.push({ page: e.page, message: `contents entry ${name} links nowhere in the PDF` });
      continue;
    }
    if (e.printed === null)
      numbers.push({
        page: e.page,
        message: `contents entry ${name} shows no page number (its link leads to page ${e.target})`,
      });
    else if (e.printed !== e.target)
      numbers.push({
        page: e.page,
        message: `contents entry ${name} says page ${e.printed} but its link leads to page ${e.target}`,
      });
    const target = pdf.pages[e.target - 1];
    if (target && !pageHasHeading(target, e.title, body))
      headings.push({
        page: e.target,
        message: `contents entry ${name} leads to page ${e.target}, which has no heading ${name}`,
      });
  }
  return [
    ...outcome(
      "contents.page-numbers",
      numbers,
      `${entries.length} contents entries, each number equal to its link's page`,
    ),
    ...outcome("contents.headings", headings, `each contents entry leads to a page with its heading`),
  ];
};
