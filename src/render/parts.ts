// A document laid out in parts: the front matter, then each chapter (the last with the sources that follow
// it), then the colophon and the back cover, each by a Paged.js run of its own, and the laid-out pages
// joined into one document that is printed once.
// A chapter opens a right-hand page (booklet.css, `.chapter { break-before: right }`), so its pages depend on
// the chapter, the stylesheets, the fonts and the page's geometry, not on the pages before it: laid out
// alone, it has the pages it has in the whole document. What the pages before it do give it is put back
// when the pages are joined (joinPages): the page numbers, the running heads carried over from earlier
// pages, the blank pages in front of a right-hand start, and the page references (target-counter).
// The colophon only opens a new page (booklet.css, `.colophon { break-before: page }`), on the side the last
// chapter's pages leave it: its part is laid out on that side (sideAfter, openOn), and kept for that side.

/** A part of a document: a document of its own, with the whole document's head and one stretch of its body. */
export interface DocumentPart {
  /** "front", or the id of the chapter that opens the part */
  id: string;
  html: string;
  /** the opening tag of the part's first element ("" for the front matter) */
  opener: string;
  /** the length of its stretch of the body: how much there is to lay out */
  size: number;
  /**
   * the page it opens in the whole document: "right" (a chapter), or "page" (the back matter after the sources),
   * the next page, whichever side the part before leaves it; the front matter opens the document
   */
  opens: "right" | "page";
}

/** The side of a page, as Paged.js reckons it: the first page of a document is a right-hand page. */
export type Side = "right" | "left";

// a chapter's section, as the shipped templates (chapter.hbs, foreword.hbs) write it: at the start of a line
const CHAPTER_START = /^[ \t]*<section class="chapter(?: [^"]*)?" id="([^"]+)"/gm;
// the back matter's first section after the sources (colophon.hbs): the sources may follow the last chapter on
// its last page, and stay in its part
const BACK_START = /^[ \t]*<section class="back-matter (?!sources\b)[^"]*" id="([^"]+)"/m;

/**
 * The document cut before each chapter and before the back matter that follows the sources: the front
 * matter, then one part a chapter (the last with the sources), then the colophon and what follows it, which
 * change with every edition. Undefined when the document has no chapter to cut at, or nothing before the first
 * (a template of the content's own that writes otherwise).
 */
export function splitDocument(html: string): DocumentPart[] | undefined {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.lastIndexOf("</body>");
  if (!open || close < open.index) return undefined;
  const start = open.index + open[0].length;
  const body = html.slice(start, close);
  const cut = (at: number, id: string, opens: DocumentPart["opens"]) => ({
    at,
    id,
    opener: body.slice(at, body.indexOf(">", at) + 1).trim(),
    opens,
  });
  const cuts = [...body.matchAll(CHAPTER_START)].map((m) => cut(m.index, m[1], "right"));
  if (cuts.length === 0 || body.slice(0, cuts[0].at).trim() === "") return undefined;
  const last = cuts[cuts.length - 1].at;
  const back = BACK_START.exec(body.slice(last));
  if (back) cuts.push(cut(last + back.index, back[1], "page"));
  const head = html.slice(0, start);
  const tail = html.slice(close);
  const bounds = [{ at: 0, id: "front", opener: "", opens: "page" as const }, ...cuts];
  return bounds.map((b, i) => ({
    id: b.id,
    opener: b.opener,
    opens: b.opens,
    html: `${head}${body.slice(b.at, bounds[i + 1]?.at ?? body.length)}${tail}`,
    size: (bounds[i + 1]?.at ?? body.length) - b.at,
  }));
}

/**
 * The side on which a part that opens the next page ("page") begins after the part before it, which opens a
 * right-hand page and has `pages` pages.
 */
export function sideAfter(pages: number): Side {
  return pages % 2 === 0 ? "right" : "left";
}

/** The id of the element that holds the first page of a run whose first part opens on the left (openOn). */
export const SPACER = "booklet-spacer";

/**
 * A run's document (groupDocument) with the part `id` made to open on `side`: a rule after the stylesheets
 * (Paged.js sets the break of the last rule that names the element). A part that opens the run on the left
 * (`first`) gets an empty element in front of it, which holds the first page: Paged.js drops a break at the
 * very start of a document. That page is nobody's (serializeParts, with the SPACER's id first).
 */
export function openOn(html: string, id: string, side: Side, first: boolean): string {
  const rule = `<style>[id="${id.replace(/["\\]/g, "\\$&")}"] { break-before: ${side}; }</style>`;
  const out = html.replace(/<\/head>/i, `${rule}</head>`);
  const body = /<body\b[^>]*>/i.exec(out);
  if (side === "right" || !first || !body) return out;
  const at = body.index + body[0].length;
  return `${out.slice(0, at)}<div id="${SPACER}"></div>${out.slice(at)}`;
}

/**
 * The document with a body of one empty element, then each part's first element, emptied and without its id:
 * laid out by Paged.js, its stylesheets are the page rules every part was laid out with, and each of those
 * elements says (data-break-before) the side the part opens on in the whole document. Paged.js drops a break
 * at the very start of a document, so a part laid out alone cannot say it.
 */
export function joinDocument(html: string, parts: DocumentPart[]): string {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.lastIndexOf("</body>");
  if (!open || close < open.index) return html;
  const openers = parts.slice(1).map((p, i) => {
    const tag = /^<([a-z][\w-]*)/i.exec(p.opener)?.[1] ?? "div";
    const attributes = p.opener.replace(/^<[a-z][\w-]*|>$/gi, "").replace(/\sid="[^"]*"/, "");
    return `<${tag}${attributes} data-booklet-opens="${i + 1}"><p>${i + 1}</p></${tag}>`;
  });
  return `${html.slice(0, open.index + open[0].length)}<div><p>0</p></div>${openers.join("")}${html.slice(close)}`;
}

/**
 * The parts laid out in one Paged.js run: the document's head, and the parts' bodies one after the other.
 * Each part after the first opens a right-hand page, as in the whole document, so that each keeps the pages
 * it has alone (serializeParts takes them apart again).
 */
export function groupDocument(parts: DocumentPart[]): string {
  const bodies = parts.map((p) => {
    const open = /<body\b[^>]*>/i.exec(p.html);
    return open ? p.html.slice(open.index + open[0].length, p.html.lastIndexOf("</body>")) : "";
  });
  const first = parts[0].html;
  const open = /<body\b[^>]*>/i.exec(first);
  if (!open) return first;
  return `${first.slice(0, open.index + open[0].length)}${bodies.join("")}${first.slice(first.lastIndexOf("</body>"))}`;
}

/**
 * The characters of HTML a Paged.js run must have to lay out to be worth its start. Each run pays Paged.js's
 * fixed cost (a renderer, the script, the stylesheets and the first page: about 1 s on this project's
 * first machine, an AMD EPYC of 2 cores, and about 0.5 s on its Intel Xeon of 2 cores). The shipped booklet lays out about 40 000 characters a second: a second run ends sooner only when
 * it takes half a second of layout or more from the first, 2 × 20 000 characters.
 */
export const RUN_WORTH = 20_000;

/**
 * How many runs lay out parts of these sizes on `cores` cores: each with `worth` characters or more, and at
 * most one for each core but one. While pages are laid out, Chromium's browser and GPU processes and booklet's
 * Node take about a core of their own: on the AMD machine's 2 cores, two runs and their join took longer than
 * one run and its join, for the shipped booklet (7.75 s against 6.8 s, whole builds) and for a 260-page one
 * (20.8 s against 20.3 s).
 */
export function runCount(sizes: number[], cores: number, worth = RUN_WORTH): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  const worthIt = worth > 0 ? Math.floor(total / worth) : sizes.length;
  return Math.max(1, Math.min(cores - 1, sizes.length, worthIt));
}

/**
 * Neighbouring items (the parts to lay out, by size) cut into at most `count` runs, the largest run as small
 * as it can be: each run pays Paged.js's fixed cost once, and the runs go on at once, one a core.
 */
export function groupBySize(sizes: number[], count: number): number[][] {
  const cut = (cap: number) => {
    const runs: number[][] = [];
    let total = Number.POSITIVE_INFINITY;
    for (const [i, size] of sizes.entries()) {
      if (total + size > cap) {
        runs.push([]);
        total = 0;
      }
      runs[runs.length - 1].push(i);
      total += size;
    }
    return runs;
  };
  // the least largest run that `count` runs allow: a binary search over the capacity of a run
  let low = Math.max(0, ...sizes);
  let high = sizes.reduce((a, b) => a + b, 0);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (cut(mid).length <= count) high = mid;
    else low = mid + 1;
  }
  return cut(low);
}

/**
 * Runs in a loaded page, before Paged.js: the parts of a run made to lay out as each would alone. Their
 * elements get their data-ref (Paged.js's id of an element, which names a note's destination in the PDF)
 * from their part's prefix and their place in it, so that a part's pages are the same in any run; and
 * Paged.js's running heads' strings start afresh on the page that opens a part (booklet's patch
 * 090-strings-of-a-part.patch asks window.bookletPartBegins).
 */
export function markParts(parts: { id: string; prefix: string }[]): void {
  const template = document.querySelector<HTMLTemplateElement>("template[data-ref='pagedjs-content']");
  const root = template ? template.content : document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let part = 0;
  let n = 0;
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
    if (part + 1 < parts.length && el.id === parts[part + 1].id) {
      part += 1;
      n = 0;
    }
    if (!el.hasAttribute("data-ref")) el.setAttribute("data-ref", `${parts[part].prefix}-${(n++).toString(36)}`);
  }
  const openers = parts.slice(1).map((p) => `[data-id="${CSS.escape(p.id)}"]:not([data-split-from])`);
  (window as unknown as { bookletPartBegins: (page: Element) => boolean }).bookletPartBegins = (page) =>
    openers.some((selector) => page.querySelector(selector) !== null);
}

/** A laid-out page box: its HTML, and the running heads' strings Paged.js set on it. */
export interface PageBox {
  html: string;
  /** Paged.js's custom properties --pagedjs-string-…: set through the CSSOM, as Paged.js sets them */
  strings: [string, string][];
}

/**
 * Runs in a laid-out page of a run of parts (markParts): each part's page boxes, and the number of its first
 * page in the run. A part begins on the page that holds its opener's start; the blank page Paged.js puts
 * in front of it, for its right-hand start, is nobody's (joinPages makes those the joined document needs).
 * Paged.js sets the strings as unterminated CSS strings ('"Black January'), which hold only as long as they
 * are never read back from the style attribute: they are kept apart and taken out of it (and, with `keep`,
 * put back once the page is read, for a run that is printed as it is).
 */
export function serializeParts(ids: string[], keep = false): { pages: PageBox[]; first: number }[] {
  for (const p of document.querySelectorAll(".booklet-laid-out")) p.classList.remove("booklet-laid-out");
  const boxes = [...document.querySelectorAll<HTMLElement>(".pagedjs_pages > .pagedjs_page")];
  const firsts = ids.map((id, i) =>
    i === 0 ? 0 : boxes.findIndex((p) => p.querySelector(`[data-id="${CSS.escape(id)}"]:not([data-split-from])`)),
  );
  if (firsts.some((at, i) => at < 0 || (i > 0 && at <= firsts[i - 1])))
    throw new Error(`a part of the run ${ids.join(", ")} was not found where it opens`);
  return firsts.map((first, i) => {
    let end = firsts[i + 1] ?? boxes.length;
    while (i + 1 < ids.length && end - 1 > first && boxes[end - 1].classList.contains("pagedjs_blank_page")) end -= 1;
    const pages = boxes.slice(first, end).map((p) => {
      const strings = [...p.style]
        .filter((name) => name.startsWith("--pagedjs-string-"))
        .map((name): [string, string] => [name, p.style.getPropertyValue(name)]);
      for (const [name] of strings) p.style.removeProperty(name);
      const html = p.outerHTML;
      // a run printed as it is (keep) shows its strings again, set as joinPages sets them
      if (keep) for (const [name, value] of strings) p.style.setProperty(name, value);
      return { html, strings };
    });
    return { pages, first: first + 1 };
  });
}

/**
 * Runs in the page of the join document (joinDocument): the problem that makes a join unlike the whole
 * document's layout, or "": every part after the first must open as splitDocument found it would
 * (`opens`, each part's): a chapter a right-hand page, the back matter the next page.
 */
export function checkOpeners(opens: string[]): string {
  for (let i = 1; i < opens.length; i++) {
    const side = document.querySelector<HTMLElement>(`[data-booklet-opens="${i}"]`)?.dataset.breakBefore;
    const sides = opens[i] === "page" ? ["page"] : ["right", "recto"];
    if (!sides.includes(side ?? ""))
      return `the part ${i + 1} does not open ${opens[i] === "page" ? "a new page" : "a right-hand page"}`;
  }
  return document.querySelector(".pagedjs_pages .pagedjs_page") ? "" : "the join document has no page";
}

/**
 * Runs in the page of the join document: its pages replaced by every part's, numbered on, with a blank
 * left-hand page in front of a part that opens a right-hand page (`opens`) and would otherwise open on the
 * left (as Paged.js makes it, for the break). Returns the number of each part's first page.
 */
export function joinPages(parts: PageBox[][], opens: string[]): number[] {
  const area = document.querySelector<HTMLElement>(".pagedjs_pages") as HTMLElement;
  const blank = area.querySelector<HTMLElement>(".pagedjs_page")?.cloneNode(true) as HTMLElement;
  blank.querySelector(".pagedjs_page_content")?.replaceChildren();
  blank.querySelector(".pagedjs_footnote_content")?.replaceChildren();
  blank.className = "pagedjs_page pagedjs_blank_page pagedjs_left_page";
  // the join document's own strings go: carryStrings gives a blank page those of the page before it
  blank.removeAttribute("style");
  area.replaceChildren();
  const holder = document.createElement("div");
  const add = (page: HTMLElement) => {
    const n = area.children.length + 1;
    page.id = `page-${n}`;
    page.dataset.pageNumber = String(n);
    area.appendChild(page);
  };
  const starts: number[] = [];
  for (const [index, pages] of parts.entries()) {
    if (index > 0 && opens[index] === "right" && area.children.length % 2 === 1)
      add(blank.cloneNode(true) as HTMLElement);
    starts.push(area.children.length + 1);
    for (const box of pages) {
      holder.innerHTML = box.html;
      const page = holder.firstElementChild as HTMLElement;
      // through the CSSOM: the values are unterminated CSS strings (serializePages)
      for (const [prop, value] of box.strings) page.style.setProperty(prop, value);
      // the first page of the document is the front matter's
      if (index > 0) page.classList.remove("pagedjs_first_page");
      add(page);
    }
  }
  area.style.setProperty("--pagedjs-page-count", String(area.children.length));
  return starts;
}

/**
 * Runs in the joined page: the running heads' strings (Paged.js's StringSets) that a part's pages would have
 * carried over from the pages before the part. A page before the first in its part to set a string shows the
 * string the earlier pages left, as do the blank pages; the page that first sets it starts with it.
 */
export function carryStrings(starts: number[]): void {
  const KINDS = ["first-except", "first", "last", "start"];
  const EMPTY = '"';
  const carried = new Map<string, string>();
  let setHere = new Set<string>();
  const pages = [...document.querySelectorAll<HTMLElement>(".pagedjs_pages > .pagedjs_page")];
  for (const [i, page] of pages.entries()) {
    if (starts.includes(i + 1)) setHere = new Set();
    const get = (kind: string, name: string) => page.style.getPropertyValue(`--pagedjs-string-${kind}-${name}`);
    const set = (kind: string, name: string, v: string) =>
      page.style.setProperty(`--pagedjs-string-${kind}-${name}`, v);
    const names = new Set(
      [...page.style].flatMap((p) => (p.startsWith("--pagedjs-string-last-") ? [p.slice(22)] : [])),
    );
    for (const name of carried.keys()) names.add(name);
    for (const name of names) {
      const before = carried.get(name) ?? EMPTY;
      const blank = !get("last", name);
      if (blank || (!setHere.has(name) && get("first", name) === EMPTY && get("last", name) === EMPTY))
        for (const k of KINDS) set(k, name, before);
      else if (!setHere.has(name)) {
        setHere.add(name);
        if (get("start", name) === EMPTY) set("start", name, before);
      }
      carried.set(name, get("last", name));
    }
  }
}

/**
 * Runs in the joined page: every page reference (target-counter in a ::before or ::after of an element with
 * an href, as Paged.js supports it) set to the page that holds its target in the joined document, as
 * Paged.js's TargetCounters does in one document. Returns how many were set.
 */
export function setPageReferences(): number {
  const pages = [...document.querySelectorAll<HTMLElement>(".pagedjs_page")];
  // the page counter on each page as Paged.js reckons it: the resets and increments of the page boxes
  let counter = 0;
  const numbers = pages.map((page) => {
    const style = getComputedStyle(page);
    const reset = style.counterReset.replace("page", "").trim();
    const increment = style.counterIncrement.replace("page", "").trim();
    if (reset !== "none") counter = Number.parseInt(reset, 10);
    if (increment !== "none") counter += Number.parseInt(increment, 10);
    return counter;
  });
  // every reference read first, then every rule written: a write between two reads of the computed styles
  // would have the browser work the styles of the whole document out again for each (minutes at 300 pages)
  const found: { el: HTMLElement; pseudo: string; variable: string; pg: number }[] = [];
  for (const el of document.querySelectorAll<HTMLElement>(".pagedjs_pages [href^='#']")) {
    const target = document.getElementById(decodeURIComponent((el.getAttribute("href") ?? "").slice(1)));
    for (const pseudo of ["::before", "::after"]) {
      const variable = /counter\((target-counter-[\w-]+)\)/.exec(getComputedStyle(el, pseudo).content)?.[1];
      if (!variable || !target) continue;
      const at = pages.findIndex((page) => page.contains(target));
      found.push({ el, pseudo, variable, pg: at < 0 ? counter : numbers[at] });
    }
  }
  // the rules of an earlier call give way to these: the preview sets the references again each time a chapter's
  // new pages move the pages after it (dev/client/shell.js)
  document.querySelector("style[data-booklet-references]")?.remove();
  const style = document.head.appendChild(document.createElement("style"));
  style.dataset.bookletReferences = "";
  const sheet = style.sheet as CSSStyleSheet;
  for (const [i, { el, pseudo, variable, pg }] of found.entries()) {
    el.dataset.bookletTarget = String(i + 1);
    sheet.insertRule(`[data-booklet-target="${i + 1}"]${pseudo} { counter-reset: ${variable} ${pg}; }`);
  }
  return found.length;
}

/** Runs in the joined page: once every font the parts' pages use and every image they show has loaded. */
export async function loaded(): Promise<void> {
  // a layout reads the new pages' styles, which starts the loading of the fonts they need
  void document.body.offsetHeight;
  await document.fonts.ready;
  await Promise.all(
    [...document.images].map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))),
  );
  await document.fonts.ready;
}
