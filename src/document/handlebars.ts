// The project's own Handlebars instance: helpers for figures, tables, charts and CSL fields, and partials.
import Handlebars from "handlebars";
import type { Content, CslItem, DataTable } from "../content/index.ts";
import type { ErrorName } from "../errors/index.ts";
import { BookletError, BookletErrors, didYouMean } from "../errors/index.ts";
import { contentRef, readContentText } from "../files.ts";
import { createMessages, MESSAGE_IDS, type MessageId, type Messages } from "../i18n/index.ts";
import { citePlaceholder, scanCss, scanHtml } from "../markdown/index.ts";
import { escapeHtml, lineColumn } from "../shared/index.ts";
import { chartHtml } from "./charts.ts";
import { type CslWords, formatIssued, formatNames, shortTitle } from "./csl.ts";
import { figureRows, renderTable } from "./tables.ts";
import type { TemplateSet } from "./templates.ts";

/** Where a template's text comes from, passed as @data so that helpers can name the file and line. */
export interface TemplateOrigin {
  file: string;
  /** 1-based line of the file where the template text starts */
  firstLine: number;
  /** the template's text */
  text: string;
  /** the whole file, for code frames (the template may be a part of it, after front matter) */
  fileText: string;
}

type HelperOptions = Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };

export interface HandlebarsDeps {
  content: Content;
  templates: TemplateSet;
  language: string;
  /** the booklet's fixed text in its language: {{t "contents.title"}} */
  messages?: Messages;
  charts: Map<string, { svg: string; sourceIds: string[]; caption?: string }>;
  /** problems of the partials and the helpers are collected here when given (every problem at once), else thrown */
  problems?: BookletError[];
  /** where `{{log …}}` writes: the build log at --verbose (never standard output, which --json owns) */
  log?: (message: string) => void;
  /** soft hyphens for a message set as justified prose: {{t "sources.intro" hyphenate=true}} (none when off) */
  hyphenate?: (text: string) => string;
}

type Fail = (kind: ErrorName, message: string, options: HelperOptions) => undefined;

/** A helper's mistake, at its line and column in the template: collected when the caller collects, else thrown. */
function helperFailure(deps: HandlebarsDeps): Fail {
  return (kind, message, options) => {
    const origin = options.data?.origin as TemplateOrigin | undefined;
    const loc = options.loc?.start;
    const error = new BookletError(kind, message, {
      location: origin
        ? {
            file: origin.file,
            line: origin.firstLine + (loc ? loc.line - 1 : 0),
            column: loc ? loc.column + 1 : undefined,
          }
        : undefined,
      sourceText: origin?.fileText,
    });
    // collected, the template goes on: what follows the mistake (a chapter's citations, another helper's
    // mistake) is still read and checked
    if (!deps.problems) throw error;
    deps.problems.push(error);
    return undefined;
  };
}

const quoted = (s: string) => `"${s}"`;

/** {{figure}}, {{table}} and {{chart}}: the helpers that place the content's data. */
function registerDataHelpers(hb: typeof Handlebars, deps: HandlebarsDeps, fail: Fail): void {
  const tableNamed = tableLookup(deps.content, fail);
  hb.registerHelper("figure", figureHelper(hb, deps, fail, tableNamed));
  hb.registerHelper("table", tableHelper(hb, deps, fail, tableNamed));
  hb.registerHelper("chart", chartHelper(hb, deps, fail));
}

type TableNamed = (name: string, options: HelperOptions) => DataTable | undefined;

/** The table, or undefined after saying why not (nothing when it failed: it is reported at its own file). */
function tableLookup(content: Content, fail: Fail): TableNamed {
  return (name, options) => {
    const table = content.tables.get(name);
    if (table || content.tables.failed(name)) return table;
    const names = content.tables.names();
    return fail(
      "UnknownTable",
      `There is no data table "${name}" (tables: ${names.join(", ") || "none"}).${didYouMean(name, names, quoted)}`,
      options,
    );
  };
}

/** {{figure "toll" "killed" source="…"}}: one value of a table, in the language's number format. */
function figureHelper(hb: typeof Handlebars, deps: HandlebarsDeps, fail: Fail, tableNamed: TableNamed) {
  const { content, language } = deps;
  return function (this: unknown, tableName: unknown, measure: unknown, options: HelperOptions) {
    if (typeof tableName !== "string" || typeof measure !== "string")
      return fail(
        "TemplateRuntime",
        'figure needs a table and a measure: {{figure "toll" "killed" source="omm-2026"}}.',
        options,
      );
    const table = tableNamed(tableName, options);
    const row = table && figureRow(table, measure, options, content, fail);
    if (!row) return "";
    const field = (options.hash.field as string | undefined) ?? (row.values.display ? "display" : "value");
    const raw = row.values[field];
    const text = typeof raw === "number" ? new Intl.NumberFormat(language).format(raw) : String(raw ?? "");
    const cite = options.hash.cite === true && typeof row.values.source === "string" ? `[@${row.values.source}]` : "";
    return new hb.SafeString(
      `<span class="figure" data-table="${escapeHtml(tableName)}" data-measure="${escapeHtml(measure)}">${escapeHtml(text)}</span>${cite}`,
    );
  };
}

/** {{table "timeline"}}: a data table as an HTML table, pivoted, filtered or captioned as asked. */
function tableHelper(hb: typeof Handlebars, deps: HandlebarsDeps, fail: Fail, tableNamed: TableNamed) {
  const { content, language } = deps;
  return function (this: unknown, name: unknown, options: HelperOptions) {
    if (typeof name !== "string")
      return fail("TemplateRuntime", 'table needs a table name: {{table "timeline"}}.', options);
    const table = tableNamed(name, options);
    if (!table) return "";
    const h = options.hash as Record<string, string | undefined>;
    return new hb.SafeString(
      renderTable(table, content.sources, {
        pivot: h.pivot,
        rows: h.rows,
        value: h.value,
        caption: h.caption,
        only: h.only,
        columns: h.columns,
        language,
      }),
    );
  };
}

/** {{chart "toll-by-source"}}: a chart, drawn before the templates run. */
function chartHelper(hb: typeof Handlebars, deps: HandlebarsDeps, fail: Fail) {
  const { content, language } = deps;
  return function (this: unknown, name: unknown, options: HelperOptions) {
    if (typeof name !== "string")
      return fail("TemplateRuntime", 'chart needs a chart name: {{chart "toll-by-source"}}.', options);
    const drawn = deps.charts.get(name);
    // a chart that exists but could not be read or drawn is reported once, at its own file
    if (!drawn && (content.charts.has(name) || content.failedCharts?.has(name))) return "";
    const names = [...content.charts.keys(), ...(content.failedCharts ?? [])].sort();
    if (!drawn)
      return fail(
        "UnknownChart",
        `There is no chart "${name}" (charts: ${names.join(", ") || "none"}).${didYouMean(name, names, quoted)}`,
        options,
      );
    return new hb.SafeString(
      chartHtml(name, drawn, content.sources, { caption: options.hash.caption as string | undefined, language }),
    );
  };
}

/** The one row a figure names, or undefined after saying why there is none. */
function figureRow(
  table: DataTable,
  measure: string,
  options: HelperOptions,
  content: Content,
  fail: Fail,
): DataTable["rows"][number] | undefined {
  const source = options.hash.source as string | undefined;
  const matches = figureRows(table, measure, source);
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    return fail(
      "UnknownFigure",
      `The table "${table.name}" has ${matches.length} rows with measure "${measure}": name one with source="…".`,
      options,
    );
  // a row of that measure whose source sources.yaml does not have is reported at the row, once
  const rowSourceUnknown = figureRows(table, measure).some(
    (r) => typeof r.values.source === "string" && !content.sources.has(r.values.source),
  );
  if (source !== undefined && rowSourceUnknown) return undefined;
  return fail(
    "UnknownFigure",
    `The table "${table.name}" has no row with measure "${measure}"${source ? ` and source "${source}"` : ""}.${figureLike(table, measure, source)}`,
    options,
  );
}

export function createHandlebars(deps: HandlebarsDeps): typeof Handlebars {
  const hb = Handlebars.create();
  const fail = helperFailure(deps);
  registerDataHelpers(hb, deps, fail);
  registerTextHelpers(hb, deps, fail);
  registerReportingHelpers(hb, deps, fail);
  registerPartials(hb, deps);
  return hb;
}

/** The references' words, the booklet's fixed text ({{t}}) and the small text helpers. */
function registerTextHelpers(hb: typeof Handlebars, deps: HandlebarsDeps, fail: Fail): void {
  const { language } = deps;
  // CSL helpers for the citation and bibliography partials
  // (helper names must not shadow the fields the partials receive: authorNames, issuedText, shortTitle)
  const messages = deps.messages ?? createMessages({ language });
  const words = cslWords(messages);
  hb.registerHelper("formatNames", (names: CslItem["author"]) => formatNames(names, words));
  hb.registerHelper("formatIssued", (item: CslItem) => formatIssued(item, language, words));
  // the fixed text in the booklet's language: {{t "cover.edition"}}, {{t "names.and" first=a last=b}}
  hb.registerHelper("t", function (this: unknown, id: unknown, options: HelperOptions) {
    if (typeof id !== "string")
      return fail("TemplateRuntime", 't needs a message id: {{t "contents.title"}}.', options);
    if (!(MESSAGE_IDS as string[]).includes(id))
      return fail(
        "TemplateRuntime",
        `There is no message "${id}".${didYouMean(id, MESSAGE_IDS, (m) => `"${m}"`)}`,
        options,
      );
    try {
      const { hyphenate, ...values } = options.hash as Record<string, unknown>;
      const text = messages.format(id as MessageId, values);
      // justified like a chapter's paragraphs, it needs their soft hyphens; a heading's text must have none
      return hyphenate === true && deps.hyphenate ? deps.hyphenate(text) : text;
    } catch (e) {
      return fail("TemplateRuntime", `The message "${id}" cannot be written: ${(e as Error).message}`, options);
    }
  });
  hb.registerHelper("shortTitleOf", (item: CslItem) => shortTitle(item));
  // ends a sentence with one full stop, whether or not the text already ends with one ("n.d.")
  hb.registerHelper("sentence", (s: unknown) => {
    const t = String(s ?? "").trim();
    return /[.!?]$/.test(t) ? t : `${t}.`;
  });
  hb.registerHelper("cite", (id: string) => new hb.SafeString(citePlaceholder(id)));
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("or", (...args: unknown[]) => args.slice(0, -1).find(Boolean));
  hb.registerHelper("upper", (s: unknown) => String(s ?? "").toLocaleUpperCase(language));
}

/** A helper that does not exist, and {{log}}: said with the template's file and line. */
function registerReportingHelpers(hb: typeof Handlebars, deps: HandlebarsDeps, fail: Fail): void {
  // Handlebars' own helperMissing throws "Missing helper" without saying where; this one names the line
  hb.registerHelper("helperMissing", function (this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as HelperOptions & { name?: string };
    // `{{name}}` of a value that is not there is empty, as in Handlebars; only a call with arguments fails
    if (args.length === 1) return undefined;
    return fail(
      "TemplateRuntime",
      `There is no helper "${options.name}": the helpers are figure, table, chart, cite, t, eq, or, upper and Handlebars' own (if, each, with, unless, lookup).`,
      options,
    );
  });
  // Handlebars' own {{log}} prints with console.log, into the middle of the build's output
  hb.registerHelper("log", function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as HelperOptions;
    const origin = options.data?.origin as TemplateOrigin | undefined;
    const line = origin && options.loc ? `:${origin.firstLine + options.loc.start.line - 1}` : "";
    deps.log?.(
      `{{log}}${origin ? ` at ${origin.file}${line}` : ""}: ${args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`,
    );
    return "";
  });
}

/**
 * The partials of the templates, each checked as it is registered: one that cannot be read, is refused or does
 * not compile is reported (or thrown, without a list of problems) and registered empty.
 */
function registerPartials(hb: typeof Handlebars, deps: HandlebarsDeps): void {
  const { content } = deps;
  for (const [name, file] of deps.templates.partials()) {
    let text: string;
    try {
      text = readContentText(file, content.dir);
    } catch (e) {
      if (!(e instanceof BookletError) || !deps.problems) throw e;
      deps.problems.push(e);
      hb.registerPartial(name, "");
      continue;
    }
    const refused = templateProblems(file, text, undefined, content.dir);
    if (refused.length) {
      if (!deps.problems) throw new BookletErrors(refused);
      deps.problems.push(...refused);
      // refused, not run: the chapters that place it are not reported again for what it holds
      hb.registerPartial(name, `<!-- the partial ${name} was refused -->`);
      continue;
    }
    try {
      // compiled now, not lazily: a partial's syntax error is reported with its own file
      const compiled = compiledText(hb, text);
      const internal = compiled.clean
        ? undefined
        : internalHelperUse(hb.parse(text), { file, firstLine: 1, text, fileText: text });
      if (internal) {
        if (!deps.problems) throw internal;
        deps.problems.push(internal);
        hb.registerPartial(name, "");
        continue;
      }
      compiled.clean = true;
      hb.registerPartial(name, hb.template(compiled.spec));
    } catch (e) {
      const error = templateSyntaxError(e, { file, firstLine: 1, text, fileText: text });
      if (!deps.problems) throw error;
      deps.problems.push(error);
      // registered empty, so that its uses are not reported again as unknown partials
      hb.registerPartial(name, "");
    }
  }
}

/** " Did you mean …?" for a figure's measure, or its source among the rows of that measure. */
function figureLike(table: DataTable, measure: string, source: string | undefined): string {
  const measures = new Set(table.rows.map((r) => String(r.values.measure ?? r.values.key)));
  if (!measures.has(measure)) return didYouMean(measure, measures, (s) => `"${s}"`);
  const sources = figureRows(table, measure).map((r) => String(r.values.source));
  return source === undefined ? "" : didYouMean(source, sources, (s) => `source="${s}"`);
}

/** The words of the references (names, undated sources) in the booklet's language. */
export function cslWords(messages: Messages): CslWords {
  return {
    and: (first, last) => messages.format("names.and", { first, last }),
    undated: messages.format("date.unknown"),
  };
}

/** A compiled template, not yet bound to a Handlebars instance (Handlebars' TemplateSpecification). */
type Spec = Parameters<typeof Handlebars.template>[0];

/**
 * Templates compiled once a process, by their text: Handlebars' parsing and code generation are the costly
 * part (about 0.1 s for the shipped templates), and every edition of a run, and every save in the preview,
 * makes a Handlebars instance of its own, which binds the compiled template to its helpers and partials.
 */
const specs = new Map<string, Compiled>();
/** Kept for the texts of at most this many templates: a preview's edits make new ones all day. */
const REMEMBERED = 500;

interface Compiled {
  spec: Spec;
  /** the text was found free of booklet's internal helpers (internalHelperUse) */
  clean?: true;
}

/** A template's text compiled, or as it was compiled before; throws Handlebars' own error on a syntax error. */
function compiledText(hb: typeof Handlebars, text: string): Compiled {
  let known = specs.get(text);
  if (!known) {
    // precompile gives the template's code as source; Handlebars' own compile evaluates it the same way
    known = { spec: new Function(`return ${hb.precompile(text, { strict: false, preventIndent: true })}`)() as Spec };
    if (specs.size >= REMEMBERED) specs.delete(specs.keys().next().value as string);
    specs.set(text, known);
  }
  return known;
}

/** Templates compiled by each Handlebars instance, by their text: a citation's `{{> citation-full}}` runs at every citation. */
const compiled = new WeakMap<typeof Handlebars, Map<string, Handlebars.TemplateDelegate>>();

/** Compiles and runs a template, turning Handlebars' errors into catalogued ones with the file and line. */
export function runTemplate(hb: typeof Handlebars, origin: TemplateOrigin, context: unknown): string {
  let cache = compiled.get(hb);
  if (!cache) {
    cache = new Map();
    compiled.set(hb, cache);
  }
  let template = cache.get(origin.text);
  if (!template) {
    try {
      // compiled now, not lazily on the first run, where a block closed by the wrong name would pass for a
      // runtime error: every syntax error is found here, with its line
      const compiled = compiledText(hb, origin.text);
      const internal = compiled.clean ? undefined : internalHelperUse(hb.parse(origin.text), origin);
      if (internal) throw internal;
      compiled.clean = true;
      template = hb.template(compiled.spec);
    } catch (e) {
      if (e instanceof BookletError) throw e;
      throw templateSyntaxError(e, origin);
    }
    cache.set(origin.text, template);
  }
  try {
    return template(context, { data: { origin } });
  } catch (e) {
    if (e instanceof BookletError) throw e;
    const message = (e as Error).message ?? String(e);
    // Handlebars compiles lazily: syntax errors surface on the first run
    if (/Parse error|Expecting|lexical error/i.test(message)) throw templateSyntaxError(e, origin);
    const partial = /The partial (\S+) could not be found/.exec(message);
    if (partial) {
      const line = lineOf(origin.text, `> ${partial[1]}`) ?? lineOf(origin.text, partial[1]);
      throw new BookletError("UnknownPartial", `The partial "${partial[1]}" does not exist.`, {
        location: { file: origin.file, line: line ? origin.firstLine + line - 1 : undefined },
        sourceText: origin.fileText,
        cause: e,
      });
    }
    // a Handlebars exception ("Missing helper") knows its line in the template
    const { lineNumber, column } = e as { lineNumber?: number; column?: number };
    const at = lineNumber
      ? { line: origin.firstLine + lineNumber - 1, column: column !== undefined ? column + 1 : undefined }
      : {};
    throw new BookletError("TemplateRuntime", message, {
      location: { file: origin.file, ...at },
      sourceText: lineNumber ? origin.fileText : undefined,
      cause: e,
    });
  }
}

/** Handlebars' internal helpers: called by name, they fail with a TypeError that says nothing of where. */
const INTERNAL_HELPERS = new Set(["helperMissing", "blockHelperMissing"]);

/** A template that calls one of Handlebars' internal helpers, as an error at its line and column. */
function internalHelperUse(ast: hbs.AST.Program, origin: TemplateOrigin): BookletError | undefined {
  const found: { name: string; loc: hbs.AST.SourceLocation }[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object" || found.length) return;
    const n = node as { type?: string; path?: { original?: unknown }; loc?: hbs.AST.SourceLocation };
    if (n.type && n.path && typeof n.path.original === "string" && INTERNAL_HELPERS.has(n.path.original) && n.loc)
      found.push({ name: n.path.original, loc: n.loc });
    for (const [key, value] of Object.entries(node))
      if (key !== "loc" && key !== "strip") (Array.isArray(value) ? value : [value]).forEach(walk);
  };
  walk(ast);
  if (!found.length) return undefined;
  const { name, loc } = found[0];
  return new BookletError(
    "TemplateRuntime",
    `{{${name}}} is Handlebars' own internal helper, which a template cannot call.`,
    {
      location: { file: origin.file, line: origin.firstLine + loc.start.line - 1, column: loc.start.column + 1 },
      sourceText: origin.fileText,
    },
  );
}

function lineOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split("\n").length;
}

/** What Handlebars' parser calls its tokens, in the words of someone writing a template (the usual ones). */
const TOKENS: Record<string, string> = {
  CLOSE: "}}",
  OPEN_ENDBLOCK: "a closing {{/…}}",
  INVERSE: "{{else}}",
  ID: "a name",
  STRING: "a quoted text",
  NUMBER: "a number",
  EQUALS: "=",
  OPEN: "{{",
  CONTENT: "text",
  EOF: "the end of the text",
  INVALID: "a character it cannot read",
};

/**
 * A Handlebars syntax error at the file's own line and column. The parser counts lines from the start of the
 * template (a chapter's body, after its front matter) and gives the column only as a caret under a snippet,
 * so both are translated here; its message is rewritten because its token names mean nothing to an editor,
 * and its line would contradict ours, so it is not kept as the cause.
 */
function templateSyntaxError(e: unknown, origin: TemplateOrigin): BookletError {
  const err = e as Error & { lineNumber?: number; column?: number };
  const message = err.message ?? String(e);
  const lines = origin.text.split("\n");
  let line: number | undefined;
  let column: number | undefined;
  let detail: string;
  const parse = /^Parse error on line (\d+):\n(.*)\n(-*)\^\n(?:Expecting (.*), got '(\w+)')?/.exec(message);
  if (parse) {
    line = Number(parse[1]);
    // the snippet is the text before the error (at most 20 characters, "..." when cut) and after it; the part
    // before the caret ends where the error is, on the error's line
    const before = parse[2].slice(0, parse[3].length).replace(/^\.\.\./, "");
    const text = lines[line - 1] ?? "";
    if (before === "") column = 1;
    for (let n = before.length; n > 0 && column === undefined; n--) {
      const at = text.indexOf(before.slice(before.length - n));
      if (at >= 0 && text.indexOf(before.slice(before.length - n), at + 1) < 0) column = at + n + 1;
    }
    const expected = [
      ...new Set(
        (parse[4] ?? "")
          .split(", ")
          .map((t) => TOKENS[t.replace(/'/g, "")])
          .filter(Boolean),
      ),
    ];
    const got = parse[5];
    if (got === "EOF") {
      detail =
        "The text ends inside an expression or a block: close every {{ with }} and every {{#block}} with {{/block}}.";
      const open = unclosedBlock(origin.text);
      if (open) {
        ({ line, column } = open);
        detail = open.name
          ? `The block {{#${open.name}}} opened here is never closed with {{/${open.name}}}.`
          : "The expression opened here is never closed with }}.";
      }
    } else if (got === "INVALID" && expected.includes("}}"))
      detail = "This expression is not closed: Handlebars expects }} here (a single } is not enough).";
    else
      detail = `Handlebars expects ${expected.slice(0, 3).join(" or ") || "something else"} here, not ${TOKENS[got] ?? got ?? "this"}.`;
  } else {
    // a Handlebars Exception ("if doesn't match each - 3:4") carries the line and column itself
    line = err.lineNumber;
    column = err.column !== undefined ? err.column + 1 : undefined;
    detail = message.split("\n")[0].replace(/ - \d+:\d+$/, "");
    const mismatch = /^(\S+) doesn't match (\S+)$/.exec(detail);
    if (mismatch && line) {
      detail = `The block {{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}; close each block with its own name.`;
      // point at the closing tag, which is the one to correct
      const lineStart = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
      const close = origin.text.indexOf(`{{/${mismatch[2]}`, lineStart + (column ?? 1) - 1);
      if (close >= 0) ({ line, column } = lineColumn(origin.text, close));
    }
  }
  return new BookletError("TemplateSyntax", detail, {
    location: { file: origin.file, line: line ? origin.firstLine + line - 1 : origin.firstLine, column },
    sourceText: origin.fileText,
  });
}

/** The last block (`{{#name`) or expression (`{{`) that is opened and not closed: where the text ran out. */
function unclosedBlock(text: string): { line: number; column: number; name?: string } | undefined {
  const blocks: { at: number; name: string }[] = [];
  let lastOpen: number | undefined;
  for (const m of text.matchAll(/\{\{~?\s*([#/^]?)\s*([\w.-]*)|\}\}/g)) {
    if (m[0] === "}}") {
      lastOpen = undefined;
      continue;
    }
    lastOpen = m.index;
    if (m[1] === "#") blocks.push({ at: m.index, name: m[2] });
    else if (m[1] === "/") blocks.pop();
  }
  const at = lastOpen ?? blocks.at(-1)?.at;
  if (at === undefined) return undefined;
  return { ...lineColumn(text, at), name: lastOpen === undefined ? blocks.at(-1)?.name : undefined };
}

/**
 * What a template or a stylesheet of the templates may not hold: a script, an event handler, a file from the
 * network or a file: URL, each at its own line and column (a chapter that places the template would
 * otherwise be blamed for it).
 */
export function templateProblems(
  file: string,
  text: string,
  kind: "html" | "css" = file.endsWith(".css") ? "css" : "html",
  contentDir?: string,
): BookletError[] {
  const { findings, refs } = kind === "css" ? scanCss(text) : scanHtml(text);
  const problems = findings.map(
    (f) => new BookletError(f.kind, f.message, { location: { file, ...lineColumn(text, f.index) }, sourceText: text }),
  );
  // a file of the content folder that is a symbolic link out of it (the web edition would put it inside)
  for (const r of contentDir ? refs : []) {
    const linked = linkOut(r.ref, contentDir!);
    if (linked)
      problems.push(
        new BookletError("PathOutsideContent", linked, {
          location: { file, ...lineColumn(text, r.index) },
          sourceText: text,
        }),
      );
  }
  return problems;
}

/** Why a reference to a file of the content folder may not be read, when it is a link that leads out of it. */
function linkOut(ref: string, contentDir: string): string | undefined {
  let rel = ref.split(/[?#]/)[0];
  try {
    rel = decodeURI(rel);
  } catch {
    return undefined;
  }
  const r = contentRef(rel.replace(/^\/+/, "").replace(/^_content\//, ""), contentDir);
  return "problem" in r && r.problem.target !== undefined ? r.problem.message : undefined;
}
