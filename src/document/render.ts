// Renders the whole booklet to one HTML document: chapters through Handlebars then Markdown, then the layout.
import fs from "node:fs";
import path from "node:path";
import type Handlebars from "handlebars";
import type { ResolvedConfig } from "../config/index.ts";
import { bookletValues, type Edition } from "../config/index.ts";
import type { Content, TextPart } from "../content/index.ts";
import { BookletError, BookletErrors, closest } from "../errors/index.ts";
import { contentRef, readContentText } from "../files.ts";
import { CATALOGUES, createMessages, type Messages } from "../i18n/index.ts";
import {
  type ChapterContext,
  createMarkdown,
  hyphenateHtml,
  hyphenationNotice,
  isRemote,
  remoteMessage,
  renderChapterMarkdown,
} from "../markdown/index.ts";
import { lineColumn, oneStopInHtml, slugify } from "../shared/index.ts";
import { checkAnchors } from "./anchors.ts";
import { drawChart } from "./charts.ts";
import { formatIssued, formatNames, shortTitle } from "./csl.ts";
import { marginTokens, pageGeometry, tokensCss } from "./design.ts";
import { ownFontList } from "./font-list.ts";
import { fontMetadata, type ResolvedFonts, resolveFonts } from "./fonts.ts";
import { planFonts } from "./glyphs.ts";
import { createHandlebars, cslWords, runTemplate, type TemplateOrigin, templateProblems } from "./handlebars.ts";
import { looseTextProblems } from "./structure.ts";
import { templateSet } from "./templates.ts";

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
  /** the language of its text when it is not the document's: a chapter a translation does not replace */
  lang?: string;
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
  /** the booklet's fixed text in its language, for the formats (PDF metadata, web edition, notes pages) */
  messages?: Messages;
  /** the typefaces it is set in, which the preflight accepts (every document the document stage makes has them) */
  fonts?: ResolvedFonts;
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
  /** the build log (what the document's language and scripts need: hyphenation, fonts) */
  notice?: (message: string) => void;
}

/** Problems that leave a chapter unread: links to it and into it are not reported as broken as well. */
const CHAPTER_UNREAD = new Set([
  "FrontMatterSyntax",
  "FrontMatterInvalid",
  "NotUtf8",
  "PathOutsideContent",
  "FileTooLarge",
]);

export async function renderDocument(options: RenderDocumentOptions): Promise<RenderedDocument> {
  const { config, content } = options;
  const r = startRendering(options);
  const { problems, inputs } = r;
  const hb = createHandlebars({
    content,
    templates: r.templates,
    language: r.language,
    messages: r.messages,
    // charts are drawn first: Vega renders asynchronously and Handlebars helpers are synchronous
    charts: await drawCharts(r),
    problems,
    log: options.log,
    hyphenate: config.hyphenate ? (text: string) => hyphenateHtml(text, r.language) : undefined,
  });
  const layout = readLayout(r);
  const unhyphenated = config.hyphenate ? hyphenationNotice(r.language) : undefined;
  if (unhyphenated) options.notice?.(unhyphenated);
  const cover = coverImageProblem(r);
  if (cover) problems.push(cover);
  // chapters that could not be loaded or filled in: links to them and into them are not reported as broken
  const failed = unreadChapters(problems);
  const parts = renderParts(r, partRenderer(r, hb, failed));
  if (content.sourcesFile) inputs.push(content.sourcesFile);
  const warnings = configWarnings(r);
  const fonts = documentFonts(config, content.dir, r.templates.resolve("fonts.txt"), problems);
  const styles = documentStyles(r, fonts, layout.stylesheets);
  // a template's "{{edition.dateText}}." too: a Russian date ends with the abbreviation "г."
  const html = oneStopInHtml(runLayout(r, hb, layout, { ...parts, fonts, styles }));
  problems.push(...tableProblems(content, r.sourceReported, inputs, r.meant));
  if (html) await addScriptFonts(r, html, fonts, styles);
  // after every part, table and chart is placed (the layout places some): their problems are all known
  if (!problems.some((p) => CITATIONS_UNREAD.has(p.kind))) warnings.unshift(...neverCited(content, r.cited, r.meant));
  if (html) problems.push(...linkProblems(r, html, parts, layout, failed));

  if (problems.some((p) => p.severity === "error")) throw new BookletErrors([...problems, ...warnings]);
  const { chapters, foreword } = parts;
  const messages = r.messages;
  return { html, styles, chapters, foreword, warnings, inputs: [...new Set(inputs)], messages, fonts };
}

/** What the steps of rendering share: the options, the templates, and what they note as they go. */
interface Rendering {
  options: RenderDocumentOptions;
  config: ResolvedConfig;
  content: Content;
  language: string;
  templates: ReturnType<typeof templateSet>;
  messages: Messages;
  words: ReturnType<typeof cslWords>;
  problems: BookletError[];
  /** the files the document is made from */
  inputs: string[];
  /** the sources cited so far */
  cited: Set<string>;
  /** the sources that misspelt citations were probably meant for */
  meant: Set<string>;
  /** what a chapter's Handlebars sees */
  context: { booklet: ResolvedConfig; edition: Edition };
  /** a source reported once (invalid, or sources.yaml unreadable) is not reported again at every citation */
  sourceReported(id: string): boolean;
}

function startRendering(options: RenderDocumentOptions): Rendering {
  const { config, content, edition } = options;
  const language = config.language;
  const messages = createMessages({
    language,
    overrides: config.messages,
    values: bookletValues(edition, config, options.generator),
  });
  return {
    options,
    config,
    content,
    language,
    templates: templateSet(content.dir),
    messages,
    words: cslWords(messages),
    problems: [...(options.problems ?? [])],
    inputs: [],
    cited: new Set(),
    meant: new Set(),
    context: { booklet: config, edition },
    sourceReported: (id) => content.sourcesReported?.has("*") === true || content.sourcesReported?.has(id) === true,
  };
}

async function drawCharts({ content, problems, inputs, config, options }: Rendering) {
  const charts = new Map<string, NonNullable<Awaited<ReturnType<typeof drawChart>>>>();
  // beside the layout cache: charts drawn once are kept for the next build
  const cache = { dir: path.join(config.outDir, ".cache", "charts"), log: options.log };
  for (const chart of content.charts.values()) {
    try {
      const drawn = await drawChart(chart, content.tables, cache);
      if (drawn) charts.set(chart.name, drawn);
    } catch (e) {
      if (e instanceof BookletError) problems.push(e);
      else throw e;
    }
    inputs.push(chart.file);
  }
  return charts;
}

type Layout = ReturnType<typeof readLayout>;

/** layout.hbs and the stylesheets, checked: they can hold a script or a remote file as a partial can. */
function readLayout({ templates, content, problems }: Rendering) {
  const layoutFile = templates.resolve("layout.hbs");
  if (!layoutFile)
    throw new BookletError("MissingFile", "No layout.hbs in templates/.", {
      location: { file: path.join(templates.dirs[0] ?? "templates", "layout.hbs") },
    });
  const layoutText = readContentText(layoutFile, content.dir);
  problems.push(...templateProblems(layoutFile, layoutText, undefined, content.dir));
  const stylesheets = [...templates.styles()].map(([name, file]) => ({
    name,
    file,
    css: readContentText(file, content.dir),
  }));
  for (const { file, css } of stylesheets) problems.push(...templateProblems(file, css, undefined, content.dir));
  return { layoutFile, layoutText, stylesheets };
}

/** The problem of a file a chapter (or booklet.yaml) names: outside the content folder, missing … */
function assetProblem(ref: string, contentDir: string) {
  let clean = ref.split(/[?#]/)[0];
  try {
    clean = decodeURI(clean);
  } catch {
    // a malformed %-escape: the file is looked for as written
  }
  // a symbolic link inside the folder may lead out of it: what counts is where the file really is
  const r = contentRef(clean, contentDir);
  return "problem" in r ? r.problem : undefined;
}

/** The cover image named in booklet.yaml is checked like an image in a chapter, at its line there. */
function coverImageProblem({ config, content, options }: Rendering): BookletError | undefined {
  const ref = config.coverImage;
  if (!ref) return undefined;
  const problem = isRemote(ref)
    ? { kind: "RemoteResource" as const, message: remoteMessage(ref) }
    : assetProblem(ref, content.dir);
  if (!problem) return undefined;
  const files = [path.join(content.dir, "editions", String(options.edition.year), "booklet.yaml"), config.configFile];
  const file =
    files.find((f) => fs.existsSync(f) && /^coverImage\s*:/m.test(readContentText(f, content.dir))) ??
    config.configFile;
  const text = fs.existsSync(file) ? readContentText(file, content.dir) : "";
  const m = /^(coverImage\s*:\s*["']?)/m.exec(text);
  const at = m ? m.index + m[1].length : -1;
  return new BookletError(problem.kind, `coverImage: ${problem.message}`, {
    location: { file, ...(at >= 0 ? lineColumn(text, at) : {}) },
    sourceText: text,
  });
}

/** The ids of the chapters that could not be read: links to them are not reported as broken as well. */
function unreadChapters(problems: BookletError[]): Set<string> {
  return new Set(
    problems
      .filter((p) => CHAPTER_UNREAD.has(p.kind) && p.location?.file.endsWith(".md"))
      .map((p) => `ch-${slugify(path.basename(p.location?.file ?? "", ".md"))}`),
  );
}

/** A citation as the partials citation-full and citation-short write it. */
function citationFormatter({ content, templates, words, language }: Rendering, hb: typeof Handlebars) {
  return (ref: { id: string; locator?: string }, full: boolean) => {
    const source = content.sources.get(ref.id)!;
    const partial = full ? "citation-full" : "citation-short";
    return runTemplate(
      hb,
      {
        file: templates.resolve(`partials/${partial}.hbs`) ?? partial,
        firstLine: 1,
        text: `{{> ${partial}}}`,
        fileText: "",
      },
      {
        ...source.item,
        locator: ref.locator,
        shortTitle: shortTitle(source.item),
        authorNames: formatNames(source.item.author, words),
        issuedText: formatIssued(source.item, language, words),
      },
    ).trim();
  };
}

interface PartText {
  id: string;
  file: string;
  body: string;
  bodyLine: number;
  text: string;
  /** the language it is written in (the document's when unset): its sentences and its hyphenation */
  language?: string;
}

type PartRenderer = (part: PartText) => { html: string; notes: number; markdown: string };

/** Renders a chapter (or the foreword, the colophon's note): Handlebars, then Markdown, then hyphenation. */
function partRenderer(r: Rendering, hb: typeof Handlebars, failed: Set<string>): PartRenderer {
  const { config, content, language, problems } = r;
  const mds = new Map<string, ReturnType<typeof createMarkdown>>();
  const markdownFor = (lang: string) => {
    const made = mds.get(lang) ?? createMarkdown({ notes: config.notes, language: lang });
    mds.set(lang, made);
    return made;
  };
  const formatCitation = citationFormatter(r, hb);
  return (part) => {
    const partLanguage = part.language ?? language;
    r.inputs.push(part.file);
    const origin: TemplateOrigin = { file: part.file, firstLine: part.bodyLine, text: part.body, fileText: part.text };
    let markdown: string;
    try {
      markdown = runTemplate(hb, origin, r.context);
    } catch (e) {
      if (e instanceof BookletError) {
        problems.push(e);
        failed.add(part.id);
        return { html: "", notes: 0, markdown: "" };
      }
      throw e;
    }
    const ctx: ChapterContext = {
      id: part.id,
      file: part.file,
      sourceName: path.relative(content.dir, part.file).split(path.sep).join("/"),
      bodyLine: part.bodyLine,
      text: part.text,
      formatCitation,
      hasSource: (id) => content.sources.has(id),
      sourceIds: () => content.sources.keys(),
      meant: r.meant,
      sourceReported: r.sourceReported,
      problems,
      cited: r.cited,
      checkAsset: (ref) => assetProblem(ref, content.dir),
    };
    const out = renderChapterMarkdown(markdownFor(partLanguage), markdown, ctx);
    const html = config.hyphenate ? hyphenateHtml(out.html, partLanguage) : out.html;
    return { html, notes: out.notes, markdown };
  };
}

interface RenderedParts {
  chapters: RenderedChapter[];
  foreword?: RenderedChapter;
  colophon?: RenderedChapter;
}

/** The chapters, numbered as they are printed, then the foreword and the colophon's note. */
function renderParts({ content, messages, language }: Rendering, renderPart: PartRenderer): RenderedParts {
  // a part in another language than the document's says so (lang): a chapter a translation does not replace
  const langOf = (p: { language?: string }) => (p.language && p.language !== language ? p.language : undefined);
  let counted = 0;
  const chapters: RenderedChapter[] = content.chapters.map((ch) => {
    const r = renderPart(ch);
    return {
      id: ch.id,
      title: ch.title,
      short: ch.short,
      file: ch.file,
      html: r.html,
      notes: r.notes,
      markdown: r.markdown,
      number: ch.numbered ? ++counted : undefined,
      lang: langOf(ch),
    };
  });
  const part = (p: TextPart | undefined, id: string, fallbackTitle: string): RenderedChapter | undefined => {
    if (!p) return undefined;
    const r = renderPart({ id, file: p.file, body: p.body, bodyLine: p.bodyLine, text: p.text, language: p.language });
    const title = p.title || fallbackTitle;
    const lang = langOf(p);
    return { id, title, short: title, file: p.file, html: r.html, notes: r.notes, markdown: r.markdown, lang };
  };
  const foreword = part(content.foreword, "foreword", messages.format("foreword.title"));
  const colophon = part(content.colophon, "colophon-note", "");
  return { chapters, foreword, colophon };
}

/** Warnings about booklet.yaml: no publisher, or a language without a catalogue. */
function configWarnings({ config, messages, language }: Rendering): BookletError[] {
  const warnings: BookletError[] = [];
  // without a publisher the pages do without it, but a printed booklet usually names one
  if (!config.publisher) {
    const message =
      "No `publisher:` is set: the cover, title page, colophon and back cover are printed without one, and the PDF has no Author.";
    warnings.push(
      new BookletError("NoPublisher", message, { location: { file: config.configFile }, severity: "warning" }),
    );
  }
  // a language without a catalogue: once, naming it, and what is printed instead
  if (messages.missing.length) {
    const message = `There is no message catalogue for the language ${language} (the shipped ones: ${Object.keys(CATALOGUES).join(", ")}): ${messages.missing.length} of the booklet's fixed phrases (${messages.missing.slice(0, 3).join(", ")} …) are printed in English.`;
    warnings.push(
      new BookletError("NoCatalogue", message, { location: { file: config.configFile }, severity: "warning" }),
    );
  }
  return warnings;
}

/**
 * The stylesheets: fonts and the design's tokens first, then the templates' styles in name order, which may
 * set any token again.
 */
function documentStyles(r: Rendering, fonts: ResolvedFonts, stylesheets: Layout["stylesheets"]): Map<string, string> {
  const { config } = r;
  const styles = new Map<string, string>();
  // the fonts' rules are known once the document's characters are (addScriptFonts)
  styles.set("/_styles/fonts.css", fonts.css);
  styles.set(
    "/_styles/tokens.css",
    tokensCss({
      geometry: pageGeometry(config),
      accent: config.accentColor,
      fontBody: fonts.stacks.body,
      fontDisplay: fonts.stacks.display,
      boldWeight: config.fonts.bold,
      marginOverrides: marginTokens(stylesheets.map((s) => s.css)),
    }),
  );
  for (const { name, file, css } of stylesheets) {
    styles.set(`/_styles/${name}.css`, css);
    r.inputs.push(file);
  }
  return styles;
}

/**
 * The whole document from layout.hbs. It runs even when a chapter failed, so that its own problems and the
 * links are checked too; it fails to "" with its problem noted.
 */
function runLayout(
  r: Rendering,
  hb: typeof Handlebars,
  { layoutFile, layoutText }: Layout,
  {
    chapters,
    foreword,
    colophon,
    fonts,
    styles,
  }: RenderedParts & { fonts: ResolvedFonts; styles: Map<string, string> },
): string {
  const { config, content, messages, words, language } = r;
  r.inputs.push(layoutFile);
  // the bibliography, in the order of sources.yaml
  const bibliography = [...content.sources.values()].map((s) => ({
    ...s.item,
    shortTitle: shortTitle(s.item),
    authorNames: formatNames(s.item.author, words),
    issuedText: formatIssued(s.item, language, words),
  }));
  const same = fonts.body.family === fonts.display.family;
  try {
    return runTemplate(
      hb,
      { file: layoutFile, firstLine: 1, text: layoutText, fileText: layoutText },
      {
        ...r.context,
        stylesheets: [...styles.keys()].map((k) => k.slice(1)), // relative: a document is served under /<key>/
        chapters,
        foreword,
        colophon,
        bibliography,
        generator: r.options.generator,
        coverImage: config.coverImage ? `_content/${config.coverImage}` : undefined,
        hasCharts: content.charts.size > 0,
        fonts: {
          body: fonts.body.family,
          display: fonts.display.family,
          same,
          text: same
            ? fonts.body.family
            : messages.format("names.and", { first: fonts.body.family, last: fonts.display.family }),
        },
      },
    );
  } catch (e) {
    if (!(e instanceof BookletError)) throw e;
    r.problems.push(e);
    return "";
  }
}

/** The fonts of the scripts the document's characters need, added to its stylesheet and to its families. */
async function addScriptFonts(r: Rendering, html: string, fonts: ResolvedFonts, styles: Map<string, string>) {
  const { config, content, language } = r;
  const plan = await fontPlan(html, fonts, language, [config.configFile, ...r.inputs], content.dir);
  styles.set("/_styles/fonts.css", [fonts.localCss, plan.css].filter(Boolean).join("\n"));
  r.problems.push(...plan.problems);
  for (const s of plan.scripts) {
    const by = [...new Set([s.packages.serif, s.packages.sans])].map((p) => `@fontsource/${p}`).join(" and ");
    r.options.notice?.(`${s.name}: drawn with ${by}`);
  }
  // the fonts of the scripts added here are the booklet's own too: the preflight must not take them for a
  // system font standing in
  const added = plan.scripts
    .flatMap((s) => [s.packages.serif, s.packages.sans])
    .map((pkg) => fontMetadata(pkg, content.dir).family);
  fonts.families = [...new Set([...fonts.families, ...added])];
}

/**
 * Links to anchors and ids, in the finished document: a link to a chapter is made by the templates, one to a
 * heading or an element by a chapter. And text loose in <body>, blamed on the template that writes it.
 */
function linkProblems(
  { content, templates }: Rendering,
  html: string,
  { chapters, foreword, colophon }: RenderedParts,
  { layoutFile }: Layout,
  failed: Set<string>,
): BookletError[] {
  const parts = [
    ...content.chapters.map((ch, i) => ({ file: ch.file, text: ch.text, html: chapters[i].html })),
    ...(
      [
        [content.foreword, foreword],
        [content.colophon, colophon],
      ] as const
    ).flatMap(([p, r]) => (p && r ? [{ file: p.file, text: p.text, html: r.html }] : [])),
  ];
  const templateFiles = [layoutFile, ...templates.partials().values()].map((file) => ({
    file,
    text: readContentText(file, content.dir),
  }));
  const unknowable = (target: string) =>
    [...failed].some((id) => target === id || target.startsWith(`${id}--`)) ||
    (failed.size > 0 && !target.startsWith("ch-"));
  return [
    ...checkAnchors(html, parts, templateFiles, unknowable),
    ...looseTextProblems(html, [...templateFiles.slice(1), templateFiles[0]], layoutFile),
  ];
}

/**
 * Problems after which some citations were not read (a chapter, a partial, a table or a chart that could not be
 * read or placed): which sources the booklet cites is then not known, and none is said to be never cited.
 */
const CITATIONS_UNREAD = new Set([
  ...CHAPTER_UNREAD,
  "TemplateSyntax",
  "TemplateRuntime",
  "UnknownPartial",
  "UnsafeContent",
  "UnknownTable",
  "UnknownFigure",
  "UnknownChart",
  "TableInvalid",
  "CsvFieldCount",
  "DataYamlSyntax",
  "ChartInvalid",
]);

/** A warning for each source that nothing cites, but one a misspelt citation was meant for. */
function neverCited(content: Content, cited: Set<string>, meant: Set<string>): BookletError[] {
  // read once, for the code frame of every warning about it
  const texts = new Map<string, string>();
  const sourcesText = (file: string) =>
    texts.get(file) ?? texts.set(file, readContentText(file, content.dir)).get(file)!;
  // a chart's `sources:` are its citations: a misspelt one was meant for the closest source
  for (const chart of content.charts.values()) {
    for (const id of (chart.spec.sources as string[] | undefined) ?? [])
      if (!content.sources.has(id)) meant.add(closest(id, content.sources.keys()) ?? id);
  }
  return [...content.sources.values()]
    .filter((source) => !cited.has(source.id) && !meant.has(source.id))
    .map(
      (source) =>
        new BookletError("SourceNeverCited", `The source ${source.id} is in sources.yaml but no chapter cites it.`, {
          location: { file: source.file, line: source.line },
          sourceText: sourcesText(source.file),
          severity: "warning",
        }),
    );
}

/**
 * The problems of the tables the document placed (the others were not read): their own, and a row naming a
 * source that sources.yaml does not have.
 */
function tableProblems(
  content: Content,
  sourceReported: (id: string) => boolean,
  inputs: string[],
  meant: Set<string>,
): BookletError[] {
  const problems = [...(content.tables.problems ?? [])];
  for (const table of content.tables.values()) {
    inputs.push(table.file);
    if (table.metaFile) inputs.push(table.metaFile);
    for (const col of table.columns.filter((c) => c.type === "source")) {
      for (const row of table.rows) {
        const id = row.values[col.key];
        if (typeof id === "string" && !content.sources.has(id) && !sourceReported(id)) {
          const like = closest(id, content.sources.keys());
          if (like) meant.add(like);
          problems.push(
            new BookletError(
              "UnknownSource",
              `The row names the source "${id}", which is not in sources.yaml.${like ? ` Did you mean "${like}"?` : ""}`,
              { location: { file: row.file, line: row.line }, sourceText: readContentText(row.file, content.dir) },
            ),
          );
        }
      }
    }
  }
  return problems;
}

/**
 * The fonts for the document's characters; a character no font has is looked for in the content first (the
 * configuration, chapters, sources, tables), then in the templates, to name the place to change.
 */
function fontPlan(html: string, fonts: ResolvedFonts, language: string, inputs: string[], contentDir: string) {
  const template = (f: string) =>
    Number(!f.startsWith(contentDir + path.sep) || f.startsWith(path.join(contentDir, "templates") + path.sep));
  const files = [...new Set(inputs)]
    .filter((f) => fs.existsSync(f))
    .sort((a, b) => template(a) - template(b))
    .map((file) => ({ file, text: readContentText(file, contentDir) }));
  return planFonts({
    list: fonts.list,
    local: fonts.localFaces,
    fallback: fonts.fallback,
    language,
    html,
    files,
    contentDir,
  });
}

/**
 * The typefaces of booklet.yaml, with the faces of a content's own templates/fonts.txt (@fontsource
 * package/file lines) added; a problem is reported with the others and the stacks fall back to the defaults.
 */
function documentFonts(
  config: ResolvedConfig,
  contentDir: string,
  ownList: string | undefined,
  problems: BookletError[],
): ResolvedFonts {
  const extraList = ownFontList(ownList, contentDir, (file) => readContentText(file, contentDir));
  try {
    return resolveFonts({ fonts: config.fonts, contentDir, configFile: config.configFile, extraList });
  } catch (e) {
    if (e instanceof BookletErrors) problems.push(...e.errors);
    else if (e instanceof BookletError) problems.push(e);
    else throw e;
    const none = (family: string) => ({ family, from: "", pdfNames: [] });
    return {
      body: none(config.fonts.body),
      display: none(config.fonts.display),
      css: "",
      localCss: "",
      localFaces: [],
      list: [],
      stacks: { body: "serif", display: "sans-serif" },
      families: [],
      fallback: [],
    };
  }
}
