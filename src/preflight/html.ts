// What the HTML document says, for comparing with its PDF: the text of every block, the notes, the chapters.
// A small tolerant parser: the document is booklet's own output (markdown-it and Handlebars), with raw HTML
// from the content at most, so a full HTML5 parser would be a dependency for nothing.
import { VOID_ELEMENTS as VOID } from "../shared/index.ts";

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

export type BlockKind = "heading" | "paragraph" | "cell" | "item" | "caption" | "note" | "other";

export interface TextBlock {
  kind: BlockKind;
  tag: string;
  /** the block's text, cut where a footnote sits inside it (the PDF shows the call's number there) */
  segments: string[];
  /** the id of the nearest section (or other element with an id) around it */
  within?: string;
  /** where it was written, "chapters/01-road.md:12", from the nearest data-line around it (markdown/lines.ts) */
  source?: string;
}

export interface HtmlChapter {
  id: string;
  title: string;
  /** the footnotes in the chapter, in order */
  notes: number;
}

export interface ExpectedDocument {
  blocks: TextBlock[];
  /** sections with the class `chapter` (the foreword and the chapters): they start on right-hand pages */
  chapters: HtmlChapter[];
  /** every footnote in the document */
  notes: number;
  /**
   * the ids the contents links to (`nav.contents`, or an element of role doc-toc): how its page is found in
   * the PDF, whatever the language of its heading; undefined when the document has no contents
   */
  contents?: string[];
}

const RAW = new Set(["script", "style", "title", "textarea"]);
/** elements whose text is not laid out as text of the page */
const SKIP = new Set(["head", "script", "style", "template", "svg", "math", "noscript", "title", "textarea", "select"]);
/**
 * The web edition (output/html.ts) moves each note to a list after its chapter: its call becomes
 * `a.fn-ref`, the note `li[role=doc-endnote]`; the list's heading and the back links are not in the PDF.
 */
const WEB_ONLY = ["notes-heading", "fn-back"];
/** elements that open a new block of text; everything else is inline */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "html",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);
/** an open element that a new start tag closes implicitly */
const CLOSED_BY: Record<string, Set<string>> = {
  p: new Set([
    "p",
    "div",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "section",
    "nav",
    "dl",
    "hr",
  ]),
  li: new Set(["li"]),
  dt: new Set(["dt", "dd"]),
  dd: new Set(["dt", "dd"]),
  tr: new Set(["tr"]),
  td: new Set(["td", "th", "tr"]),
  th: new Set(["td", "th", "tr"]),
};

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: "#root", attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const top = () => stack[stack.length - 1];
  const re =
    /<!--[\s\S]*?-->|<![^>]*>|<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
  let last = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > last) top().children.push(decodeEntities(html.slice(last, m.index)));
    last = re.lastIndex;
    if (m[1]) {
      const tag = m[1].toLowerCase();
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else if (m[2]) {
      const tag = m[2].toLowerCase();
      while (stack.length > 1 && CLOSED_BY[top().tag]?.has(tag)) stack.pop();
      const el: HtmlElement = { tag, attrs: parseAttrs(m[3] ?? ""), children: [] };
      top().children.push(el);
      if (RAW.has(tag)) {
        const end = html.toLowerCase().indexOf(`</${tag}`, last);
        const stop = end < 0 ? html.length : end;
        el.children.push(html.slice(last, stop));
        const close = html.indexOf(">", stop);
        last = re.lastIndex = close < 0 ? html.length : close + 1;
      } else if (!VOID.has(tag) && !m[4]) stack.push(el);
    }
  }
  if (last < html.length) top().children.push(decodeEntities(html.slice(last)));
  return root;
}

function parseAttrs(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of text.matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
  shy: "\u00AD",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  hellip: "…",
  thinsp: "\u2009",
  middot: "·",
  copy: "©",
  laquo: "«",
  raquo: "»",
  times: "×",
  minus: "−",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

function hasClass(el: HtmlElement, name: string): boolean {
  return (el.attrs.class ?? "").split(/\s+/).includes(name);
}

function hidden(el: HtmlElement): boolean {
  // aria-hidden text is drawn, but Chromium writes it as page furniture (an artifact), not as text
  return "hidden" in el.attrs || /display\s*:\s*none/i.test(el.attrs.style ?? "") || el.attrs["aria-hidden"] === "true";
}

/**
 * The text an inline SVG draws (a chart's labels), one block per <text>: Chromium tags it as text of the page,
 * aria-hidden or not. Its <title> and <desc> are not drawn.
 */
function svgTexts(el: HtmlElement, out: string[]): string[] {
  for (const c of el.children) {
    if (typeof c === "string" || c.tag === "title" || c.tag === "desc") continue;
    if (c.tag === "text") out.push(svgText(c));
    else svgTexts(c, out);
  }
  return out;
}

function svgText(el: HtmlElement): string {
  return el.children
    .map((c) => (typeof c === "string" ? c : c.tag === "title" || c.tag === "desc" ? "" : svgText(c)))
    .join("");
}

export function textOf(node: HtmlNode): string {
  if (typeof node === "string") return node;
  if (SKIP.has(node.tag) || hidden(node)) return "";
  if (node.tag === "br") return "\n";
  return node.children.map(textOf).join("");
}

function kindOf(tag: string): BlockKind {
  if (/^h[1-6]$/.test(tag)) return "heading";
  if (tag === "p" || tag === "blockquote" || tag === "pre") return "paragraph";
  if (tag === "td" || tag === "th") return "cell";
  if (tag === "li" || tag === "dt" || tag === "dd") return "item";
  if (tag === "figcaption" || tag === "caption") return "caption";
  return "other";
}

/** The blocks of text, the chapters and the notes of a booklet's HTML document. */
export function expectedDocument(html: string): ExpectedDocument {
  const root = parseHtml(html);
  const blocks: TextBlock[] = [];
  const chapters: HtmlChapter[] = [];
  let notes = 0;

  // one block: its own inline text, cut at notes; nested blocks and notes are collected on their own. The
  // text before a nested block and the text after it are two blocks, so that the blocks keep the text's order.
  const collect = (el: HtmlElement, kind: BlockKind, within: string | undefined, outer?: string) => {
    const source = el.attrs["data-line"] || outer;
    let segments: string[] = [""];
    const flush = () => {
      const kept = segments.filter((t) => t.trim() !== "");
      if (kept.length) blocks.push({ kind, tag: el.tag, segments: kept, within, ...(source ? { source } : {}) });
      segments = [""];
    };
    const walk = (node: HtmlNode) => {
      if (typeof node === "string") {
        segments[segments.length - 1] += node;
        return;
      }
      if (node.tag === "svg") {
        flush();
        for (const text of svgTexts(node, []))
          if (text.trim())
            blocks.push({ kind: "other", tag: "svg", segments: [text], within, ...(source ? { source } : {}) });
        return;
      }
      if (SKIP.has(node.tag) || hidden(node) || WEB_ONLY.some((c) => hasClass(node, c))) return;
      if (node.tag === "br") segments[segments.length - 1] += "\n";
      else if (hasClass(node, "fn-ref")) segments.push("");
      else if (hasClass(node, "fn") || node.attrs.role === "doc-endnote") {
        notes++;
        collect(node, "note", within, source);
        segments.push("");
      } else if (BLOCK.has(node.tag)) {
        flush();
        visit(node, within, source);
      } else node.children.forEach(walk);
    };
    el.children.forEach(walk);
    flush();
  };
  const visit = (el: HtmlElement, within: string | undefined, source?: string) => {
    if (SKIP.has(el.tag) || hidden(el)) return;
    const here =
      el.attrs.id && (el.tag === "section" || el.tag === "nav" || el.tag === "figure") ? el.attrs.id : within;
    if (el.tag === "section" && hasClass(el, "chapter") && el.attrs.id) {
      const heading = findFirst(el, (e) => e.tag === "h1") ?? findFirst(el, (e) => /^h[1-6]$/.test(e.tag));
      const before = notes;
      collect(el, kindOf(el.tag), here, source);
      chapters.push({
        id: el.attrs.id,
        title: heading
          ? textOf(heading)
              .replace(/\u00AD/g, "")
              .replace(/\s+/g, " ")
              .trim()
          : "",
        notes: notes - before,
      });
      return;
    }
    collect(el, kindOf(el.tag), here, source);
  };
  const body = findFirst(root, (e) => e.tag === "body") ?? root;
  visit(body, undefined);
  return { blocks, chapters, notes, contents: contentsTargets(body) };
}

/** The ids the contents' links lead to, in order. */
function contentsTargets(body: HtmlElement): string[] | undefined {
  const nav = findFirst(body, (e) => hasClass(e, "contents") || e.attrs.role === "doc-toc");
  if (!nav) return undefined;
  const ids: string[] = [];
  const walk = (el: HtmlElement) => {
    const href = el.tag === "a" ? el.attrs.href : undefined;
    if (href?.startsWith("#") && href.length > 1) ids.push(decodeURIComponent(href.slice(1)));
    for (const c of el.children) if (typeof c !== "string") walk(c);
  };
  walk(nav);
  return ids;
}

function findFirst(el: HtmlElement, test: (e: HtmlElement) => boolean): HtmlElement | undefined {
  for (const c of el.children) {
    if (typeof c === "string") continue;
    if (test(c)) return c;
    const inner = findFirst(c, test);
    if (inner) return inner;
  }
  return undefined;
}
