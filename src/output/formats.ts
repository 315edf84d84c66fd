// The output formats of one edition, made from its paginated document: each returns the files to write.
import path from "node:path";
import type { PDFDocument } from "pdf-lib";
import type { Edition, ResolvedConfig } from "../config/index.ts";
import { type PrintConfig, pageSizeMm } from "../config/index.ts";
import type { RenderedDocument } from "../document/index.ts";
import { BookletError } from "../errors/index.ts";
import { createMessages, type Messages } from "../i18n/index.ts";
import type { PdfMetadata } from "../pdf/index.ts";
import {
  checkPdfxSetup,
  convertToPdfx,
  findTransparency,
  impose,
  makePrintPdf,
  PDFX_VERSION,
  padScreenBlank,
  postprocess,
  printGeometry,
  sheetFor,
  stabiliseNodeIds,
} from "../pdf/index.ts";
import type { PadOptions, Paginated } from "../render/index.ts";
import {
  checkSameLayout,
  insertBeforeLastPage,
  lastSide,
  NOTES_CSS,
  notesHtml,
  paddingCount,
} from "../render/index.ts";
import { timed } from "../shared/index.ts";
import type { FormatName } from "./format-names.ts";
import { renderHtml } from "./html.ts";

/**
 * The document's messages; a document made without them (a test's) has its language's catalogue, with the
 * booklet's own overrides.
 * @public outside the stage's index, as this module's other exports: it loads pdf-lib and the layout, which a
 * build imports only once it knows it must make a file (see index.ts)
 */
export function messagesOf(
  document: RenderedDocument,
  config: Pick<ResolvedConfig, "language" | "messages">,
): Messages {
  return document.messages ?? createMessages({ language: config.language, overrides: config.messages });
}

export { FORMATS, type FormatName } from "./format-names.ts";

/** The command line's print flags: they override booklet.yaml's `print:` for one build. */
export interface PrintOverrides extends Partial<PrintConfig> {
  /** convert the print PDF to PDF/X-1a with Ghostscript */
  pdfx?: boolean;
  /** the printer's CMYK output profile, for --pdfx */
  icc?: string;
  /** Ghostscript's path, when it is not `gs` on the PATH */
  gs?: string;
}

export interface FormatOptions {
  formats: FormatName[];
  print?: PrintOverrides;
}

export interface FormatContext {
  config: ResolvedConfig;
  edition: Edition;
  document: RenderedDocument;
  /** the screen pagination */
  paginated: Paginated;
  /** paginates the document again with extra CSS and, when given, another HTML (the print version) */
  paginateAgain(extraCss: string, html?: string): Promise<Paginated>;
  metadata: PdfMetadata;
  /** a stable document id for reproducible builds (from SOURCE_DATE_EPOCH), else undefined */
  documentId?: string;
  yearDir: string;
  /** the files' name before the format's ending: <slug>-<year>, or <slug>-<year>-<lang> in a booklet of several languages */
  baseName?: string;
  options: FormatOptions;
  log?: (line: string) => void;
  /** called with the screen PDF as soon as it is made, before the other formats: the build checks it meanwhile */
  onScreen?(file: { path: string; bytes: Uint8Array }): void;
  /** called once, when the browser has laid out everything this edition needs (not when that layout fails) */
  laidOut?(): void;
}

export interface FormatFile {
  path: string;
  format: FormatName;
  bytes: Uint8Array | string;
  /** pages in the file (sheet sides for the imposed PDF, 0 for HTML) */
  pages: number;
}

export interface RenderedFormats {
  files: FormatFile[];
  /** blank pages added in front of the back cover (screen, print and imposed alike) */
  pagesAdded: number;
  /** the print settings used, for the manifest */
  print: Omit<PrintConfig, "bleed" | "creep"> & { bleedMm: number; creepMm: number; pdfx: string | null };
}

/**
 * booklet.yaml's `print:` with the command line's flags over it.
 * @public
 */
export function printSettings(config: ResolvedConfig, print: PrintOverrides | undefined): PrintConfig {
  const { pdfx: _pdfx, icc: _icc, gs: _gs, ...overrides } = print ?? {};
  return { ...config.print, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
}

/**
 * The stylesheet the document is laid out with: the page with its bleed. One layout serves the screen PDF
 * (its trimmed part) and the print PDF (all of it), so the document is laid out once, not twice.
 * Paged.js 0.4.3 sets up the bleed only from the stylesheet that sets the page size (atpage.js, afterTreeWalk
 * adds its root variables when a sheet changes width or height): the size is repeated here.
 * @public
 */
export function layoutCss(config: ResolvedConfig, settings: PrintConfig): string {
  const size = pageSizeMm(config.pageSize);
  // with the added pages' style, so that the layout can add them in its page (PadOptions)
  return `@page { size: ${size.width}mm ${size.height}mm; bleed: ${settings.bleed}mm; }\n${NOTES_CSS}`;
}

/**
 * The pages a saddle-stitched booklet needs in front of its back cover, for the layout to add in its page.
 * @public
 */
export function padOptions(config: ResolvedConfig, document: RenderedDocument, settings: PrintConfig): PadOptions {
  return {
    padTo: settings.padTo,
    title: notesTitle(config, document, settings),
    pageHeightMm: pageSizeMm(config.pageSize).height,
  };
}

/** The added pages' title: `notesTitle: true` is the language's own word for them. */
function notesTitle(config: ResolvedConfig, document: RenderedDocument, settings: PrintConfig) {
  return settings.notesTitle === true ? messagesOf(document, config).format("notes.pagesTitle") : settings.notesTitle;
}

/**
 * Every format asked for, made from the laid-out document.
 * @public
 */
export async function renderFormats(ctx: FormatContext): Promise<RenderedFormats> {
  const plan = planFormats(ctx);
  const { want, added, screenPages } = plan;
  const printLayout = startPrintLayout(ctx, plan);

  const files: FormatFile[] = [];
  let printed: Paginated | undefined;
  let print: { pdf: Uint8Array; doc: PDFDocument } | undefined;
  // while the browser lays out the print version: the screen PDF (unless its added pages come from the print
  // layout), so that it can be checked meanwhile, and the web edition
  const screenFirst = want.has("screen") && !(printLayout && added > 0 && !plan.addedInPage);
  if (screenFirst) files.push(await screenFile(ctx, plan, undefined));
  const html = want.has("html")
    ? await plan.time("html", () =>
        renderHtml({
          document: ctx.document,
          contentDir: ctx.config.contentDir,
          messages: messagesOf(ctx.document, ctx.config),
        }),
      )
    : undefined;

  if (printLayout) {
    printed = await printLayout;
    if (printed !== ctx.paginated) checkSameLayout({ screen: screenPages, print: printed.pages, added });
    print = await printBoxes(ctx, plan, printed);
  }
  if (want.has("screen") && !screenFirst)
    files.push(await screenFile(ctx, plan, printed !== ctx.paginated ? printed : undefined));
  if (want.has("print") && print) files.push(await printFile(ctx, plan, print));
  if (want.has("imposed") && print) files.push(await imposedFile(ctx, plan, print.doc));
  if (html !== undefined) files.push({ path: `${plan.base}.html`, format: "html", bytes: html, pages: 0 });

  const { bleed, creep, ...rest } = plan.settings;
  return {
    files,
    pagesAdded: added,
    print: { ...rest, bleedMm: bleed, creepMm: creep, pdfx: plan.pdfxSetup ? PDFX_VERSION : null },
  };
}

/** What every format of the edition shares: the files' base name, the print settings, the pages added. */
interface FormatPlan {
  base: string;
  want: Set<FormatName>;
  settings: PrintConfig;
  log: (line: string) => void;
  time: <T>(what: string, fn: () => Promise<T> | T) => Promise<T>;
  pdfxSetup?: ReturnType<typeof checkPdfxSetup>;
  size: ReturnType<typeof pageSizeMm>;
  screenPages: Paginated["pages"];
  /** blank pages added in front of the back cover */
  added: number;
  /** true: the layout added them in its page (Paginated.padded), and its PDF has them */
  addedInPage: boolean;
  geometry: ReturnType<typeof printGeometry>;
}

function planFormats(ctx: FormatContext): FormatPlan {
  const { config, edition } = ctx;
  const want = new Set(ctx.options.formats);
  const { pdfx, icc, gs } = ctx.options.print ?? {};
  const settings = printSettings(config, ctx.options.print);
  const log = ctx.log ?? (() => undefined);
  const size = pageSizeMm(config.pageSize);
  const screenPages = ctx.paginated.pages;
  const added = paddingCount(screenPages.length, settings.padTo);
  // the layout was given the same settings (padOptions): a PDF padded otherwise is booklet's own fault
  if (ctx.paginated.padded && ctx.paginated.padded.added !== added)
    throw new Error(`the layout added ${ctx.paginated.padded.added} pages, the print settings ask for ${added}`);
  return {
    base: path.join(ctx.yearDir, ctx.baseName ?? `${config.slug}-${edition.year}`),
    want,
    settings,
    log,
    time: (what, fn) => timed(fn, (ms) => log(`${what}: ${Math.round(ms)} ms`)),
    // refuse PDF/X before any work when it cannot be made (the transparency check needs the print PDF)
    pdfxSetup: pdfx && want.has("print") ? checkPdfxSetup({ icc, gs }) : undefined,
    size,
    screenPages,
    added,
    addedInPage: ctx.paginated.padded !== undefined,
    geometry: printGeometry({ trim: size, bleedMm: settings.bleed, marks: settings.marks }),
  };
}

/**
 * The document was laid out with bleed (layoutCss): that layout is the print version too, with the pages
 * added in front of the back cover in its page when some are needed (Paginated.padded). When the layout
 * could not add them there, the document is laid out again with them, and the screen PDF is made from that
 * second layout as well; a screen-only build whose added pages are blank inserts them with pdf-lib instead.
 * Undefined when no format needs the print layout.
 */
function startPrintLayout(ctx: FormatContext, plan: FormatPlan) {
  const { config } = ctx;
  const { want, added, settings, size, screenPages } = plan;
  const needPrint =
    want.has("print") || want.has("imposed") || (want.has("screen") && added > 0 && settings.notesTitle !== undefined);
  if (!(needPrint && added > 0) || plan.addedInPage) {
    // the first layout was the last
    ctx.laidOut?.();
    return needPrint ? Promise.resolve(ctx.paginated) : undefined;
  }
  const notes = notesHtml({
    count: added,
    title: notesTitle(config, ctx.document, settings),
    pageHeightMm: size.height,
    firstSide: lastSide(screenPages),
  });
  const html = insertBeforeLastPage({ html: ctx.document.html, pages: screenPages, insert: notes });
  // the same stylesheets as the first layout's: a layout by chapter takes the chapters before them from its cache
  const printLayout = ctx.paginateAgain(layoutCss(config, settings), html);
  // awaited later; until then a failure must not count as unhandled
  printLayout.catch(() => undefined);
  // the browser's work for this edition ends with this layout
  printLayout.then(
    () => ctx.laidOut?.(),
    () => undefined,
  );
  return printLayout;
}

/**
 * The screen PDF: from the layout when it needs no pages added or added them in its page, else from the
 * print layout when that added them, else from the layout with blank pages inserted.
 */
async function screenFile(ctx: FormatContext, plan: FormatPlan, printedAgain: Paginated | undefined) {
  const { added, screenPages, size, geometry, time } = plan;
  const raw =
    added === 0 || plan.addedInPage
      ? stabiliseNodeIds(ctx.paginated.pdf)
      : printedAgain
        ? stabiliseNodeIds(printedAgain.pdf)
        : await time("screen padding", () =>
            padScreenBlank({ screen: stabiliseNodeIds(ctx.paginated.pdf), at: screenPages.length - 1, count: added }),
          );
  const bytes = await time("screen", () =>
    postprocess({ pdf: raw, trim: size, bleed: geometry.bleed, metadata: ctx.metadata, documentId: ctx.documentId }),
  );
  ctx.onScreen?.({ path: `${plan.base}.pdf`, bytes });
  return { path: `${plan.base}.pdf`, format: "screen" as const, bytes, pages: screenPages.length + added };
}

function printBoxes(ctx: FormatContext, plan: FormatPlan, printed: Paginated) {
  return plan.time("print boxes", () =>
    makePrintPdf({
      pdf: stabiliseNodeIds(printed.pdf),
      geometry: plan.geometry,
      marks: plan.settings.marks,
      metadata: ctx.metadata,
      documentId: ctx.documentId,
    }),
  );
}

/**
 * The print PDF, converted to PDF/X when asked (refused when a page uses transparency). The document it was
 * saved from is what the transparency is looked for in and Ghostscript's file checked against: the file is
 * not parsed again.
 */
async function printFile(
  ctx: FormatContext,
  plan: FormatPlan,
  print: { pdf: Uint8Array; doc: PDFDocument },
): Promise<FormatFile> {
  const { pdfxSetup } = plan;
  let bytes = print.pdf;
  if (pdfxSetup) {
    const found = await findTransparency(print.doc);
    if (found.length) {
      const pages = [...new Set(found.map((f) => f.page))];
      throw new BookletError(
        "PdfxTransparency",
        `Page${pages.length > 1 ? "s" : ""} ${pages.slice(0, 10).join(", ")}${pages.length > 10 ? " …" : ""} of the print PDF use${pages.length > 1 ? "" : "s"} transparency: ${found
          .slice(0, 3)
          .map((f) => `page ${f.page}, ${f.what}`)
          .join("; ")}.`,
      );
    }
    const epochSeconds = ctx.documentId ? Math.floor(ctx.metadata.date.getTime() / 1000) : undefined;
    bytes = await plan.time("PDF/X", () =>
      convertToPdfx({
        pdf: print.pdf,
        parsed: print.doc,
        gs: pdfxSetup.gs,
        profile: pdfxSetup.profile,
        epochSeconds,
        documentId: ctx.documentId,
        timeoutSeconds: ctx.config.timeouts.print,
        log: plan.log,
      }),
    );
  }
  return { path: `${plan.base}-print.pdf`, format: "print", bytes, pages: plan.screenPages.length + plan.added };
}

async function imposedFile(ctx: FormatContext, plan: FormatPlan, printDoc: PDFDocument): Promise<FormatFile> {
  const { settings } = plan;
  const imposed = await plan.time("imposed", () =>
    impose({
      print: printDoc,
      geometry: plan.geometry,
      sheet: sheetFor(ctx.config.pageSize),
      duplex: settings.duplex,
      creepMm: settings.creep,
      marks: settings.marks,
      metadata: ctx.metadata,
      documentId: ctx.documentId,
    }),
  );
  return { path: `${plan.base}-imposed.pdf`, format: "imposed", bytes: imposed.pdf, pages: imposed.sides.length };
}
