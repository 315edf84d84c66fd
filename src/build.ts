// The only module that knows the order of the stages; it owns the browser's and the server's lifetime.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type BookletLanguage,
  buildDate,
  checkEventDate,
  computeEdition,
  defaultEditionYear,
  type Edition,
  hasLanguages,
  LANGUAGES_DIR,
  loadConfig,
  ordinal,
  overlayDirs,
  pickLanguages,
  type ResolvedConfig,
  resolveConfig,
} from "./config/index.ts";
import { type Content, loadContent } from "./content/index.ts";
import type { RenderedDocument } from "./document/index.ts";
import { BookletError, BookletErrors, errorToJson, formatError } from "./errors/index.ts";
import { createMessages } from "./i18n/index.ts";
import type { Logger } from "./log.ts";
import { silentLogger } from "./log.ts";
import {
  changeReport,
  chapterStarts,
  type EditionSnapshot,
  type Findings,
  FORMATS,
  type FormatName,
  filesIntact,
  fingerprintInputs,
  MANIFEST,
  type ManifestFile,
  manifestFile,
  manifestOf,
  manifestText,
  type PendingFile,
  type PrintOverrides,
  type RenderedFormats,
  type ReportMessages,
  readManifest,
  recoverOutput,
  sha256,
  unpreparedReport,
  writeAtomically,
} from "./output/index.ts";
import { packagePath } from "./paths.ts";
import type { Report } from "./preflight/index.ts";
import { type BrowserSession, findBrowser, launchBrowser, removeStaleProfiles } from "./render/browser.ts";
import type { LocalServer, PadOptions, PageLayout, Paginated } from "./render/index.ts";
import { count, timed } from "./shared/index.ts";

export const VERSION: string = JSON.parse(fs.readFileSync(packagePath("package.json"), "utf8")).version;
export const GENERATOR = `booklet ${VERSION}`;

// The stages that make the files (the document, the layout, the formats, the preflight) are imported where they
// are first needed, not at the top: a build that finds its editions up to date needs none of them, and loading
// them (pdf-lib, pdf.js, markdown-it, the templates…) took most of its time.

export interface BuildOptions {
  /** the content folder (content/ by default) */
  contentDir: string;
  /** the folder that holds the year folders (output/ by default) */
  outDir?: string;
  /** the edition's year; the next anniversary on or after the build date when not given */
  edition?: number;
  /** the translation (a folder of languages/) over the base content; the base language when not given */
  language?: string;
  /**
   * the language's name in the output when the content has translations: its files go into
   * <year>/<code>/ and are named <slug>-<year>-<code>; undefined for a booklet of one language
   */
  languageCode?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** true (`--by-chapter`): laid out chapter by chapter (in parallel with more than two cores), with the layout cache; else whole */
  inParts?: boolean;
  /** false: with inParts, every chapter laid out again, the layout cache (<out>/.cache/layout/) left alone */
  cache?: boolean;
}

export interface StageTimes {
  [stage: string]: number;
}

export interface BuildResult {
  config: ResolvedConfig;
  /** the language in the files' names, in a booklet of several languages */
  languageCode?: string;
  edition: Edition;
  files: ManifestFile[];
  manifestPath: string;
  pages: PageLayout[];
  stages: StageTimes;
  document: RenderedDocument;
}

export type { ManifestFile };

/** What `prepare` gives: the configuration, the edition, the content and its HTML, the stages' times so far. */
export interface Prepared {
  config: ResolvedConfig;
  edition: Edition;
  content: Content;
  document: RenderedDocument;
  stages: StageTimes;
  epochSeconds?: number;
  /** the document's warnings as they were reported, for the manifest (an up-to-date build reports them again) */
  warnings: Findings["warnings"];
}

type Timer = <T>(name: string, fn: () => T | Promise<T>, detail?: (r: T) => string) => Promise<T>;

/** Runs a stage, keeps its time in `stages` and logs its line. */
function stageTimer(stages: StageTimes, log: Logger): Timer {
  return (name, fn, detail) =>
    timed(fn, (ms, r) => {
      stages[name] = ms;
      log.stage(name, ms, detail?.(r));
    });
}

/** Everything before the browser: configuration, edition, content, HTML. `booklet check` stops here. */
export function prepare(options: BuildOptions): Promise<Prepared> {
  return prepareFrom(configure(options), options);
}

/** `prepare` of an edition whose configuration is already read. */
async function prepareFrom(configured: Configured, options: BuildOptions): Promise<Prepared> {
  const log = options.log ?? silentLogger;
  announce(configured, options, log);
  const stages: StageTimes = { config: configured.ms };
  const time = stageTimer(stages, log);
  // content problems are collected, not thrown: the document stage adds its own and reports them all
  const problems: BookletError[] = [];
  const content = await readContent(configured, problems, time, log);
  const { config, edition } = configured;
  const { renderDocument } = await import("./document/index.ts");
  const document = await time(
    "document",
    () =>
      renderDocument({
        config,
        content,
        edition,
        generator: GENERATOR,
        problems,
        log: (m) => log.debug(m),
        notice: (m) => log.info(m),
      }),
    (d) => `${(d.html.length / 1024).toFixed(0)} KB of HTML`,
  );
  const warnings = reportWarnings(document, configured.cwd, log);
  return { config, edition, content, document, stages, epochSeconds: configured.epochSeconds, warnings };
}

type Configured = ReturnType<typeof configure>;

/** The configuration of one edition in one language: the base's, with the edition's and language's over it. */
function configure(options: BuildOptions) {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir);
  const { date: today, epochSeconds } = buildDate(options.env ?? process.env);
  const t0 = performance.now();
  // the base configuration first: the event date decides the edition, whose folder may override keys
  const base = loadConfig({ contentDir });
  checkEventDate(base, today);
  const year = options.edition ?? defaultEditionYear(base.config.eventDate, today);
  const overlays = overlaysOf(contentDir, year, options.language);
  const overrides: string[] = [];
  const loaded = loadConfig({
    contentDir,
    editionDir: overlays.editionDir,
    languageDir: overlays.languageDir,
    onOverride: (key, _b, e) => overrides.push(`  ${overlays.layerOf(e)}: ${path.relative(cwd, e)} sets ${key}`),
  });
  const config = resolveConfig({
    config: loaded.config,
    contentDir,
    configFile: loaded.file,
    outDir: options.outDir,
    cwd,
  });
  const edition = computeEdition({
    eventDate: config.eventDate,
    year,
    language: config.language,
    firstEdition: config.firstEdition,
    printDate: today,
    ordinals: config.ordinals,
    messages: createMessages({ language: config.language, overrides: config.messages }),
  });
  return {
    cwd,
    contentDir,
    today,
    epochSeconds,
    year,
    overlays,
    overrides,
    config,
    // the language the base content is written in: a chapter a translation does not replace is printed in it
    baseLanguage: base.config.language,
    edition,
    ms: performance.now() - t0,
  };
}

/** The first lines: which edition is built, and why when it was not asked for; the keys the overlays set. */
function announce(configured: Configured, options: BuildOptions, log: Logger): void {
  const { config, edition, today } = configured;
  const inLanguage = options.language === undefined ? "" : `, in ${options.language}`;
  const why = options.edition === undefined ? `, the next anniversary on or after ${today}` : "";
  log.info(
    `booklet: the ${ordinal(edition.anniversary, "en")} anniversary edition (${edition.year}) of "${config.title}"${inLanguage}${why}`,
  );
  log.stage("config", configured.ms);
  for (const line of configured.overrides) log.info(line);
}

/** The content stage: the base content with its overlays, and what each overlay replaces or adds. */
async function readContent(configured: Configured, problems: BookletError[], time: Timer, log: Logger) {
  const { contentDir, cwd, year, config, baseLanguage } = configured;
  const { overlays, layerOf, editionDir, languageDir } = configured.overlays;
  // base, then the language, the edition and the language's edition: a later file of the same path wins
  // a translation's files are in its language; the others, which it does not replace, in the base language
  const languageOf = (dir: string) =>
    languageDir === undefined
      ? undefined
      : dir === languageDir || dir.startsWith(languageDir + path.sep)
        ? config.language
        : baseLanguage;
  const layers = overlays
    .filter((dir) => fs.existsSync(dir))
    .map((dir) => ({ name: layerOf(dir), dir, language: languageOf(dir) }));
  const content = await time(
    "content",
    () => loadContent({ contentDir, layers, problems, baseLanguage: languageOf(contentDir) }),
    (c) =>
      `${count(c.chapters.length, "chapter")}, ${count(c.sources.size, "source")}, ${count(c.tables.names().length, "table")}`,
  );
  for (const r of content.replaced)
    log.info(`  ${layerOf(r.edition)}: ${path.relative(cwd, r.edition)} replaces ${path.relative(cwd, r.base)}`);
  for (const added of addedFiles(content, layers))
    log.info(`  ${layerOf(added)}: ${path.relative(cwd, added)} is added`);
  if (!fs.existsSync(editionDir) && fs.existsSync(path.join(contentDir, "editions")))
    log.info(`  no editions/${year}/ folder: the base content and the general foreword`);
  return content;
}

/** The document's warnings through the one reporter, like errors: code, place, code frame and what to do. */
function reportWarnings(document: RenderedDocument, cwd: string, log: Logger): Findings["warnings"] {
  const reported = document.warnings.map((w) => ({
    text: formatError(w, { cwd }),
    json: errorToJson(w),
    line: `${w.code} ${w.message}${w.location ? ` (${path.relative(cwd, w.location.file)}${w.location.line ? `:${w.location.line}` : ""})` : ""}`,
  }));
  for (const w of reported) reportWarning(w, log);
  return reported;
}

function reportWarning(w: { text: string; json: unknown; line?: string }, log: Logger): void {
  if (log.problem) log.problem(w.text, w.json);
  else log.warn(w.line ?? w.text);
}

/**
 * The folders laid over the base content, in order (language, edition, the language's edition), and the
 * name of the layer a file or folder belongs to, for the log: "edition 2027", "language de",
 * "language de, edition 2027".
 */
function overlaysOf(contentDir: string, year: number, language: string | undefined) {
  const editionDir = path.join(contentDir, "editions", String(year));
  const languageDir = language === undefined ? undefined : path.join(contentDir, LANGUAGES_DIR, language);
  const overlays = overlayDirs({ editionDir, languageDir });
  const layerOf = (file: string) => {
    const dir = [...overlays].reverse().find((d) => file === d || file.startsWith(d + path.sep));
    if (dir !== undefined && dir === languageDir) return `language ${language}`;
    if (dir === undefined || dir === editionDir) return `edition ${year}`;
    return `language ${language}, edition ${year}`;
  };
  return { editionDir, languageDir, overlays, layerOf };
}

/** The chapters, foreword or colophon an overlay adds (a file of a path the base does not have). */
function addedFiles(content: Content, layers: { dir: string }[]): string[] {
  const replacing = new Set(content.replaced.map((r) => r.edition));
  const files = [...content.chapters.map((c) => c.file), content.foreword?.file, content.colophon?.file].filter(
    (f): f is string => f !== undefined,
  );
  return files.filter((file) => !replacing.has(file) && layers.some((l) => file.startsWith(l.dir + path.sep)));
}

/** Where an edition's files go: <out>/<year>/, or <out>/<year>/<lang>/ in a booklet of several languages. */
function outputFolder(outDir: string, year: number, languageCode: string | undefined): string {
  return languageCode === undefined ? path.join(outDir, String(year)) : path.join(outDir, String(year), languageCode);
}

export interface EditionOptions extends BuildOptions {
  session: BrowserSession | Promise<BrowserSession>;
  server: LocalServer;
  formats?: FormatName[];
  print?: PrintOverrides;
  laidOut?: () => void;
  /** how many parts of the document are laid out at once (default: the machine's cores) */
  parallel?: number;
}

/** One edition, in a browser and server that the caller owns. */
export async function buildEdition(options: EditionOptions): Promise<BuildResult> {
  const log = options.log ?? silentLogger;
  const t0 = performance.now();
  const configured = configure(options);
  // taken before anything is read: a file changed while the edition is made makes the next build make it again
  const inputs = inputsOf(configured, options);
  const prepared = await prepareFrom(configured, options);
  const { config, edition, document, stages } = prepared;
  const time = stageTimer(stages, log);
  const { layoutCss, messagesOf, padOptions, printSettings } = await import("./output/formats.ts");
  // the browser was started while the content was read; wait for it only now
  const run = editionRun(options, prepared, await options.session);
  // laid out once with the print version's bleed: the screen PDF is its trimmed part (formats.ts)
  const paginated = await time(
    "paginate",
    () => {
      const settings = printSettings(config, options.print);
      return run.paginate({
        css: layoutCss(config, settings),
        key: run.serverKey,
        pad: padOptions(config, document, settings),
      });
    },
    (p) => count(p.pages.length, "page"),
  );
  for (const d of paginated.dropped) log.warn(d);
  const formatted = await time("formats", () => makeFormats(run, paginated), describeFormats);
  await awaitPreflight(run, formatted);
  const changes = await time("changes", async () =>
    editionChanges({
      prepared,
      previous: await run.startPrevious(),
      pages: paginated.pages,
      previousDir: (y) => outputFolder(config.outDir, y, options.languageCode),
      messages: messagesOf(document, config),
    }),
  );
  stages.total = performance.now() - t0;
  log.step?.("write", "writing the files");
  const findings = { warnings: prepared.warnings, preflight: run.preflight ?? null };
  const written = writeEdition({ prepared, formatted, changes, run, pages: paginated.pages, inputs, findings });
  logWritten(run, written.files, paginated.pages.length);
  const { languageCode } = options;
  return { config, languageCode, edition, ...written, pages: paginated.pages, stages, document };
}

/** What the stages after `prepare` share for one edition. */
interface EditionRun {
  options: EditionOptions;
  prepared: Prepared;
  log: Logger;
  /** lays the document out (paginator) */
  paginate: ReturnType<typeof paginator>;
  /** the previous year's edition, prepared once (for changes.md), begun while the browser lays out */
  startPrevious: () => Promise<PreviousEdition>;
  /** the document's address on the server: each edition and language of a run has its own */
  serverKey: string;
  /** the folder the edition's files go into */
  yearDir: string;
  /** the files' date: SOURCE_DATE_EPOCH's, or now */
  date: Date;
  /** the screen PDF's preflight, begun when the formats stage has the screen PDF */
  checking?: Checking;
  /** what the preflight reported, for the manifest */
  preflight?: Findings["preflight"];
}

function editionRun(options: EditionOptions, prepared: Prepared, session: BrowserSession): EditionRun {
  const { edition, epochSeconds, config } = prepared;
  const epochMs = epochSeconds !== undefined ? epochSeconds * 1000 : Date.UTC(edition.year, 0, 1);
  let previous: Promise<PreviousEdition> | undefined;
  const startPrevious = () => {
    previous ??= previousEdition({ options, prepared });
    return previous;
  };
  return {
    options,
    prepared,
    log: options.log ?? silentLogger,
    paginate: paginator({ options, prepared, session, epochMs, startPrevious }),
    startPrevious,
    serverKey: `e${edition.year}${options.language === undefined ? "" : `-${options.language}`}`,
    yearDir: outputFolder(config.outDir, edition.year, options.languageCode),
    date: epochSeconds !== undefined ? new Date(epochSeconds * 1000) : new Date(),
  };
}

/** The formats stage: the screen, print, imposed and HTML files, the screen PDF's preflight begun early. */
async function makeFormats(run: EditionRun, paginated: Paginated) {
  const { options, prepared, log } = run;
  const { config, edition, document, epochSeconds } = prepared;
  const { messagesOf, renderFormats } = await import("./output/formats.ts");
  return renderFormats({
    config,
    edition,
    document,
    paginated,
    paginateAgain: (css, html) => run.paginate({ css, key: `${run.serverKey}-print`, html, stage: "formats" }),
    metadata: metadataOf(prepared, messagesOf(document, config), run.date),
    documentId:
      epochSeconds !== undefined ? sha256(`${config.slug}-${edition.year}-${document.html}`).slice(0, 32) : undefined,
    yearDir: run.yearDir,
    baseName: `${config.slug}-${edition.year}${options.languageCode === undefined ? "" : `-${options.languageCode}`}`,
    options: { formats: options.formats ?? [...FORMATS], print: options.print },
    log: (l) => log.debug(l),
    onScreen: (file) => {
      run.checking ??= preflightOf(prepared, file, log);
    },
    // once this edition's last layout is done: the browser may close
    laidOut: () => options.laidOut?.(),
  });
}

function describeFormats(f: RenderedFormats): string {
  return f.files.map((x) => x.format).join(", ") + (f.pagesAdded ? `; ${count(f.pagesAdded, "page")} added` : "");
}

/**
 * The screen PDF is read back and checked before anything is written: a failed check fails the build and
 * leaves the previous files as they were.
 */
async function awaitPreflight(run: EditionRun, formatted: RenderedFormats): Promise<void> {
  const screen = formatted.files.find((f) => f.format === "screen");
  if (!screen || typeof screen.bytes === "string") return;
  // begun as soon as the screen PDF was made, while the browser laid out the print version (onScreen)
  run.checking ??= preflightOf(run.prepared, { path: screen.path, bytes: screen.bytes }, run.log);
  const report = await run.checking.promise;
  const { stages } = run.prepared;
  stages.preflight = run.checking.ms();
  const detail = `${count(report.counts.pass, "check")} passed${report.counts.warn ? `, ${report.counts.warn} with warnings` : ""}`;
  run.log.stage("preflight", stages.preflight, detail);
  run.preflight = { detail, lines: run.checking.lines };
}

/** The last line: the files written, the pages and the time. */
function logWritten(run: EditionRun, files: ManifestFile[], laidOut: number): void {
  const cwd = run.options.cwd ?? process.cwd();
  const names = files.map((f) => path.relative(cwd, path.join(run.yearDir, f.path))).join(", ");
  const pages = files.find((f) => f.format === "screen")?.pages ?? laidOut;
  const seconds = ((run.prepared.stages.total ?? 0) / 1000).toFixed(2);
  run.log.info(`wrote ${names} (${count(pages, "page")}) in ${seconds} s`);
}

/** The PDFs' metadata: title, author, subject, keywords, language, tools and date. */
function metadataOf(prepared: Prepared, messages: ReturnType<typeof createMessages>, date: Date) {
  const { config, edition } = prepared;
  return {
    title: `${config.title}${config.subtitle ? `: ${config.subtitle}` : ""}`,
    author: config.author ?? config.publisher,
    subject: config.description ?? messages.format("pdf.subject"),
    keywords: [...config.keywords, messages.format("pdf.keyword"), String(edition.year)],
    language: config.language,
    creator: GENERATOR,
    producer: `${GENERATOR} (Paged.js 0.4.3, Chromium, pdf-lib)`,
    date,
    titleSuffixes: { print: messages.format("pdf.printVersion"), imposed: messages.format("pdf.imposedVersion") },
  };
}

/** The edition's files, changes.md and manifest.json written at once (writeAtomically). */
function writeEdition(args: {
  prepared: Prepared;
  formatted: RenderedFormats;
  changes: string;
  run: EditionRun;
  pages: PageLayout[];
  inputs: string | undefined;
  findings: Findings;
}): { files: ManifestFile[]; manifestPath: string } {
  const { formatted, changes, pages, inputs, findings } = args;
  const { config, edition, document } = args.prepared;
  const { yearDir, date } = args.run;
  const files = formatted.files.map(manifestFile);
  const pending: PendingFile[] = formatted.files.map((f) => ({ path: f.path, bytes: f.bytes }));
  const manifest = manifestOf({
    ...{ config, edition, document, generator: GENERATOR, date, files },
    ...{ formatted, pages, inputs, changes, findings },
  });
  pending.push({ path: path.join(yearDir, "changes.md"), bytes: args.changes });
  const manifestPath = path.join(yearDir, MANIFEST);
  pending.push({ path: manifestPath, bytes: manifestText(manifest) });
  writeAtomically(pending);
  return { files, manifestPath };
}

/** The fingerprint of everything the edition is made from (output/fingerprint.ts). */
function inputsOf(configured: Configured, options: BuildOptions & Pick<EditionOptions, "formats" | "print">) {
  const { config, edition, today, epochSeconds } = configured;
  let browser: string | undefined;
  try {
    browser = findBrowser({ configured: config.browser });
  } catch {
    // none found: the build says so
  }
  return fingerprintInputs({
    config,
    options: {
      edition: edition.year,
      language: options.language ?? null,
      languageCode: options.languageCode ?? null,
      formats: options.formats ?? [...FORMATS],
      print: options.print ?? {},
      inParts: Boolean(options.inParts),
    },
    today,
    epochSeconds,
    browser,
    previousManifest: path.join(outputFolder(config.outDir, edition.year - 1, options.languageCode), MANIFEST),
    env: process.env,
  });
}

/** One layout of an edition's document. */
interface LayoutRequest {
  /** the extra stylesheet: the bleed, the added pages' style */
  css: string;
  key: string;
  /** another HTML than the document's (the print version's) */
  html?: string;
  /** the stage whose progress its pages are */
  stage?: string;
  /** the pages a saddle-stitched booklet needs, added in the layout's page when they can be */
  pad?: PadOptions;
}

/** The paginate stage's call for an edition: extra CSS (the bleed), a key on the server, another HTML. */
function paginator(ctx: {
  options: EditionOptions;
  prepared: Prepared;
  session: BrowserSession;
  epochMs: number;
  startPrevious: () => void;
}) {
  const { options, session } = ctx;
  const { config, document } = ctx.prepared;
  const log = options.log ?? silentLogger;
  // pages laid out count as progress of the stage that asked for them (the print layout: formats)
  return async ({ css: extraCss, key, html = document.html, stage = "paginate", pad }: LayoutRequest) =>
    (await import("./render/index.ts")).paginate({
      pad,
      browser: session.browser,
      server: options.server,
      key,
      doc: {
        html,
        styles: extraCss ? new Map([...document.styles, ["/_styles/zz-extra.css", extraCss]]) : document.styles,
        contentDir: config.contentDir,
      },
      extraStylesheet: extraCss ? "_styles/zz-extra.css" : undefined,
      timeouts: config.timeouts,
      epochMs: ctx.epochMs,
      inParts: options.inParts,
      parallel: options.parallel ?? os.availableParallelism(),
      cache:
        options.cache === false
          ? undefined
          : { dir: path.join(config.outDir, ".cache", "layout"), generator: GENERATOR },
      log: (l) => log.debug(l),
      onStep: (doing) => log.step?.(stage, doing),
      warn: (l) => log.warn(l),
      onPage: (n) => {
        log.progress(stage, n);
        // Node waits while the browser lays out: the previous edition is prepared then (for changes.md), not
        // before (the document and its fonts are served from this process) nor after (about 0.3 s saved)
        if (n !== 1) return;
        ctx.startPrevious();
        // pdf.js loads in its thread while the browser lays out, ready when the screen PDF is: loaded after
        // the layout, it held up the preflight of a build whose formats stage took less than its loading
        if ((options.formats ?? FORMATS).includes("screen"))
          void import("./preflight/index.ts").then((p) => p.warmUpPreflight());
      },
    });
}

type Checking = { promise: Promise<Report>; ms(): number; lines: string[] };

/** The screen PDF's preflight, begun now; its time taken when it ends. */
function preflightOf(prepared: Prepared, file: { path: string; bytes: Uint8Array }, log: Logger): Checking {
  const { config, document } = prepared;
  const s = performance.now();
  let end: number | undefined;
  const lines: string[] = [];
  const preflight = import("./preflight/index.ts");
  const promise = preflight
    .then(({ preflightBuild }) =>
      preflightBuild({
        pdf: file.bytes,
        html: document.html,
        contentDir: config.contentDir,
        file: file.path,
        fontFamilies: document.fonts?.families ?? [],
        warn: (l) => {
          lines.push(l);
          log.warn(l);
        },
      }),
    )
    .finally(() => (end = performance.now()));
  // awaited after the formats stage; until then a failure must not count as unhandled
  promise.catch(() => undefined);
  return { promise, ms: () => (end ?? performance.now()) - s, lines };
}

type PreviousEdition = { year: number; prepared?: Prepared; error?: unknown } | undefined;

/** The previous year's edition, its content prepared again without the browser, for changes.md; none for the first. */
async function previousEdition(args: { options: BuildOptions; prepared: Prepared }): Promise<PreviousEdition> {
  const year = args.prepared.edition.year - 1;
  if (year <= Number(args.prepared.config.eventDate.slice(0, 4))) return undefined;
  try {
    return { year, prepared: await prepare({ ...args.options, edition: year, log: silentLogger }) };
  } catch (error) {
    return { year, error };
  }
}

/** What changes.md compares of an edition: its chapters and tables, and where each chapter starts. */
function snapshotOf(p: Prepared, starts?: Map<string, number>): EditionSnapshot {
  return {
    year: p.edition.year,
    anniversary: p.edition.anniversary,
    ordinal: p.edition.ordinal,
    chapters: [p.document.foreword, ...p.document.chapters]
      .filter((c): c is NonNullable<typeof c> => Boolean(c))
      .map((c) => ({ id: c.id, title: c.title, markdown: c.markdown })),
    tables: p.content.tables,
    starts,
  };
}

/** changes.md: this edition against the previous year's. */
function editionChanges(args: {
  prepared: Prepared;
  previous: PreviousEdition;
  pages: PageLayout[];
  previousDir: (year: number) => string;
  /** the booklet's catalogue: the report is in its language */
  messages: ReportMessages;
}): string {
  const { prepared, pages, messages } = args;
  const currentStarts = new Map<string, number>();
  for (const page of pages)
    for (const id of page.starts) if (!currentStarts.has(id)) currentStarts.set(id, page.number);
  const current = snapshotOf(prepared, currentStarts);
  if (!args.previous) return changeReport({ current, messages });
  const { year, prepared: previous, error } = args.previous;
  if (!previous) return unpreparedReport(current, year, (error as Error).message.split("\n")[0], messages);
  // where the previous edition's chapters started: from its manifest, when it was built into the same folder
  const manifest = readManifest(args.previousDir(year));
  const previousStarts = manifest ? chapterStarts(manifest) : undefined;
  return changeReport({ current, previous: snapshotOf(previous, previousStarts), messages });
}

export interface BuildManyOptions extends Omit<BuildOptions, "edition" | "language" | "languageCode"> {
  /** a browser to reuse (the preview server, the benchmark); launched and closed here when not given */
  session?: BrowserSession;
  server?: LocalServer;
  /** the years to build; the next anniversary when empty */
  editions?: number[];
  /** `--language`: a language, a list (de,az) or `all`; the base language when not given */
  languages?: string;
  /** the output formats (all four by default) */
  formats?: FormatName[];
  /** the command line's print flags, over booklet.yaml's `print:` */
  print?: PrintOverrides;
  /** editions laid out at once in separate pages of the one browser (default: the machine's cores) */
  concurrency?: number;
}

/**
 * Builds one or several editions, in one or several languages (every edition in every language), with one
 * browser and one server. A failed one is reported and the others are still written; the error then lists
 * every one that failed.
 */
export async function build(options: BuildManyOptions): Promise<BuildResult[]> {
  const log = options.log ?? silentLogger;
  const plan = planRun(options, log);
  return finish(plan, await runJobs(plan, plan.jobs, options, log));
}

/** An edition found up to date: its files left as they were, as its manifest lists them. */
export interface UpToDateResult
  extends Pick<BuildResult, "config" | "languageCode" | "edition" | "files" | "manifestPath"> {
  upToDate: true;
}

export type EditionResult = BuildResult | UpToDateResult;

/**
 * `booklet build`: like build(), but an edition whose folder is up to date (nothing it is made from has changed
 * since it was built there, and its files are as its manifest lists them) is not made again; with
 * `cache: false` every edition is made. No browser is started when every edition is up to date.
 */
export async function buildChanged(options: BuildManyOptions): Promise<EditionResult[]> {
  const log = options.log ?? silentLogger;
  const plan = planRun(options, log);
  const fresh: UpToDateResult[] = [];
  const stale: Job[] = [];
  for (const job of plan.jobs) {
    const found = options.cache === false ? undefined : upToDate(plan, job, options, log);
    if (found) fresh.push(found);
    else stale.push(job);
  }
  // what a build killed with kill -9 left in the temporary folder goes, as when a browser starts
  if (stale.length === 0) removeStaleProfiles();
  const run = stale.length ? await runJobs(plan, stale, options, log) : { results: [], failures: [] };
  return finish(plan, { results: [...fresh, ...run.results], failures: run.failures });
}

/** The results in the order of the editions and languages; the failures thrown, every one listed. */
function finish<R extends EditionResult>(plan: RunPlan, run: { results: R[]; failures: Failure[] }): R[] {
  const { results, failures } = run;
  const order = (r: EditionResult) => plan.languages.findIndex((l) => l.code === (r.languageCode ?? plan.language));
  results.sort((a, b) => a.edition.year - b.edition.year || order(a) - order(b));
  if (failures.length === 1 && plan.jobs.length === 1) throw failures[0].error;
  if (failures.length) throw new BookletErrors(failures.flatMap((f) => errorsOf(f.error, plan.label(f))));
  return results;
}

/** The options of one job's edition, the same for the up-to-date check and the build. */
function jobOptions(plan: RunPlan, job: Job, options: BuildManyOptions, log: Logger) {
  return {
    ...options,
    edition: job.year,
    language: job.language.folder,
    languageCode: plan.named ? job.language.code : undefined,
    log: plan.jobs.length > 1 ? prefixed(log, plan.label(job)) : log,
  };
}

/** The edition of a job when its folder is up to date, reported as such; undefined when it is to be built. */
function upToDate(plan: RunPlan, job: Job, options: BuildManyOptions, log: Logger): UpToDateResult | undefined {
  const edition = jobOptions(plan, job, options, log);
  let configured: Configured;
  try {
    configured = configure(edition);
  } catch {
    // a mistake in the configuration: the build reports it
    return undefined;
  }
  const { config } = configured;
  const yearDir = outputFolder(config.outDir, configured.edition.year, edition.languageCode);
  const manifest = readManifest(yearDir);
  if (!manifest?.inputs || !manifest.findings) return undefined;
  if (inputsOf(configured, edition) !== manifest.inputs || !filesIntact(yearDir, manifest)) return undefined;
  announce(configured, edition, edition.log);
  for (const w of manifest.findings.warnings) reportWarning(w, edition.log);
  for (const line of manifest.findings.preflight?.lines ?? []) edition.log.warn(line);
  const where = path.relative(configured.cwd, yearDir) || ".";
  const checked = manifest.findings.preflight ? `, preflight: ${manifest.findings.preflight.detail}` : "";
  edition.log.info(
    `${where} is up to date: nothing it is made from changed since it was built (${manifest.built}${checked}); its files are left as they were (--no-cache makes them again)`,
  );
  const { languageCode } = edition;
  const manifestPath = path.join(yearDir, MANIFEST);
  return { upToDate: true, config, languageCode, edition: configured.edition, files: manifest.files, manifestPath };
}

type Job = { year: number | undefined; language: BookletLanguage };
type Failure = Job & { error: unknown };
type RunPlan = ReturnType<typeof planRun>;

/**
 * The editions and languages to build, checked before the browser starts (a bad year is refused at once),
 * and the output folder made whole again where a killed build left it half-swapped.
 */
function planRun(options: BuildManyOptions, log: Logger) {
  const editions: (number | undefined)[] = options.editions?.length ? options.editions : [undefined];
  const contentDir = path.resolve(options.cwd ?? process.cwd(), options.contentDir);
  const loaded = loadConfig({ contentDir });
  checkEventDate(loaded, buildDate(options.env ?? process.env).date);
  const base = loaded.config;
  for (const y of editions)
    if (y !== undefined)
      computeEdition({ eventDate: base.eventDate, year: y, language: base.language, printDate: "2000-01-01" });
  const languages = pickLanguages(contentDir, base.language, options.languages);
  const jobs: Job[] = editions.flatMap((year) => languages.map((language) => ({ year, language })));
  // what a killed build left half-swapped in the output folder is completed first: each edition's folder
  // then holds one whole set of files, whatever this build does
  const outDir = resolveConfig({
    config: base,
    contentDir: options.contentDir,
    configFile: "",
    outDir: options.outDir,
    cwd: options.cwd,
  }).outDir;
  for (const line of recoverOutput(outDir)) log.info(`output: ${line}, left by a build that was killed`);
  return {
    base,
    language: base.language,
    languages,
    jobs,
    // files are named by language once the content has translations, whichever are built
    named: hasLanguages(contentDir),
    // "2027", or "2027 de" when the run has several languages
    label: (job: Job) => (languages.length > 1 ? `${job.year ?? ""} ${job.language.code}`.trim() : String(job.year)),
  };
}

/** The jobs, a few at once in one browser and one server, which are closed at the end whatever happens. */
async function runJobs(plan: RunPlan, jobs: Job[], options: BuildManyOptions, log: Logger) {
  let session: BrowserSession | Promise<BrowserSession> | undefined = options.session;
  let server = options.server;
  const results: BuildResult[] = [];
  const failures: Failure[] = [];
  try {
    // started now, awaited by the first edition after its content is read: the two overlap
    session ??= launchBrowser({
      configured: plan.base.browser,
      timeoutSeconds: plan.base.timeouts.launch,
      log: (l) => log.debug(l),
    });
    // a failed launch is reported by the edition that awaits it; keep Node from calling it unhandled meanwhile
    Promise.resolve(session).catch(() => undefined);
    server ??= await (await import("./render/index.ts")).startServer();
    const limit = Math.max(1, Math.min(options.concurrency ?? os.availableParallelism(), jobs.length));
    const worker = jobWorker({ plan, jobs, options, log, session, server, limit, results, failures });
    await Promise.all(Array.from({ length: limit }, worker));
  } finally {
    if (!options.server && server) await server.close();
    if (!options.session && session) await closeSession(session);
  }
  return { results, failures };
}

function closeSession(session: BrowserSession | Promise<BrowserSession>): Promise<void> {
  return Promise.resolve(session).then(
    (s) => s.close(),
    () => undefined,
  );
}

/** A worker of the run: takes the next job until none is left; each job's result or failure is kept. */
function jobWorker(ctx: {
  plan: RunPlan;
  jobs: Job[];
  options: BuildManyOptions;
  log: Logger;
  session: BrowserSession | Promise<BrowserSession>;
  server: LocalServer;
  limit: number;
  results: BuildResult[];
  failures: Failure[];
}) {
  const { plan, jobs, options, log, results, failures } = ctx;
  const many = plan.jobs.length > 1;
  let next = 0;
  // The browser is closed as soon as the last edition is laid out, while the last checks and files are made:
  // its memory then is not added to theirs at the build's peak. A failed edition counts as laid out.
  let laidOutCount = 0;
  const release = () => {
    if (++laidOutCount === jobs.length && !options.session) void closeSession(ctx.session);
  };
  // a bar for the run on a terminal: editions done of all
  if (many) log.progress("editions", 0, jobs.length);
  return async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      // once per edition: when it is laid out, or when it ends without (a failure)
      let released = false;
      const laidOut = () => {
        if (!released) release();
        released = true;
      };
      try {
        results.push(
          await buildEdition({
            ...jobOptions(plan, job, options, log),
            session: ctx.session,
            server: ctx.server,
            laidOut,
            // the cores shared among the editions laid out at once
            parallel: Math.max(1, Math.floor(os.availableParallelism() / ctx.limit)),
          }),
        );
      } catch (error) {
        failures.push({ ...job, error });
        if (many) log.warn(`edition ${plan.label(job)} failed: ${firstLine(error)}`);
      } finally {
        laidOut();
      }
      if (many) log.progress("editions", results.length + failures.length, jobs.length);
    }
  };
}

function firstLine(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

/** A failed edition's errors, for the run's error that lists every one that failed. */
function errorsOf(error: unknown, label: string): BookletError[] {
  if (error instanceof BookletErrors) return error.errors;
  if (error instanceof BookletError) return [error];
  return [
    new BookletError("Internal", `edition ${label}: ${String((error as Error)?.message ?? error)}`, { cause: error }),
  ];
}

/** In a run of several editions or languages, each line says which it is about ("2027", "2027 de"). */
function prefixed(log: Logger, year: string): Logger {
  const p = `[${year}] `;
  return {
    info: (m) => log.info(p + m),
    warn: (m) => log.warn(p + m),
    debug: (m) => log.debug(p + m),
    stage: (name, ms, detail) => log.stage(`${year} ${name}`, ms, detail),
    progress: (stage, done, total) => log.progress(`${year} ${stage}`, done, total),
    step: (stage, doing) => log.step?.(`${year} ${stage}`, doing),
  };
}

export { BookletError, BookletErrors };
