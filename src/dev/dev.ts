// `booklet dev`: prepares the document on every save and lets the reader's browser lay out the pages (Paged.js),
// reloading them in place; a build error is shown over the last good pages until it is fixed.

import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import path from "node:path";
import { prepare } from "../build.ts";
import type { RenderedDocument } from "../document/render.ts";
import { SHIPPED_TEMPLATES } from "../document/templates.ts";
import { errorToJson, formatError } from "../errors/reporter.ts";
import { type ConsoleLogger, formatMs, type Logger, silentLogger } from "../log.ts";
import { count } from "../shared/count.ts";
import { type Change, classifyChange } from "./changes.ts";
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
    mode: "initial" | "chapter" | "full";
    pages: number;
    layoutMs: number;
    sinceChangeMs?: number;
    fallback?: string;
    spare?: boolean;
    steps?: Record<string, number>;
    sentAfterChangeMs?: number;
  };
  "layout-failed": { version: number; message: string };
  /** after a chapter was laid out alone, the page lays out the whole document again and compares */
  check: { version: number; same: boolean; differences: string[] };
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
  const log = options.log ?? silentLogger;
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir);
  const events: DevSession["events"] = new EventEmitter();
  const instance = randomUUID();
  const docs = new Map<number, DevDocument>();
  const changedAt = new Map<number, number>();
  /** when each version's event went to the page, after its save (the benchmark's breakdown) */
  const sentAt = new Map<number, number>();
  let good: { version: number; document: RenderedDocument } | undefined;
  let errors: OverlayError[] | undefined;
  let version = 0;
  // the warnings of a build, each once while it lasts; stage lines are left out: one line per rebuild
  const shownWarnings = new Set<string>();
  let seenWarnings = new Set<string>();
  const prepareLog: Logger = {
    ...silentLogger,
    warn: (m) => {
      if (!shownWarnings.has(m)) log.warn(m);
      seenWarnings.add(m);
    },
  };
  const printError = (error: unknown) => {
    if (isConsole(log)) log.error(formatError(error, { cwd }), errorToJson(error));
    else log.warn(formatError(error, { cwd }));
  };

  const rebuild = async (files: string[], firstEventAt: number) => {
    const t0 = performance.now();
    seenWarnings = new Set();
    try {
      const prepared = await prepare({
        contentDir: options.contentDir,
        edition: options.edition,
        language: options.language,
        cwd,
        env: options.env,
        log: prepareLog,
      });
      shownWarnings.clear();
      for (const w of seenWarnings) shownWarnings.add(w);
      const change = classifyChange({ before: good?.document, after: prepared.document });
      if (!good)
        log.info(
          `booklet dev: the ${prepared.edition.ordinal} anniversary edition (${prepared.edition.year}) of "${prepared.config.title}"`,
        );
      const ms = performance.now() - t0;
      const hadErrors = errors !== undefined;
      errors = undefined;
      if (change.kind === "none" && good) {
        // a save that changed nothing the reader sees; after an error, the page only needs its overlay gone
        if (hadErrors) server?.broadcast("update", { version: good.version, base: good.version, change });
        events.emit("rebuilt", { version: good.version, ms, change, files });
        if (hadErrors) log.info(`fixed: the pages are back (${formatMs(ms)})`);
        return;
      }
      const base = good?.version ?? 0;
      version++;
      changedAt.set(version, firstEventAt);
      docs.set(version, { version, html: prepared.document.html, styles: prepared.document.styles });
      // the page may still be loading the version before: keep a few
      for (const v of docs.keys()) if (v < version - 3) docs.delete(v);
      for (const v of changedAt.keys()) if (v < version - 10) changedAt.delete(v);
      for (const v of sentAt.keys()) if (v < version - 10) sentAt.delete(v);
      good = { version, document: prepared.document };
      server?.broadcast("update", { version, base, change });
      sentAt.set(version, performance.now() - firstEventAt);
      events.emit("rebuilt", { version, ms, change, files });
      if (files.length)
        log.info(
          `rebuilt in ${formatMs(ms)}: ${describe(files, contentDir, cwd)}${change.kind === "chapter" ? " (that chapter is laid out again)" : change.kind === "full" ? ` (all pages: ${change.reason})` : ""}`,
        );
    } catch (error) {
      const ms = performance.now() - t0;
      errors = overlayErrors(error, cwd);
      server?.broadcast("failed", { errors, version: good?.version ?? 0 });
      events.emit("failed", { errors, error, ms });
      printError(error);
      log.info(
        good
          ? "the page shows the error over the last good pages; save a fix and they come back"
          : "the page shows the error; save a fix and the pages appear",
      );
    }
  };

  // one build at a time; saves during a build make one more after it
  let running: Promise<void> | undefined;
  let queued: { files: Set<string>; at: number } | undefined;
  const schedule = (files: string[], at: number) => {
    if (running) {
      queued ??= { files: new Set(), at };
      for (const f of files) queued.files.add(f);
      return;
    }
    running = rebuild(files, at).finally(() => {
      running = undefined;
      if (queued) {
        const q = queued;
        queued = undefined;
        schedule([...q.files], q.at);
      }
    });
  };

  let server: Awaited<ReturnType<typeof startDevServer>> | undefined;
  await rebuild([], performance.now());
  server = await startDevServer({
    port: options.port ?? DEFAULT_PORT,
    contentDir,
    document: (v) => docs.get(v) ?? (good ? docs.get(good.version) : undefined),
    state: () => ({ instance, version: good?.version ?? 0, errors: errors ?? null }),
    onReport: (r) => {
      const v = Number(r.version);
      if (r.type === "ready") {
        const at = changedAt.get(v);
        const mode = r.mode === "chapter" || r.mode === "full" ? r.mode : "initial";
        const sinceChangeMs = at !== undefined && mode !== "initial" ? performance.now() - at : undefined;
        const fallback = typeof r.fallback === "string" ? r.fallback : undefined;
        const steps = r.steps && typeof r.steps === "object" ? (r.steps as Record<string, number>) : undefined;
        events.emit("ready", {
          version: v,
          mode,
          pages: Number(r.pages),
          layoutMs: Number(r.layoutMs),
          sinceChangeMs,
          fallback,
          spare: r.spare === true,
          steps,
          sentAfterChangeMs: sentAt.get(v),
        });
        const how =
          mode === "chapter"
            ? "the chapter laid out again"
            : mode === "full"
              ? `all pages laid out again${fallback ? ` (${fallback})` : ""}`
              : "laid out";
        log.info(
          `  pages ready: ${count(Number(r.pages), "page")}, ${how}${sinceChangeMs !== undefined ? `, ${formatMs(sinceChangeMs)} after the save` : ` in ${formatMs(Number(r.layoutMs))}`}`,
        );
      } else if (r.type === "layout-failed") {
        events.emit("layout-failed", { version: v, message: String(r.message) });
        log.warn(`the page could not lay out version ${v}: ${String(r.message).split("\n")[0]}`);
      } else if (r.type === "check") {
        const differences = Array.isArray(r.differences) ? r.differences.map(String) : [];
        events.emit("check", { version: v, same: r.same === true, differences });
        if (r.same !== true)
          log.warn(
            `the chapter laid out alone differed from the whole document (${differences[0] ?? "?"}); the page now shows the whole document's layout`,
          );
      }
    },
  });
  const watcher = watchFiles({ dirs: [contentDir, SHIPPED_TEMPLATES], onChange: schedule });
  log.info(
    `booklet dev: ${server.url} (watching ${path.relative(cwd, contentDir) || "."}/ and the templates; Ctrl-C stops)`,
  );

  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    events,
    version: () => good?.version ?? 0,
    close() {
      closed ??= (async () => {
        watcher.close();
        await running;
        await server!.close();
      })();
      return closed;
    },
  };
}

function isConsole(log: Logger | ConsoleLogger): log is ConsoleLogger {
  return typeof (log as ConsoleLogger).error === "function";
}

function describe(files: string[], contentDir: string, cwd: string): string {
  const names = [...new Set(files)].map((f) => path.relative(f.startsWith(contentDir) ? contentDir : cwd, f));
  return names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
}
