// Paged.js handlers that run inside the page (plain browser JavaScript, injected after the polyfill).
/* global Paged */
(() => {
  const { Handler, registerHandlers } = window.Paged;

  /**
   * Footnote numbers come from the build (data-n on each note, numbered per chapter), not from a CSS
   * counter: Paged.js splits a chapter over many page boxes, where counter-reset scopes do not follow.
   * Paged.js creates the call (<a data-footnote-call>) itself and copies only the note's classes onto it,
   * so copy the number over as soon as the call exists, before the page's overflow is measured.
   */
  class FootnoteNumbers extends Handler {
    renderNode(clone) {
      if (clone?.nodeType !== 1) return;
      const source = this.chunker.source;
      const calls = [];
      if (clone.dataset.note === "footnote" && clone.dataset.ref) {
        calls.push(...document.querySelectorAll(`[data-footnote-call="${clone.dataset.ref}"]:not([data-n])`));
      }
      if (clone.matches("[data-footnote-call]:not([data-n])")) calls.push(clone);
      calls.push(...clone.querySelectorAll("[data-footnote-call]:not([data-n])"));
      for (const call of calls) {
        const ref = call.dataset.footnoteCall;
        const note = source.querySelector(`[data-ref="${ref}"]`);
        if (note?.dataset.n) call.dataset.n = note.dataset.n;
      }
    }
    afterPageLayout(pageElement) {
      // a safety net: any call still without a number gets it now
      for (const call of pageElement.querySelectorAll("[data-footnote-call]:not([data-n])")) {
        const note = this.chunker.source.querySelector(`[data-ref="${call.dataset.footnoteCall}"]`);
        if (note?.dataset.n) call.dataset.n = note.dataset.n;
      }
    }
  }

  /**
   * Paged.js does not repeat a table's header row on the pages a table runs onto. When the first row of a
   * continued table is laid out, put a copy of the source table's <thead> in front of it: this happens before
   * the page's overflow is measured, so the repeated header takes its place in the page like any row.
   */
  class RepeatTableHeaders extends Handler {
    renderNode(clone) {
      if (clone?.nodeType !== 1 || clone.nodeName !== "TR") return;
      const table = clone.closest("table");
      if (!table?.hasAttribute("data-split-from") || table.querySelector(":scope > thead")) return;
      const sourceTable = this.chunker.source.querySelector(`table[data-ref="${table.dataset.ref}"]`);
      const thead = sourceTable?.querySelector(":scope > thead");
      if (!thead) return;
      const copy = thead.cloneNode(true);
      // the header's notes (a source's citation) were given on the first page: repeat the words only
      for (const note of copy.querySelectorAll(".fn, [data-note]")) note.remove();
      // not a part of the source flow: Paged.js must never take a break token from it
      for (const el of [copy, ...copy.querySelectorAll("*")]) {
        el.removeAttribute("data-ref");
        el.removeAttribute("id");
      }
      copy.setAttribute("data-repeated-header", "");
      copy.setAttribute("aria-hidden", "true");
      table.insertBefore(copy, table.firstChild);
    }
  }

  /**
   * When the page ends inside a word, Paged.js cuts the word at the first letter below the page, wherever
   * that is ("Acc-" / "ording"). Move the cut back to the word's last soft hyphen (the build hyphenates the
   * text), or to the start of the word when it has none, so that a word is only ever divided where the
   * hyphenation patterns allow. A cut just before a soft hyphen ("fami" | "\u00ADlies") moves back to the
   * hyphenation point before it ("fam-" | "ilies") too: there the line held "fami" and the soft hyphen's own
   * glyph, and with Paged.js's hyphen after them it no longer fits, wraps, and its last letters go below the
   * page's foot, where nothing is printed.
   */
  class BreakAtHyphenationPoints extends Handler {
    onOverflow(overflow) {
      if (!overflow || overflow.startContainer.nodeType !== Node.TEXT_NODE) return undefined;
      const text = overflow.startContainer.textContent;
      const offset = overflow.startOffset;
      const isLetter = (c) => c !== undefined && /[\p{L}\p{N}'’\u00AD-]/u.test(c);
      if (offset <= 0 || offset >= text.length || !isLetter(text[offset - 1]) || !isLetter(text[offset]))
        return undefined;
      let i = offset - 1;
      while (i > 0 && text[i] !== "\u00AD" && !/\s/.test(text[i])) i--;
      if (i <= 0 && text[0] !== "\u00AD") return undefined; // the word began in an earlier node: leave it
      const range = document.createRange();
      range.setStart(overflow.startContainer, i + 1);
      range.setEnd(overflow.endContainer, overflow.endOffset);
      return range;
    }
  }

  /**
   * Keep with next: a block styled break-after: avoid (headings, a table's caption and header row) never ends
   * a page. Paged.js honours it only when the next block falls below the page whole; when the next block's
   * first line is what overflows, the heading stayed at the page's foot, alone ("Sources" on page 5, its list on
   * page 6). Here the break moves back before every such block that would end the page, and then out to the
   * start of the element they begin (a section whose first child moves goes whole: its id, which the
   * contents and links point to, goes with its heading). Never when nothing else is on the page. When the
   * blocks to keep run back to the page's top (a chapter that ends with a heading, then the Sources), the
   * break stays where it was, but still moves out to the start of the element it begins: the Sources'
   * section began on the page before its heading, and the contents' link led there.
   */
  class KeepWithNext extends Handler {
    onOverflow(overflow, rendered) {
      if (!overflow || !rendered) return undefined;
      const first = nodeAtBreak(overflow);
      if (!first) return undefined;
      let node = first;
      for (
        let before = previousInFlow(node, rendered);
        before && keepsWithNext(before);
        before = previousInFlow(node, rendered)
      ) {
        node = before;
      }
      const start = breakBefore(node, rendered, node !== first) ?? breakBefore(first, rendered, false);
      if (!start) return undefined;
      const range = document.createRange();
      range.setStartBefore(start);
      range.setEnd(overflow.endContainer, overflow.endOffset);
      return range;
    }
  }

  /**
   * Where a break before `node` goes: out to the start of the outermost element `node` begins; undefined
   * when nothing would be left on the page above it, or when it would not move (and `kept` is false).
   */
  const breakBefore = (node, rendered, kept) => {
    let start = node;
    while (start.parentNode && start.parentNode !== rendered && !previousSiblingContent(start))
      start = start.parentNode;
    if ((!kept && start === node) || !previousInFlow(start, rendered)) return undefined;
    return start;
  };

  /** The node a break starts at, when nothing of its block is left above it on the page. */
  const nodeAtBreak = (range) => {
    const c = range.startContainer;
    if (c.nodeType === Node.TEXT_NODE) return c.textContent.slice(0, range.startOffset).trim() ? undefined : c;
    return c.childNodes[range.startOffset];
  };
  const previousSiblingContent = (n) => {
    let p = n.previousSibling;
    while (p && ((p.nodeType === Node.TEXT_NODE && !p.textContent.trim()) || p.nodeType === Node.COMMENT_NODE))
      p = p.previousSibling;
    return p;
  };
  /** What precedes a node on the page: its previous sibling, or its parent's, climbing to the page's root. */
  const previousInFlow = (n, root) => {
    for (; n && n !== root; n = n.parentNode) {
      const p = previousSiblingContent(n);
      if (p) return p;
    }
    return undefined;
  };
  /** An element that must not end a page: break-after: avoid (Paged.js's data-break-after), or it ends in one. */
  const keepsWithNext = (el) =>
    el.nodeType === Node.ELEMENT_NODE &&
    (el.dataset.breakAfter === "avoid" || (el.lastElementChild ? keepsWithNext(el.lastElementChild) : false));

  /**
   * Each page Paged.js adds made every later page slower to lay out: the forced layouts of its footnote
   * placement (moveFootnote: scrollHeight, getBoundingClientRect) cost more the more pages the document
   * holds, from 37 ms a page at page 40 to 157 ms at page 220 of a generated 226-page booklet. A page three
   * pages behind the one being laid out is final, so it leaves the layout (display: none) until the end,
   * when the build shows every page again before reading and printing them. Only when the build asks for it
   * (window.bookletHideLaidOutPages): the preview shows pages as they are laid out.
   */
  class HideLaidOutPages extends Handler {
    constructor(chunker, polisher, caller) {
      super(chunker, polisher, caller);
      this.laidOut = [];
    }

    afterPageLayout(_pageElement, page) {
      if (!window.bookletHideLaidOutPages) return;
      this.laidOut.push(page);
      const behind = this.laidOut[this.laidOut.length - 4];
      if (!behind) return;
      // its resize observer would take the hiding and the showing for a change of its content, and lay it
      // out again (Page.addResizeObserver): the page is final, so it stops listening first
      behind.removeListeners();
      behind.element.classList.add("booklet-laid-out");
    }
  }

  /**
   * The notes area of each page speaks the document's language with a private-use subtag ("en-x-fn"):
   * Chromium writes it as the /Lang of the area's structure element in the tagged PDF, which is how the
   * preflight tells the notes' text from the running text without guessing from positions or sizes.
   */
  class MarkNoteAreas extends Handler {
    afterPageLayout(pageElement) {
      const area = pageElement.querySelector(".pagedjs_footnote_area");
      if (area) area.setAttribute("lang", `${document.documentElement.lang || "und"}-x-fn`);
    }
  }

  registerHandlers(
    MarkNoteAreas,
    FootnoteNumbers,
    RepeatTableHeaders,
    BreakAtHyphenationPoints,
    KeepWithNext,
    HideLaidOutPages,
  );

  const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, caption, pre";
  // spaces, soft hyphens and the hyphens Paged.js adds where a page ends inside a word do not count
  const words = (s) => s.replace(/[\s\u00AD\u2011-]+/g, "");
  // an element's own text: its notes are laid out elsewhere, and their calls print only a number
  const ownText = (el) => {
    const copy = el.cloneNode(true);
    for (const inner of copy.querySelectorAll("[data-note], [data-footnote-call]")) inner.remove();
    return words(copy.textContent);
  };

  // what a report of lost text says of an element: its chapter's id ("" outside one) and its text as read
  const chapterOf = (el) => el.closest("section[id]")?.id ?? "";
  const plainText = (el) =>
    el.textContent
      .replace(/\u00AD/g, "")
      .replace(/\s+/g, " ")
      .trim();

  /**
   * After the layout: every note of Paged.js's source, and every block of text without a block inside it,
   * whose text is not in the pages exactly once (the pieces of an element split over pages share its
   * data-ref). One entry for each, with the id of the chapter (section) it belongs to. With `placement`,
   * every note too whose first part is not on its call's page.
   */
  window.bookletLostText = (placement) => {
    const source = window.PagedPolyfill.chunker.source;
    const pages = document.querySelector(".pagedjs_pages");
    const laidOut = new Map();
    for (const el of pages.querySelectorAll("[data-ref]")) {
      const list = laidOut.get(el.dataset.ref);
      if (list) list.push(el);
      else laidOut.set(el.dataset.ref, [el]);
    }
    const lost = [];
    const check = (el, kind, text) => {
      const printed = (laidOut.get(el.dataset.ref) ?? []).map(text).join("");
      if (printed === text(el)) return;
      lost.push({
        kind,
        chapter: chapterOf(el),
        text: plainText(el).slice(0, 80),
        printed: printed.length,
        expected: text(el).length,
      });
    };
    for (const note of source.querySelectorAll("[data-note='footnote'][data-ref]"))
      check(note, "note", (e) => words(e.textContent));
    for (const block of source.querySelectorAll(BLOCKS)) {
      if (!block.dataset.ref || block.closest("[data-note]") || block.querySelector(BLOCKS)) continue;
      check(block, "block", ownText);
    }
    if (placement) lost.push(...notesOffTheirPage(source, pages));
    return lost;
  };

  /**
   * The pages a saddle-stitched booklet needs in front of its back cover (pad.ts), added after the layout by
   * Paged.js itself, as it lays out any content: `html`'s sections are prepared as Paged.js prepares its source
   * (refs, filters, the named page and breaks its handlers read from the stylesheets, NOTES_CSS among them), laid
   * out on pages that follow the page before the back cover, and the back cover's page moves after them. The
   * document is not laid out a second time for them. Called only once the build has found that the back cover
   * can move (pad-refusal.ts, whyNotAdded); returns "" when the pages are added.
   */
  window.bookletAddPages = async (html) => {
    const chunker = window.PagedPolyfill.chunker;
    const pages = chunker.pages;
    const back = pages[pages.length - 1];
    const content = document.createRange().createContextualFragment(html);
    // Paged.js's flow(), for this content: its ContentParser's refs, then its handlers' hooks
    await chunker.hooks.beforeParsed.trigger(content, chunker);
    for (const el of content.querySelectorAll("*")) {
      el.setAttribute("data-ref", uuid());
      if (el.id) el.setAttribute("data-id", el.id);
    }
    chunker.hooks.filter.triggerSync(content);
    await chunker.hooks.afterParsed.trigger(content, chunker);
    pages.pop();
    chunker.total = pages.length;
    // each page is made after the last in the list, so in front of the back cover's element
    const flow = chunker.layout(content);
    while (!(await flow.next()).done);
    pages.push(back);
    back.index(pages.length - 1);
    chunker.total = pages.length;
    chunker.pagesArea.style.setProperty("--pagedjs-page-count", chunker.total);
    return "";
  };

  // Paged.js's UUID (utils.js), which it does not export: from the page's seeded Math.random, so reproducible
  const uuid = () =>
    "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
      const r = (Math.random() * 16) | 0;
      return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
    });

  /**
   * The notes whose call is on one page and whose text begins on another: the fault the preflight's
   * footnotes.same-page finds in the PDF, found here while the chapter can still be laid out again.
   */
  const notesOffTheirPage = (source, pages) => {
    const off = [];
    const notes = pages.querySelectorAll(
      ".pagedjs_footnote_area [data-note='footnote'][data-ref]:not([data-split-from])",
    );
    // each note's call, the first in the pages: one pass, not a search of every page for every note
    const calls = new Map();
    for (const call of pages.querySelectorAll("[data-footnote-call]"))
      if (!calls.has(call.dataset.footnoteCall)) calls.set(call.dataset.footnoteCall, call);
    for (const note of notes) {
      const ref = CSS.escape(note.dataset.ref);
      const call = calls.get(note.dataset.ref);
      // a note without a call is the preflight's to report (its text is checked above)
      if (!call || call.closest(".pagedjs_page") === note.closest(".pagedjs_page")) continue;
      const text = plainText(note);
      off.push({
        kind: "note-page",
        chapter: chapterOf(source.querySelector(`[data-ref="${ref}"]`) ?? call),
        text: text.slice(0, 80),
        printed: text.length,
        expected: text.length,
      });
    }
    return off;
  };

  /**
   * The font faces Paged.js loads before it lays out (loadFonts, patch 103): with the filter on, only those
   * whose unicode-range holds a character the page may print. A family's faces come in slices of a script
   * (@fontsource: latin, latin-ext, cyrillic, greek, vietnamese…), and loading every slice of every face took
   * about a third of a second before each layout. The characters: the content Paged.js lays out, its
   * attributes' values and the stylesheets' text (generated content), `bookletFontFilter.text` (what is laid
   * out later: the added pages' title), ASCII, and each character's upper and lower case (text-transform,
   * small capitals). A face left out that text needs after all loads when it is met, after the page it is on
   * was measured in another font: previewInPage (in-page.ts) names such faces, and the build lays the
   * document out again with every face loaded first (page-run.ts, layOut).
   */
  let wantedCodePoints;
  window.bookletFontWanted = (face) => {
    const filter = window.bookletFontFilter;
    if (!filter) return true;
    wantedCodePoints ??= printableCodePoints(filter.text ?? "", document.documentElement.lang);
    return unicodeRanges(face.unicodeRange).some(([lo, hi]) => wantedCodePoints.some((cp) => cp >= lo && cp <= hi));
  };

  const printableCodePoints = (extra, language) => {
    const template = document.querySelector("template[data-ref='pagedjs-content']");
    const content = template ? template.content : document.body;
    let text = `${content.textContent}${extra}`;
    // generated content may print an attribute (content: attr(data-n), a note's number)
    for (const el of content.querySelectorAll("*")) for (const a of el.attributes) text += a.value;
    for (const sheet of document.styleSheets) {
      try {
        for (const rule of sheet.cssRules) text += rule.cssText;
      } catch {
        // a stylesheet of another origin cannot be read: a layout's page loads nothing from another origin
      }
    }
    const points = new Set();
    for (let cp = 0x20; cp < 0x7f; cp++) points.add(cp);
    const add = (s) => {
      for (const ch of s) points.add(ch.codePointAt(0));
    };
    for (const ch of new Set(text)) {
      add(ch);
      add(ch.toUpperCase());
      add(ch.toLowerCase());
      try {
        // Turkish and Azerbaijani i → İ, Lithuanian's dotted letters: cases of the page's own language
        if (language) add(ch.toLocaleUpperCase(language) + ch.toLocaleLowerCase(language));
      } catch {
        // a lang attribute that is no language tag: the plain cases above
      }
    }
    return [...points];
  };

  /** "U+0000-00FF, U+0131" → [[0, 255], [305, 305]]; the whole of Unicode for a face without a range. */
  const unicodeRanges = (text) =>
    (text || "U+0-10FFFF").split(",").flatMap((part) => {
      const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
      if (!m) return [];
      if (m[1].includes("?"))
        return [[Number.parseInt(m[1].replace(/\?/g, "0"), 16), Number.parseInt(m[1].replace(/\?/g, "f"), 16)]];
      const lo = Number.parseInt(m[1], 16);
      return [[lo, m[2] ? Number.parseInt(m[2], 16) : lo]];
    });
})();
