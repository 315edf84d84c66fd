// The web edition: the booklet's HTML document as one self-contained file (styles, fonts and images inside as
// data: URLs) that reads well without pages: the page-bottom notes become numbered notes after each chapter.
import fs from "node:fs";
import path from "node:path";
import type { RenderedDocument } from "../document/index.ts";
import { FONT_PREFIX, fontFile } from "../document/index.ts";
import { BookletError } from "../errors/index.ts";
import { contentRef } from "../files.ts";
import type { Messages } from "../i18n/index.ts";

export interface HtmlOptions {
  document: RenderedDocument;
  /** the folder relative image paths come from */
  contentDir: string;
  /** the booklet's fixed text: the heading of a chapter's notes and the link back to the text */
  messages: Messages;
}

const MIME: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
};

export function renderHtml(options: HtmlOptions): string {
  const { messages } = options;
  let html = footnotesToEndnotes(
    options.document.html,
    messages.format("web.notesHeading"),
    messages.format("web.backToText"),
  );
  html = html.replace(/<img\b[^>]*>/g, (tag) =>
    tag.replace(/\bsrc="([^"]*)"/, (_m, src: string) => `src="${dataUrl(src, options.contentDir)}"`),
  );
  // the code points the text uses: only the font subsets that draw them are put in the file
  const used = codePoints(html + WEB_CSS);
  const styles = options.document.styles;
  html = html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>\s*/g, (tag) => {
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1] ?? "";
    const css = styles.get(`/${href.replace(/^\/+/, "")}`);
    if (css === undefined)
      throw new BookletError("MissingFile", `The document links the stylesheet "${href}", which it does not have.`);
    return `<style>\n${inlineCss(css, used, options.contentDir)}</style>\n`;
  });
  html = html.replace(/<\/head>/, `<style>\n${WEB_CSS}</style>\n</head>`);
  if (!/<meta name="viewport"/.test(html))
    html = html.replace(
      /<meta charset="utf-8">/i,
      (m) => `${m}\n<meta name="viewport" content="width=device-width, initial-scale=1">`,
    );
  return html;
}

/** A file of the content folder (an image's src, a url() in a stylesheet) as a data: URL. */
function dataUrl(ref: string, contentDir: string): string {
  if (/^(data:|#)/.test(ref)) return ref;
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//")) {
    throw new BookletError(
      "RemoteResource",
      `The document asks for "${ref}", which is not inside the project; the web edition must be self-contained.`,
    );
  }
  // the content's font files are named from the tokens stylesheet, one folder down: ../_content/fonts/X.ttf
  const rel = decodeURI(ref.split(/[?#]/)[0])
    .replace(/^\/+/, "")
    .replace(/^(\.\.\/)?_content\//, "");
  // the same rule as the servers': inside the content folder, also where a symbolic link leads
  const r = contentRef(rel, contentDir);
  if ("problem" in r) throw new BookletError(r.problem.kind, r.problem.message);
  const mime = MIME[path.extname(r.file).toLowerCase()] ?? "application/octet-stream";
  return `data:${mime};base64,${fs.readFileSync(r.file).toString("base64")}`;
}

/** Fonts and other url()s inside; @font-face rules whose unicode-range draws none of `used` are left out. */
function inlineCss(css: string, used: Set<number>, contentDir: string): string {
  const kept = css.replace(/(?:\/\*[^*]*\*\/\s*)?@font-face\s*\{[^}]*\}\s*/g, (rule) => {
    const range = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
    return range && !rangeUses(range, used) ? "" : rule;
  });
  return kept.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (_m, _q, ref: string) => {
    if (ref.startsWith(FONT_PREFIX)) {
      const file = fontFile(ref);
      if (!file || !fs.existsSync(file))
        throw new BookletError(
          "MissingFile",
          `The font ${ref} is not installed (npm ci installs the @fontsource packages).`,
        );
      return `url(data:${MIME[path.extname(file)] ?? "font/woff2"};base64,${fs.readFileSync(file).toString("base64")})`;
    }
    return `url(${dataUrl(ref, contentDir)})`;
  });
}

function codePoints(text: string): Set<number> {
  const decoded = text
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)));
  const set = new Set<number>();
  for (const ch of decoded) set.add(ch.codePointAt(0)!);
  return set;
}

/** Whether a CSS unicode-range ("U+0000-00FF,U+0131,U+1E??") holds any of the code points. */
function rangeUses(range: string, used: Set<number>): boolean {
  return range.split(",").some((part) => {
    const p = part.trim().replace(/^U\+/i, "");
    let lo: number;
    let hi: number;
    if (p.includes("?")) {
      lo = parseInt(p.replace(/\?/g, "0"), 16);
      hi = parseInt(p.replace(/\?/g, "F"), 16);
    } else {
      const [a, b] = p.split("-");
      lo = parseInt(a, 16);
      hi = b ? parseInt(b, 16) : lo;
    }
    for (const cp of used) if (cp >= lo && cp <= hi) return true;
    return false;
  });
}

interface Note {
  n: string;
  body: string;
  id: string;
}

/**
 * `<span class="fn" data-n="3">…</span>` (a page-bottom note, `float: footnote` in print) becomes a numbered
 * call linking to the note, and the notes of each chapter (the outermost section) a list after it.
 */
export function footnotesToEndnotes(html: string, heading: string, backLabel: string): string {
  const tag = /<(\/?)(section|span)\b([^>]*)>/gi;
  const out: string[] = [];
  const sections: { id: string; notes: Note[] }[] = [];
  const loose: Note[] = [];
  const used = new Set<string>();
  let at = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [, close, nameRaw, attrs] = m;
    const name = nameRaw.toLowerCase();
    if (name === "section" && !close) {
      sections.push({ id: /\bid="([^"]*)"/.exec(attrs)?.[1] ?? `section-${sections.length + 1}`, notes: [] });
    } else if (name === "section" && close) {
      // notes belong to the outermost section (the chapter): its end is where they go
      const section = sections.pop();
      if (section?.notes.length && sections.length === 0) {
        out.push(html.slice(at, m.index), notesList(section.notes, heading, backLabel));
        at = m.index;
      }
    } else if (name === "span" && !close && /\bclass="([^"]*\s)?fn(\s[^"]*)?"/.test(attrs)) {
      const end = closingSpan(html, tag.lastIndex);
      const n = /\bdata-n="([^"]*)"/.exec(attrs)?.[1] ?? String(sections[0]?.notes.length ?? loose.length + 1);
      const owner = sections[0]?.id ?? "text";
      let id = `${owner}-${n}`;
      for (let k = 2; used.has(id); k++) id = `${owner}-${n}-${k}`;
      used.add(id);
      const note = { n, body: html.slice(tag.lastIndex, end), id };
      (sections[0]?.notes ?? loose).push(note);
      out.push(
        html.slice(at, m.index),
        `<a class="fn-ref" id="fnref-${id}" href="#fn-${id}" role="doc-noteref"><sup>${n}</sup></a>`,
      );
      at = end + "</span>".length;
      tag.lastIndex = at;
    }
  }
  out.push(html.slice(at));
  let result = out.join("");
  if (loose.length) result = result.replace(/<\/body>/i, `${notesList(loose, heading, backLabel)}</body>`);
  return result;
}

/** The index of the `</span>` that closes the span whose content starts at `from`. */
function closingSpan(html: string, from: number): number {
  const re = /<(\/?)span\b[^>]*>/gi;
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return m.index;
  }
  throw new BookletError("Internal", "A note's <span> is never closed in the document.");
}

function notesList(notes: Note[], heading: string, backLabel: string): string {
  const items = notes.map(
    (n) =>
      `<li id="fn-${n.id}" value="${n.n}" role="doc-endnote">${n.body} <a class="fn-back" href="#fnref-${n.id}" role="doc-backlink" aria-label="${backLabel}">↑</a></li>`,
  );
  return `<aside class="notes" role="doc-endnotes"><p class="notes-heading">${heading}</p><ol>\n${items.join("\n")}\n</ol></aside>\n`;
}

/**
 * The web edition's own style, after the booklet's: one readable column in rem units in place of the
 * printed sizes in points; the pages' fixed heights and page breaks do not apply on a screen.
 */
const WEB_CSS = `/* the web edition: one column, no pages */
html { font-size: 18px; line-height: 1.6; background: #fdfcf9; }
body { max-width: 36rem; margin: 0 auto; padding: 0 1.25rem 4rem; }
p { text-indent: 0; margin: 0 0 0.8em; }
.cover, .back-cover { height: auto; min-height: 26rem; margin: 0 -1.25rem; padding: 2.5rem 2rem; background: var(--accent); }
.back-cover { margin-top: 4rem; }
.cover-title { font-size: 2.5rem; line-height: 1.15; }
.cover-subtitle { font-size: 1.2rem; line-height: 1.45; }
.cover-edition, .cover-publisher, .back-line, .back-publisher { font-size: 0.75rem; line-height: 1.5; }
.back-dates { font-size: 1.25rem; }
.cover-rule { margin: 1.4rem 0 1.2rem; }
.title-page { padding-top: 3rem; }
.tp-title { font-size: 2rem; line-height: 1.2; }
.tp-subtitle { font-size: 1.15rem; line-height: 1.45; }
.tp-occasion, .tp-publisher { font-size: 0.9rem; line-height: 1.5; }
.tp-publisher { margin-top: 2rem; }
.contents-title { font-size: 1.35rem; line-height: 1.3; margin: 3rem 0 1rem; }
.toc-chapter { font-size: 1rem; }
.toc a { text-decoration: none; }
.toc a:hover .toc-text { text-decoration: underline; }
.chapter, .back-matter { margin-top: 4.5rem; }
.chapter-head { margin: 0 0 2rem; }
.chapter-number { font-size: 0.8rem; }
.chapter-title { font-size: 1.85rem; line-height: 1.2; }
h2 { font-size: 1.15rem; line-height: 1.4; margin: 2rem 0 0.5rem; }
h3 { font-size: 1rem; line-height: 1.4; margin: 1.5rem 0 0.4rem; }
blockquote { font-size: 0.95rem; line-height: 1.55; margin: 1rem 1.5rem; }
ul, ol { margin: 0 0 0.8em; }
figure { margin: 1.5rem 0; overflow-x: auto; }
figure.data-table figcaption, figure.chart figcaption { font-size: 0.8rem; line-height: 1.45; margin-bottom: 0.4rem; }
table { font-size: 0.8rem; line-height: 1.4; }
th, td { padding: 0.25rem 0.4rem; }
.bibliography, .colophon { font-size: 0.9rem; line-height: 1.5; }
.bib-short { font-size: 0.85rem; }
a.fn-ref { text-decoration: none; color: var(--accent); }
a.fn-ref sup { font-size: 0.68em; line-height: 0; font-variant-numeric: lining-nums; padding-left: 0.05em; }
.notes { margin-top: 2rem; padding-top: 0.6rem; border-top: 1px solid #c8c8c8; font-size: 0.85rem; line-height: 1.5; }
.notes-heading { font-family: "Source Sans 3", sans-serif; font-weight: 600; color: var(--accent); margin-bottom: 0.4rem; }
.notes ol { padding-left: 1.8rem; }
.notes li { margin-bottom: 0.35rem; text-align: left; }
.notes li:target { background: #f3ede0; }
a.fn-back { text-decoration: none; color: var(--accent); }
.fn-sep { font-size: 0.68em; vertical-align: super; line-height: 0; }
`;
