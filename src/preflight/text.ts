// Text as the checks compare it: what the reader sees, not how the PDF or the HTML happens to spell it.

/**
 * The letters and digits of a text, lower-cased, in order: nothing else. Comparing these "skeletons" makes
 * the HTML and the PDF agree whatever happened in between: soft hyphens (U+00AD) and the hyphens Chromium
 * draws where a line breaks at one, whitespace and line ends, ligatures (ﬁ), quotation marks and
 * apostrophes (’ or ʼ), dashes, accents written composed or decomposed, and `text-transform`.
 */
export function skeleton(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/ß/g, "ss")
    .replace(/\p{Lm}|[^\p{L}\p{N}]/gu, "");
}

/** Whitespace collapsed and soft hyphens removed: for messages, which quote the text as it was written. */
export function readable(text: string, max = 80): string {
  const t = text
    .replace(/\u00AD/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
