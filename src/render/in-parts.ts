// A document laid out in parts (parts.ts): each part's pages from the layout cache, from another edition of
// the run, or laid out in runs of neighbouring parts; then joined (join.ts), or printed from the one run.
import crypto from "node:crypto";
import { isLost, layOutChecked } from "./checked.ts";
import { joinLaidOut, pageSteps, printJoined } from "./join.ts";
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
  type DocumentPart,
  groupBySize,
  groupDocument,
  openOn,
  runCount,
  type Side,
  SPACER,
  serializeParts,
  sideAfter,
} from "./parts.ts";
import type { Paginated, PaginateOptions } from "./types.ts";

/**
 * The document laid out in parts (parts.ts): each part's pages from the layout cache, or laid out (the parts
 * not in it in at most `parallel` Paged.js runs at once), then joined in an empty document's page, which is
 * read and printed like a whole document's. When a core is left beside the runs and Node, that page is
 * opened and laid out beside them: its renderer, Paged.js's script and its reading of the stylesheets are
 * then not waited for after them; otherwise it is the page a run gave back (page-pool.ts), whose renderer
 * has the fonts already. When one run lays every part out, its page is the whole document: it is printed
 * as it is, and no join is made.
 */
export async function paginateInParts(options: PaginateOptions, parts: DocumentPart[]): Promise<Paginated> {
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
  // cores, whose memory would add up (a renderer with the fonts, about 50 MB). On 2 cores, the join in the
  // run's page, after it, made a build with one chapter changed 0.2 s faster than the join beside it (3.86
  // s against 4.04 s, medians of six in turn)
  const { runs, whole } = await Promise.race([planned, parting.then(() => ({ runs: 0, whole: false }))]);
  if (whole) {
    // no join's page to lay out and keep beside the run: on 2 cores that made the build 1 s slower, to save
    // the next build that joins parts 0.5 s (it lays the join out beside its own run)
    const { printed } = await parting;
    if (!printed) throw new Error("the run of every part printed nothing");
    return { ...printed, layoutMs: performance.now() - t0 };
  }
  if (runs + 1 >= (options.parallel ?? 1)) await parting;
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
  const back = parts.findIndex((p, i) => i > 0 && p.opens === "page");
  const keys = parts.map((part, i) =>
    cache && i !== back ? partKey(cache, part.html, options.doc.contentDir) : undefined,
  );
  const laid = parts.map((part, i) => fromCache(options, cache, keys[i], `${options.key}-p${i}`, part.id));
  const { sides, backKey, sideKnown } = backMatter(options, parts, cache, { back, keys, laid });
  if (back > 0 && laid[back - 1]) sideKnown();
  const missing = parts.flatMap((_, i) => (laid[i] ? [] : [i]));
  // the back matter of each edition is its own: never laid out by another edition
  const claims = new Map(
    missing.map((i) => [i, cache && keys[i] && i !== back ? claimEntry<CachedPart>(cache, keys[i]) : undefined]),
  );
  const theirs = missing.filter((i) => claims.get(i)?.other);
  // after the part before it, when another edition lays that one out
  const later = missing.filter((i) => i === back && theirs.includes(back - 1));
  const mine = missing.filter((i) => !theirs.includes(i) && !later.includes(i));
  const done = (i: number, part: CachedPart) => {
    laid[i] = part;
    // laid out after the part before it, in its run: on the side that part left it
    if (i === back && !sides.has(back)) keys[i] = backKey().key;
    if (cache && keys[i]) writePart(cache, keys[i], part, options.warn);
    claims.get(i)?.settle(part);
  };
  let printed: Paginated | undefined;
  try {
    const runs = planRuns(options, parts, mine, sides);
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
    printed = await layOutRuns(options, parts, runs, done, sides, whole);
    const left = await fromOthers(options, parts, theirs, claims, laid);
    if (later.length && laid[back - 1]) sideKnown();
    // the back matter, and the parts another edition failed to lay out: laid out here after all
    const rest = [...left, ...later.filter((i) => !laid[i])];
    if (rest.length) await layOutRuns(options, parts, planRuns(options, parts, rest, sides), done, sides);
  } finally {
    for (const i of mine) claims.get(i)?.settle(undefined);
  }
  return { laid: laid as CachedPart[], printed };
}

/**
 * The back matter's part (`back`, opening the next page on either side): its side, and with it its key and
 * its pages, known once the part before it has its pages (from the cache, or laid out before it in its run).
 * `keys` and `laid` are layOutParts' own, filled in here.
 */
function backMatter(
  options: PaginateOptions,
  parts: DocumentPart[],
  cache: LayoutCache | undefined,
  at: { back: number; keys: (string | undefined)[]; laid: (CachedPart | undefined)[] },
) {
  const { back, keys, laid } = at;
  const sides = new Map<number, Side>();
  const backKey = () => {
    const side = sideAfter((laid[back - 1] as CachedPart).pages.length);
    const html = `${parts[back].html}<!-- opens on the ${side} -->`;
    return { side, key: cache && partKey(cache, html, options.doc.contentDir) };
  };
  // its side known before it is laid out: it is laid out on that side, or comes from the cache
  const sideKnown = () => {
    const { side, key } = backKey();
    sides.set(back, side);
    keys[back] = key;
    laid[back] = fromCache(options, cache, key, `${options.key}-p${back}`, parts[back].id);
  };
  return { sides, backKey, sideKnown };
}

/** How many runs lay parts out, and whether one run lays out every part (and is printed as it is). */
interface Plan {
  runs: number;
  whole: boolean;
}

/**
 * The parts at `indexes` cut into runs: at most `parallel`, each worth its start (parts.ts, runCount). The back
 * matter, whose side is not known before the part before it is laid out, is laid out after that part, in its
 * run (where it opens on the side that part leaves it).
 */
function planRuns(
  options: PaginateOptions,
  parts: DocumentPart[],
  indexes: number[],
  sides: Map<number, Side>,
): number[][] {
  const units: number[][] = [];
  for (const i of indexes) {
    const glued = parts[i].opens === "page" && !sides.has(i) && units.at(-1)?.at(-1) === i - 1;
    if (glued) units.at(-1)?.push(i);
    else units.push([i]);
  }
  const sizes = units.map((unit) => unit.reduce((total, i) => total + parts[i].size, 0));
  return groupBySize(sizes, runCount(sizes, options.parallel ?? 1, options.runWorth)).map((run) =>
    run.flatMap((j) => units[j]),
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
  sides: Map<number, Side>,
  print = false,
): Promise<Paginated | undefined> {
  let printed: Paginated | undefined;
  await inParallel(runs, runs.length, async (run, r) => {
    const result = await layOutRun(
      options,
      run.map((i) => ({ ...parts[i], side: sides.get(i) })),
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
  parts: (DocumentPart & { side?: Side })[],
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
  // a part laid out on a side it does not take in the run by itself (the back matter, after another part)
  let html = groupDocument(parts);
  for (const [j, p] of parts.entries()) if (p.side) html = openOn(html, p.id, p.side, j === 0);
  // the first page of a run opened on the left holds openOn's empty element: nobody's
  const spacer = parts[0].side === "left" ? [SPACER] : [];
  const ids = [...spacer, ...parts.map((p) => p.id)];
  return layOutChecked(options, html, {
    key,
    seed: seedOf(parts[0].id),
    parts: ids.map((id) => ({ id, prefix: seedOf(id).toString(16).padStart(8, "0") })),
    onAgain: (chapters, line) => warnings[partOf(chapters[0] ?? "")].push(line),
    finish: async (ctx) => {
      const during = pageSteps(ctx, key, "reading the laid-out pages");
      const split = await during(ctx.page.evaluate(serializeParts, ids, print), print ? "pages kept" : "");
      // the part whose pages begin at or before the page (the first part's begin at the first page)
      const partAt = (page: number) => split.filter((s) => s.first <= page).length - 1;
      const laid = split.slice(spacer.length).map(({ pages }, j) => ({
        pages,
        dropped: ctx.dropped.filter((_, d) => Math.max(0, partAt(ctx.droppedAt[d])) === j + spacer.length),
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
