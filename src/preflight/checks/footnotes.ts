// Footnotes: each footnote call is a link to its note (Paged.js's "#note-<uuid>"); the note must be on the
// call's own page.
import { type Check, type Finding, outcome } from "../finding.ts";
import { type InspectedPage, itemsIn, type Link } from "../inspect.ts";

/** Paged.js names each note's element "note-<uuid>"; Chromium turns the call's href into a named destination. */
export const NOTE_DEST = /^note-/;

export const footnotes: Check = (pdf, context) => {
  const failures: { page: number; message: string }[] = [];
  let calls = 0;
  for (const page of pdf.pages) {
    let before: Link | undefined;
    for (const link of page.links) {
      if (!link.dest || !NOTE_DEST.test(link.dest)) continue;
      calls++;
      const previous = before;
      before = link;
      if (link.page === page.number) continue;
      const call = callName(page, link);
      failures.push({
        page: page.number,
        message:
          link.page === null
            ? `page ${page.number}: the call of ${call} leads nowhere (its note is not in the PDF)`
            : `page ${page.number}: ${call} is called here but its note is on page ${link.page}${crowdedOut(page, link, previous)}`,
      });
    }
  }
  const findings: Finding[] = outcome(
    "footnotes.same-page",
    failures,
    calls ? `all ${calls} footnotes on the page of their call` : "no footnote calls",
  );
  if (context.expected) {
    const want = context.expected.notes;
    findings.push(
      ...outcome(
        "footnotes.all-linked",
        calls === want
          ? []
          : [
              {
                message: `the document has ${want} footnotes but the PDF has ${calls} footnote calls: ${calls < want ? "some notes were not laid out as notes (Paged.js 0.4.3 can lose a short note whose call shares a line with a call of a very long note: end the paragraph after the long note, or split its citations)" : "some calls are duplicated"}`,
              },
            ],
        `${calls} footnote calls for ${want} footnotes`,
      ),
    );
  }
  return findings;
};

/** "footnote 6", as the call is printed, or "a footnote" when no number is drawn there. */
function callName(page: InspectedPage, link: Link): string {
  const number = itemsIn(page, link.rect)
    .map((i) => i.text.trim())
    .join("");
  return number ? `footnote ${number}` : "a footnote";
}

/**
 * Why a note can be on no page of its call: the note called just before it on the same line begins on this
 * page, and when it fills the page, the notes after it begin on the next page whatever the layout.
 */
function crowdedOut(page: InspectedPage, link: Link, previous: Link | undefined): string {
  if (previous?.page !== page.number) return "";
  const sameLine = Math.abs(previous.rect.y0 - link.rect.y0) < Math.min(previous.rect.height, link.rect.height) / 2;
  if (!sameLine) return "";
  const other = callName(page, previous);
  return (
    `; ${other}, called just before it on the same line, begins on this page, and when it fills the page no ` +
    `note called after it can begin here. Call the two notes in different sentences, or shorten ${other}`
  );
}
