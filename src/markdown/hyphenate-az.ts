// Azerbaijani hyphenation by its syllables: no pattern file exists for the language (neither in `hyphen`
// nor in TeX's hyph-utf8), and its syllables follow regular rules that need none. Every syllable has exactly
// one vowel; between two vowels, the last consonant before the second begins its syllable and the others stay
// with the first: a-ta, qar-daş, türk-lər, sa-at. A word is divided only between syllables, never so that one
// letter stands alone at a line's end or start.

const VOWELS = new Set([..."aıoueəiöüAIOUEƏİÖÜ"]);
/** letters left on the line, and carried to the next, at the least */
const LEFT_MIN = 2;
const RIGHT_MIN = 2;
/** shorter words are never divided */
const MIN_WORD = 6;

/** The word's syllables: "qardaşlıq" → ["qar", "daş", "lıq"]. A word without two vowels is one syllable. */
export function azSyllables(word: string): string[] {
  const letters = [...word];
  const vowels = letters.flatMap((c, i) => (VOWELS.has(c) ? [i] : []));
  const starts: number[] = [];
  for (let v = 1; v < vowels.length; v++) {
    const consonants = vowels[v] - vowels[v - 1] - 1;
    // no consonant between the vowels: the syllable begins at the vowel; else at the last consonant
    starts.push(consonants === 0 ? vowels[v] : vowels[v] - 1);
  }
  const bounds = [0, ...starts, letters.length];
  return bounds.slice(1).map((end, i) => letters.slice(bounds[i], end).join(""));
}

/** The word with soft hyphens (U+00AD) where a line may break. */
export function hyphenateAzWord(word: string): string {
  const length = [...word].length;
  if (length < MIN_WORD) return word;
  let at = 0;
  let out = "";
  for (const syllable of azSyllables(word)) {
    const n = [...syllable].length;
    if (at >= LEFT_MIN && length - at >= RIGHT_MIN) out += "\u00AD";
    out += syllable;
    at += n;
  }
  return out;
}

/**
 * The text of an HTML fragment hyphenated, its tags and entities left alone. The same interface as the
 * `hyphen` package's hyphenateHTMLSync.
 */
export function hyphenateAzHtml(html: string): string {
  return html.replace(/(<[^>]*>)|([^<]+)/g, (m, tag: string | undefined) =>
    tag ? m : m.replace(/&[#\w]+;|[\p{L}\p{M}]+/gu, (w) => (w.startsWith("&") ? w : hyphenateAzWord(w))),
  );
}
