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
  overlayDirs,
  pickLanguages,
  type ResolvedConfig,
  resolveConfig,
} from "./config/index.ts";
import type { Content } from "./content/index.ts";
import { loadContent } from "./content/index.ts";
import { type RenderedDocument, renderDocument } from "./document/index.ts";
import { BookletError, BookletErrors, errorToJson, formatError } from "./errors/index.ts";
import { createMessages } from "./i18n/index.ts";
import type { Logger } from "./log.ts";
import { silentLogger } from "./log.ts";
import {
  changeReport,
  type EditionSnapshot,
  FORMATS,
  type FormatName,
  layoutCss,
  messagesOf,
  type PendingFile,
  type PrintOverrides,
  printSettings,
  type ReportMessages,
  recoverOutput,
  renderFormats,
  sha256,
  unpreparedReport,
  writeAtomically,
} from "./output/index.ts";
import { packagePath } from "./paths.ts";
import { preflightBuild, warmUpPreflight } from "./preflight/index.ts";
import {
  type BrowserSession,
  type LocalServer,
  launchBrowser,
  type PageLayout,
  paginate,
  startServer,
} from "./render/index.ts";
import { count, timed } from "./shared/index.ts";

export const VERSION: string = JSON.parse(fs.readFileSync(packagePath("package.json"), "utf8")).version;
export const GENERATOR = `booklet ${VERSION}`;

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
  /** true (`--by-chapter`): laid out chapter by chapter, in parallel, with the layout cache; else whole */
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

export interface ManifestFile {
  path: string;
  format: string;
  pages: number;
  bytes: number;
  sha256: string;
}

/** Everything before the browser: configuration, edition, content, HTML. `booklet check` stops here. */
export async function prepare(options: BuildOptions): Promise<{
  config: ResolvedConfig;
  edition: Edition;
  content: Content;
  document: RenderedDocument;
  stages: StageTimes;
  epochSeconds?: number;
}> {
  const log = options.log ?? silentLogger;
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir);
  const stages: StageTimes = {};
  const time = <T>(name: string, fn: () => T | Promise<T>, detail?: (r: T) => string): Promise<T> =>
    timed(fn, (ms, r) => {
      stages[name] = ms;
      log.stage(name, ms, detail?.(r));
    });

  const { date: today, epochSeconds } = buildDate(options.env ?? process.env);
  const tConfig = performance.now();
  // the base configuration first: the event date decides the edition, whose folder may override keys
  const base = loadConfig({ contentDir });
  checkEventDate(base, today);
  const year = options.edition ?? defaultEditionYear(base.config.eventDate, today);
  const { editionDir, languageDir, overlays, layerOf } = overlaysOf(contentDir, year, options.language);
  const overrides: string[] = [];
  const loaded = loadConfig({
    contentDir,
    editionDir,
    languageDir,
    onOverride: (key, _b, e) => overrides.push(`  ${layerOf(e)}: ${path.relative(cwd, e)} sets ${key}`),
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
  stages.config = performance.now() - tConfig;
  // the first line says which edition is built, and why when it was not asked for
  const inLanguage = options.language === undefined ? "" : `, in ${options.language}`;
  log.info(
    `booklet: the ${edition.ordinal} anniversary edition (${edition.year}) of "${config.title}"${inLanguage}${options.edition === undefined ? `, the next anniversary on or after ${today}` : ""}`,
  );
  log.stage("config", stages.config);
  overrides.forEach((line) => log.info(line));

  // base, then the language, the edition and the language's edition: a later file of the same path wins
  const layers = overlays.filter((dir) => fs.existsSync(dir)).map((dir) => ({ name: layerOf(dir), dir }));
  // content problems are collected, not thrown: the document stage adds its own and reports them all
  const problems: BookletError[] = [];
  const content = await time(
    "content",
    () => loadContent({ contentDir, layers, problems }),
    (c) =>
      `${count(c.chapters.length, "chapter")}, ${count(c.sources.size, "source")}, ${count(c.tables.names().length, "table")}`,
  );
  for (const r of content.replaced)
    log.info(`  ${layerOf(r.edition)}: ${path.relative(cwd, r.edition)} replaces ${path.relative(cwd, r.base)}`);
  for (const added of addedFiles(content, layers))
    log.info(`  ${layerOf(added)}: ${path.relative(cwd, added)} is added`);
  if (!fs.existsSync(editionDir) && fs.existsSync(path.join(contentDir, "editions")))
    log.info(`  no editions/${year}/ folder: the base content and the general foreword`);

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
  // warnings through the one reporter, like errors: code, place, code frame and what to do
  for (const w of document.warnings) {
    if (log.problem) log.problem(formatError(w, { cwd }), errorToJson(w));
    else
      log.warn(
        `${w.code} ${w.message}${w.location ? ` (${path.relative(cwd, w.location.file)}${w.location.line ? `:${w.location.line}` : ""})` : ""}`,
      );
  }
  return { config, edition, content, document, stages, epochSeconds };
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

/** One edition, in a browser and server that the caller owns. */
export async function buildEdition(
  options: BuildOptions & {
    session: BrowserSession | Promise<BrowserSession>;
    server: LocalServer;
    formats?: FormatName[];
    print?: PrintOverrides;
    laidOut?: () => void;
    /** how many parts of the document are laid out at once (default: the machine's cores) */
    parallel?: number;
  },
): Promise<BuildResult> {
  const log = options.log ?? silentLogger;
  const t0 = performance.now();
  const prepared = await prepare(options);
  const { config, edition, document, stages, epochSeconds } = prepared;
  const time = <T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> =>
    timed(fn, (ms, r) => {
      stages[name] = ms;
      log.stage(name, ms, detail?.(r));
    });
  const epochMs = epochSeconds !== undefined ? epochSeconds * 1000 : Date.UTC(edition.year, 0, 1);
  // the browser was started while the content was read; wait for it only now
  const session = await options.session;
  const paginateWith = paginator({ options, prepared, session, epochMs, startPrevious: () => startPrevious() });
  let previous: Promise<PreviousEdition> | undefined;
  const startPrevious = () => {
    previous ??= previousEdition({ options, prepared });
    return previous;
  };
  // the document's address on the server: each edition and language of a run has its own
  const serverKey = `e${edition.year}${options.language === undefined ? "" : `-${options.language}`}`;
  // laid out once with the print version's bleed: the screen PDF is its trimmed part (formats.ts)
  const paginated = await time(
    "paginate",
    () => paginateWith(layoutCss(config, printSettings(config, options.print)), serverKey),
    (p) => count(p.pages.length, "page"),
  );
  for (const d of paginated.dropped) log.warn(d);

  // the screen PDF's preflight, begun when the formats stage has the screen PDF
  let checking: Checking | undefined;
  const startPreflight = (file: { path: string; bytes: Uint8Array }) => preflightOf(prepared, file, log);

  // once this edition's last layout is done (renderFormats says when): the browser may close, and pdf.js loads
  // for the preflight (not earlier: its thread's memory beside the browser's made the build's peak)
  const laidOut = () => {
    options.laidOut?.();
    warmUpPreflight();
  };

  const date = epochSeconds !== undefined ? new Date(epochSeconds * 1000) : new Date();
  const yearDir = outputFolder(config.outDir, edition.year, options.languageCode);
  const formatted = await time(
    "formats",
    () =>
      renderFormats({
        config,
        edition,
        document,
        paginated,
        paginateAgain: (css, html) => paginateWith(css, `${serverKey}-print`, html, "formats"),
        metadata: metadataOf(prepared, date),
        documentId:
          epochSeconds !== undefined
            ? sha256(`${config.slug}-${edition.year}-${document.html}`).slice(0, 32)
            : undefined,
        yearDir,
        baseName: `${config.slug}-${edition.year}${options.languageCode === undefined ? "" : `-${options.languageCode}`}`,
        options: { formats: options.formats ?? [...FORMATS], print: options.print },
        log: (l) => log.debug(l),
        onScreen: (file) => {
          checking ??= startPreflight(file);
        },
        laidOut,
      }),
    (f) => f.files.map((x) => x.format).join(", ") + (f.pagesAdded ? `; ${count(f.pagesAdded, "page")} added` : ""),
  );

  // the screen PDF is read back and checked before anything is written: a failed check fails the build and
  // leaves the previous files as they were
  const screen = formatted.files.find((f) => f.format === "screen");
  if (screen && typeof screen.bytes !== "string") {
    // begun as soon as the screen PDF was made, while the browser laid out the print version (onScreen)
    checking ??= startPreflight({ path: screen.path, bytes: screen.bytes });
    const report = await checking.promise;
    stages.preflight = checking.ms();
    log.stage(
      "preflight",
      stages.preflight,
      `${count(report.counts.pass, "check")} passed${report.counts.warn ? `, ${report.counts.warn} with warnings` : ""}`,
    );
  }

  const changes = await time("changes", async () =>
    editionChanges({
      prepared,
      previous: await startPrevious(),
      pages: paginated.pages,
      previousDir: (y) => outputFolder(config.outDir, y, options.languageCode),
      messages: messagesOf(prepared.document, prepared.config),
    }),
  );

  stages.total = performance.now() - t0;
  log.step?.("write", "writing the files");
  const { files, manifestPath } = writeEdition({ prepared, formatted, changes, date, yearDir, pages: paginated.pages });
  const cwd = options.cwd ?? process.cwd();
  log.info(
    `wrote ${files.map((f) => path.relative(cwd, path.join(yearDir, f.path))).join(", ")} (${count(files.find((f) => f.format === "screen")?.pages ?? paginated.pages.length, "page")}) in ${(stages.total / 1000).toFixed(2)} s`,
  );
  return {
    config,
    languageCode: options.languageCode,
    edition,
    files,
    manifestPath,
    pages: paginated.pages,
    stages,
    document,
  };
}

/** The PDFs' metadata: title, author, subject, keywords, language, tools and date. */
function metadataOf(prepared: Awaited<ReturnType<typeof prepare>>, date: Date) {
  const { config, edition } = prepared;
  const messages = messagesOf(prepared.document, config);
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
  prepared: Awaited<ReturnType<typeof prepare>>;
  formatted: Awaited<ReturnType<typeof renderFormats>>;
  changes: string;
  date: Date;
  yearDir: string;
  pages: PageLayout[];
}): { files: ManifestFile[]; manifestPath: string } {
  const { formatted, yearDir } = args;
  const files: ManifestFile[] = formatted.files.map((f) => ({
    path: path.basename(f.path),
    format: f.format,
    pages: f.pages,
    bytes: typeof f.bytes === "string" ? Buffer.byteLength(f.bytes) : f.bytes.length,
    sha256: sha256(f.bytes),
  }));
  const pending: PendingFile[] = formatted.files.map((f) => ({ path: f.path, bytes: f.bytes }));
  const manifest = manifestOf({ prepared: args.prepared, files, date: args.date, formatted, pages: args.pages });
  pending.push({ path: path.join(yearDir, "changes.md"), bytes: args.changes });
  const manifestPath = path.join(yearDir, "manifest.json");
  pending.push({ path: manifestPath, bytes: `${JSON.stringify(manifest, null, 2)}\n` });
  writeAtomically(pending);
  return { files, manifestPath };
}

/** The paginate stage's call for an edition: extra CSS (the bleed), a key on the server, another HTML. */
function paginator(ctx: {
  options: Parameters<typeof buildEdition>[0];
  prepared: Awaited<ReturnType<typeof prepare>>;
  session: BrowserSession;
  epochMs: number;
  startPrevious: () => void;
}) {
  const { options, session } = ctx;
  const { config, document } = ctx.prepared;
  const log = options.log ?? silentLogger;
  // pages laid out count as progress of the stage that asked for them (the print layout: formats)
  return (extraCss: string, key: string, html = document.html, stage = "paginate") =>
    paginate({
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
        if (n === 1) ctx.startPrevious();
      },
    });
}

type Checking = { promise: Promise<Awaited<ReturnType<typeof preflightBuild>>>; ms(): number };

/** The screen PDF's preflight, begun now; its time taken when it ends. */
function preflightOf(
  prepared: Awaited<ReturnType<typeof prepare>>,
  file: { path: string; bytes: Uint8Array },
  log: Logger,
): Checking {
  const { config, document } = prepared;
  const s = performance.now();
  let end: number | undefined;
  const promise = preflightBuild({
    pdf: file.bytes,
    html: document.html,
    contentDir: config.contentDir,
    file: file.path,
    fontFamilies: document.fonts?.families ?? [],
    warn: (l) => log.warn(l),
  }).finally(() => (end = performance.now()));
  // awaited after the formats stage; until then a failure must not count as unhandled
  promise.catch(() => undefined);
  return { promise, ms: () => (end ?? performance.now()) - s };
}

/** manifest.json's content: the edition, its files and where each chapter starts. */
function manifestOf(args: {
  prepared: Awaited<ReturnType<typeof prepare>>;
  files: ManifestFile[];
  date: Date;
  formatted: Awaited<ReturnType<typeof renderFormats>>;
  pages: PageLayout[];
}) {
  const { config, edition, document } = args.prepared;
  return {
    booklet: config.title,
    slug: config.slug,
    language: config.language,
    edition: {
      year: edition.year,
      anniversary: edition.anniversary,
      ordinal: edition.ordinal,
      number: edition.number,
      date: edition.date,
    },
    generator: GENERATOR,
    built: args.date.toISOString(),
    files: args.files,
    // blank pages put in front of the back cover to make the page count a multiple of print.padTo
    pagesAdded: args.formatted.pagesAdded,
    print: args.formatted.print,
    chapters: [document.foreword, ...document.chapters]
      .filter((c): c is NonNullable<typeof c> => Boolean(c))
      .map((c) => ({
        id: c.id,
        title: c.title,
        file: path.relative(config.contentDir, c.file),
        startPage: args.pages.find((p) => p.starts.includes(c.id))?.number ?? null,
        notes: c.notes,
      })),
    // no timings: the manifest is one of the files that SOURCE_DATE_EPOCH makes the same from build to build
    // (the stages' times are in the log, and in --json's stage events)
  };
}

type PreviousEdition = { year: number; prepared?: Awaited<ReturnType<typeof prepare>>; error?: unknown } | undefined;

/** The previous year's edition, its content prepared again without the browser, for changes.md; none for the first. */
async function previousEdition(args: {
  options: BuildOptions;
  prepared: Awaited<ReturnType<typeof prepare>>;
}): Promise<PreviousEdition> {
  const year = args.prepared.edition.year - 1;
  if (year <= Number(args.prepared.config.eventDate.slice(0, 4))) return undefined;
  try {
    return { year, prepared: await prepare({ ...args.options, edition: year, log: silentLogger }) };
  } catch (error) {
    return { year, error };
  }
}

/** changes.md: this edition against the previous year's. */
function editionChanges(args: {
  prepared: Awaited<ReturnType<typeof prepare>>;
  previous: PreviousEdition;
  pages: PageLayout[];
  previousDir: (year: number) => string;
  /** the booklet's catalogue: the report is in its language */
  messages: ReportMessages;
}): string {
  const { prepared, pages, messages } = args;
  const snapshot = (p: Awaited<ReturnType<typeof prepare>>, starts?: Map<string, number>): EditionSnapshot => ({
    year: p.edition.year,
    anniversary: p.edition.anniversary,
    ordinal: p.edition.ordinal,
    chapters: [p.document.foreword, ...p.document.chapters]
      .filter((c): c is NonNullable<typeof c> => Boolean(c))
      .map((c) => ({ id: c.id, title: c.title, markdown: c.markdown })),
    tables: p.content.tables,
    starts,
  });
  const currentStarts = new Map<string, number>();
  for (const page of pages)
    for (const id of page.starts) if (!currentStarts.has(id)) currentStarts.set(id, page.number);
  const current = snapshot(prepared, currentStarts);
  if (!args.previous) return changeReport({ current, messages });
  const { year, prepared: previous, error } = args.previous;
  if (!previous) return unpreparedReport(current, year, (error as Error).message.split("\n")[0], messages);
  // where the previous edition's chapters started: from its manifest, when it was built into the same folder
  let previousStarts: Map<string, number> | undefined;
  const manifestFile = path.join(args.previousDir(year), "manifest.json");
  if (fs.existsSync(manifestFile)) {
    try {
      const m = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
        chapters?: { id: string; startPage: number | null }[];
      };
      previousStarts = new Map((m.chapters ?? []).filter((c) => c.startPage !== null).map((c) => [c.id, c.startPage!]));
    } catch {
      previousStarts = undefined;
    }
  }
  return changeReport({ current, previous: snapshot(previous, previousStarts), messages });
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
  const editions: (number | undefined)[] = options.editions && options.editions.length ? options.editions : [undefined];
  // refuse a bad year before starting the browser
  const loaded = loadConfig({ contentDir: path.resolve(options.cwd ?? process.cwd(), options.contentDir) });
  checkEventDate(loaded, buildDate(options.env ?? process.env).date);
  const base = loaded.config;
  for (const y of editions)
    if (y !== undefined)
      computeEdition({ eventDate: base.eventDate, year: y, language: base.language, printDate: "2000-01-01" });
  const contentDir = path.resolve(options.cwd ?? process.cwd(), options.contentDir);
  const languages = pickLanguages(contentDir, base.language, options.languages);
  // files are named by language once the content has translations, whichever are built
  const named = hasLanguages(contentDir);
  const jobs = editions.flatMap((year) => languages.map((language) => ({ year, language })));
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

  const config = base;
  let session: BrowserSession | Promise<BrowserSession> | undefined = options.session;
  let server = options.server;
  const results: BuildResult[] = [];
  const failures: { year: number | undefined; language: BookletLanguage; error: unknown }[] = [];
  const many = jobs.length > 1;
  // "2027", or "2027 de" when the run has several languages
  const label = (job: (typeof jobs)[number]) =>
    languages.length > 1 ? `${job.year ?? ""} ${job.language.code}`.trim() : String(job.year);
  try {
    // started now, awaited by the first edition after its content is read: the two overlap
    session ??= launchBrowser({
      configured: config.browser,
      timeoutSeconds: config.timeouts.launch,
      log: (l) => log.debug(l),
    });
    // a failed launch is reported by the edition that awaits it; keep Node from calling it unhandled meanwhile
    Promise.resolve(session).catch(() => undefined);
    server ??= await startServer();
    const limit = Math.max(1, Math.min(options.concurrency ?? os.availableParallelism(), jobs.length));
    let next = 0;
    // The browser is closed as soon as the last edition is laid out, while the last checks and files are made:
    // its memory then is not added to theirs at the build's peak (issue 7). A failed edition counts as laid out.
    let laidOut = 0;
    const release = () => {
      if (++laidOut === jobs.length && !options.session && session)
        Promise.resolve(session).then(
          (s) => s.close(),
          () => undefined,
        );
    };
    // a bar for the run on a terminal: editions done of all
    if (many) log.progress("editions", 0, jobs.length);
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const { year, language } = job;
        // once per edition: when it is laid out, or when it ends without (a failure)
        let released = false;
        const laidOut = () => {
          if (!released) release();
          released = true;
        };
        try {
          const languageCode = named ? language.code : undefined;
          results.push(
            await buildEdition({
              ...options,
              edition: year,
              language: language.folder,
              languageCode,
              session: session!,
              server: server!,
              log: many ? prefixed(log, label(job)) : log,
              laidOut,
              // the cores shared among the editions laid out at once
              parallel: Math.max(1, Math.floor(os.availableParallelism() / limit)),
            }),
          );
        } catch (error) {
          failures.push({ year, language, error });
          if (many)
            log.warn(
              `edition ${label(job)} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
            );
        } finally {
          laidOut();
        }
        if (many) log.progress("editions", results.length + failures.length, jobs.length);
      }
    };
    await Promise.all(Array.from({ length: limit }, worker));
  } finally {
    if (!options.server && server) await server.close();
    if (!options.session && session)
      await Promise.resolve(session).then(
        (s) => s.close(),
        () => undefined,
      );
  }
  const order = (r: BuildResult) => languages.findIndex((l) => l.code === (r.languageCode ?? base.language));
  results.sort((a, b) => a.edition.year - b.edition.year || order(a) - order(b));
  if (failures.length === 1 && jobs.length === 1) throw failures[0].error;
  if (failures.length) {
    const errors = failures.flatMap((f) =>
      f.error instanceof BookletErrors
        ? f.error.errors
        : f.error instanceof BookletError
          ? [f.error]
          : [
              new BookletError("Internal", `edition ${label(f)}: ${String((f.error as Error)?.message ?? f.error)}`, {
                cause: f.error,
              }),
            ],
    );
    throw new BookletErrors(errors);
  }
  return results;
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
