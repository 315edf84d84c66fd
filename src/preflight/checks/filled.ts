// No page is left nearly empty by a long note on the next: its text does not stop after a line or two. Every
// note begins on its call's page. A long note begins under its call and goes on over the page (patch 099),
// but not when another note is called after it on the same line: that note would begin on the next page, so
// the line and all the text after it go there, and can leave a chapter's opening page with its title and one
// line. A warning: no word is lost, but the page looks unfinished and only the text can mend it.

import type { Check, Finding } from "../finding.ts";
import type { FlowRun, InspectedPdf } from "../inspect.ts";
import { readable } from "../text.ts";
import { endsChapter, HEADING, running } from "./running.ts";

const ID = "keep.page-filled";
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

/** Every page's fill, and the characters of a usual page (undefined when too few pages are full). */
function measure(pdf: InspectedPdf): { all: Fill[]; usual?: number } {
  const all = pdf.pages.map((page) => {
    const here = running(pdf, page.number);
    return {
      page: page.number,
      body: characters(here.filter((r) => !HEADING.test(r.block ?? ""))),
      notes: characters(page.flow?.filter((r) => r.note) ?? []),
      figure: here.some((r) => r.block === "Figure"),
      goesOn: !endsChapter(running(pdf, page.number + 1)),
    };
  });
  // the median of the pages whose chapter goes on over the page: what a full page holds here
  const full = all
    .filter((f) => f.goesOn && f.body > 0)
    .map((f) => f.body + f.notes)
    .sort((a, b) => a - b);
  return { all, usual: full.length < FEWEST_PAGES ? undefined : full[Math.floor(full.length / 2)] };
}

/** The page after `page`, when its notes are long enough to have taken the text's end away from `page`. */
function longNotesAfter(all: Fill[], usual: number | undefined, page: number): Fill | undefined {
  const next = all[page];
  return usual !== undefined && next && next.notes >= usual * LONG_NOTES_SHARE ? next : undefined;
}

const because = (next: Fill) =>
  `; page ${next.page} holds ${next.notes.toLocaleString("en")} characters of notes: every note begins on ` +
  "its call's page, so a line whose notes cannot all begin under it (a long note, and another called after " +
  "it on the same line) goes on to the next page with the text after it. Shorten the long note, call the " +
  "notes in different sentences, or call them later in the text";

/**
 * Why the text left `page` early, when the next page's notes say it: a line whose notes could not all begin
 * under it. For keep.heading-at-foot, which such a line in a chapter's first lines causes.
 */
export function longNoteCause(pdf: InspectedPdf, page: number): string {
  const { all, usual } = measure(pdf);
  const next = longNotesAfter(all, usual, page);
  return next ? because(next) : "";
}

export const filled: Check = (pdf) => {
  if (pdf.pages.every((p) => p.flow === null))
    return [{ id: ID, status: "skip", message: "the PDF is not tagged: its text cannot be told from its notes" }];
  const { all, usual } = measure(pdf);
  if (usual === undefined)
    return [{ id: ID, status: "skip", message: `fewer than ${FEWEST_PAGES} full pages to compare with` }];
  // a page of headings alone is keep.heading-at-foot's; a figure fills a page without characters. Only a
  // long note on the next page says why the text left early: a page before a back cover, or before a table
  // too tall for it, may be short by design
  const findings: Finding[] = [];
  for (const f of all) {
    if (!f.goesOn || f.body === 0 || f.figure || f.body + f.notes >= usual * EMPTY_SHARE) continue;
    const next = longNotesAfter(all, usual, f.page);
    if (next) findings.push({ id: ID, status: "warn", page: f.page, message: nearlyEmpty(pdf, f, usual, next) });
  }
  if (findings.length) return findings;
  return [{ id: ID, status: "pass", message: "no page is left nearly empty by a long note on the next" }];
};

function nearlyEmpty(pdf: InspectedPdf, f: Fill, usual: number, next: Fill): string {
  const text = pdf.pages[f.page - 1].flow?.filter((r) => !r.note && !HEADING.test(r.block ?? "")) ?? [];
  const words = readable(text.map((r) => r.text).join(" "), Number.MAX_SAFE_INTEGER).split(" ");
  const last = `${words.length > 8 ? "…" : ""}${words.slice(-8).join(" ")}`;
  return (
    `page ${f.page} is nearly empty: its text stops after “${last}” (${f.body} characters, where a full page ` +
    `holds about ${usual.toLocaleString("en")}) and continues on page ${next.page}${because(next)}`
  );
}
