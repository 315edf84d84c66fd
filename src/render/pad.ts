// Pads the page count to a multiple of 4, 8 or 16 for saddle stitching: blank (or "Notes") pages go in front
// of the back cover, so that every folio stays as it is and the back cover stays the last page. The pages are
// laid out with the rest (their markup and style are here); pdf/pad.ts adds blank ones to a finished PDF.
import { BookletError } from "../errors/index.ts";
import { escapeHtml } from "../shared/index.ts";
import type { PageLayout } from "./types.ts";

/** How many pages to add so that `pages` becomes a multiple of `padTo`. */
export function paddingCount(pages: number, padTo: number): number {
  return (padTo - (pages % padTo)) % padTo;
}

/** The id of the n-th added page's section (1-based), which the layout check looks for. */
export const notesId = (n: number) => `booklet-notes-${n}`;

/**
 * The added pages' style: a section per page with a page break before it, in a named page without running
 * heads or folios; with a title, ruled for writing, the title styled like the contents'. The first breaks to
 * the side of the page the back cover had (its class says which), so that in a layout of the whole document
 * with them it takes that page and keeps any blank page in front of it (a back cover with
 * `break-before: left` after a right-hand page that ends the text has a blank right-hand page before it, and
 * the added pages come after that blank). Every layout has this style (layoutCss): the pages can then be
 * added in the page after the layout (page-handlers.js, bookletAddPages), and a layout with them in its HTML
 * has the same stylesheets as the one without, so that a layout by chapter finds the chapters before them in
 * its cache.
 */
export const NOTES_CSS = `
.booklet-notes-page { page: booklet-notes; break-before: page; }
.booklet-notes-first.booklet-notes-from-left { break-before: left; }
.booklet-notes-first.booklet-notes-from-right { break-before: right; }
@page booklet-notes {
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
.booklet-notes-title { text-indent: 0; text-align: left; }
.booklet-notes-rule { height: 8mm; border-bottom: 0.4pt solid #9a9a9a; }
.booklet-notes-blank { height: 1px; }
`;

/**
 * The added pages' markup: a section each, titled and ruled, or blank; the first breaks to `firstSide`, the
 * side of the page the back cover had (NOTES_CSS).
 */
export function notesHtml(options: {
  count: number;
  title?: string;
  pageHeightMm: number;
  firstSide: "left" | "right";
}): string {
  const { count, title } = options;
  // 8 mm rules below the title, leaving room for any page margins up to 45 mm top and bottom together
  const rules = Math.max(0, Math.floor((options.pageHeightMm - 45 - 45) / 8));
  const sections: string[] = [];
  for (let i = 1; i <= count; i++) {
    const body = title
      ? `<p class="contents-title booklet-notes-title">${escapeHtml(title)}</p>${'<div class="booklet-notes-rule"></div>'.repeat(rules)}`
      : `<div class="booklet-notes-blank"></div>`;
    const first = i === 1 ? ` booklet-notes-first booklet-notes-from-${options.firstSide}` : "";
    sections.push(
      `<section class="booklet-notes-page${first}" id="${notesId(i)}" aria-hidden="true">${body}</section>\n`,
    );
  }
  return sections.join("");
}

/** The side of the last page (the back cover's), which the first added page takes. */
export function lastSide(pages: PageLayout[]): "left" | "right" {
  return pages[pages.length - 1]?.side === "left" ? "left" : "right";
}

/** Inserts `insert` in front of the section that begins the last page (the back cover). */
export function insertBeforeLastPage(options: { html: string; pages: PageLayout[]; insert: string }): string {
  const last = options.pages[options.pages.length - 1];
  const id = last?.starts[0];
  const at = id
    ? new RegExp(`<section\\b[^>]*\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`).exec(options.html)
    : null;
  if (!id || !at) {
    throw new BookletError(
      "PrintLayoutDiffers",
      `The last page${last ? ` (page ${last.number})` : ""} does not begin a section of its own, such as the back cover, so the added pages have no place in front of it.`,
    );
  }
  return options.html.slice(0, at.index) + options.insert + options.html.slice(at.index);
}

/**
 * The print version must have the screen PDF's pages, the added ones in front of the last: the same
 * chapters starting on the same pages, the same notes, the same blank pages and sides.
 */
export function checkSameLayout(options: { screen: PageLayout[]; print: PageLayout[]; added: number }): void {
  const { screen, print, added } = options;
  const sig = (p: PageLayout) => JSON.stringify({ starts: p.starts, notes: p.notes, blank: p.blank, side: p.side });
  const problems: string[] = [];
  if (print.length !== screen.length + added)
    problems.push(`it has ${print.length} pages, the screen PDF ${screen.length} and ${added} added`);
  else {
    const last = screen.length - 1;
    for (let i = 0; i < last; i++)
      if (sig(screen[i]) !== sig(print[i]))
        problems.push(`page ${i + 1} differs: ${sig(print[i])} instead of ${sig(screen[i])}`);
    for (let k = 0; k < added; k++) {
      const p = print[last + k];
      if (!p.starts.includes(notesId(k + 1)))
        problems.push(`page ${last + k + 1} should be added page ${k + 1}, but it holds ${JSON.stringify(p.starts)}`);
    }
    if (sig(screen[last]) !== sig(print[last + added]))
      problems.push(`the last page differs: ${sig(print[last + added])} instead of ${sig(screen[last])}`);
  }
  if (problems.length)
    throw new BookletError(
      "PrintLayoutDiffers",
      `The print version's pages do not match the screen PDF's: ${problems.slice(0, 3).join("; ")}.`,
    );
}
