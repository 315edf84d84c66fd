// Build-time hyphenation: soft hyphens from the `hyphen` package's patterns for the document's language
// (Debian's Chromium has no hyphenation dictionaries, so CSS `hyphens: auto` does nothing there).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { hyphenateAzHtml } from "./hyphenate-az.ts";

const require = createRequire(import.meta.url);
type Hyphenator = (html: string, options?: { minWordLength?: number }) => string;
const cache = new Map<string, Hyphenator | null>();

/** Languages whose words are not divided at a line's end: Chinese, Japanese and Korean break between words or characters. */
const UNHYPHENATED_LANGUAGES = new Set(["ko", "ja", "zh"]);

/**
 * The hyphenator for a BCP 47 tag (en-GB → en-gb, then en), or null when the language is not hyphenated or
 * has no patterns. Azerbaijani, which has no pattern file, is hyphenated by its syllables.
 */
export function hyphenatorFor(language: string): Hyphenator | null {
  const tag = language.toLowerCase();
  if (cache.has(tag)) return cache.get(tag)!;
  const base = tag.split("-")[0];
  if (UNHYPHENATED_LANGUAGES.has(base)) return cache.set(tag, null).get(tag)!;
  if (base === "az") return cache.set(tag, hyphenateAzHtml).get(tag)!;
  const root = path.dirname(require.resolve("hyphen/package.json"));
  const candidates = [tag, base, base === "en" ? "en-us" : ""].filter(Boolean);
  let found: Hyphenator | null = null;
  for (const c of candidates) {
    if (fs.existsSync(path.join(root, c, "index.js"))) {
      const mod = require(`hyphen/${c}`) as { hyphenateHTMLSync: Hyphenator };
      found = (html: string) => mod.hyphenateHTMLSync(html, { minWordLength: 6 });
      break;
    }
  }
  cache.set(tag, found);
  return found;
}

/**
 * What is never hyphenated: SVG (chart labels: positioned, not flowed); headings (not justified, and Chromium
 * copies their soft hyphens into the PDF's bookmarks: "A move\u00ADment takes shape"); code and web
 * addresses, linked or not, where a hyphen at a line's end would read as part of the address
 * ("archive.ex-" / "ample.org"): the stylesheet breaks those where they must (overflow-wrap).
 */
const UNHYPHENATED =
  /(<svg[\s\S]*?<\/svg>|<h[1-6][\s>][\s\S]*?<\/h[1-6]>|<code[\s>][\s\S]*?<\/code>|<a\s[^>]*>\s*https?:\/\/[\s\S]*?<\/a>|(?<![="'\w/])https?:\/\/[^\s<]+)/;

/** Hyphenates the text of an HTML fragment, leaving tags, attributes and the UNHYPHENATED parts alone. */
export function hyphenateHtml(html: string, language: string): string {
  const h = hyphenatorFor(language);
  if (!h) return html;
  const parts = html.split(UNHYPHENATED);
  // split() puts the captured separators at the odd places
  return parts.map((part, i) => (i % 2 === 1 ? part : h(part))).join("");
}

/** What the build log says once about a language that is printed without hyphenation, or nothing. */
export function hyphenationNotice(language: string): string | undefined {
  if (hyphenatorFor(language)) return undefined;
  const base = language.toLowerCase().split("-")[0];
  return UNHYPHENATED_LANGUAGES.has(base)
    ? `${language}: words are not hyphenated (lines break between words or characters, as the script does)`
    : `${language}: no hyphenation patterns for this language: words are not divided at line ends`;
}
