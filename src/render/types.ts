// The layout's options and results, shared by the modules that make it (paginate.ts and those it uses).
import type { Browser } from "puppeteer-core";
import type { LocalServer, ServedDocument } from "./server.ts";

export interface PaginateOptions {
  browser: Browser;
  server: LocalServer;
  /** a unique key for this document on the server (the edition year) */
  key: string;
  doc: ServedDocument;
  /** a further stylesheet (relative URL) added after the document's own: the print version's bleed */
  extraStylesheet?: string;
  timeouts: { paginate: number; print: number };
  /** fixed seed for Math.random, Date and performance.now in the page: Paged.js puts random ids in the PDF */
  epochMs?: number;
  log?: (line: string) => void;
  /** false: Paged.js's layout as it is, not checked for lost text nor made again (to test Paged.js) */
  safetyNet?: boolean;
  /** a line for the build's log when the layout had to be made again */
  warn?: (line: string) => void;
  /** true: the document laid out in parts (parts.ts), each by a Paged.js run of its own, and joined */
  inParts?: boolean;
  /** how many parts of the document are laid out at once */
  parallel?: number;
  /** the characters of HTML a run must have to lay out to be worth its start (parts.ts, RUN_WORTH) */
  runWorth?: number;
  /** where the parts' laid-out pages are kept between builds (layout-cache.ts); none: laid out every time */
  cache?: { dir: string; generator: string };
  /**
   * pages to add in front of the back cover, so that the page count becomes a multiple of `padTo` (pad.ts):
   * added in the page after the layout when they can be (Paginated.padded), else left to the caller
   */
  pad?: PadOptions;
  /** called after each page Paged.js lays out */
  onPage?: (n: number) => void;
  /** called when the browser begins each step: opening a page, loading the document, … printing the PDF */
  onStep?: (doing: string) => void;
}

export interface PadOptions {
  padTo: number;
  /** the added pages' title (then they are ruled); blank pages without one */
  title?: string;
  pageHeightMm: number;
}

export interface PageLayout {
  /** 1-based page number */
  number: number;
  /** ids of chapters (sections with an id) that start on this page */
  starts: string[];
  blank: boolean;
  /** "left" or "right" */
  side: string;
  /** footnote numbers on the page, with their chapter id */
  notes: { chapter: string; n: string }[];
}

export interface Paginated {
  pdf: Uint8Array;
  pages: PageLayout[];
  /** milliseconds Paged.js spent */
  layoutMs: number;
  /** what Paged.js said it left out (its "Unable to layout item"); preflight names the missing text */
  dropped: string[];
  /**
   * the pages added in front of the back cover in the page (PaginateOptions.pad), when some were: `pdf` has
   * them, `pages` is the layout without them, and `padded.pages` with them
   */
  padded?: { added: number; pages: PageLayout[] };
}

/**
 * What a layout is checked for in the page: nothing; the text of every note and block, printed once; or that
 * too, and every note on its call's page.
 */
export type LayoutCheck = false | "text" | "placement";

/**
 * A note or block of text of Paged.js's source that is not in the pages exactly once, or a note not on its
 * call's page (page-handlers.js).
 */
export interface LostText {
  /** "note-page": a note laid out whole, but on another page than its call's */
  kind: "note" | "block" | "note-page";
  /** the id of its chapter's section, "" outside a chapter */
  chapter: string;
  /** its first words */
  text: string;
  /** how many characters of its text the pages hold, and how many it has (more: printed twice in part) */
  printed: number;
  expected: number;
}
