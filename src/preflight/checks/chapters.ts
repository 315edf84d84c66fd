// Chapters start on right-hand pages: odd page numbers, page 1 being the cover, a right-hand page.

import { count } from "../../shared/index.ts";
import { type Check, outcome, skipped } from "../finding.ts";
import { skeleton } from "../text.ts";

export const chapters: Check = (pdf, context) => {
  // only the HTML says which sections are chapters: the contents also lists the back matter, which may
  // start on either side (the colophon follows the sources on the next page)
  if (!context.expected)
    return skipped(
      "chapters.right-hand",
      "no HTML document to say which sections are chapters (booklet preflight --html FILE)",
    );
  const failures: { page?: number; message: string }[] = [];
  const starts: { title: string; page: number | null }[] = [];
  // the PDF says where their ids are (named destinations) or, failing that, where their bookmarks lead
  for (const ch of context.expected.chapters) {
    const bookmark = pdf.outline.find((o) => skeleton(o.title) === skeleton(ch.title));
    starts.push({ title: ch.title, page: pdf.destinations[ch.id] ?? bookmark?.page ?? null });
  }
  if (starts.length === 0)
    return skipped("chapters.right-hand", "the HTML has no chapters (sections of class chapter)");
  for (const s of starts) {
    if (s.page === null)
      failures.push({ message: `the chapter “${s.title}” is not found in the PDF (no destination and no bookmark)` });
    else if (s.page % 2 === 0)
      failures.push({ page: s.page, message: `the chapter “${s.title}” starts on page ${s.page}, a left-hand page` });
  }
  return outcome(
    "chapters.right-hand",
    failures,
    `${count(starts.length, "chapter")}, each starting on a right-hand page`,
  );
};
