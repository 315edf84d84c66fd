// The only module that knows the order of the stages; it owns the browser's and the server's lifetime.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { BookletError, BookletErrors } from "./errors/booklet-error.ts";
import { loadConfig } from "./config/load.ts";
import { resolveConfig, type ResolvedConfig } from "./config/resolve.ts";
import { buildDate, computeEdition, defaultEditionYear, type Edition } from "./config/edition.ts";
import { PAGE_SIZES } from "./config/schema.ts";
import { loadContent } from "./content/load.ts";
import type { Content } from "./content/types.ts";
import { renderDocument, type RenderedDocument } from "./document/render.ts";
import { launchBrowser, type BrowserSession } from "./render/browser.ts";
import { startServer, type LocalServer } from "./render/server.ts";
import { paginate, type PageLayout } from "./render/paginate.ts";
import { postprocess } from "./pdf/postprocess.ts";
import { sha256, writeAtomically, type PendingFile } from "./output/write.ts";
import { silentLogger, type Logger } from "./log.ts";

const require = createRequire(import.meta.url);
export const VERSION: string = require("../package.json").version;
export const GENERATOR = `booklet ${VERSION}`;

export interface BuildOptions {
  /** the content folder (content/ by default) */
  contentDir: string;
  /** the folder that holds the year folders (output/ by default) */
  outDir?: string;
  /** the edition's year; the next anniversary on or after the build date when not given */
  edition?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** a browser to reuse (several builds in one run); launched and closed here when not given */
  session?: BrowserSession;
  server?: LocalServer;
}

export interface StageTimes {
  [stage: string]: number;
}

export interface BuildResult {
  config: ResolvedConfig;
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
export async function prepare(options: BuildOptions): Promise<{ config: ResolvedConfig; edition: Edition; content: Content; document: RenderedDocument; stages: StageTimes; epochSeconds?: number }> {
  const log = options.log ?? silentLogger;
  const cwd = options.cwd ?? process.cwd();
  const contentDir = path.resolve(cwd, options.contentDir);
  const stages: StageTimes = {};
  const time = async <T>(name: string, fn: () => T | Promise<T>, detail?: (r: T) => string): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    stages[name] = performance.now() - t0;
    log.stage(name, stages[name], detail?.(r));
    return r;
  };

  const { date: today, epochSeconds } = buildDate(options.env ?? process.env);
  const tConfig = performance.now();
  // the base configuration first: the event date decides the edition, whose folder may override keys
  const base = loadConfig({ contentDir });
  const year = options.edition ?? defaultEditionYear(base.config.eventDate, today);
  const editionDir = path.join(contentDir, "editions", String(year));
  const overrides: string[] = [];
  const loaded = loadConfig({ contentDir, editionDir, onOverride: (key, _b, e) => overrides.push(`  edition ${year}: ${path.relative(cwd, e)} sets ${key}`) });
  const config = resolveConfig({ config: loaded.config, contentDir, configFile: loaded.file, outDir: options.outDir, cwd });
  const edition = computeEdition({ eventDate: config.eventDate, year, language: config.language, firstEdition: config.firstEdition, printDate: today });
  stages.config = performance.now() - tConfig;
  // the first line says which edition is built, and why when it was not asked for
  log.info(`booklet: the ${edition.ordinal} anniversary edition (${edition.year}) of "${config.title}"${options.edition === undefined ? `, the next anniversary on or after ${today}` : ""}`);
  log.stage("config", stages.config);
  overrides.forEach((line) => log.info(line));

  const layers = fs.existsSync(editionDir) ? [{ name: String(year), dir: editionDir }] : [];
  const content = await time("content", () => loadContent({ contentDir, layers }), (c) => `${c.chapters.length} chapters, ${c.sources.size} sources, ${c.tables.size} tables`);
  for (const r of content.replaced) log.info(`  edition ${year}: ${path.relative(cwd, r.edition)} replaces ${path.relative(cwd, r.base)}`);
  if (layers.length === 0 && fs.existsSync(path.join(contentDir, "editions"))) log.info(`  no editions/${year}/ folder: the base content and the general foreword`);

  const document = await time("document", () => renderDocument({ config, content, edition, generator: GENERATOR }), (d) => `${(d.html.length / 1024).toFixed(0)} KB of HTML`);
  for (const w of document.warnings) log.warn(`${w.code} ${w.message}${w.location ? ` (${path.relative(cwd, w.location.file)}${w.location.line ? `:${w.location.line}` : ""})` : ""}`);
  return { config, edition, content, document, stages, epochSeconds };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? silentLogger;
  const t0 = performance.now();
  const prepared = await prepare(options);
  const { config, edition, document, stages, epochSeconds } = prepared;
  const time = async <T>(name: string, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> => {
    const s = performance.now();
    const r = await fn();
    stages[name] = performance.now() - s;
    log.stage(name, stages[name], detail?.(r));
    return r;
  };

  const ownSession = !options.session;
  const ownServer = !options.server;
  let session = options.session;
  let server = options.server;
  try {
    session ??= await time("browser", () => launchBrowser({ configured: config.browser, timeoutSeconds: config.timeouts.launch, log: (l) => log.debug(l) }));
    server ??= await startServer();
    const epochMs = epochSeconds !== undefined ? epochSeconds * 1000 : Date.UTC(edition.year, 0, 1);
    const paginated = await time(
      "paginate",
      () =>
        paginate({
          browser: session!.browser,
          server: server!,
          key: `e${edition.year}`,
          doc: { html: document.html, styles: document.styles, contentDir: config.contentDir },
          timeouts: config.timeouts,
          epochMs,
          log: (l) => log.debug(l),
          onPage: (n) => log.progress("paginate", n),
        }),
      (p) => `${p.pages.length} pages`,
    );

    const size = PAGE_SIZES[config.pageSize];
    const date = epochSeconds !== undefined ? new Date(epochSeconds * 1000) : new Date();
    const screen = await time("pdf", () =>
      postprocess({
        pdf: paginated.pdf,
        trim: size,
        metadata: {
          title: `${config.title}${config.subtitle ? `: ${config.subtitle}` : ""}`,
          author: config.author ?? config.publisher,
          subject: config.description ?? `${edition.ordinal} anniversary edition, ${edition.dateText}`,
          keywords: [...config.keywords, `${edition.ordinal} anniversary`, String(edition.year)],
          language: config.language,
          creator: GENERATOR,
          producer: `${GENERATOR} (Paged.js 0.4.3, Chromium, pdf-lib)`,
          date,
        },
        documentId: epochSeconds !== undefined ? sha256(`${config.slug}-${edition.year}-${document.html}`).slice(0, 32) : undefined,
      }),
    );

    const yearDir = path.join(config.outDir, String(edition.year));
    const pdfPath = path.join(yearDir, `${config.slug}-${edition.year}.pdf`);
    const files: ManifestFile[] = [{ path: path.basename(pdfPath), format: "screen", pages: paginated.pages.length, bytes: screen.length, sha256: sha256(screen) }];
    const pending: PendingFile[] = [{ path: pdfPath, bytes: screen }];

    stages.total = performance.now() - t0;
    const manifest = {
      booklet: config.title,
      slug: config.slug,
      edition: { year: edition.year, anniversary: edition.anniversary, ordinal: edition.ordinal, number: edition.number, date: edition.date },
      generator: GENERATOR,
      built: epochSeconds !== undefined ? date.toISOString() : new Date().toISOString(),
      files,
      chapters: [document.foreword, ...document.chapters].filter(Boolean).map((c) => ({
        id: c!.id,
        title: c!.title,
        file: path.relative(config.contentDir, c!.file),
        startPage: paginated.pages.find((p) => p.starts.includes(c!.id))?.number ?? null,
        notes: c!.notes,
      })),
      stagesMs: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, Math.round(v)])),
    };
    const manifestPath = path.join(yearDir, "manifest.json");
    pending.push({ path: manifestPath, bytes: JSON.stringify(manifest, null, 2) + "\n" });
    writeAtomically(pending);
    log.info(`wrote ${path.relative(options.cwd ?? process.cwd(), pdfPath)} (${paginated.pages.length} pages, ${(screen.length / 1024).toFixed(0)} KB) in ${(stages.total / 1000).toFixed(2)} s`);
    return { config, edition, files, manifestPath, pages: paginated.pages, stages, document };
  } finally {
    if (ownServer && server) await server.close();
    if (ownSession && session) await session.close();
  }
}

export { BookletError, BookletErrors };
