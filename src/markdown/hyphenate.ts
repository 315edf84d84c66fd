// Build-time hyphenation: soft hyphens from the `hyphen` package's patterns for the document's language
// (Debian's Chromium has no hyphenation dictionaries, so CSS `hyphens: auto` does nothing there).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
type Hyphenator = (html: string, options?: { minWordLength?: number }) => string;
const cache = new Map<string, Hyphenator | null>();

/** The hyphenator for a BCP 47 tag (en-GB → en-gb, then en), or null when the package has no patterns. */
export function hyphenatorFor(language: string): Hyphenator | null {
  const tag = language.toLowerCase();
  if (cache.has(tag)) return cache.get(tag)!;
  const root = path.dirname(require.resolve("hyphen/package.json"));
  const candidates = [tag, tag.split("-")[0], tag.split("-")[0] === "en" ? "en-us" : ""].filter(Boolean);
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

/** Hyphenates the text of an HTML fragment, leaving tags, attributes and inline SVG alone. */
export function hyphenateHtml(html: string, language: string): string {
  const h = hyphenatorFor(language);
  if (!h) return html;
  // keep SVG (chart labels: positioned, not flowed) and headings untouched: a heading is not justified,
  // and Chromium copies its soft hyphens into the PDF's bookmarks ("A move\u00ADment takes shape")
  const parts = html.split(/(<svg[\s\S]*?<\/svg>|<h[1-6][\s>][\s\S]*?<\/h[1-6]>)/);
  return parts.map((part) => (/^<(svg|h[1-6])[\s>]/.test(part) ? part : h(part))).join("");
}
