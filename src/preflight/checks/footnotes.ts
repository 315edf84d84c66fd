// Footnotes: each footnote call is a link to its note (Paged.js's "#note-<uuid>"); the note must be on the
// call's own page.
import { type Check, type Finding, outcome } from "../finding.ts";
import { itemsIn } from "../inspect.ts";

/** Paged.js names each note's element "note-<uuid>"; Chromium turns the call's href into a named destination. */
export const NOTE_DEST = /^note-/;

export const footnotes: Check = (pdf, context) => {
  const failures: { page: number; message: string }[] = [];
  let calls = 0;
  for (const page of pdf.pages) {
    for (const link of page.links) {
      if (!link.dest || !NOTE_DEST.test(link.dest)) continue;
      calls++;
      if (link.page === page.number) continue;
      const number = itemsIn(page, link.rect)
        .map((i) => i.text.trim())
        .join("");
      const call = number ? `footnote ${number}` : "a footnote";
      failures.push({
        page: page.number,
        message:
          link.page === null
            ? `page ${page.number}: the call of ${call} leads nowhere (its note is not in the PDF)`
            : `page ${page.number}: ${call} is called here but its note is on page ${link.page}`,
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
