// Functions that run in a layout's page (sent with page.evaluate): its seeded clock and random numbers, a
// stylesheet added, Paged.js's layout announced page by page.
import type { LayoutCheck, LostText } from "./types.ts";

/** Runs in the page before any script: a deterministic Math.random, Date and performance.now. */
export function seedPage(epochMs: number, seed: number) {
  // each part of a document laid out alone has a seed of its own: ids made in two parts never meet
  let s = (0x2545f491 ^ seed) >>> 0 || 0x2545f491;
  Math.random = () => {
    // xorshift32: fixed sequence, so Paged.js's UUIDs (named destinations in the PDF) are stable
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  let tick = 0;
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(epochMs);
      else super(...(args as [number]));
    }
    static now() {
      return epochMs;
    }
  }
  (globalThis as unknown as { Date: DateConstructor }).Date = FixedDate as unknown as DateConstructor;
  performance.now = () => (tick += 1);
  // hyphenGlyph: the hyphen Paged.js adds where a page ends inside a word; its default, U+2011, is not in
  // most text fonts and would be drawn from a fallback font
  (window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false, settings: { hyphenGlyph: "-" } };
}

export function addStylesheet(href: string): void {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

/**
 * Runs in the page: Paged.js's layout, each page announced; then, when checked, the text it lost. With
 * `fonts`, only the font faces for the page's characters (and those of fonts.text) are loaded before the
 * layout (page-handlers.js, bookletFontWanted); `late` names the faces that text needed after all.
 */
export async function previewInPage(
  check: LayoutCheck,
  fonts?: { text: string },
): Promise<{ ms: number; lost: LostText[]; late: string[]; faces: { first: number; of: number } }> {
  const w = window as unknown as {
    PagedPolyfill: {
      preview(): Promise<{ total: number; performance: number }>;
      on(e: string, f: (p: unknown) => void): void;
    };
    bookletHideLaidOutPages: boolean;
    bookletLostText(placement: boolean): LostText[];
    bookletFontFilter?: { text: string };
    bookletFontWanted(face: FontFace): boolean;
  };
  let n = 0;
  // the chapter a page belongs to: the last section it holds, or the one it continues
  const chapterOf = (el: Element | undefined) => {
    const sections = el
      ? [
          ...el.querySelectorAll<HTMLElement>(
            ".pagedjs_page_content section[id], .pagedjs_page_content section[data-split-from]",
          ),
        ]
      : [];
    const last = sections.pop();
    const first =
      last && !last.id ? document.querySelector<HTMLElement>(`section[data-ref="${last.dataset.splitFrom}"]`) : last;
    const id = first?.id ?? "";
    return id ? `${id} ${(first?.querySelector("h1, h2")?.textContent ?? "").replace(/\s+/g, " ").trim()}` : "";
  };
  // a page is announced when it is begun: the one before it is then complete
  w.PagedPolyfill.on("page", () => {
    const pages = document.querySelectorAll(".pagedjs_page");
    console.log(`booklet:page ${++n} ${chapterOf(pages[pages.length - 2])}`);
  });
  w.bookletHideLaidOutPages = true;
  w.bookletFontFilter = fonts;
  try {
    const flow = await w.PagedPolyfill.preview();
    // every page shown again (page-handlers.js, HideLaidOutPages)
    w.bookletHideLaidOutPages = false;
    for (const p of document.querySelectorAll(".booklet-laid-out")) p.classList.remove("booklet-laid-out");
    await document.fonts.ready;
    // the faces loaded first, and those that loaded though they were left out: text needed them
    const faces = [...document.fonts];
    const first = faces.filter((f) => w.bookletFontWanted(f));
    const late = faces
      .filter((f) => f.status !== "unloaded" && !first.includes(f))
      .map((f) => `${f.family} ${f.weight} ${f.style} (${f.unicodeRange})`);
    return {
      ms: flow.performance,
      lost: check ? w.bookletLostText(check === "placement") : [],
      late,
      faces: { first: first.length, of: faces.length },
    };
  } catch (e) {
    // the page's stack names the Paged.js module that failed: kept for --verbose
    const error = new Error((e as Error).message);
    error.stack = (e as Error).stack;
    throw error;
  }
}

/**
 * Runs in the page just before it is printed: each `@media print` rule made to apply on every medium, each
 * `@media screen` rule on none. The page prints as it did, and printing no longer changes which rules apply.
 * While one rule depends on the medium (Paged.js's own stylesheet has one), Chromium matches every element
 * of the document again each time the print switches the medium: four times for one PDF, in a trace, 45 ms
 * each for the shipped booklet's 32 pages and 230 ms for 172 pages on this project's machine; without one,
 * two passes of 15 and 55 ms remain. Nothing reads the page's screen layout after this. Returns how many
 * rules it changed.
 */
export function rulesForEveryMedium(): number {
  let changed = 0;
  const visit = (rules: CSSRuleList) => {
    for (const rule of Array.from(rules)) {
      const media = rule instanceof CSSMediaRule ? rule.media.mediaText.trim().toLowerCase() : "";
      if (media === "print" || media === "screen") {
        (rule as CSSMediaRule).media.mediaText = media === "print" ? "all" : "not all";
        changed++;
      }
      if ("cssRules" in rule) visit((rule as CSSGroupingRule).cssRules);
    }
  };
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      visit(sheet.cssRules);
    } catch {
      // a stylesheet of another origin cannot be read: a layout's page loads nothing from another origin
    }
  }
  return changed;
}
