// `booklet dev`: prepares the document on every save and lets the reader's browser lay out the pages (Paged.js),
// reloading them in place; a build error is shown over the last good pages until it is fixed.

import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import path from "node:path";
import { GENERATOR, prepare } from "../build.ts";
import { ordinal } from "../config/index.ts";
import type { RenderedDocument } from "../document/index.ts";
import { SHIPPED_TEMPLATES } from "../document/index.ts";
import { errorToJson, formatError } from "../errors/index.ts";
import { type ConsoleLogger, formatMs, type Logger, silentLogger } from "../log.ts";
import { count } from "../shared/index.ts";
import { type Change, classifyChange } from "./changes.ts";
import { type KeptPages, keptPages } from "./kept.ts";
import { type OverlayError, overlayErrors } from "./overlay.ts";
import { type DevDocument, startDevServer } from "./server.ts";
import { watchFiles } from "./watch.ts";

export const DEFAULT_PORT = 4170;

export interface DevOptions {
  /** the content folder (content/ by default) */
  contentDir: string;
  /** the edition to preview; the next anniversary when not given */
  edition?: number;
  /** the translation to preview (a folder of languages/); the base language when not given */
  language?: string;
  /** 0 for any free port */
  port?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger | ConsoleLogger;
}

/** What the preview tells its caller (the CLI prints it; the tests and the benchmark wait on it). */
export interface DevEvents {
  rebuilt: { version: number; ms: number; change: Change; files: string[] };
  failed: { errors: OverlayError[]; error: unknown; ms: number };
  /** a page has laid out a version; `sinceChangeMs` runs from the first file event of the save */
  ready: {
    version: number;
    /** "kept": the pages this browser laid out for that version before, shown as they were kept */
    mode: "initial" | "chapter" | "full" | "kept";
    /** with "kept": the pages were another version's, and this chapter, changed since, was laid out in them */
    chapter?: string;
    pages: number;
    layoutMs: number;
    sinceChangeMs?: number;
    fallback?: string;
    spare?: boolean;
    steps?: Record<string, number>;
    sentAfterChangeMs?: number;
  };
  "layout-failed": { version: number; message: string };
  /**
   * after a chapter was laid out alone, or kept pages were shown, the page lays out the whole document again
   * and compares
   */
  check: { version: number; of: "chapter" | "kept"; same: boolean; differences: string[] };
  /** the page's layout of that version is kept for the next session (kept.ts) */
  kept: { version: number };
}

export interface DevSession {
  url: string;
  port: number;
  events: EventEmitter<{ [K in keyof DevEvents]: [DevEvents[K]] }>;
  /** the last version that built */
  version(): number;
  close(): Promise<void>;
}

export async function dev(options: DevOptions): Promise<DevSession> {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir);
  const preview = newPreview(options, cwd, contentDir);
  const { log, events } = preview;
  await rebuild(preview, [], performance.now());
  const instance = randomUUID();
  const server = await startDevServer({
    port: options.port ?? DEFAULT_PORT,
    contentDir,
    document: (v) => preview.docs.get(v) ?? (preview.good ? preview.docs.get(preview.good.version) : undefined),
    state: () => ({ instance, version: preview.good?.version ?? 0, errors: preview.errors ?? null }),
    onReport: (r) => onReport(preview, r),
    kept: () => preview.kept?.pages,
  });
  preview.server = server;
  const watcher = watchFiles({ dirs: [contentDir, SHIPPED_TEMPLATES], onChange: scheduler(preview) });
  log.info(
    `booklet dev: ${server.url} (watching ${path.relative(cwd, contentDir) || "."}/ and the templates; Ctrl-C stops)`,
  );

  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    events,
    version: () => preview.good?.version ?? 0,
    close() {
      closed ??= (async () => {
        watcher.close();
        await preview.running;
        await server.close();
      })();
      return closed;
    },
  };
}

/** The preview's state: the versions the page may ask for, the last good one, the current errors. */
interface Preview {
  options: DevOptions;
  cwd: string;
  contentDir: string;
  log: Logger | ConsoleLogger;
  /** the build's log: its warnings, each once while it lasts (stage lines are left out: one line a rebuild) */
  prepareLog: Logger;
  shownWarnings: Set<string>;
  seenWarnings: Set<string>;
  events: DevSession["events"];
  server?: Awaited<ReturnType<typeof startDevServer>>;
  docs: Map<number, DevDocument>;
  /** when the save that made each version began */
  changedAt: Map<number, number>;
  /** when each version's event went to the page, after its save (the benchmark's breakdown) */
  sentAt: Map<number, number>;
  good?: { version: number; document: RenderedDocument };
  errors?: OverlayError[];
  version: number;
  /** the build running, if one is */
  running?: Promise<void>;
  /** the pages laid out by the reader's browser, kept beside the build's layout cache of the output folder */
  kept?: { dir: string; pages: KeptPages };
}

function newPreview(options: DevOptions, cwd: string, contentDir: string): Preview {
  const log = options.log ?? silentLogger;
  const preview: Preview = {
    options,
    cwd,
    contentDir,
    log,
    prepareLog: {
      ...silentLogger,
      warn: (m) => {
        if (!preview.shownWarnings.has(m)) log.warn(m);
        preview.seenWarnings.add(m);
      },
    },
    shownWarnings: new Set(),
    seenWarnings: new Set(),
    events: new EventEmitter(),
    docs: new Map(),
    changedAt: new Map(),
    sentAt: new Map(),
    version: 0,
  };
  return preview;
}

/** One build at a time; saves during a build make one more after it. */
function scheduler(preview: Preview): (files: string[], at: number) => void {
  let queued: { files: Set<string>; at: number } | undefined;
  const schedule = (files: string[], at: number) => {
    if (preview.running) {
      queued ??= { files: new Set(), at };
      for (const f of files) queued.files.add(f);
      return;
    }
    preview.running = rebuild(preview, files, at).finally(() => {
      preview.running = undefined;
      if (queued) {
        const q = queued;
        queued = undefined;
        schedule([...q.files], q.at);
      }
    });
  };
  return schedule;
}

async function rebuild(preview: Preview, files: string[], firstEventAt: number): Promise<void> {
  const { options, log } = preview;
  const t0 = performance.now();
  preview.seenWarnings = new Set();
  try {
    const prepared = await prepare({
      contentDir: options.contentDir,
      edition: options.edition,
      language: options.language,
      cwd: preview.cwd,
      env: options.env,
      log: preview.prepareLog,
    });
    preview.shownWarnings.clear();
    for (const w of preview.seenWarnings) preview.shownWarnings.add(w);
    keepIn(preview, path.join(prepared.config.outDir, ".cache", "layout", "preview"));
    if (!preview.good)
      log.info(
        `booklet dev: the ${ordinal(prepared.edition.anniversary, "en")} anniversary edition (${prepared.edition.year}) of "${prepared.config.title}"`,
      );
    publish(preview, prepared.document, files, firstEventAt, t0);
  } catch (error) {
    showFailure(preview, error, performance.now() - t0);
  }
}

/** Where the page's layouts are kept: the output folder's layout cache, which booklet.yaml may move. */
function keepIn(preview: Preview, dir: string): void {
  if (preview.kept?.dir === dir) return;
  const warn = (line: string) => preview.log.warn(line);
  preview.kept = { dir, pages: keptPages({ dir, contentDir: preview.contentDir, generator: GENERATOR, warn }) };
}

/** A document that built: a new version for the page, unless nothing the reader sees changed. */
function publish(preview: Preview, document: RenderedDocument, files: string[], firstEventAt: number, t0: number) {
  const { log, events, good } = preview;
  const change = classifyChange({ before: good?.document, after: document });
  const ms = performance.now() - t0;
  const hadErrors = preview.errors !== undefined;
  preview.errors = undefined;
  if (change.kind === "none" && good) {
    // a save that changed nothing the reader sees; after an error, the page only needs its overlay gone
    if (hadErrors) preview.server?.broadcast("update", { version: good.version, base: good.version, change });
    events.emit("rebuilt", { version: good.version, ms, change, files });
    if (hadErrors) log.info(`fixed: the pages are back (${formatMs(ms)})`);
    return;
  }
  const base = good?.version ?? 0;
  const version = ++preview.version;
  preview.changedAt.set(version, firstEventAt);
  const { html, styles, chapters, foreword } = document;
  preview.docs.set(version, { version, html, styles, chapters, foreword });
  // the page may still be loading the version before: keep a few
  for (const v of preview.docs.keys()) if (v < version - 3) preview.docs.delete(v);
  for (const v of preview.changedAt.keys()) if (v < version - 10) preview.changedAt.delete(v);
  for (const v of preview.sentAt.keys()) if (v < version - 10) preview.sentAt.delete(v);
  preview.good = { version, document };
  preview.server?.broadcast("update", { version, base, change });
  preview.sentAt.set(version, performance.now() - firstEventAt);
  events.emit("rebuilt", { version, ms, change, files });
  if (files.length)
    log.info(
      `rebuilt in ${formatMs(ms)}: ${describe(files, preview.contentDir, preview.cwd)}${change.kind === "chapter" ? " (that chapter is laid out again)" : change.kind === "full" ? ` (all pages: ${change.reason})` : ""}`,
    );
}

/** A build error: shown over the last good pages, and printed. */
function showFailure(preview: Preview, error: unknown, ms: number): void {
  const { log, cwd } = preview;
  const errors = overlayErrors(error, cwd);
  preview.errors = errors;
  preview.server?.broadcast("failed", { errors, version: preview.good?.version ?? 0 });
  preview.events.emit("failed", { errors, error, ms });
  if (isConsole(log)) log.error(formatError(error, { cwd }), errorToJson(error));
  else log.warn(formatError(error, { cwd }));
  log.info(
    preview.good
      ? "the page shows the error over the last good pages; save a fix and they come back"
      : "the page shows the error; save a fix and the pages appear",
  );
}

/** What the page reports: a version laid out, a layout that failed, a chapter laid out alone compared. */
function onReport(preview: Preview, r: Record<string, unknown>): void {
  const { log, events } = preview;
  const v = Number(r.version);
  if (r.type === "ready") pagesReady(preview, v, r);
  else if (r.type === "layout-failed") {
    events.emit("layout-failed", { version: v, message: String(r.message) });
    log.warn(`the page could not lay out version ${v}: ${String(r.message).split("\n")[0]}`);
  } else if (r.type === "check") {
    const differences = Array.isArray(r.differences) ? r.differences.map(String) : [];
    const of = r.of === "kept" ? "kept" : "chapter";
    events.emit("check", { version: v, of, same: r.same === true, differences });
    if (r.same !== true)
      log.warn(
        `${of === "kept" ? "the pages kept from an earlier session differed from a new layout" : "the chapter laid out alone differed from the whole document"} (${differences[0] ?? "?"}); the page now shows the whole document's layout`,
      );
  } else if (r.type === "kept") events.emit("kept", { version: v });
}

function pagesReady(preview: Preview, v: number, r: Record<string, unknown>): void {
  const at = preview.changedAt.get(v);
  const mode = r.mode === "chapter" || r.mode === "full" || r.mode === "kept" ? r.mode : "initial";
  // kept pages are shown when a page opens, not after a save
  const sinceChangeMs = at !== undefined && mode !== "initial" && mode !== "kept" ? performance.now() - at : undefined;
  const fallback = typeof r.fallback === "string" ? r.fallback : undefined;
  const chapter = mode === "kept" && typeof r.chapter === "string" ? r.chapter : undefined;
  const steps = r.steps && typeof r.steps === "object" ? (r.steps as Record<string, number>) : undefined;
  preview.events.emit("ready", {
    version: v,
    mode,
    pages: Number(r.pages),
    layoutMs: Number(r.layoutMs),
    sinceChangeMs,
    fallback,
    chapter,
    spare: r.spare === true,
    steps,
    sentAfterChangeMs: preview.sentAt.get(v),
  });
  const pages = count(Number(r.pages), "page");
  const line =
    mode === "kept"
      ? `${pages} in ${formatMs(Number(r.layoutMs))}, as this browser laid them out in an earlier session${chapter ? `, with ${chapter} laid out again (changed since)` : ""} (a new layout checks them in the background)`
      : `${pages}, ${howLaidOut(mode, fallback)}${sinceChangeMs !== undefined ? `, ${formatMs(sinceChangeMs)} after the save` : ` in ${formatMs(Number(r.layoutMs))}`}`;
  preview.log.info(`  pages ready: ${line}`);
}

function howLaidOut(mode: "initial" | "chapter" | "full", fallback: string | undefined): string {
  if (mode === "chapter") return "the chapter laid out again";
  if (mode === "full") return `all pages laid out again${fallback ? ` (${fallback})` : ""}`;
  return "laid out";
}

function isConsole(log: Logger | ConsoleLogger): log is ConsoleLogger {
  return typeof (log as ConsoleLogger).error === "function";
}

function describe(files: string[], contentDir: string, cwd: string): string {
  const names = [...new Set(files)].map((f) => path.relative(f.startsWith(contentDir) ? contentDir : cwd, f));
  return names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
}
