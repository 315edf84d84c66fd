// Chapters start on right-hand pages: odd page numbers, page 1 being the cover, a right-hand page.
import { outcome, skipped, type Check } from "../finding.ts";
import { contentsEntries } from "../layout.ts";
import { skeleton } from "../text.ts";

export const chapters: Check = (pdf, context) => {
  const failures: { page?: number; message: string }[] = [];
  const starts: { title: string; page: number | null }[] = [];
  if (context.expected) {
    // the HTML says which sections are chapters; the PDF where their ids are (or, failing that, their bookmark)
    for (const ch of context.expected.chapters) {
      const bookmark = pdf.outline.find((o) => skeleton(o.title) === skeleton(ch.title));
      starts.push({ title: ch.title, page: pdf.destinations[ch.id] ?? bookmark?.page ?? null });
    }
  } else {
    // without the HTML, every entry of the contents is taken for a chapter
    for (const e of contentsEntries(pdf)) starts.push({ title: e.title, page: e.target });
  }
  if (starts.length === 0) return skipped("chapters.right-hand", "no chapters: the HTML names none and no page reads “Contents”");
  for (const s of starts) {
    if (s.page === null) failures.push({ message: `the chapter “${s.title}” is not found in the PDF (no destination and no bookmark)` });
    else if (s.page % 2 === 0) failures.push({ page: s.page, message: `the chapter “${s.title}” starts on page ${s.page}, a left-hand page` });
  }
  return outcome("chapters.right-hand", failures, `${starts.length} chapters, each starting on a right-hand page`);
};
