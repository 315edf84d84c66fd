// The project's own Handlebars instance: helpers for figures, tables, charts and CSL fields, and partials.
import fs from "node:fs";
import Handlebars from "handlebars";
import { BookletError } from "../errors/booklet-error.ts";
import type { ErrorName } from "../errors/catalogue.ts";
import type { Content, CslItem } from "../content/types.ts";
import { citePlaceholder, escapeHtml } from "../markdown/render.ts";
import { formatIssued, formatNames, shortTitle } from "./csl.ts";
import { findFigure, renderTable } from "./tables.ts";
import { chartHtml } from "./charts.ts";
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
  charts: Map<string, { svg: string; sourceIds: string[]; caption?: string }>;
}

export function createHandlebars(deps: HandlebarsDeps): typeof Handlebars {
  const hb = Handlebars.create();
  const { content, language } = deps;

  const fail = (kind: ErrorName, message: string, options: HelperOptions): never => {
    const origin = options.data?.origin as TemplateOrigin | undefined;
    const loc = options.loc?.start;
    throw new BookletError(kind, message, {
      location: origin ? { file: origin.file, line: origin.firstLine + (loc ? loc.line - 1 : 0), column: loc ? loc.column + 1 : undefined } : undefined,
      sourceText: origin?.fileText,
    });
  };

  hb.registerHelper("figure", function (this: unknown, tableName: unknown, measure: unknown, options: HelperOptions) {
    if (typeof tableName !== "string" || typeof measure !== "string") return fail("TemplateRuntime", 'figure needs a table and a measure: {{figure "toll" "killed" source="omm-2026"}}.', options);
    const table = content.tables.get(tableName);
    if (!table) return fail("UnknownTable", `There is no data table "${tableName}" (tables: ${[...content.tables.keys()].join(", ") || "none"}).`, options);
    const source = options.hash.source as string | undefined;
    const matches = table.rows.filter((r) => String(r.values.measure ?? r.values.key) === measure && (source === undefined || String(r.values.source) === source));
    if (matches.length === 0) return fail("UnknownFigure", `The table "${tableName}" has no row with measure "${measure}"${source ? ` and source "${source}"` : ""}.`, options);
    if (matches.length > 1) return fail("UnknownFigure", `The table "${tableName}" has ${matches.length} rows with measure "${measure}": name one with source="…".`, options);
    const row = findFigure(table, measure, source)!;
    const field = (options.hash.field as string | undefined) ?? (row.values.display ? "display" : "value");
    const raw = row.values[field];
    const text = typeof raw === "number" ? new Intl.NumberFormat(language).format(raw) : String(raw ?? "");
    const cite = options.hash.cite === true && typeof row.values.source === "string" ? `[@${row.values.source}]` : "";
    return new hb.SafeString(`<span class="figure" data-table="${escapeHtml(tableName)}" data-measure="${escapeHtml(measure)}">${escapeHtml(text)}</span>${cite}`);
  });

  hb.registerHelper("table", function (this: unknown, name: unknown, options: HelperOptions) {
    if (typeof name !== "string") return fail("TemplateRuntime", 'table needs a table name: {{table "timeline"}}.', options);
    const table = content.tables.get(name);
    if (!table) return fail("UnknownTable", `There is no data table "${name}" (tables: ${[...content.tables.keys()].join(", ") || "none"}).`, options);
    const h = options.hash as Record<string, string | undefined>;
    return new hb.SafeString(renderTable(table, content.sources, { pivot: h.pivot, rows: h.rows, value: h.value, caption: h.caption, only: h.only, columns: h.columns, language }));
  });

  hb.registerHelper("chart", function (this: unknown, name: unknown, options: HelperOptions) {
    if (typeof name !== "string") return fail("TemplateRuntime", 'chart needs a chart name: {{chart "toll-by-source"}}.', options);
    const drawn = deps.charts.get(name);
    if (!drawn) return fail("UnknownChart", `There is no chart "${name}" (charts: ${[...deps.charts.keys()].join(", ") || "none"}).`, options);
    return new hb.SafeString(chartHtml(name, drawn, content.sources, { caption: options.hash.caption as string | undefined, language }));
  });

  // CSL helpers for the citation and bibliography partials
  // (helper names must not shadow the fields the partials receive: authorNames, issuedText, shortTitle)
  hb.registerHelper("formatNames", (names: CslItem["author"]) => formatNames(names));
  hb.registerHelper("formatIssued", (item: CslItem) => formatIssued(item, language));
  hb.registerHelper("shortTitleOf", (item: CslItem) => shortTitle(item));
  // ends a sentence with one full stop, whether or not the text already ends with one ("n.d.")
  hb.registerHelper("sentence", (s: unknown) => {
    const t = String(s ?? "").trim();
    return /[.!?]$/.test(t) ? t : `${t}.`;
  });
  hb.registerHelper("cite", (id: string) => new hb.SafeString(citePlaceholder(id)));
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerHelper("inc", (n: unknown) => Number(n) + 1);
  hb.registerHelper("or", (...args: unknown[]) => args.slice(0, -1).find(Boolean));
  hb.registerHelper("upper", (s: unknown) => String(s ?? "").toLocaleUpperCase(language));

  for (const [name, file] of deps.templates.partials()) {
    const text = fs.readFileSync(file, "utf8");
    try {
      const compiled = hb.compile(text, { strict: false, preventIndent: true });
      // compile is lazy; precompiling here reports a partial's syntax error with its own file
      hb.precompile(text);
      hb.registerPartial(name, compiled);
    } catch (e) {
      throw templateSyntaxError(e, { file, firstLine: 1, text, fileText: text });
    }
  }
  return hb;
}

/** Compiles and runs a template, turning Handlebars' errors into catalogued ones with the file and line. */
export function runTemplate(hb: typeof Handlebars, origin: TemplateOrigin, context: unknown): string {
  let template: Handlebars.TemplateDelegate;
  try {
    template = hb.compile(origin.text, { strict: false, preventIndent: true });
  } catch (e) {
    throw templateSyntaxError(e, origin);
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
      throw new BookletError("UnknownPartial", `The partial "${partial[1]}" does not exist.`, { location: { file: origin.file, line: line ? origin.firstLine + line - 1 : undefined }, sourceText: origin.fileText, cause: e });
    }
    throw new BookletError("TemplateRuntime", message, { location: { file: origin.file }, cause: e });
  }
}

function lineOf(text: string, needle: string): number | undefined {
  const i = text.indexOf(needle);
  return i < 0 ? undefined : text.slice(0, i).split("\n").length;
}

function templateSyntaxError(e: unknown, origin: TemplateOrigin): BookletError {
  const message = (e as Error).message ?? String(e);
  const m = /on line (\d+)/.exec(message);
  const line = m ? Number(m[1]) : undefined;
  const col = /column (\d+)/.exec(message);
  const detail = message.split("\n").filter((l) => /^(Expecting|Parse error)/.test(l) || l.startsWith("Expecting")).pop() ?? message.split("\n")[0];
  return new BookletError("TemplateSyntax", detail, {
    location: { file: origin.file, line: line ? origin.firstLine + line - 1 : origin.firstLine, column: col ? Number(col[1]) + 1 : undefined },
    sourceText: origin.fileText,
    cause: e,
  });
}
