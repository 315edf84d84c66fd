// Keep with next: no page ends with a heading whose text starts on the next page, nor with a table's caption
// or header row whose rows start there.

import { count } from "../../shared/index.ts";
import { type Check, outcome, skipped } from "../finding.ts";
import type { FlowRun } from "../inspect.ts";
import { longNoteCause } from "./filled.ts";
import { endsChapter, HEADING, running } from "./running.ts";

const CELL = /^T[HD]$/;

const words = (run: FlowRun) =>
  run.text
    .replace(/\u00AD/g, "")
    .replace(/\s+/g, " ")
    .trim();

/** What is left alone at the page's foot, away from the blocks it belongs with on the next page. */
function stranded(last: FlowRun | undefined, next: FlowRun[], page: number): string | undefined {
  if (!last?.block) return undefined;
  // a heading that ends its chapter has nothing to keep with when the next page is blank or opens a chapter
  // (its number, then its H1)
  if (HEADING.test(last.block) && !endsChapter(next))
    return `page ${page} ends with the heading “${words(last)}”; its text starts on page ${page + 1}`;
  // a caption above its table (a chart's caption is below it, and may end a page)
  const tableNext = next[0]?.block !== undefined && CELL.test(next[0].block);
  if (last.block === "Caption" && tableNext)
    return `page ${page} ends with the caption “${words(last)}”; its table starts on page ${page + 1}`;
  if (last.block === "TH" && tableNext)
    return `page ${page} ends with a table's header row (“${words(last)}”); its first row is on page ${page + 1}`;
  return undefined;
}

export const keep: Check = (pdf) => {
  if (pdf.pages.every((p) => p.flow === null))
    return skipped("keep.heading-at-foot", "the PDF is not tagged: its blocks cannot be told apart");
  const failures: { page: number; message: string }[] = [];
  // the last page ends the booklet: a heading there has nothing to keep with
  for (const page of pdf.pages.slice(0, -1)) {
    // a heading is kept with an image too: the running blocks include Figures
    const message = stranded(running(pdf, page.number).at(-1), running(pdf, page.number + 1), page.number);
    if (message) failures.push({ page: page.number, message: message + longNoteCause(pdf, page.number) });
  }
  return outcome(
    "keep.heading-at-foot",
    failures,
    `no page ends with a heading, a table's caption or its header row (${count(pdf.pageCount, "page")})`,
  );
};
