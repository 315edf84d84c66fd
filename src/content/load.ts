// Loads a booklet's content: chapters, foreword, colophon, sources, data tables and charts, base then edition.
import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { BookletError, BookletErrors } from "../errors/booklet-error.ts";
import { readContentText } from "../files.ts";
import { parseYaml } from "../shared/yaml.ts";
import type { Chapter, Chart, Column, ColumnType, Content, CslItem, DataTable, Row, Source, TextPart, CellValue, Tables } from "./types.ts";
import { slugify } from "../shared/text.ts";

export interface Layer {
  /** "base" or the edition year */
  name: string;
  dir: string;
}

export interface LoadContentOptions {
  contentDir: string;
  /** content layers over the base, in order (the edition folder) */
  layers?: Layer[];
  /**
   * collect problems here and return what could be loaded, instead of throwing: `booklet check` goes on
   * to the templates so that it reports every problem at once
   */
  problems?: BookletError[];
}

/** Files of one kind across the layers: a later layer's file of the same name replaces an earlier one. */
function layeredFiles(layers: Layer[], sub: string, exts: string[], replaced: Content["replaced"]): Map<string, { file: string; layer: string }> {
  const found = new Map<string, { file: string; layer: string }>();
  for (const layer of layers) {
    const dir = path.join(layer.dir, sub);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue;
    for (const entry of fs.readdirSync(dir).sort()) {
      const ext = exts.find((e) => entry.endsWith(e));
      if (!ext) continue;
      const key = entry;
      const file = path.join(dir, entry);
      const before = found.get(key);
      if (before) replaced.push({ name: path.join(sub, entry), base: before.file, edition: file });
      found.set(key, { file, layer: layer.name });
    }
  }
  return found;
}

export function loadContent(options: LoadContentOptions): Content {
  const contentDir = path.resolve(options.contentDir);
  const layers: Layer[] = [{ name: "base", dir: contentDir }, ...(options.layers ?? [])];
  const problems: BookletError[] = options.problems ?? [];
  const replaced: Content["replaced"] = [];
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof BookletErrors) problems.push(...e.errors);
      else if (e instanceof BookletError) problems.push(e);
      else throw e;
      return undefined;
    }
  };

  const chapters: Chapter[] = [];
  for (const [, { file, layer }] of layeredFiles(layers, "chapters", [".md"], replaced)) {
    const ch = collect(() => loadChapter(file, layer, contentDir));
    if (ch) chapters.push(ch);
  }
  chapters.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const seenOrder = new Map<string, Chapter>();
  for (const ch of chapters) {
    const other = seenOrder.get(ch.id);
    if (other) problems.push(new BookletError("DuplicateId", `Two chapters have the id ${ch.id}: ${other.file} and ${ch.file}.`, { location: { file: ch.file, line: 1 } }));
    seenOrder.set(ch.id, ch);
  }
  if (chapters.length === 0 && problems.length === 0) {
    problems.push(new BookletError("NoChapters", `No chapters were found in ${path.join(contentDir, "chapters")}.`, { location: { file: path.join(contentDir, "chapters") } }));
  }

  const single = (name: string): TextPart | undefined => {
    let picked: { file: string; layer: string } | undefined;
    for (const layer of layers) {
      const file = path.join(layer.dir, name);
      if (fs.existsSync(file)) {
        if (picked) replaced.push({ name, base: picked.file, edition: file });
        picked = { file, layer: layer.name };
      }
    }
    return picked ? collect(() => loadTextPart(picked!.file, picked!.layer, contentDir)) : undefined;
  };
  const foreword = single("foreword.md");
  const colophon = single("colophon.md");

  const sourcesFile = path.join(contentDir, "sources.yaml");
  const sources = new Map<string, Source>();
  const sourcesReported = new Set<string>();
  if (fs.existsSync(sourcesFile)) {
    const read = collect(() => loadSources(sourcesFile, contentDir, sources, problems, sourcesReported));
    if (read === undefined) sourcesReported.add("*");
  }

  const tables = new TableStore(layeredFiles(layers, "data", [".csv", ".yaml", ".yml"], replaced), contentDir);

  const charts = new Map<string, Chart>();
  for (const [entry, { file }] of layeredFiles(layers, "charts", [".yaml", ".yml", ".json"], replaced)) {
    const name = entry.replace(/\.(ya?ml|json)$/, "");
    const chart = collect(() => {
      const text = readContentText(file, contentDir);
      const y = parseYaml(text, file, "ChapterYamlSyntax");
      if (!y.value || typeof y.value !== "object") throw new BookletError("ChartInvalid", `${file} must be a Vega-Lite spec (a mapping).`, { location: { file, line: 1 } });
      return { name, file, spec: y.value as Record<string, unknown>, text } satisfies Chart;
    });
    if (chart) charts.set(name, chart);
  }

  if (!options.problems && problems.some((p) => p.severity === "error")) throw new BookletErrors(problems);
  return { dir: contentDir, chapters, foreword, colophon, sources, sourcesFile: fs.existsSync(sourcesFile) ? sourcesFile : undefined, sourcesReported, tables, charts, replaced };
}

// ---------------------------------------------------------------------------------------------- chapters

const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string): { front: string | undefined; body: string; bodyLine: number; frontLine: number } {
  const m = FRONT.exec(text);
  if (!m) return { front: undefined, body: text, bodyLine: 1, frontLine: 1 };
  const consumed = m[0];
  const bodyLine = consumed.split("\n").length - (consumed.endsWith("\n") ? 0 : 1);
  return { front: m[1], body: text.slice(consumed.length), bodyLine, frontLine: 2 };
}

function loadChapter(file: string, layer: string, contentDir: string): Chapter {
  const text = readContentText(file, contentDir);
  const { front, body, bodyLine, frontLine } = splitFrontMatter(text);
  const name = path.basename(file, ".md");
  if (front === undefined) {
    throw new BookletError("FrontMatterInvalid", `The chapter has no front matter: it must open with a --- block giving title and order.`, { location: { file, line: 1 }, sourceText: text });
  }
  const y = parseYaml(front, file, "FrontMatterSyntax", frontLine - 1, text);
  const data = (y.value ?? {}) as Record<string, unknown>;
  const at = (key: string) => ({ file, ...y.locate([key]) });
  if (typeof data.title !== "string" || data.title.trim() === "") {
    throw new BookletError("FrontMatterInvalid", "`title` must be the chapter's title, as text.", { location: data.title === undefined ? { file, line: frontLine } : at("title"), sourceText: text });
  }
  if (typeof data.order !== "number" || !Number.isFinite(data.order)) {
    throw new BookletError("FrontMatterInvalid", "`order` must be a number (the chapter's position in the booklet).", { location: data.order === undefined ? { file, line: frontLine } : at("order"), sourceText: text });
  }
  if (data.numbered !== undefined && typeof data.numbered !== "boolean") {
    throw new BookletError("FrontMatterInvalid", "`numbered` must be true or false (false: a chapter without a number, such as a timeline).", { location: at("numbered"), sourceText: text });
  }
  if (data.short !== undefined && typeof data.short !== "string") {
    throw new BookletError("FrontMatterInvalid", "`short` must be text (the running head).", { location: at("short"), sourceText: text });
  }
  return {
    id: `ch-${slugify(name)}`,
    name,
    file,
    line: 1,
    title: data.title,
    short: (data.short as string | undefined) ?? data.title,
    order: data.order,
    numbered: data.numbered !== false,
    body,
    bodyLine,
    text,
    layer,
  };
}

function loadTextPart(file: string, layer: string, contentDir: string): TextPart {
  const text = readContentText(file, contentDir);
  const { front, body, bodyLine, frontLine } = splitFrontMatter(text);
  let title = "";
  if (front !== undefined) {
    const y = parseYaml(front, file, "FrontMatterSyntax", frontLine - 1, text);
    const data = (y.value ?? {}) as Record<string, unknown>;
    if (data.title !== undefined && typeof data.title !== "string") {
      throw new BookletError("FrontMatterInvalid", "`title` must be text.", { location: { file, ...y.locate(["title"]) }, sourceText: text });
    }
    title = (data.title as string | undefined) ?? "";
  }
  return { file, line: 1, title, body, bodyLine, text, layer };
}

// ----------------------------------------------------------------------------------------------- sources

/** Returns true when the file was read (its items may still have problems); `rejected` gets invalid items' ids. */
function loadSources(file: string, contentDir: string, into: Map<string, Source>, problems: BookletError[], rejected: Set<string>): true {
  const text = readContentText(file, contentDir);
  const y = parseYaml(text, file, "SourcesYamlSyntax");
  let list = y.value;
  // A CSL-JSON export may also come wrapped as { references: [...] }
  if (list && typeof list === "object" && !Array.isArray(list) && Array.isArray((list as { references?: unknown }).references)) {
    list = (list as { references: unknown[] }).references;
  }
  if (list === null || list === undefined) return true;
  if (!Array.isArray(list)) {
    throw new BookletError("SourceInvalid", "sources.yaml must be a list of sources (each item starting with `- id: …`).", { location: { file, line: 1 }, sourceText: text });
  }
  list.forEach((raw, i) => {
    const where = { file, ...y.locate([i]) };
    if (!raw || typeof raw !== "object") {
      problems.push(new BookletError("SourceInvalid", `Item ${i + 1} is not a mapping of CSL fields.`, { location: where, sourceText: text }));
      return;
    }
    const item = raw as CslItem;
    const reject = (e: BookletError) => {
      problems.push(e);
      if (typeof item.id === "string") rejected.add(item.id);
    };
    if (typeof item.id !== "string" || !/^[A-Za-z0-9_][\w.:-]*$/.test(item.id)) {
      reject(new BookletError("SourceInvalid", `Item ${i + 1} needs an \`id\` made of letters, digits, - _ . or :.`, { location: where, sourceText: text }));
      return;
    }
    if (typeof item.title !== "string" || item.title.trim() === "") {
      reject(new BookletError("SourceInvalid", `Source ${item.id} needs a \`title\`.`, { location: where, sourceText: text }));
      return;
    }
    for (const key of ["author"] as const) {
      if (item[key] !== undefined && !Array.isArray(item[key])) {
        reject(new BookletError("SourceInvalid", `Source ${item.id}: \`${key}\` must be a list of names ({ family, given } or { literal }).`, { location: { file, ...y.locate([i, key]) }, sourceText: text }));
        return;
      }
    }
    // `issued:` left empty means not known, as when it is left out (it threw a TypeError)
    if (item.issued === null) delete item.issued;
    if (item.issued !== undefined && (typeof item.issued !== "object" || Array.isArray(item.issued) || (!Array.isArray(item.issued["date-parts"]) && typeof item.issued.literal !== "string"))) {
      reject(new BookletError("SourceInvalid", `Source ${item.id}: \`issued\` must be { date-parts: [[year, month, day]] }.`, { location: { file, ...y.locate([i, "issued"]) }, sourceText: text }));
      return;
    }
    const before = into.get(item.id);
    if (before) {
      problems.push(new BookletError("DuplicateId", `The source id ${item.id} is used twice (first at line ${before.line}).`, { location: where, sourceText: text }));
      return;
    }
    into.set(item.id, { id: item.id, item, file, line: where.line });
  });
  return true;
}

// -------------------------------------------------------------------------------------------------- tables

/**
 * The data tables, each read the first time a chapter, a chart or a template asks for it: a table that no page
 * places is never read, so a large file left in data/ costs nothing. Iterating gives the tables read so far.
 */
export class TableStore extends Map<string, DataTable> implements Tables {
  /** the problems of the tables read so far (a table that could not be read is not in the map) */
  readonly problems: BookletError[] = [];
  private readonly tried = new Set<string>();

  constructor(
    private readonly files: Map<string, { file: string; layer: string }>,
    private readonly contentDir: string,
  ) {
    super();
  }

  names(): string[] {
    return [...new Set([...this.files.keys()].map((f) => f.replace(/\.(csv|ya?ml)$/, "")))].sort();
  }

  override get(name: string): DataTable | undefined {
    if (!this.tried.has(name) && this.names().includes(name)) {
      this.tried.add(name);
      const csv = this.files.get(`${name}.csv`);
      const meta = this.files.get(`${name}.yaml`) ?? this.files.get(`${name}.yml`);
      try {
        const table = loadTable(name, csv, meta, this.problems, this.contentDir);
        if (table) super.set(name, table);
      } catch (e) {
        if (e instanceof BookletErrors) this.problems.push(...e.errors);
        else if (e instanceof BookletError) this.problems.push(e);
        else throw e;
      }
    }
    return super.get(name);
  }

  failed(name: string): boolean {
    return this.tried.has(name) && !super.has(name);
  }
}

const COLUMN_TYPES: ColumnType[] = ["text", "number", "integer", "date", "source"];

function loadTable(name: string, csv: { file: string; layer: string } | undefined, meta: { file: string; layer: string } | undefined, problems: BookletError[], contentDir: string): DataTable | undefined {
  let caption: string | undefined;
  let columns: Column[] | undefined;
  let measures: Record<string, string> = {};
  let yamlRows: unknown[] | undefined;
  let metaLocate: ((p: (string | number)[]) => { line: number; column: number }) | undefined;
  let metaText = "";
  if (meta) {
    metaText = readContentText(meta.file, contentDir);
    const y = parseYaml(metaText, meta.file, "ChapterYamlSyntax");
    metaLocate = y.locate;
    const m = (y.value ?? {}) as Record<string, unknown>;
    if (typeof m !== "object" || Array.isArray(m)) throw new BookletError("TableInvalid", `${meta.file} must be a mapping (caption, columns, rows).`, { location: { file: meta.file, line: 1 }, sourceText: metaText });
    if (m.caption !== undefined && typeof m.caption !== "string") throw new BookletError("TableInvalid", "`caption` must be text.", { location: { file: meta.file, ...y.locate(["caption"]) }, sourceText: metaText });
    caption = m.caption as string | undefined;
    if (m.columns !== undefined) {
      if (!Array.isArray(m.columns)) throw new BookletError("TableInvalid", "`columns` must be a list of { key, label, type }.", { location: { file: meta.file, ...y.locate(["columns"]) }, sourceText: metaText });
      columns = m.columns.map((c: unknown, i: number) => {
        const col = c as Record<string, unknown>;
        const where = { file: meta.file, ...y.locate(["columns", i]) };
        if (!col || typeof col.key !== "string") throw new BookletError("TableInvalid", `Column ${i + 1} needs a \`key\` (the CSV header it describes).`, { location: where, sourceText: metaText });
        const type = (col.type ?? "text") as ColumnType;
        if (!COLUMN_TYPES.includes(type)) throw new BookletError("TableInvalid", `Column ${col.key}: type must be one of ${COLUMN_TYPES.join(", ")}.`, { location: { file: meta.file, ...y.locate(["columns", i, "type"]) }, sourceText: metaText });
        const align = col.align as Column["align"];
        const width = typeof col.width === "string" && /^\d+(\.\d+)?(%|mm)$/.test(col.width) ? col.width : undefined;
        if (col.width !== undefined && !width) throw new BookletError("TableInvalid", `Column ${col.key}: width must be a percentage or mm, such as 18% or 20mm.`, { location: { file: meta.file, ...y.locate(["columns", i, "width"]) }, sourceText: metaText });
        return { key: col.key, label: typeof col.label === "string" ? col.label : col.key, type, align, width } satisfies Column;
      });
    }
    if (m.measures !== undefined) {
      if (typeof m.measures !== "object" || Array.isArray(m.measures)) throw new BookletError("TableInvalid", "`measures` must map each measure to its label.", { location: { file: meta.file, ...y.locate(["measures"]) }, sourceText: metaText });
      measures = Object.fromEntries(Object.entries(m.measures as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    }
    if (m.rows !== undefined) {
      if (!Array.isArray(m.rows)) throw new BookletError("TableInvalid", "`rows` must be a list of mappings.", { location: { file: meta.file, ...y.locate(["rows"]) }, sourceText: metaText });
      yamlRows = m.rows;
    }
  }

  const rows: Row[] = [];
  let file: string;
  if (csv) {
    file = csv.file;
    const text = readContentText(csv.file, contentDir);
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parseCsv(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true, trim: false }) as never;
    } catch (e) {
      const err = e as { lines?: number; message: string };
      throw new BookletError("CsvFieldCount", `The CSV cannot be read: ${err.message}`, { location: { file: csv.file, line: err.lines ?? 1 }, sourceText: text, cause: e });
    }
    if (records.length === 0) throw new BookletError("TableInvalid", "The CSV is empty: its first line must name the columns.", { location: { file: csv.file, line: 1 }, sourceText: text });
    const header = records[0].record.map((h) => h.trim());
    if (!columns) columns = header.map((key) => ({ key, label: key, type: key === "source" ? "source" : "text" }) as Column);
    for (const col of columns) {
      if (!header.includes(col.key)) {
        problems.push(new BookletError("TableInvalid", `The column \`${col.key}\` described in ${path.basename(meta!.file)} is not in the CSV header (${header.join(", ")}).`, { location: { file: meta!.file, ...metaLocate!(["columns", columns.indexOf(col)]) }, sourceText: metaText }));
      }
    }
    for (const { record, info } of records.slice(1)) {
      const line = info.lines;
      if (record.length !== header.length) {
        problems.push(new BookletError("CsvFieldCount", `This row has ${record.length} field${record.length === 1 ? "" : "s"}; the header has ${header.length} (${header.join(", ")}).`, { location: { file: csv.file, line }, sourceText: text }));
        continue;
      }
      const values: Record<string, CellValue> = {};
      header.forEach((key, i) => {
        const col = columns!.find((c) => c.key === key);
        const cell = convertCell(record[i], col?.type ?? "text");
        if (cell.error) {
          const column = text.split(/\r?\n/)[line - 1]?.indexOf(record[i]) ?? -1;
          problems.push(new BookletError("CsvType", `Column \`${key}\` holds ${col!.type} values; "${record[i]}" is not one (${cell.error}).`, { location: { file: csv.file, line, column: column >= 0 ? column + 1 : undefined }, sourceText: text }));
        }
        values[key] = cell.value;
      });
      rows.push({ values, file: csv.file, line });
    }
  } else if (yamlRows && meta) {
    file = meta.file;
    if (!columns) {
      const keys = new Set<string>();
      for (const r of yamlRows) if (r && typeof r === "object") Object.keys(r).forEach((k) => keys.add(k));
      columns = [...keys].map((key) => ({ key, label: key, type: key === "source" ? "source" : "text" }) as Column);
    }
    yamlRows.forEach((r, i) => {
      const where = { file: meta.file, line: metaLocate!(["rows", i]).line };
      if (!r || typeof r !== "object" || Array.isArray(r)) {
        problems.push(new BookletError("TableInvalid", `Row ${i + 1} must be a mapping of column to value.`, { location: where, sourceText: metaText }));
        return;
      }
      const values: Record<string, CellValue> = {};
      for (const col of columns!) {
        const raw = (r as Record<string, unknown>)[col.key];
        const cell = convertCell(raw === undefined || raw === null ? "" : String(raw), col.type);
        if (cell.error) problems.push(new BookletError("CsvType", `Column \`${col.key}\` holds ${col.type} values; "${String(raw)}" is not one (${cell.error}).`, { location: { file: meta.file, ...metaLocate!(["rows", i, col.key]) }, sourceText: metaText }));
        values[col.key] = cell.value;
      }
      rows.push({ values, ...where });
    });
  } else {
    // a .yaml with neither rows nor a CSV beside it
    throw new BookletError("TableInvalid", `The table ${name} has no rows: add data/${name}.csv or \`rows:\` to ${path.basename(meta!.file)}.`, { location: { file: meta!.file, line: 1 }, sourceText: metaText });
  }
  return { name, file, metaFile: meta?.file, caption, columns: columns!, rows, measures, layer: (csv ?? meta)!.layer };
}

/** YYYY, YYYY-MM or YYYY-MM-DD naming a month and a day that exist (no 1990-13-01, no 1990-02-30). */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [y, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  const date = new Date(Date.UTC(y, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function convertCell(raw: string, type: ColumnType): { value: CellValue; error?: string } {
  const s = raw.trim();
  if (s === "") return { value: null };
  // digits only (thousands may be grouped): Number() alone would also take 0x10, 1e3 and Infinity
  const digits = s.replace(/[\u202f\u00a0 ,](?=\d{3}\b)/g, "");
  switch (type) {
    case "number":
      return /^[+-]?\d+(\.\d+)?$/.test(digits) ? { value: Number(digits) } : { value: null, error: "write it with digits, like 132, 26000 or 2.5" };
    case "integer":
      return /^[+-]?\d+$/.test(digits) ? { value: Number(digits) } : { value: null, error: "write a whole number" };
    case "date":
      return isCalendarDate(s) ? { value: s } : { value: null, error: "write a real date as YYYY, YYYY-MM or YYYY-MM-DD" };
    default:
      return { value: s };
  }
}
