// One layout: a page opened in a browser context of its own, the document and Paged.js loaded into it, laid
// out, and what the run's `finish` makes of the laid-out page (by default, the page read and printed).
import type { Page } from "puppeteer-core";
import { BookletError } from "../errors/index.ts";
import { faultPoint } from "../faults.ts";
import { count } from "../shared/index.ts";
import { addStylesheet, previewInPage, rulesForEveryMedium, seedPage } from "./in-page.ts";
import { checkSameLayout, lastSide, notesHtml, paddingCount } from "./pad.ts";
import { whyNotAdded } from "./pad-refusal.ts";
import { chapterLocation, checkRequests, explain, pageError } from "./page-faults.ts";
import { givePageBack, type PooledPage, takePage } from "./page-pool.ts";
import { type Watch, watchPage } from "./page-watch.ts";
import { markParts } from "./parts.ts";
import { withTimeout } from "./timeout.ts";
import type { LayoutCheck, LostText, PageLayout, Paginated, PaginateOptions } from "./types.ts";

/** One layout: the printed result (or what run.finish makes of the page), or (when checked) what it lost. */
export async function layOut<T = Paginated>(
  options: PaginateOptions,
  html: string,
  check: LayoutCheck,
  run: RunOptions<T> = {},
): Promise<T | { lost: LostText[] }> {
  const first = await layOutOnce(options, html, check, run);
  if (!(first instanceof LateFonts)) return first;
  // text needed a font face that was not loaded before the layout: its pages were measured in another font
  options.log?.(
    `paginate ${run.key ?? options.key}: laid out again with every font face loaded first: text needed ${first.faces.join(", ")}`,
  );
  const again = await layOutOnce(options, html, check, { ...run, everyFont: true });
  // with every face loaded first, none is late
  if (again instanceof LateFonts) throw new Error(`font faces late with every face loaded: ${again.faces.join(", ")}`);
  return again;
}

/** A layout whose text needed font faces that were not loaded before it (in-page.ts, previewInPage). */
class LateFonts {
  constructor(readonly faces: string[]) {}
}

async function layOutOnce<T>(
  options: PaginateOptions,
  html: string,
  check: LayoutCheck,
  run: RunOptions<T>,
): Promise<T | { lost: LostText[] } | LateFonts> {
  const { server } = options;
  const key = run.key ?? options.key;
  const finish = run.finish ?? (printLaidOut as unknown as Finish<T>);
  // a shell is a page laid out before: its body is the pages, not the content Paged.js takes them from
  const url = server.publish(key, { ...options.doc, html: run.shell ? html : inTemplate(html) });
  const held = await openPage(options, key);
  const { page } = held;
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
  let unwatch: () => void = () => undefined;
  let seeded: string | undefined;
  let failed = false;
  try {
    unwatch = watchPage(page, options, watch);
    // Math.random and the clock seeded in each document the page loads: this run's seed, until it ends
    seeded = (
      await wait(
        page.evaluateOnNewDocument(seedPage, options.epochMs ?? 0, run.seed ?? 0),
        options.timeouts.paginate,
        "paginate",
        "opening a page",
      )
    ).identifier;
    const mark = await loadPaged({ page, options, url, key, wait, paged: !run.shell });
    if (run.parts)
      await wait(page.evaluate(markParts, run.parts), options.timeouts.paginate, "paginate", "loading the document");
    checkAll();
    const fonts = run.shell || run.everyFont ? undefined : { text: options.pad?.title ?? "" };
    const laid = run.shell
      ? { ms: 0, lost: [], late: [], faces: undefined }
      : await runPaged({ page, options, check, fonts, watch, wait });
    checkAll();
    if (laid.faces) options.log?.(`paginate ${key}: ${laid.faces.first} of ${laid.faces.of} font faces loaded first`);
    if (laid.late.length) return new LateFonts(laid.late);
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
    failed = true;
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
    unwatch();
    await closeOrGiveBack(options, held, failed ? undefined : seeded);
  }
}

/**
 * The page of a layout that ended well (`seeded`: its seed script, taken out) given back for the next
 * layout; any other closed. A browser that stopped answering must not hold the build here either (the
 * session kills it).
 */
async function closeOrGiveBack(options: PaginateOptions, held: PooledPage, seeded: string | undefined) {
  const within = <T>(p: Promise<T>) =>
    Promise.race([
      p.then(() => true).catch(() => false),
      new Promise<false>((r) => setTimeout(r, 5000, false).unref()),
    ]);
  if (seeded !== undefined && (await within(held.page.removeScriptToEvaluateOnNewDocument(seeded))))
    givePageBack(options.browser, held);
  else await within(held.context.close());
}

/**
 * A page in a browser context of its own (its own renderer process, so that layouts run in parallel): one an
 * earlier layout gave back (page-pool.ts), else a new one, which asks booklet's server for everything it loads.
 */
async function openPage(options: PaginateOptions, key: string): Promise<PooledPage> {
  const limit = options.timeouts.paginate;
  const step = <T>(p: Promise<T>) => withTimeout(p, limit, "paginate", "opening a page");
  try {
    const kept = await step(takePage(options.browser));
    if (kept) return kept;
    const context = await step(options.browser.createBrowserContext());
    const page = await step(context.newPage());
    await step(page.setRequestInterception(true));
    // tsx (esbuild) wraps named functions in __name(); functions sent to the page need it defined there
    await step(page.evaluateOnNewDocument("globalThis.__name = (f) => f;"));
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

/** The document loaded in the page, with Paged.js and booklet's handlers; returns a timer for the log. */
async function loadPaged(args: {
  page: Page;
  options: PaginateOptions;
  url: string;
  key: string;
  wait: Wait;
  /** false: the page is not to be laid out (a join's shell), Paged.js is not loaded into it */
  paged: boolean;
}): Promise<(what: string) => void> {
  const { page, options, wait } = args;
  const limit = options.timeouts.paginate;
  const origin = options.server.origin;
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

/** Paged.js's layout of the loaded document; a failure of Paged.js made into an error that names the chapter. */
async function runPaged(args: {
  page: Page;
  options: PaginateOptions;
  check: LayoutCheck;
  fonts: { text: string } | undefined;
  watch: Watch;
  wait: Wait;
}): ReturnType<typeof previewInPage> {
  const { options, watch } = args;
  const doing = "laying out the pages with Paged.js";
  return args
    .wait(args.page.evaluate(previewInPage, args.check, args.fonts), options.timeouts.paginate, "paginate", doing)
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

type Wait = <T>(promise: Promise<T>, seconds: number, name: string, doing: string) => Promise<T>;

/** What a run does with its laid-out page: print it (the default), or keep its pages to join them. */
export type Finish<T> = (ctx: {
  page: Page;
  wait: Wait;
  options: PaginateOptions;
  layoutMs: number;
  dropped: string[];
  /** the page of the run each of `dropped` was on */
  droppedAt: number[];
}) => Promise<T>;

export interface RunOptions<T> {
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
  /**
   * true: every font face loaded before the layout, as Paged.js does; else only those for the characters the
   * page may print, and laid out again with every face when text needed another (layOut)
   */
  everyFont?: boolean;
}

/** The laid-out page read (unless `pages` is its layout) and printed: the PDF and where each chapter and note is. */
export async function printLaidOut(ctx: Parameters<Finish<Paginated>>[0], pages?: PageLayout[]): Promise<Paginated> {
  const { page, wait, options } = ctx;
  pages ??= await wait(readLayout(page), options.timeouts.print, "print", "reading the page layout");
  await wait(page.evaluate(rulesForEveryMedium), options.timeouts.print, "print", "printing the PDF");
  // a test stops the build here (BOOKLET_FAULT=print:SIGSTOP), its browser still open, to end it while it prints
  faultPoint("print");
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

/** Adds the pages (notesHtml) in front of the back cover in a laid-out page: "" when it did, else why not. */
export type AddPages = (page: Page, html: string) => Promise<string>;

/** Paged.js lays them out in its own layout's page, after the page before the back cover. */
const byPagedJs: AddPages = (page, html) =>
  page.evaluate((h) => (window as unknown as { bookletAddPages(h: string): Promise<string> }).bookletAddPages(h), html);

/**
 * The laid-out page with the pages a saddle-stitched booklet needs (options.pad) added in front of its back
 * cover in the page itself, when they can be (whyNotAdded, then `add`: by Paged.js, or in a join's page), then
 * read and printed. The
 * padded layout must be the first with the added pages before its last, as a second layout's is (checkSameLayout).
 */
export async function printPadded(
  ctx: Parameters<Finish<Paginated>>[0],
  add: AddPages = byPagedJs,
): Promise<Paginated> {
  const { page, wait, options } = ctx;
  const read = () => wait(readLayout(page), options.timeouts.print, "print", "reading the page layout");
  const pages = await read();
  const added = options.pad ? paddingCount(pages.length, options.pad.padTo) : 0;
  if (!options.pad || added === 0) return printLaidOut(ctx, pages);
  const html = notesHtml({ ...options.pad, count: added, firstSide: lastSide(pages) });
  const adding = (step: Promise<string>) =>
    wait(step, options.timeouts.paginate, "paginate", "adding pages in front of the back cover");
  const why = (await adding(page.evaluate(whyNotAdded, added))) || (await adding(add(page, html)));
  if (why) {
    options.log?.(
      `paginate ${options.key}: ${count(added, "page")} not added in the page, left to the formats stage: ${why}`,
    );
    return printLaidOut(ctx, pages);
  }
  const withAdded = await read();
  checkSameLayout({ screen: pages, print: withAdded, added });
  return { ...(await printLaidOut(ctx, withAdded)), pages, padded: { added, pages: withAdded } };
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
