// The join: every part's laid-out pages put into the join document's page (laid out by Paged.js, or its kept
// shell loaded), and printed as one document.
import { addInJoin } from "./join-pad.ts";
import { type JoinShell, keepShell, readShell, shellKey, shellPage } from "./join-shell.ts";
import { type CachedPart, claimEntry, type LayoutCache } from "./layout-cache.ts";
import { type AddPages, type Finish, layOut, printPadded } from "./page-run.ts";
import {
  carryStrings,
  checkOpeners,
  type DocumentPart,
  joinDocument,
  joinPages,
  loaded,
  setPageReferences,
} from "./parts.ts";
import type { LostText, Paginated, PaginateOptions } from "./types.ts";

/** Waits on a laid-out page within the paginate stage's limit, each step named in the log with its time. */
type Steps = <T>(p: Promise<T>, what?: string) => Promise<T>;

/** The steps of `key`'s page after its layout (doing: what a time-out says the page was doing). */
export function pageSteps(ctx: Parameters<Finish<Paginated>>[0], key: string, doing: string): Steps {
  const t0 = performance.now();
  return async (p, what = "") => {
    const result = await ctx.wait(p, ctx.options.timeouts.paginate, "paginate", doing);
    if (what) ctx.options.log?.(`paginate ${key}: ${what} at ${Math.round(performance.now() - t0)} ms`);
    return result;
  };
}

/**
 * In the join document's laid-out page: the parts' pages put in and printed, or why they cannot be (what
 * checkOpeners found in the page, "" when they can).
 */
async function joinParts(
  ctx: Parameters<Finish<Paginated>>[0],
  problem: string,
  laid: CachedPart[],
  opens: string[],
): Promise<Paginated | { problem: string }> {
  const during = pageSteps(ctx, `${ctx.options.key}-join`, "joining the laid-out pages");
  if (problem) return { problem };
  const starts = await during(
    ctx.page.evaluate(
      joinPages,
      laid.map((l) => l.pages),
      opens,
    ),
    "pages put in",
  );
  return printJoined({ ...ctx, dropped: laid.flatMap((l) => l.dropped) }, starts, during, addInJoin);
}

/**
 * A page that holds every part's pages (joined, or a run of them all) printed as one document: the running
 * heads carried over from part to part, the page references set, once the fonts and images are loaded, with
 * the pages a saddle-stitched booklet needs added in front of the back cover (printPadded). `add` adds them: by
 * Paged.js in a run of every part, whose pages are its own; made as it makes them in a join's page, whose pages
 * are not (join-pad.ts). Added after the page references are set, they change no reference: none may point
 * to the back cover's page, the one page whose number they change.
 */
export async function printJoined(
  ctx: Parameters<Finish<Paginated>>[0],
  starts: number[],
  during: Steps,
  add?: AddPages,
): Promise<Paginated> {
  await during(ctx.page.evaluate(carryStrings, starts), "running heads carried over");
  await during(ctx.page.evaluate(setPageReferences), "page references set");
  await during(ctx.page.evaluate(loaded), "fonts and images loaded");
  return printPadded(ctx, add);
}

/**
 * The parts joined in the join document's page: its laid-out shell from the cache when it is there (without
 * a Paged.js run), else laid out by Paged.js, and then kept as a shell. A shell that does not load, or whose
 * page is not what it was, is set aside and the join laid out: never a page that may be wrong.
 */
export async function joinLaidOut(
  options: PaginateOptions,
  parts: DocumentPart[],
  cache: LayoutCache | undefined,
  parting: Promise<CachedPart[]>,
): Promise<Paginated | { problem: string } | { lost: LostText[] }> {
  const html = joinDocument(options.doc.html, parts);
  const opens = parts.map((p) => p.opens);
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
      const joined = await joinInShell(options, shell, opens, parting);
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
          ctx.page.evaluate(checkOpeners, opens),
          options.timeouts.paginate,
          "paginate",
          "joining the laid-out pages",
        );
        if (cache && shellAt)
          claim?.settle((await keepJoinShell(ctx, { cache, key: shellAt, problem, runKey: key })) || undefined);
        return joinParts(ctx, problem, await parting, opens);
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
    options.log?.(
      `paginate ${where.runKey}: the join's laid-out page not kept (a stylesheet it cannot write out, or a folder it cannot write)`,
    );
  return kept;
}

/** The parts joined in the join's shell, loaded as a static page; why not, when it must be set aside. */
async function joinInShell(
  options: PaginateOptions,
  shell: JoinShell,
  opens: string[],
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
        ctx.page.evaluate(checkOpeners, opens),
        options.timeouts.paginate,
        "paginate",
        "loading the document",
      );
      if (found !== shell.problem) throw new Error(`its page says "${found}", it said "${shell.problem}"`);
      past = true;
      return joinParts(ctx, found, await parting, opens);
    },
  }).catch((e) => {
    // a browser that closed fails a layout as well
    if (past || !options.browser.connected) throw e;
    return { setAside: String((e as Error).message ?? e).split("\n")[0] };
  });
}
