// Plain formatting of CSL-JSON fields (names, dates) for the citation and bibliography partials.
import type { CslItem, CslName } from "../content/index.ts";

/** The words of the booklet's language that the references use. */
export interface CslWords {
  /** the names before the last, and the last: "A, B and C" */
  and(first: string, last: string): string;
  /** a source without a date: "n.d." */
  undated: string;
}

const ENGLISH: CslWords = { and: (first, last) => `${first} and ${last}`, undated: "n.d." };

export function formatNames(names: CslName[] | undefined, words: CslWords = ENGLISH): string {
  if (!names || names.length === 0) return "";
  const one = (n: CslName) => n.literal ?? [n.given, n.family].filter(Boolean).join(" ");
  const all = names.map(one).filter(Boolean);
  if (all.length < 2) return all.join("");
  return words.and(all.slice(0, -1).join(", "), all[all.length - 1]);
}

/** "January 2016", "20 January 2024", "2016"; "n.d." when the date is unknown. */
export function formatIssued(item: CslItem, language: string, words: CslWords = ENGLISH): string {
  const issued = item.issued;
  if (!issued) return words.undated;
  if (issued.literal) return issued.literal;
  const parts = issued["date-parts"]?.[0]?.map(Number);
  if (!parts || parts.length === 0 || Number.isNaN(parts[0])) return words.undated;
  const [y, m, d] = parts;
  if (m && d) return dateFormat(language, true).format(Date.UTC(y, m - 1, d));
  if (m) return dateFormat(language, false).format(Date.UTC(y, m - 1, 1));
  return String(y);
}

/** Intl formatters are slow to make and this runs at every citation: one per language and form. */
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string, day: boolean): Intl.DateTimeFormat {
  const key = `${language} ${day}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      ...(day ? { day: "numeric" } : {}),
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    formats.set(key, format);
  }
  return format;
}

/** The short name of a source for later citations and table headings. */
export function shortTitle(item: CslItem): string {
  return item["short-title"] ?? item.publisher ?? item.title;
}
