// The text can be read back: every glyph drawn as text maps to a character. Chromium writes U+0000 into the
// font's ToUnicode map for some ligature glyphs (ff, ffi in the shipped fonts, where no soft hyphen splits
// the letters), so "office" reads "o?ce" to search, copy and screen readers. A warning: the page looks right.
import type { Check } from "../finding.ts";

/** A glyph that maps to no character: NUL, the replacement character, or a private-use code point. */
const UNMAPPED_CHARACTERS = "[\\u0000\\uFFFD\\uE000-\\uF8FF]";
const UNMAPPED = new RegExp(UNMAPPED_CHARACTERS, "u");
const UNMAPPED_ALL = new RegExp(UNMAPPED_CHARACTERS, "gu");
const WORD_UNMAPPED = new RegExp(`[^\\s]*${UNMAPPED_CHARACTERS}[^\\s]*`, "gu");

export const extractable: Check = (pdf) => {
  const problems: { page: number; message: string }[] = [];
  for (const page of pdf.pages) {
    const words = new Set<string>();
    // the page's text, not its items: pdf.js often makes the unmapped glyph an item of its own
    if (UNMAPPED.test(page.text)) {
      for (const m of page.text.matchAll(WORD_UNMAPPED))
        words.add(m[0].replace(UNMAPPED_ALL, "�").replace(/\u00AD/g, ""));
    }
    if (words.size) {
      const shown = [...words]
        .slice(0, 5)
        .map((w) => `“${w}”`)
        .join(", ");
      problems.push({
        page: page.number,
        message: `page ${page.number}: ${words.size === 1 ? "a word reads" : `${words.size} words read`} ${shown} in the PDF's text: a glyph maps to no character (a ligature, usually), so search, copy and screen readers lose it`,
      });
    }
  }
  if (problems.length === 0)
    return [{ id: "text.extractable", status: "pass", message: "every glyph of the text maps to a character" }];
  return problems.map((p) => ({ id: "text.extractable", status: "warn", ...p }));
};
