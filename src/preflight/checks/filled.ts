// No page is left nearly empty by a long note on the next: its text does not stop after a line or two. Paged.js
// 0.4.3 prints a note whole, on its call's page: a note too long to fit under its call takes the call's line
// and all the text after it to the next page, and can leave a chapter's opening page with its title and one
// line. A warning: no word is lost, but the page looks unfinished and only the text can mend it.

import type { Check, Finding } from "../finding.ts";
import type { FlowRun, InspectedPdf } from "../inspect.ts";
import { readable } from "../text.ts";

const ID = "keep.page-filled";
const HEADING = /^H[1-6]?$/;
/** a page is nearly empty below this share of the booklet's usual page (its median) */
const EMPTY_SHARE = 0.25;
/** the next page's notes are "long" from half a usual page */
const LONG_NOTES_SHARE = 0.5;
/** too few full pages to say what a usual page holds */
const FEWEST_PAGES = 3;

const characters = (runs: FlowRun[]) => runs.reduce((n, r) => n + r.text.replace(/\s+/g, "").length, 0);

/** What a page holds, in characters (headings apart), and whether its chapter goes on over the page. */
interface Fill {
  page: number;
  body: number;
  notes: number;
  figure: boolean;
  goesOn: boolean;
}

function fills(pdf: InspectedPdf): Fill[] {
  const running = (n: number) =>
    pdf.pages[n - 1]?.flow?.filter((r) => !r.note && (r.text.trim() || r.block === "Figure")) ?? [];
  return pdf.pages.map((page) => {
    const here = running(page.number);
    const next = running(page.number + 1);
    return {
      page: page.number,
      body: characters(here.filter((r) => !HEADING.test(r.block ?? ""))),
      notes: characters(page.flow?.filter((r) => r.note) ?? []),
      figure: here.some((r) => r.block === "Figure"),
      // a blank next page, or one that opens a chapter (its number, then its H1), ends this one's
      goesOn: next.length > 0 && !next.slice(0, 2).some((r) => r.block === "H1"),
    };
  });
}

/** The median characters of the pages whose chapter goes on over the page: what a full page holds here. */
function usualPage(all: Fill[]): number | undefined {
  const full = all
    .filter((f) => f.goesOn && f.body > 0)
    .map((f) => f.body + f.notes)
    .sort((a, b) => a - b);
  return full.length < FEWEST_PAGES ? undefined : full[Math.floor(full.length / 2)];
}

/**
 * Why the text left `page` early, when the next page's notes say it: a note too long to print whole under
 * its call. Also used by keep.heading-at-foot, which a note called in a chapter's first line causes.
 */
export function longNoteCause(pdf: InspectedPdf, page: number): string {
  const all = fills(pdf);
  const usual = usualPage(all);
  const next = all[page];
  if (!usual || !next || next.notes < usual * LONG_NOTES_SHARE) return "";
  return (
    `; page ${page + 1} holds ${next.notes.toLocaleString("en")} characters of notes: a note is printed whole on ` +
    "the page of its call, so a note too long to fit under its call takes the call's line, and the text " +
    "after it, to the next page. Shorten or split the long note, or call it later in the text"
  );
}

export const filled: Check = (pdf) => {
  if (pdf.pages.every((p) => p.flow === null))
    return [{ id: ID, status: "skip", message: "the PDF is not tagged: its text cannot be told from its notes" }];
  const all = fills(pdf);
  const usual = usualPage(all);
  if (usual === undefined)
    return [{ id: ID, status: "skip", message: `fewer than ${FEWEST_PAGES} full pages to compare with` }];
  // a page of headings alone is keep.heading-at-foot's; a figure fills a page without characters. Only a
  // long note on the next page says why the text left early: a page before a back cover, or before a table
  // too tall for it, may be short by design
  const empty = all.filter(
    (f, i) =>
      f.goesOn &&
      f.body > 0 &&
      !f.figure &&
      f.body + f.notes < usual * EMPTY_SHARE &&
      (all[i + 1]?.notes ?? 0) >= usual * LONG_NOTES_SHARE,
  );
  if (empty.length === 0)
    return [{ id: ID, status: "pass", message: "no page is left nearly empty by a long note on the next" }];
  return empty.map((f): Finding => {
    const text = pdf.pages[f.page - 1].flow?.filter((r) => !r.note && !HEADING.test(r.block ?? "")) ?? [];
    const words = readable(text.map((r) => r.text).join(" "), Number.MAX_SAFE_INTEGER).split(" ");
    const last = `${words.length > 8 ? "…" : ""}${words.slice(-8).join(" ")}`;
    return {
      id: ID,
      status: "warn",
      page: f.page,
      message:
        `page ${f.page} is nearly empty: its text stops after “${last}” (${f.body} characters, where a full page ` +
        `holds about ${usual.toLocaleString("en")}) and continues on page ${f.page + 1}${longNoteCause(pdf, f.page)}`,
    };
  });
};
