// Nothing dropped: every paragraph, heading, list item, table cell, caption and footnote of the HTML document
// is in the PDF's text. Paged.js can silently leave out what it cannot lay out (pagedjs issue 274): a line
// or a box taller than the page disappears with its text, and the build would otherwise not notice.
import { outcome, skipped, type Check } from "../finding.ts";
import { readable, skeleton } from "../text.ts";

/** How far past one piece of a split text its next piece may start: a page's notes, foot and head. */
const WINDOW = 8000;
/** A text may be cut by this many page breaks (a long paragraph over three pages is cut twice). */
const MAX_PIECES = 4;
/** The next text is looked for first from this far before the last one found to this far after it. */
const NEAR_BEFORE = 4000;
const NEAR_AFTER = 30000;

export const complete: Check = (pdf, context) => {
  const expected = context.expected;
  if (!expected) return skipped("text.complete", "no HTML document to compare with (booklet preflight --html FILE)");
  // the whole PDF as one skeleton, and where each page starts in it
  const starts: number[] = [];
  let all = "";
  for (const page of pdf.pages) {
    starts.push(all.length);
    all += comparable(page.text);
  }
  const pageAt = (index: number) => {
    let p = 0;
    while (p + 1 < starts.length && starts[p + 1] <= index) p++;
    return p + 1;
  };

  const failures: { page?: number; message: string }[] = [];
  let checked = 0;
  // where the last text was found: the next is looked for near it first (the PDF keeps the HTML's order,
  // but for the notes, which go to the foot of their page), then anywhere (a repeated table header)
  let cursor = 0;
  let lastPage: number | undefined;
  for (const block of expected.blocks) {
    const missing: string[] = [];
    for (const segment of block.segments) {
      const want = comparable(segment);
      if (want === "") continue;
      checked++;
      const near = Math.max(0, cursor - NEAR_BEFORE);
      const nearEnd = find(all, want, near, Math.min(all.length, cursor + NEAR_AFTER));
      const end = nearEnd >= 0 ? nearEnd : find(all, want, 0, all.length);
      if (end < 0) {
        missing.push(segment);
        continue;
      }
      // a text found only far away (a repeated header, a short figure) does not move the cursor back
      if (nearEnd >= 0 || (block.kind !== "note" && end > cursor)) {
        cursor = Math.max(near, end);
        lastPage = pageAt(end - 1);
      }
    }
    if (missing.length === 0) continue;
    const where = lastPage ? `after page ${lastPage}` : "before the first page's text";
    const what = block.kind === "note" ? "a footnote" : block.kind === "cell" ? "a table cell" : block.kind === "heading" ? `a heading (${block.tag})` : block.kind === "item" ? "a list item" : block.kind === "caption" ? "a caption" : `a ${block.kind === "paragraph" ? "paragraph" : `<${block.tag}>`}`;
    failures.push({ page: lastPage, message: `${what}${block.within ? ` in #${block.within}` : ""} is missing from the PDF (${where}): “${readable(missing.join(" … "))}”` });
  }
  return outcome("text.complete", failures, `all ${checked} pieces of text of the HTML are in the PDF`);
};

/**
 * The skeleton without the letters that Chromium may draw as one ligature glyph (ff, fi, fl, ffi, ffl):
 * it sometimes maps such a glyph to no character ("o\u0000ce"), which text.extractable reports; here the
 * word still counts as present.
 */
export function comparable(text: string): string {
  return skeleton(text).replace(/ff[il]?|f[il]/g, "");
}

/**
 * Finds `want` in `all`, starting between `from` and `to`; returns where the match ends, or -1. A text cut
 * by page breaks is found in pieces: its longest prefix that occurs, then the rest shortly after it.
 */
export function find(all: string, want: string, from: number, to: number): number {
  const hay = all.slice(from, Math.min(all.length, to + want.length));
  const end = findIn(hay, want, hay.length - want.length, 1, { calls: 400 });
  return end < 0 ? -1 : from + end;
}

/** `want` starting at or before `last` in `hay`; each further piece within WINDOW after the one before. */
function findIn(hay: string, want: string, last: number, pieces: number, budget: { calls: number }): number {
  const at = hay.indexOf(want);
  if (at >= 0 && at <= last) return at + want.length;
  // a text that is not there at all would otherwise be tried in every way it could be cut
  if (pieces >= MAX_PIECES || --budget.calls < 0) return -1;
  const occurs = (k: number) => {
    const i = hay.indexOf(want.slice(0, k));
    return i >= 0 && i <= last;
  };
  // the longest prefix that occurs (a shorter prefix occurs wherever a longer one does)
  let lo = 0;
  let hi = want.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (occurs(mid)) lo = mid;
    else hi = mid - 1;
  }
  // the longest prefix may run on by chance into the page's foot, or match elsewhere (a table cell that
  // repeats the words before the page break: "Killed in Neftçala and Lənkəran" for a paragraph cut after
  // "In Neftçala and"): try shorter cuts as well, within the budget
  for (let k = lo; k >= Math.max(1, lo - 60); k--) {
    const prefix = want.slice(0, k);
    const rest = want.slice(k);
    let tries = 0;
    for (let i = hay.indexOf(prefix); i >= 0 && i <= last && tries < 8; i = hay.indexOf(prefix, i + 1), tries++) {
      const window = hay.slice(i + k, i + k + WINDOW + rest.length);
      const end = findIn(window, rest, WINDOW, pieces + 1, budget);
      if (end >= 0) return i + k + end;
    }
  }
  return -1;
}
