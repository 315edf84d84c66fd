// Renders the whole booklet to one HTML document: chapters through Handlebars then Markdown, then the layout.
import fs from "node:fs";
import path from "node:path";
import { BookletError, BookletErrors } from "../errors/booklet-error.ts";
import type { Content, TextPart } from "../content/types.ts";
import type { ResolvedConfig } from "../config/resolve.ts";
import type { Edition } from "../config/edition.ts";
import { createMarkdown, renderChapterMarkdown, type ChapterContext } from "../markdown/render.ts";
import { hyphenateHtml } from "../markdown/hyphenate.ts";
import { createHandlebars, runTemplate, templateProblems, type TemplateOrigin } from "./handlebars.ts";
import { templateSet } from "./templates.ts";
import { checkAnchors } from "./anchors.ts";
import { looseTextProblems } from "./structure.ts";
import { lineColumn, slugify } from "../shared/text.ts";
import { drawChart } from "./charts.ts";
import { fontFaceCss } from "./fonts.ts";
import { formatIssued, formatNames, shortTitle } from "./csl.ts";
import { PAGE_SIZES } from "../config/schema.ts";
import { isRemote, remoteMessage } from "../markdown/safety.ts";
import { contentRef, readContentText } from "../files.ts";

export interface RenderedChapter {
  id: string;
  /** the Markdown after Handlebars: what the editor's text says in this edition (for the change report) */
  markdown: string;
  title: string;
  short: string;
  file: string;
  html: string;
  notes: number;
  /** the number printed at the chapter's head; none for an unnumbered chapter (or the foreword) */
  number?: number;
}

export interface RenderedDocument {
  /** the whole HTML document */
  html: string;
  /** stylesheet texts by URL path, served beside the document */
  styles: Map<string, string>;
  chapters: RenderedChapter[];
  foreword?: RenderedChapter;
  /** warnings (a source never cited …); errors are thrown */
  warnings: BookletError[];
  /** the files the document was made from, for the watcher and the manifest */
  inputs: string[];
}

export interface RenderDocumentOptions {
  config: ResolvedConfig;
  content: Content;
  edition: Edition;
  /** tool name and version, for the colophon and metadata */
  generator: string;
  /** problems found before (while loading the content), reported together with this stage's */
  problems?: BookletError[];
  /** the build log at --verbose (what a template's {{log}} writes) */
  log?: (message: string) => void;
}

/** Problems that leave a chapter unread: links to it and into it are not reported as broken as well. */
const CHAPTER_UNREAD = new Set(["FrontMatterSyntax", "FrontMatterInvalid", "NotUtf8", "PathOutsideContent", "FileTooLarge"]);

export async function renderDocument(options: RenderDocumentOptions): Promise<RenderedDocument> {
  const { config, content, edition } = options;
  const language = config.language;
  const templates = templateSet(content.dir);
  const problems: BookletError[] = [...(options.problems ?? [])];
  const inputs: string[] = [];

  // charts are drawn first: Vega renders asynchronously and Handlebars helpers are synchronous
  const charts = new Map<string, Awaited<ReturnType<typeof drawChart>>>();
  for (const chart of content.charts.values()) {
    try {
      charts.set(chart.name, await drawChart(chart, content.tables));
    } catch (e) {
      if (e instanceof BookletError) problems.push(e);
      else throw e;
    }
    inputs.push(chart.file);
  }

  const hb = createHandlebars({ content, templates, language, charts, problems, log: options.log });
  // the layout and the stylesheets can hold a script or a remote file as a partial can (checked there)
  const layoutFile = templates.resolve("layout.hbs");
  if (!layoutFile) throw new BookletError("MissingFile", "No layout.hbs in templates/.", { location: { file: path.join(templates.dirs[0] ?? "templates", "layout.hbs") } });
  const layoutText = readContentText(layoutFile, content.dir);
  problems.push(...templateProblems(layoutFile, layoutText, undefined, content.dir));
  const stylesheets = [...templates.styles()].map(([name, file]) => ({ name, file, css: readContentText(file, content.dir) }));
  for (const { file, css } of stylesheets) problems.push(...templateProblems(file, css, undefined, content.dir));
  const md = createMarkdown({ notes: config.notes, language });
  const cited = new Set<string>();
  const context = { booklet: config, edition };

  const formatCitation = (ref: { id: string; locator?: string }, full: boolean) => {
    const source = content.sources.get(ref.id)!;
    const partial = full ? "citation-full" : "citation-short";
    return runTemplate(hb, { file: templates.resolve(`partials/${partial}.hbs`) ?? partial, firstLine: 1, text: `{{> ${partial}}}`, fileText: "" }, { ...source.item, locator: ref.locator, shortTitle: shortTitle(source.item), authorNames: formatNames(source.item.author), issuedText: formatIssued(source.item, language) }).trim();
  };


  // a source reported once (invalid, or sources.yaml unreadable) is not reported again at every citation
  const sourceReported = (id: string) => content.sourcesReported?.has("*") === true || content.sourcesReported?.has(id) === true;

  const checkAsset = (ref: string) => {
    let clean = ref.split(/[?#]/)[0];
    try {
      clean = decodeURI(clean);
    } catch {
      // a malformed %-escape: the file is looked for as written
    }
    // a symbolic link inside the folder may lead out of it: what counts is where the file really is
    const r = contentRef(clean, content.dir);
    return "problem" in r ? r.problem : undefined;
  };

  // the cover image named in booklet.yaml is checked like an image in a chapter, at its line there
  if (config.coverImage) {
    const ref = config.coverImage;
    const problem = isRemote(ref) ? { kind: "RemoteResource" as const, message: remoteMessage(ref) } : checkAsset(ref);
    if (problem) {
      const files = [path.join(content.dir, "editions", String(edition.year), "booklet.yaml"), config.configFile];
      const file = files.find((f) => fs.existsSync(f) && /^coverImage\s*:/m.test(readContentText(f, content.dir))) ?? config.configFile;
      const text = fs.existsSync(file) ? readContentText(file, content.dir) : "";
      const m = /^(coverImage\s*:\s*["']?)/m.exec(text);
      const at = m ? m.index + m[1].length : -1;
      problems.push(new BookletError(problem.kind, `coverImage: ${problem.message}`, { location: { file, ...(at >= 0 ? lineColumn(text, at) : {}) }, sourceText: text }));
    }
  }

  // chapters that could not be loaded or filled in: links to them and into them are not reported as broken
  const failed = new Set(problems.filter((p) => CHAPTER_UNREAD.has(p.kind) && p.location?.file.endsWith(".md")).map((p) => `ch-${slugify(path.basename(p.location?.file ?? "", ".md"))}`));

  const renderPart = (part: { id: string; file: string; body: string; bodyLine: number; text: string }): { html: string; notes: number; markdown: string } => {
    inputs.push(part.file);
    const origin: TemplateOrigin = { file: part.file, firstLine: part.bodyLine, text: part.body, fileText: part.text };
    let markdown: string;
    try {
      markdown = runTemplate(hb, origin, context);
    } catch (e) {
      if (e instanceof BookletError) {
        problems.push(e);
        failed.add(part.id);
        return { html: "", notes: 0, markdown: "" };
      }
      throw e;
    }
    const ctx: ChapterContext = { id: part.id, file: part.file, sourceName: path.relative(content.dir, part.file).split(path.sep).join("/"), bodyLine: part.bodyLine, text: part.text, formatCitation, hasSource: (id) => content.sources.has(id), sourceReported, problems, cited, checkAsset };
    const r = renderChapterMarkdown(md, markdown, ctx);
    return { html: config.hyphenate ? hyphenateHtml(r.html, language) : r.html, notes: r.notes, markdown };
  };

  let counted = 0;
  const chapters: RenderedChapter[] = content.chapters.map((ch) => {
    const r = renderPart(ch);
    return { id: ch.id, title: ch.title, short: ch.short, file: ch.file, html: r.html, notes: r.notes, markdown: r.markdown, number: ch.numbered ? ++counted : undefined };
  });
  const part = (p: TextPart | undefined, id: string, fallbackTitle: string): RenderedChapter | undefined => {
    if (!p) return undefined;
    const r = renderPart({ id, file: p.file, body: p.body, bodyLine: p.bodyLine, text: p.text });
    return { id, title: p.title || fallbackTitle, short: p.title || fallbackTitle, file: p.file, html: r.html, notes: r.notes, markdown: r.markdown };
  };
  const foreword = part(content.foreword, "foreword", "Foreword");
  const colophon = part(content.colophon, "colophon-note", "");

  const warnings: BookletError[] = [];
  // read once, for the code frame of every warning about it
  const texts = new Map<string, string>();
  const sourcesText = (file: string) => texts.get(file) ?? texts.set(file, readContentText(file, content.dir)).get(file)!;
  for (const source of content.sources.values()) {
    if (!cited.has(source.id)) {
      warnings.push(new BookletError("SourceNeverCited", `The source ${source.id} is in sources.yaml but no chapter cites it.`, { location: { file: source.file, line: source.line }, sourceText: sourcesText(source.file), severity: "warning" }));
    }
  }
  if (content.sourcesFile) inputs.push(content.sourcesFile);
  // without a publisher the pages do without it, but a printed booklet usually names one
  if (!config.publisher) {
    const message = "No `publisher:` is set: the cover, title page, colophon and back cover are printed without one, and the PDF has no Author.";
    warnings.push(new BookletError("NoPublisher", message, { location: { file: config.configFile }, severity: "warning" }));
  }

  // the bibliography, in the order of sources.yaml
  const bibliography = [...content.sources.values()].map((s) => ({
    ...s.item,
    shortTitle: shortTitle(s.item),
    authorNames: formatNames(s.item.author),
    issuedText: formatIssued(s.item, language),
  }));

  // stylesheets: fonts first, then the templates' styles in name order, then the page size and colour
  const styles = new Map<string, string>();
  const fontList = readFontList(templates.resolve("fonts.txt"), content.dir);
  styles.set("/_styles/fonts.css", fontFaceCss(fontList));
  for (const { name, file, css } of stylesheets) {
    styles.set(`/_styles/${name}.css`, css);
    inputs.push(file);
  }
  const size = PAGE_SIZES[config.pageSize];
  styles.set("/_styles/page-size.css", `@page { size: ${size.width}mm ${size.height}mm; }\n:root { --accent: ${config.accentColor}; --page-width: ${size.width}mm; --page-height: ${size.height}mm; }\n`);

  inputs.push(layoutFile);
  // the layout runs even when a chapter failed, so that its own problems and the links are checked too
  let html = "";
  try {
    html = runTemplate(hb, { file: layoutFile, firstLine: 1, text: layoutText, fileText: layoutText }, {
      ...context,
      stylesheets: [...styles.keys()].map((k) => k.slice(1)), // relative: a document is served under /<key>/
      chapters,
      foreword,
      colophon,
      bibliography,
      generator: options.generator,
      coverImage: config.coverImage ? `_content/${config.coverImage}` : undefined,
      hasCharts: content.charts.size > 0,
    });
  } catch (e) {
    if (!(e instanceof BookletError)) throw e;
    problems.push(e);
  }
  problems.push(...tableProblems(content, sourceReported, inputs));

  // links to anchors and ids, in the finished document: a link to a chapter is made by the templates, one to
  // a heading or an element by a chapter
  if (html) {
    const parts = [
      ...content.chapters.map((ch, i) => ({ file: ch.file, text: ch.text, html: chapters[i].html })),
      ...([[content.foreword, foreword], [content.colophon, colophon]] as const).flatMap(([p, r]) => (p && r ? [{ file: p.file, text: p.text, html: r.html }] : [])),
    ];
    const templateFiles = [layoutFile, ...templates.partials().values()].map((file) => ({ file, text: readContentText(file, content.dir) }));
    const unknowable = (target: string) => [...failed].some((id) => target === id || target.startsWith(`${id}--`)) || (failed.size > 0 && !target.startsWith("ch-"));
    problems.push(...checkAnchors(html, parts, templateFiles, unknowable));
    problems.push(...looseTextProblems(html, [...templateFiles.slice(1), templateFiles[0]], layoutFile));
  }

  if (problems.some((p) => p.severity === "error")) throw new BookletErrors([...problems, ...warnings]);
  return { html, styles, chapters, foreword, warnings, inputs: [...new Set(inputs)] };
}

/**
 * The problems of the tables the document placed (the others were not read): their own, and a row naming a
 * source that sources.yaml does not have.
 */
function tableProblems(content: Content, sourceReported: (id: string) => boolean, inputs: string[]): BookletError[] {
  const problems = [...(content.tables.problems ?? [])];
  for (const table of content.tables.values()) {
    inputs.push(table.file);
    if (table.metaFile) inputs.push(table.metaFile);
    for (const col of table.columns.filter((c) => c.type === "source")) {
      for (const row of table.rows) {
        const id = row.values[col.key];
        if (typeof id === "string" && !content.sources.has(id) && !sourceReported(id)) {
          problems.push(new BookletError("UnknownSource", `The row names the source "${id}", which is not in sources.yaml.`, { location: { file: row.file, line: row.line }, sourceText: readContentText(row.file, content.dir) }));
        }
      }
    }
  }
  return problems;
}

function readFontList(file: string | undefined, contentDir: string): string[] {
  if (!file) return [];
  return readContentText(file, contentDir)
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
}
