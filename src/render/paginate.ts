// Paginates one HTML document with Paged.js inside Chromium and prints it to PDF bytes.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { SHIPPED_TEMPLATES } from "../document/index.ts";
import { BookletError, type SourceLocation } from "../errors/index.ts";
import { readContentText } from "../files.ts";
import { lineColumn, slugify } from "../shared/index.ts";
import { type JoinShell, keepShell, readShell, shellKey, shellPage } from "./join-shell.ts";
import {
  type CachedPart,
  type Claim,
  claimEntry,
  type LayoutCache,
  openLayoutCache,
  partKey,
  readPart,
  writePart,
} from "./layout-cache.ts";
import {
  carryStrings,
  checkOpeners,
  type DocumentPart,
  groupBySize,
  groupDocument,
  joinDocument,
  joinPages,
  loaded,
  markParts,
  runCount,
  serializeParts,
  setPageReferences,
  splitDocument,
} from "./parts.ts";
import type { LocalServer, ServedDocument } from "./server.ts";
import { tempDirCause } from "./tempdir.ts";
import { withTimeout } from "./timeout.ts";

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
  /** called after each page Paged.js lays out */
  onPage?: (n: number) => void;
  /** called when the browser begins each step: opening a page, loading the document, … printing the PDF */
  onStep?: (doing: string) => void;
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
}

/** Runs in the page before any script: a deterministic Math.random, Date and performance.now. */
function seedPage(epochMs: number, seed: number) {
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

/** A note or block of text of Paged.js's source that is not in the pages exactly once (page-handlers.js). */
export interface LostText {
  kind: "note" | "block";
  /** the id of its chapter's section, "" outside a chapter */
  chapter: string;
  /** its first words */
  text: string;
  /** how many characters of its text the pages hold, and how many it has (more: printed twice in part) */
  printed: number;
  expected: number;
}

/**
 * Lays the document out and checks, in the page, that every note and block of text of Paged.js's source
 * is in the pages once: Paged.js 0.4.3 can lose text around long notes that booklet's patches do not yet
 * catch. When some is lost, the chapters concerned are laid out again keeping the last lines of their
 * paragraphs together (the line with a note's call then goes to the next page with the lines before it);
 * when text is still lost, the build stops naming the chapter. A document that loses nothing is laid out
 * once, as before.
 */
export async function paginate(options: PaginateOptions): Promise<Paginated> {
  const parts = options.inParts ? splitDocument(options.doc.html) : undefined;
  if (!parts) return layOutChecked(options, options.doc.html, {});
  return paginateInParts(options, parts);
}

/** One layout, laid out again when it lost text (see paginate); an error when it still does. */
async function layOutChecked<T = Paginated>(options: PaginateOptions, html: string, run: RunOptions<T>): Promise<T> {
  const first = await layOut(options, html, options.safetyNet !== false, run);
  if (!isLost(first)) return first;
  const chapters = [...new Set(first.lost.map((l) => l.chapter))];
  const line = `Paged.js ${describeLost(first.lost)}: laid out again, keeping the last lines of each paragraph together in ${chapters.map((c) => c || "the front matter").join(", ")}`;
  options.warn?.(line);
  run.onAgain?.(chapters, line);
  const again = await layOut(options, keepLinesTogether(html, chapters), true, run);
  if (!isLost(again)) return again;
  const chapter = again.lost[0].chapter;
  throw new BookletError(
    "TextLost",
    `Paged.js ${describeLost(again.lost)}, even when laid out again with the paragraphs' last lines kept together${chapter ? ` in the chapter ${chapter}` : ""}. Shorten the long notes there, move a note call that shares a line with another, or reword a sentence repeated many times in a row.`,
    chapterLocation(chapter, options.doc.contentDir),
  );
}

function isLost<T>(r: T | { lost: LostText[] }): r is { lost: LostText[] } {
  return typeof r === "object" && r !== null && "lost" in r;
}

/**
 * The document laid out in parts (parts.ts): each part's pages from the layout cache, or laid out (the parts
 * not in it in at most `parallel` Paged.js runs at once), then joined in an empty document's page, which is
 * read and printed like a whole document's. When fewer runs than cores lay parts out, that page is opened
 * and laid out beside them: its renderer, Paged.js's script and its reading of the stylesheets are then not
 * waited for after them. When one run lays every part out, its page is the whole document: it is printed
 * as it is, and no join is made.
 */
async function paginateInParts(options: PaginateOptions, parts: DocumentPart[]): Promise<Paginated> {
  const t0 = performance.now();
  let pagesDone = 0;
  let plan: (planned: Plan) => void = () => undefined;
  const planned = new Promise<Plan>((resolve) => {
    plan = resolve;
  });
  const cache = options.cache && (await cacheFor(options, options.cache));
  const parting = layOutParts({ ...options, onPage: () => options.onPage?.(++pagesDone) }, parts, cache, plan);
  // a failed part is the error the build reports, once the join's page has closed
  parting.catch(() => undefined);
  // the join's page opens beside the runs only when a core is left for it: never more pages at once than
  // cores, whose memory would add up (a renderer with the fonts, about 50 MB)
  const { runs, whole } = await Promise.race([planned, parting.then(() => ({ runs: 0, whole: false }))]);
  if (whole) {
    // no join's page to lay out and keep beside the run: on 2 cores that made the build 1 s slower, to save
    // the next build that joins parts 0.5 s (it lays the join out beside its own run)
    const { printed } = await parting;
    if (!printed) throw new Error("the run of every part printed nothing");
    return { ...printed, layoutMs: performance.now() - t0 };
  }
  if (runs >= (options.parallel ?? 1)) await parting;
  const joining = joinLaidOut(
    options,
    parts,
    cache,
    parting.then((r) => r.laid),
  );
  joining.catch(() => undefined);
  await parting.catch(async (e) => {
    await joining.catch(() => undefined);
    throw e;
  });
  const joined = await joining;
  if (isLost(joined)) throw new Error("the join document lost text");
  if ("problem" in joined) {
    // a template or stylesheet of the content's own that does not open each chapter on a right-hand page
    options.log?.(`paginate ${options.key}: the parts not joined, laid out whole: ${joined.problem}`);
    return layOutChecked(options, options.doc.html, {});
  }
  return { ...joined, layoutMs: performance.now() - t0 };
}

/**
 * In the join document's laid-out page: the parts' pages put in and printed, or why they cannot be (what
 * checkOpeners found in the page, "" when they can).
 */
async function joinParts(
  ctx: Parameters<Finish<Paginated>>[0],
  problem: string,
  laid: CachedPart[],
): Promise<Paginated | { problem: string }> {
  const t0 = performance.now();
  const during = async <T>(p: Promise<T>, what = "") => {
    const result = await ctx.wait(p, ctx.options.timeouts.paginate, "paginate", "joining the laid-out pages");
    if (what)
      ctx.options.log?.(`paginate ${ctx.options.key}-join: ${what} at ${Math.round(performance.now() - t0)} ms`);
    return result;
  };
  if (problem) return { problem };
  const starts = await during(
    ctx.page.evaluate(
      joinPages,
      laid.map((l) => l.pages),
    ),
    "pages put in",
  );
  return printJoined({ ...ctx, dropped: laid.flatMap((l) => l.dropped) }, starts, during);
}

/**
 * A page that holds every part's pages (joined, or a run of them all) printed as one document: the running
 * heads carried over from part to part, the page references set, once the fonts and images are loaded.
 */
async function printJoined(
  ctx: Parameters<Finish<Paginated>>[0],
  starts: number[],
  during: <T>(p: Promise<T>, what: string) => Promise<T>,
): Promise<Paginated> {
  await during(ctx.page.evaluate(carryStrings, starts), "running heads carried over");
  await during(ctx.page.evaluate(setPageReferences), "page references set");
  await during(ctx.page.evaluate(loaded), "fonts and images loaded");
  return printLaidOut(ctx);
}

/**
 * The parts joined in the join document's page: its laid-out shell from the cache when it is there (without
 * a Paged.js run), else laid out by Paged.js, and then kept as a shell. A shell that does not load, or whose
 * page is not what it was, is set aside and the join laid out: never a page that may be wrong.
 */
async function joinLaidOut(
  options: PaginateOptions,
  parts: DocumentPart[],
  cache: LayoutCache | undefined,
  parting: Promise<CachedPart[]>,
): Promise<Paginated | { problem: string } | { lost: LostText[] }> {
  const html = joinDocument(options.doc.html, parts);
  const key = `${options.key}-join`;
  const shellAt = cache && shellKey(cache, html, options.extraStylesheet ?? "", options.doc.contentDir);
  let shell = cache && shellAt ? readShell(cache, shellAt) : undefined;
  // a shell another edition of this run is laying out now is waited for, not laid out twice
  const claim = cache && shellAt && !shell ? claimEntry<true>(cache, `shell-${shellAt}`) : undefined;
  if (cache && shellAt && claim?.other && (await claim.other)) {
    shell = readShell(cache, shellAt);
    options.log?.(`paginate ${key}: the join's shell laid out by another edition of this run`);
  }
  try {
    if (shell) {
      const joined = await joinInShell(options, shell, parts.length, parting);
      if (!("setAside" in joined)) return joined;
      options.log?.(
        `paginate ${key}: the join's laid-out shell set aside (${joined.setAside}): laid out with Paged.js`,
      );
    } else if (cache) {
      options.log?.(
        `paginate ${key}: no laid-out shell of the join in the layout cache (an empty cache, or the stylesheets, fonts or chapters' opening tags changed): the join laid out with Paged.js`,
      );
    }
    return await layOut(options, html, false, {
      key,
      finish: async (ctx) => {
        const problem = await ctx.wait(
          ctx.page.evaluate(checkOpeners, parts.length),
          options.timeouts.paginate,
          "paginate",
          "joining the laid-out pages",
        );
        if (cache && shellAt)
          claim?.settle((await keepJoinShell(ctx, { cache, key: shellAt, problem, runKey: key })) || undefined);
        return joinParts(ctx, problem, await parting);
      },
    });
  } finally {
    claim?.settle(undefined);
  }
}

/** The join's laid-out page kept as a shell for the next builds; false when it cannot be written out. */
async function keepJoinShell(
  ctx: Parameters<Finish<Paginated>>[0],
  where: { cache: LayoutCache; key: string; problem: string; runKey: string },
): Promise<boolean> {
  const { options } = ctx;
  const kept = await ctx.wait(
    // a page that cannot be kept is laid out again next time, and this build goes on
    keepShell({ page: ctx.page, ...where, origin: options.server.origin, warn: options.warn }).catch(() => false),
    options.timeouts.paginate,
    "paginate",
    "keeping the laid-out join document",
  );
  if (!kept)
    options.log?.(`paginate ${where.runKey}: the join's laid-out page not kept (a stylesheet it cannot write out)`);
  return kept;
}

/** The parts joined in the join's shell, loaded as a static page; why not, when it must be set aside. */
async function joinInShell(
  options: PaginateOptions,
  shell: JoinShell,
  count: number,
  parting: Promise<CachedPart[]>,
): Promise<Paginated | { problem: string } | { lost: LostText[] } | { setAside: string }> {
  const key = `${options.key}-join`;
  options.log?.(`paginate ${key}: the join's laid-out shell is in the layout cache: no Paged.js run for the join`);
  // set aside only a shell that did not load or is not what it was: an error of the join itself (a time-out
  // while printing) or of a part is the build's, which a second join would only make later
  let past = false;
  return layOut(options, shellPage(shell, options.server.origin, key), false, {
    key,
    shell: true,
    finish: async (ctx) => {
      const found = await ctx.wait(
        ctx.page.evaluate(checkOpeners, count),
        options.timeouts.paginate,
        "paginate",
        "loading the document",
      );
      if (found !== shell.problem) throw new Error(`its page says "${found}", it said "${shell.problem}"`);
      past = true;
      return joinParts(ctx, found, await parting);
    },
  }).catch((e) => {
    // a browser that closed fails a layout as well
    if (past || !options.browser.connected) throw e;
    return { setAside: String((e as Error).message ?? e).split("\n")[0] };
  });
}

/**
 * Each part's pages: from the cache when it has them, or from another edition of the run that is laying the
 * same part out now; the others laid out in at most `parallel` runs of neighbouring parts, as even in size as
 * they can be (each run pays Paged.js's fixed cost once), and each part's pages kept in the cache on their
 * own, so that a changed chapter is later laid out alone.
 */
async function layOutParts(
  options: PaginateOptions,
  parts: DocumentPart[],
  cache: LayoutCache | undefined,
  onPlan: (planned: Plan) => void,
): Promise<{ laid: CachedPart[]; printed?: Paginated }> {
  const keys = parts.map((part) => cache && partKey(cache, part.html, options.doc.contentDir));
  const laid = parts.map((part, i) => fromCache(options, cache, keys[i], `${options.key}-p${i}`, part.id));
  const missing = parts.flatMap((_, i) => (laid[i] ? [] : [i]));
  const claims = new Map(
    missing.map((i) => [i, cache && keys[i] ? claimEntry<CachedPart>(cache, keys[i]) : undefined]),
  );
  const mine = missing.filter((i) => !claims.get(i)?.other);
  const theirs = missing.filter((i) => claims.get(i)?.other);
  const done = (i: number, part: CachedPart) => {
    laid[i] = part;
    if (cache && keys[i]) writePart(cache, keys[i], part, options.warn);
    claims.get(i)?.settle(part);
  };
  let printed: Paginated | undefined;
  try {
    const runs = planRuns(options, parts, mine);
    // every part in one run: its page is the whole document, printed as it is
    const whole = runs.length === 1 && mine.length === parts.length;
    onPlan({ runs: runs.length, whole });
    options.log?.(
      `paginate ${options.key}: ${describePlan(parts.length, missing.length, runs.length, Boolean(cache))}`,
    );
    if (whole) options.log?.(`paginate ${options.key}: every part in one run: printed from its page, without a join`);
    if (theirs.length)
      options.log?.(
        `paginate ${options.key}: of those, ${theirs.length} being laid out by another edition of this run at the same time: waited for, not laid out twice`,
      );
    printed = await layOutRuns(options, parts, runs, done, whole);
    const left = await fromOthers(options, parts, theirs, claims, laid);
    // another edition that failed before its run ended: those parts laid out here after all
    if (left.length) await layOutRuns(options, parts, planRuns(options, parts, left), done);
  } finally {
    for (const i of mine) claims.get(i)?.settle(undefined);
  }
  return { laid: laid as CachedPart[], printed };
}

/** How many runs lay parts out, and whether one run lays out every part (and is printed as it is). */
interface Plan {
  runs: number;
  whole: boolean;
}

/** The parts at `indexes` cut into runs: at most `parallel`, each worth its start (parts.ts, runCount). */
function planRuns(options: PaginateOptions, parts: DocumentPart[], indexes: number[]): number[][] {
  const sizes = indexes.map((i) => parts[i].size);
  return groupBySize(sizes, runCount(sizes, options.parallel ?? 1, options.runWorth)).map((run) =>
    run.map((j) => indexes[j]),
  );
}

/**
 * The runs laid out at once; each part's pages handed to `done` as its run ends. With `print`, the one run
 * (of every part) is printed too, and its result returned.
 */
async function layOutRuns(
  options: PaginateOptions,
  parts: DocumentPart[],
  runs: number[][],
  done: (i: number, part: CachedPart) => void,
  print = false,
): Promise<Paginated | undefined> {
  let printed: Paginated | undefined;
  await inParallel(runs, runs.length, async (run, r) => {
    const result = await layOutRun(
      options,
      run.map((i) => parts[i]),
      `${options.key}-r${r}`,
      print,
    );
    const pages = result.parts;
    printed = result.printed;
    for (const [j, i] of run.entries()) {
      options.log?.(
        `paginate ${options.key}-p${i}: laid out ${parts[i].id}, ${pages[j].pages.length} pages (run ${r + 1} of ${runs.length}, ${run.length} parts)`,
      );
      done(i, pages[j]);
    }
  });
  return printed;
}

/** The parts another edition of the run laid out, put in `laid`; returns those it could not lay out. */
async function fromOthers(
  options: PaginateOptions,
  parts: DocumentPart[],
  theirs: number[],
  claims: Map<number, Claim<CachedPart> | undefined>,
  laid: (CachedPart | undefined)[],
): Promise<number[]> {
  const left: number[] = [];
  for (const i of theirs) {
    const part = await claims.get(i)?.other;
    if (!part) {
      left.push(i);
      continue;
    }
    laid[i] = reused(
      options,
      part,
      `paginate ${options.key}-p${i}: ${parts[i].id} laid out by another edition of this run`,
    );
  }
  return left;
}

async function cacheFor(options: PaginateOptions, where: { dir: string; generator: string }): Promise<LayoutCache> {
  return openLayoutCache({
    dir: where.dir,
    styles: options.doc.styles,
    contentDir: options.doc.contentDir,
    browserVersion: await options.browser.version(),
    generator: where.generator,
    checked: options.safetyNet !== false,
  });
}

/** Which parts the cache gave and which are laid out, and why, for the log (--verbose). */
function describePlan(count: number, missing: number, runs: number, cached: boolean): string {
  const inRuns = `in ${runs} Paged.js run${runs === 1 ? "" : "s"}`;
  if (!cached) return `by chapter without the layout cache (--no-cache): all ${count} parts laid out ${inRuns}`;
  if (missing === 0) return `by chapter: all ${count} parts from the layout cache, none laid out`;
  if (missing === count)
    return `by chapter: no part in the layout cache (an empty cache, or the stylesheets, fonts, browser or booklet changed): all ${count} laid out ${inRuns}`;
  return `by chapter: ${count - missing} of ${count} parts from the layout cache; the other ${missing} (changed since they were kept, or never laid out with these stylesheets) laid out ${inRuns}`;
}

/** A part's pages from the cache, with what its layout said when it was made; undefined when not there. */
function fromCache(
  options: PaginateOptions,
  cache: LayoutCache | undefined,
  cacheKey: string | undefined,
  key: string,
  id: string,
): CachedPart | undefined {
  const kept = cache && cacheKey ? readPart(cache, cacheKey) : undefined;
  return kept && reused(options, kept, `paginate ${key}: ${id} from the layout cache`);
}

/** A part's pages laid out before this build (kept, or by another edition): logged, its warnings said again. */
function reused(options: PaginateOptions, part: CachedPart, line: string): CachedPart {
  options.log?.(line);
  // what the layout said when it was made (a chapter laid out again), said again
  for (const warning of part.warnings) options.warn?.(warning);
  for (const _ of part.pages) options.onPage?.(0);
  return part;
}

/**
 * Parts laid out in one Paged.js run, each as it would be alone (markParts), and each part's pages taken
 * apart from the others' (serializeParts), with the warnings and the left-out elements of its own pages.
 * With `print`, the run holds every part, in order: its page, the whole document, is then printed as the
 * joined one would be (printJoined), which saves the join's page, its loading and its putting in.
 */
async function layOutRun(
  options: PaginateOptions,
  parts: DocumentPart[],
  key: string,
  print: boolean,
): Promise<{ parts: CachedPart[]; printed?: Paginated }> {
  const warnings: string[][] = parts.map(() => []);
  // the part of a chapter that lost text (its section, or a section inside it)
  const partOf = (chapter: string) =>
    Math.max(
      0,
      parts.findIndex((p) => p.html.includes(` id="${chapter}"`)),
    );
  return layOutChecked(options, groupDocument(parts), {
    key,
    seed: seedOf(parts[0].id),
    parts: parts.map((p) => ({ id: p.id, prefix: seedOf(p.id).toString(16).padStart(8, "0") })),
    onAgain: (chapters, line) => warnings[partOf(chapters[0] ?? "")].push(line),
    finish: async (ctx) => {
      const during = <T>(p: Promise<T>, what = "") =>
        ctx.wait(p, options.timeouts.paginate, "paginate", "reading the laid-out pages").then((result) => {
          if (what) options.log?.(`paginate ${key}: ${what}`);
          return result;
        });
      const ids = parts.map((p) => p.id);
      const split = await during(ctx.page.evaluate(serializeParts, ids, print), print ? "pages kept" : "");
      // the part whose pages begin at or before the page (the first part's begin at the first page)
      const partAt = (page: number) => split.filter((s) => s.first <= page).length - 1;
      const laid = split.map(({ pages }, j) => ({
        pages,
        dropped: ctx.dropped.filter((_, d) => Math.max(0, partAt(ctx.droppedAt[d])) === j),
        warnings: warnings[j],
      }));
      const starts = split.map((s) => s.first);
      return { parts: laid, printed: print ? await printJoined(ctx, starts, during) : undefined };
    },
  });
}

/** A number from a part's id: the seed of its page's Math.random and the prefix of its elements' refs. */
function seedOf(id: string): number {
  return crypto.createHash("sha256").update(id).digest().readUInt32LE(0);
}

/** fn over every item, at most `limit` at once; the results in the items' order. */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  // after a failure no other item is begun: the build stops with the first error
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      out[i] = await fn(items[i], i).catch((e) => {
        failed = true;
        throw e;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** "lost a note of ch-02-night (“…”)", or "printed part of a paragraph of … twice" when the pages hold more. */
function describeLost(lost: LostText[]): string {
  const first = lost[0];
  const what = `${first.kind === "note" ? "a note" : "a paragraph"}${first.chapter ? ` of ${first.chapter}` : ""}`;
  const how = first.printed > first.expected ? `printed part of ${what} twice` : `lost ${what}`;
  const more = lost.length > 1 ? ` (and ${lost.length - 1} more piece${lost.length > 2 ? "s" : ""} of text)` : "";
  return `${how} (“${first.text.slice(0, 60)}…”)${more}`;
}

/** The chapters' sections marked so that booklet.css keeps the last lines of their paragraphs together. */
export function keepLinesTogether(html: string, chapters: string[]): string {
  let out = html;
  for (const id of chapters.filter(Boolean)) {
    out = out.replace(
      new RegExp(`<section\\b[^>]*\\bid="${id.replace(/[^\w-]/g, "")}"`),
      (m) => `${m} data-keep-lines`,
    );
  }
  return out;
}

/** What a layout's page reported while it ran, for the checks after it and the error that may end it. */
interface Watch {
  blocked: string[];
  pageErrors: string[];
  // scripts the page's Content-Security-Policy (server.ts) stopped: they got past the content checks
  refusedScripts: string[];
  dropped: string[];
  droppedAt: number[];
  // the pages laid out so far and the chapter of the last one
  progress: { pages: number; chapter?: string; title?: string };
  // what was being waited for, for an error that ends the wait (a time-out, the browser's crash)
  stage: { name: string; doing: string };
}

/** One layout: the printed result (or what run.finish makes of the page), or (when checked) what it lost. */
async function layOut<T = Paginated>(
  options: PaginateOptions,
  html: string,
  check: boolean,
  run: RunOptions<T> = {},
): Promise<T | { lost: LostText[] }> {
  const { server } = options;
  const key = run.key ?? options.key;
  const finish = run.finish ?? (printLaidOut as unknown as Finish<T>);
  // a shell is a page laid out before: its body is the pages, not the content Paged.js takes them from
  const url = server.publish(key, { ...options.doc, html: run.shell ? html : inTemplate(html) });
  const { context, page } = await openPage(options, key);
  const watch: Watch = {
    blocked: [],
    pageErrors: [],
    refusedScripts: [],
    dropped: [],
    droppedAt: [],
    progress: { pages: 0 },
    stage: { name: "paginate", doing: "loading the document" },
  };
  const wait: Wait = (promise, seconds, name, doing) => {
    if (doing !== watch.stage.doing) options.onStep?.(doing);
    watch.stage = { name, doing };
    return withTimeout(promise, seconds, name, doing);
  };
  const checkAll = () => checkRequests({ ...watch, server, key, contentDir: options.doc.contentDir });
  try {
    watchPage(page, options, watch);
    const mark = await loadPaged({ page, options, url, key, seed: run.seed ?? 0, wait, paged: !run.shell });
    if (run.parts)
      await wait(page.evaluate(markParts, run.parts), options.timeouts.paginate, "paginate", "loading the document");
    checkAll();
    const laid = run.shell ? { ms: 0, lost: [] } : await runPaged({ page, options, check, watch, wait });
    checkAll();
    mark(run.shell ? "shell loaded" : "laid out");
    // nothing printed from a layout that lost text
    if (laid.lost.length) return { lost: laid.lost };
    const done = await finish({
      page,
      wait,
      options,
      layoutMs: laid.ms,
      dropped: watch.dropped,
      droppedAt: watch.droppedAt,
    });
    mark("printed");
    return done;
  } catch (e) {
    const { stage, progress } = watch;
    throw explain(e, {
      stage,
      progress,
      browser: options.browser,
      timeouts: options.timeouts,
      contentDir: options.doc.contentDir,
    });
  } finally {
    server.unpublish(key);
    // a browser that stopped answering must not hold the build here either (the session kills it)
    await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
}

/** A page in a browser context of its own: its own renderer process, so that layouts run in parallel. */
async function openPage(options: PaginateOptions, key: string) {
  const limit = options.timeouts.paginate;
  try {
    const context = await withTimeout(options.browser.createBrowserContext(), limit, "paginate", "opening a page");
    const page = await withTimeout(context.newPage(), limit, "paginate", "opening a page");
    return { context, page };
  } catch (e) {
    options.server.unpublish(key);
    throw explain(e, {
      stage: { name: "paginate", doing: "opening a page" },
      progress: { pages: 0 },
      browser: options.browser,
      timeouts: options.timeouts,
      contentDir: options.doc.contentDir,
    });
  }
}

/** What the page asks for, throws and says, noted in the watch as it happens. */
function watchPage(page: Page, options: PaginateOptions, watch: Watch): void {
  const { server } = options;
  page.on("request", (req) => {
    // only the local server: a build reaches nothing else, not even file: URLs
    if (req.url().startsWith(`${server.origin}/`) || req.url().startsWith("data:")) void req.continue();
    else {
      watch.blocked.push(req.url());
      void req.abort("blockedbyclient");
    }
  });
  page.on("pageerror", (err) => {
    watch.pageErrors.push((err as Error).message ?? String(err));
    options.log?.(`[page error] ${(err as Error).stack ?? err}`);
  });
  page.on("console", (msg) => onConsole(msg.text(), msg.type(), options, watch));
}

function onConsole(text: string, type: string, options: PaginateOptions, watch: Watch): void {
  if (text.startsWith("booklet:page ")) {
    // "booklet:page N CHAPTER-ID TITLE": how far the layout got, for a time-out's message
    const [, n, id, title] = /^booklet:page (\d+) ?(\S*) ?(.*)$/.exec(text) ?? [];
    const before = watch.progress;
    watch.progress = { pages: Number(n), chapter: id || before.chapter, title: id ? title : before.title };
    options.onPage?.(Number(n));
    return;
  }
  options.log?.(`[page ${type}] ${text}`);
  if (text.startsWith("Unable to layout item")) {
    // Paged.js gives up on an element it cannot fit on any page and drops it (pagedjs issue 274); the
    // build's preflight then names the missing text, this says where the layout gave up
    const { title, pages } = watch.progress;
    watch.droppedAt.push(pages + 1);
    watch.dropped.push(
      `Paged.js could not lay out an element${title ? ` in "${title}"` : ""} (page ${pages + 1}) and left it out: a line, image or table row taller than the page?`,
    );
    return;
  }
  if (type !== "error") return;
  // what the browser stops before any request is made, so that interception never sees it: a load the
  // Content-Security-Policy forbids, a file: URL, an inline script or event handler
  const refusedLoad =
    /^(?:Loading|Refused to load) the [\w -]+? '([^']+)'/.exec(text) ??
    /^Not allowed to load local resource: (\S+)/.exec(text);
  if (refusedLoad) watch.blocked.push(refusedLoad[1]);
  else if (
    /^(?:Executing|Refused to execute|Evaluating|Refused to evaluate|Compiling or instantiating)\b/.test(text) &&
    /Content Security Policy/.test(text)
  )
    watch.refusedScripts.push(text.split(" violates")[0]);
}

/** The document loaded in the page, with Paged.js and booklet's handlers; returns a timer for the log. */
async function loadPaged(args: {
  page: Page;
  options: PaginateOptions;
  url: string;
  key: string;
  seed: number;
  wait: Wait;
  /** false: the page is not to be laid out (a join's shell), Paged.js is not loaded into it */
  paged: boolean;
}): Promise<(what: string) => void> {
  const { page, options, wait } = args;
  const limit = options.timeouts.paginate;
  const origin = options.server.origin;
  await wait(page.setRequestInterception(true), limit, "paginate", "opening a page");
  // tsx (esbuild) wraps named functions in __name(); functions sent to the page need it defined there
  await wait(
    Promise.all([
      page.evaluateOnNewDocument("globalThis.__name = (f) => f;"),
      page.evaluateOnNewDocument(seedPage, options.epochMs ?? 0, args.seed),
    ]),
    limit,
    "paginate",
    "opening a page",
  );
  const t0 = performance.now();
  const mark = (what: string) =>
    options.log?.(`paginate ${args.key}: ${what} at ${Math.round(performance.now() - t0)} ms`);
  await wait(page.goto(args.url, { waitUntil: "load" }), limit, "paginate", "loading the document");
  mark("document loaded");
  if (!args.paged) return mark;
  // every wait on the browser has the stage's time limit, these short ones too: a browser that stops
  // answering would otherwise hold the build for puppeteer's own three minutes, with its message
  await wait(
    (async () => {
      // a <link> in the head, like the document's own, so that Paged.js reads it with the others
      if (options.extraStylesheet) await page.evaluate(addStylesheet, options.extraStylesheet);
      // Each page box is a fixed size: containment keeps the layouts Paged.js forces (for every footnote) to
      // the page being filled, about 15 % faster on the shipped booklet (measured in three runs, same machine)
      await page.addStyleTag({
        content:
          ".pagedjs_page { contain: layout style size; } .pagedjs_page.booklet-laid-out { display: none !important; }",
      });
      await page.addScriptTag({ url: `${origin}/_pagedjs/paged.polyfill.js` });
      await page.addScriptTag({ url: `${origin}/_booklet/page-handlers.js` });
    })(),
    limit,
    "paginate",
    "loading Paged.js into the page",
  );
  return mark;
}

function addStylesheet(href: string): void {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

/** Paged.js's layout of the loaded document; a failure of Paged.js made into an error that names the chapter. */
async function runPaged(args: {
  page: Page;
  options: PaginateOptions;
  check: boolean;
  watch: Watch;
  wait: Wait;
}): Promise<{ ms: number; lost: LostText[] }> {
  const { options, watch } = args;
  const doing = "laying out the pages with Paged.js";
  return args
    .wait(args.page.evaluate(previewInPage, args.check), options.timeouts.paginate, "paginate", doing)
    .catch((e) => {
      if (watch.pageErrors.length) throw pageError(watch.pageErrors, e);
      if (e instanceof BookletError) throw e;
      if (!options.browser.connected) throw e;
      // Paged.js threw: a layout it cannot make of the content or the stylesheets, not a bug of booklet's
      const { chapter, title, pages } = watch.progress;
      const where = chapter
        ? ` while laying out the chapter "${title || chapter}" (${chapter}), after ${pages} page${pages === 1 ? "" : "s"}`
        : "";
      throw new BookletError(
        "PageError",
        `Paged.js failed${where}: ${String((e as Error).message ?? e).split("\n")[0]}`,
        {
          cause: e,
          ...chapterLocation(chapter, options.doc.contentDir),
        },
      );
    });
}

/** Runs in the page: Paged.js's layout, each page announced; then, when checked, the text it lost. */
async function previewInPage(check: boolean): Promise<{ ms: number; lost: LostText[] }> {
  const w = window as unknown as {
    PagedPolyfill: {
      preview(): Promise<{ total: number; performance: number }>;
      on(e: string, f: (p: unknown) => void): void;
    };
    bookletHideLaidOutPages: boolean;
    bookletLostText(): LostText[];
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
  try {
    const flow = await w.PagedPolyfill.preview();
    // every page shown again (page-handlers.js, HideLaidOutPages)
    w.bookletHideLaidOutPages = false;
    for (const p of document.querySelectorAll(".booklet-laid-out")) p.classList.remove("booklet-laid-out");
    await document.fonts.ready;
    return { ms: flow.performance, lost: check ? w.bookletLostText() : [] };
  } catch (e) {
    // the page's stack names the Paged.js module that failed: kept for --verbose
    const error = new Error((e as Error).message);
    error.stack = (e as Error).stack;
    throw error;
  }
}

type Wait = <T>(promise: Promise<T>, seconds: number, name: string, doing: string) => Promise<T>;

/** What a run does with its laid-out page: print it (the default), or keep its pages to join them. */
type Finish<T> = (ctx: {
  page: Page;
  wait: Wait;
  options: PaginateOptions;
  layoutMs: number;
  dropped: string[];
  /** the page of the run each of `dropped` was on */
  droppedAt: number[];
}) => Promise<T>;

interface RunOptions<T> {
  /** the document's key on the server: each run of a document laid out in parts has its own */
  key?: string;
  /** the seed of the page's Math.random (0: the document's) */
  seed?: number;
  /** the parts of a document laid out in this run (markParts), with the prefix of their elements' refs */
  parts?: { id: string; prefix: string }[];
  /** called when the layout lost text and is made again, with the chapters that lost it and the warning */
  onAgain?: (chapters: string[], line: string) => void;
  finish?: Finish<T>;
  /** true: the HTML is a join's shell (join-shell.ts), loaded as it is, without Paged.js nor a layout */
  shell?: boolean;
}

/** The laid-out page read and printed: the PDF and where each chapter and note is. */
async function printLaidOut(ctx: Parameters<Finish<Paginated>>[0]): Promise<Paginated> {
  const { page, wait, options } = ctx;
  const pages = await wait(readLayout(page), options.timeouts.print, "print", "reading the page layout");
  const pdf = await wait(
    page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      outline: true,
      tagged: true,
      timeout: options.timeouts.print * 1000,
    }),
    options.timeouts.print,
    "print",
    "printing the PDF",
  );
  return { pdf, pages, layoutMs: ctx.layoutMs, dropped: ctx.dropped };
}

/**
 * An error that ended a wait, made into one that says what to do: a time-out names the stage, how far the
 * layout got and the chapter it was in, and the key of booklet.yaml that sets the limit; a browser that
 * closed says so instead of puppeteer's "Target closed" or "Requesting main frame too early!".
 */
function explain(
  e: unknown,
  ctx: {
    stage: { name: string; doing: string };
    progress: { pages: number; chapter?: string; title?: string };
    browser: Browser;
    timeouts: { paginate: number; print: number };
    contentDir: string;
  },
): unknown {
  const { stage, progress } = ctx;
  const limit = stage.name === "print" ? ctx.timeouts.print : ctx.timeouts.paginate;
  const done =
    progress.pages > 0
      ? `it had laid out ${progress.pages} page${progress.pages === 1 ? "" : "s"}${progress.chapter ? `, the last of them in the chapter "${progress.title || progress.chapter}" (${progress.chapter})` : ""}`
      : "";
  if (e instanceof BookletError && e.kind === "StageTimeout") {
    const look =
      stage.doing.startsWith("laying out") && progress.chapter
        ? `Look in that chapter, and at what follows it, for what Paged.js cannot lay out (a table or an image taller than a page, an unusual @page rule)`
        : stage.doing.startsWith("laying out")
          ? "It stopped before the first page was done: look at the stylesheets (an @page rule Paged.js cannot handle)"
          : "The browser is slow or stuck";
    return new BookletError(
      "StageTimeout",
      `The ${stage.name} stage did not finish ${stage.doing} within ${limit} s${done ? `: ${done}` : ""}. ${look}; if the booklet is only long or the machine slow, raise \`timeouts.${stage.name}\` in booklet.yaml (now ${limit}).`,
      chapterLocation(stage.doing.startsWith("laying out") ? progress.chapter : undefined, ctx.contentDir),
    );
  }
  if (e instanceof BookletError) return e;
  // a full or missing temporary folder makes the browser fail in many ways ("Protocol error (IO.read)")
  const machine = tempDirCause(e);
  if (machine) return machine;
  if (!ctx.browser.connected) {
    return new BookletError(
      "BrowserCrashed",
      `The browser closed while the ${stage.name} stage was ${stage.doing}${done ? ` (${done})` : ""}.`,
      { cause: e },
    );
  }
  return e;
}

/** The chapter file of a chapter id (ch-<file name>), for an error to point at. */
function chapterLocation(id: string | undefined, contentDir: string): { location?: SourceLocation } {
  if (!id?.startsWith("ch-")) return {};
  const folders = [
    path.join(contentDir, "chapters"),
    ...(fs.existsSync(path.join(contentDir, "editions"))
      ? fs.readdirSync(path.join(contentDir, "editions")).map((y) => path.join(contentDir, "editions", y, "chapters"))
      : []),
  ];
  for (const folder of folders.reverse()) {
    if (!fs.existsSync(folder)) continue;
    const name = fs.readdirSync(folder).find((f) => f.endsWith(".md") && `ch-${slugify(f.slice(0, -3))}` === id);
    if (name) return { location: { file: path.join(folder, name) } };
  }
  return {};
}

function pageError(errors: string[], cause?: unknown): BookletError {
  return new BookletError("PageError", errors.slice(0, 3).join("\n"), { cause });
}

function checkRequests(args: {
  blocked: string[];
  refusedScripts: string[];
  pageErrors: string[];
  server: LocalServer;
  key: string;
  contentDir: string;
}) {
  const { blocked, refusedScripts, pageErrors, server, key, contentDir } = args;
  if (blocked.length) {
    const urls = [...new Set(blocked)];
    throw new BookletError(
      "RequestBlocked",
      urls.length === 1
        ? `The document asked for ${urls[0]}, and was refused: nothing outside the local server may be loaded.`
        : `The document asked for these, and was refused:\n${urls
            .slice(0, 5)
            .map((u) => `  ${u}`)
            .join("\n")}\nNothing outside the local server may be loaded; the first is shown below.`,
      whereWritten([urls[0]], contentDir) ?? {},
    );
  }
  if (refusedScripts.length) {
    throw new BookletError(
      "UnsafeContent",
      `The page tried to run a script, and the renderer refused it (${refusedScripts[0].toLowerCase()}). The content checks did not see it, so it was made when a template ran: a value inserted unescaped with {{{…}}}, as below, or a helper's output.`,
      // (the shipped templates insert only HTML that the checks have seen)
      whereWritten(["{{{", "{{&"], path.join(contentDir, "templates"), false) ?? {},
    );
  }
  const misses = server.misses.filter((m) => m.startsWith(`/${key}/`) && !m.endsWith("/favicon.ico"));
  if (misses.length) {
    const files = [...new Set(misses)].map((u) => u.slice(key.length + 2));
    throw new BookletError(
      "MissingFile",
      files.length === 1
        ? `The document refers to ${files[0]}, which does not exist in the content folder.`
        : `The document refers to files that do not exist in the content folder:\n${files
            .slice(0, 5)
            .map((u) => `  ${u}`)
            .join("\n")}\nThe first is shown below.`,
      whereWritten([files[0]], contentDir) ?? {},
    );
  }
  if (pageErrors.length) throw pageError(pageErrors);
}

const TEXT_FILES = /\.(md|hbs|html?|css|ya?ml|svg|csv|json|txt)$/i;

/**
 * The file, line and column where a URL the page asked for is written: in the content folder (a chapter, a
 * template, a stylesheet, booklet.yaml for a value a template inserts), then in the shipped templates.
 */
function whereWritten(
  texts: string[],
  dir: string,
  alsoShipped = true,
): { location: SourceLocation; sourceText: string } | undefined {
  const needles = [...new Set(texts.flatMap((t) => [t, decodeSafely(t)]))];
  for (const folder of alsoShipped ? [dir, SHIPPED_TEMPLATES] : [dir]) {
    for (const rel of textFiles(folder)) {
      const file = path.join(folder, rel);
      let text: string;
      try {
        text = readContentText(file, dir);
      } catch {
        // a file that leads out of the folder, is too large or is not UTF-8 was refused where it is used
        continue;
      }
      for (const needle of needles) {
        const at = text.indexOf(needle);
        if (at < 0) continue;
        return { location: { file, ...lineColumn(text, at) }, sourceText: text };
      }
    }
  }
  return undefined;
}

function textFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(
      (rel) =>
        TEXT_FILES.test(rel) && !rel.split(path.sep).some((part) => part === "node_modules" || part.startsWith(".")),
    )
    .sort()
    .filter((rel) => {
      const stat = fs.statSync(path.join(dir, rel));
      return stat.isFile() && stat.size < 2_000_000;
    });
}

function decodeSafely(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

async function readLayout(page: Page): Promise<PageLayout[]> {
  return page.evaluate(() => {
    const out: {
      number: number;
      starts: string[];
      blank: boolean;
      side: string;
      notes: { chapter: string; n: string }[];
    }[] = [];
    document.querySelectorAll<HTMLElement>(".pagedjs_page").forEach((el, i) => {
      const starts = [...el.querySelectorAll<HTMLElement>(".pagedjs_page_content section[id]")]
        .filter((s) => !s.hasAttribute("data-split-from"))
        .map((s) => s.id);
      const notes = [
        ...el.querySelectorAll<HTMLElement>(".pagedjs_footnote_area [data-note='footnote']:not([data-split-from])"),
      ].map((n) => {
        const ref = n.dataset.ref;
        const call = ref ? document.querySelector<HTMLElement>(`[data-footnote-call="${ref}"]`) : null;
        const section = call?.closest("section[id], section[data-id]") as HTMLElement | null;
        return { chapter: section?.id || section?.dataset.id || "", n: n.dataset.n ?? "" };
      });
      out.push({
        number: i + 1,
        starts,
        blank: el.classList.contains("pagedjs_blank_page"),
        side: el.classList.contains("pagedjs_left_page") ? "left" : "right",
        notes,
      });
    });
    return out;
  });
}

/**
 * The body's content inside the <template data-ref="pagedjs-content"> that Paged.js would otherwise make of it
 * (previewer.js, wrapContent): the browser then never lays the whole document out as one long page before
 * Paged.js takes it apart, which took about 0.3 s of the 40-page booklet's layout.
 */
export function inTemplate(html: string): string {
  const open = /<body\b[^>]*>/i.exec(html);
  const close = html.lastIndexOf("</body>");
  if (!open || close < open.index) return html;
  const start = open.index + open[0].length;
  return `${html.slice(0, start)}<template data-ref="pagedjs-content">${html.slice(start, close)}</template>${html.slice(close)}`;
}
