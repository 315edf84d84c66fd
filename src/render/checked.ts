// A layout checked for lost text, and laid out again with the paragraphs' last lines kept together when
// Paged.js lost some.
import { BookletError } from "../errors/index.ts";
import { chapterLocation } from "./page-faults.ts";
import { layOut, type RunOptions } from "./page-run.ts";
import type { LostText, Paginated, PaginateOptions } from "./types.ts";

/** One layout, laid out again when it lost text (see paginate, paginate.ts); an error when it still does. */
export async function layOutChecked<T = Paginated>(
  options: PaginateOptions,
  html: string,
  run: RunOptions<T>,
): Promise<T> {
  const first = await layOut(options, html, options.safetyNet !== false && "placement", run);
  if (!isLost(first)) return first;
  const chapters = [...new Set(first.lost.map((l) => l.chapter))];
  const line = `Paged.js ${describeLost(first.lost)}: laid out again, keeping the last lines of each paragraph together in ${chapters.map((c) => c || "the front matter").join(", ")}`;
  options.warn?.(line);
  run.onAgain?.(chapters, line);
  // a note still off its call's page is printed: the preflight's footnotes.same-page names its page
  const again = await layOut(options, keepLinesTogether(html, chapters), "text", run);
  if (!isLost(again)) return again;
  const chapter = again.lost[0].chapter;
  throw new BookletError(
    "TextLost",
    `Paged.js ${describeLost(again.lost)}, even when laid out again with the paragraphs' last lines kept together${chapter ? ` in the chapter ${chapter}` : ""}. Shorten the long notes there, move a note call that shares a line with another, or reword a sentence repeated many times in a row.`,
    chapterLocation(chapter, options.doc.contentDir),
  );
}

export function isLost<T>(r: T | { lost: LostText[] }): r is { lost: LostText[] } {
  return typeof r === "object" && r !== null && "lost" in r;
}

/**
 * "lost a note of ch-02-night (“…”)", "printed part of a paragraph of … twice" when the pages hold more, or
 * "put a note of … on another page than its call".
 */
function describeLost(lost: LostText[]): string {
  const first = lost[0];
  const what = `${first.kind === "block" ? "a paragraph" : "a note"}${first.chapter ? ` of ${first.chapter}` : ""}`;
  const how =
    first.kind === "note-page"
      ? `put ${what} on another page than its call`
      : first.printed > first.expected
        ? `printed part of ${what} twice`
        : `lost ${what}`;
  const more = lost.length > 1 ? ` (and ${lost.length - 1} more piece${lost.length > 2 ? "s" : ""} of text)` : "";
  return `${how} (“${first.text.slice(0, 60)}…”)${more}`;
}

/** The chapters' sections marked so that booklet.css keeps the last lines of their paragraphs together. */
export function keepLinesTogether(html: string, chapters: string[]): string {
  let out = html;
  for (const id of chapters.filter(Boolean)) {
    out = out.replace(
      new RegExp(`<section\\b[^>]*\\bid="${id.replace(/[^\w-]/g, "")}"`),
      (m) => `${m} data-keep-lines`,
    );
  }
  return out;
}
