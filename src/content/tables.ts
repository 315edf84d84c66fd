// Data tables: data/NAME.csv with its description data/NAME.yaml (caption, columns and their types), or a
// .yaml holding its rows. Each is read the first time something places it.
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { BookletError, BookletErrors, didYouMean } from "../errors/index.ts";
import { readContentText } from "../files.ts";
import { type LocatedYaml, parseYaml, validated } from "../shared/index.ts";
import { type TableMeta, TableMetaSchema } from "./schemas.ts";
import type { CellValue, Column, ColumnType, DataTable, Row, Tables } from "./types.ts";

type LayerFile = { file: string; layer: string };

/**
 * The data tables, each read the first time a chapter, a chart or a template asks for it: a table that no page
 * places is never read, so a large file left in data/ costs nothing. Iterating gives the tables read so far.
 */
export class TableStore extends Map<string, DataTable> implements Tables {
  /** the problems of the tables read so far (a table that could not be read is not in the map) */
  readonly problems: BookletError[] = [];
  private readonly tried = new Set<string>();

  constructor(
    private readonly files: Map<string, LayerFile>,
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
        super.set(name, loadTable(name, csv, meta, this.problems, this.contentDir));
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

/** A table's description, checked against its schema (every wrong and unknown key at once). */
interface Described {
  meta: TableMeta;
  yaml: LocatedYaml;
  file: string;
}

function readMeta(file: string, contentDir: string): Described {
  const text = readContentText(file, contentDir);
  const yaml = parseYaml(text, file, "DataYamlSyntax");
  const meta = validated(TableMetaSchema, yaml.value ?? {}, yaml, {
    invalid: "TableInvalid",
    unknownKey: "TableInvalid",
  });
  return { meta, yaml, file };
}

function loadTable(
  name: string,
  csv: LayerFile | undefined,
  meta: LayerFile | undefined,
  problems: BookletError[],
  contentDir: string,
): DataTable {
  const described = meta ? readMeta(meta.file, contentDir) : undefined;
  const base = {
    name,
    metaFile: meta?.file,
    caption: described?.meta.caption,
    measures: described?.meta.measures ?? {},
    layer: (csv ?? meta)!.layer,
  };
  if (csv) return { ...base, file: csv.file, ...csvRows(csv.file, described, problems, contentDir) };
  if (described?.meta.rows) return { ...base, file: described.file, ...yamlRows(described, problems) };
  // a .yaml with neither rows nor a CSV beside it
  throw new BookletError(
    "TableInvalid",
    `The table ${name} has no rows: add data/${name}.csv or \`rows:\` to ${path.basename(meta!.file)}.`,
    { location: { file: meta!.file, line: 1 }, sourceText: described?.yaml.text },
  );
}

const defaultColumns = (keys: string[]): Column[] =>
  keys.map((key) => ({ key, label: key, type: key === "source" ? "source" : "text" }));

const describedColumns = (d: Described | undefined): Column[] | undefined =>
  d?.meta.columns?.map((c) => ({ ...c, label: c.label ?? c.key }));

function readCsv(file: string, text: string): { record: string[]; info: { lines: number } }[] {
  try {
    return parseCsv(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      trim: false,
    }) as never;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new BookletError("CsvFieldCount", `The CSV cannot be read: ${err.message}`, {
      location: { file, line: err.lines ?? 1 },
      sourceText: text,
      cause: e,
    });
  }
}

function csvRows(
  file: string,
  described: Described | undefined,
  problems: BookletError[],
  contentDir: string,
): { columns: Column[]; rows: Row[] } {
  const text = readContentText(file, contentDir);
  const records = readCsv(file, text);
  if (records.length === 0)
    throw new BookletError("TableInvalid", "The CSV is empty: its first line must name the columns.", {
      location: { file, line: 1 },
      sourceText: text,
    });
  const header = records[0].record.map((h) => h.trim());
  const columns = describedColumns(described) ?? defaultColumns(header);
  if (described) problems.push(...columnsNotInHeader(columns, header, described));
  const rows: Row[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      problems.push(
        new BookletError(
          "CsvFieldCount",
          `This row has ${record.length} field${record.length === 1 ? "" : "s"}; the header has ${header.length} (${header.join(", ")}).`,
          { location: { file, line }, sourceText: text },
        ),
      );
      continue;
    }
    const values: Record<string, CellValue> = {};
    header.forEach((key, i) => {
      const col = columns.find((c) => c.key === key);
      const cell = convertCell(record[i], col?.type ?? "text");
      if (cell.error) {
        const column = text.split(/\r?\n/)[line - 1]?.indexOf(record[i]) ?? -1;
        problems.push(
          new BookletError(
            "CsvType",
            `Column \`${key}\` holds ${col!.type} values; "${record[i]}" is not one (${cell.error}).`,
            { location: { file, line, column: column >= 0 ? column + 1 : undefined }, sourceText: text },
          ),
        );
      }
      values[key] = cell.value;
    });
    rows.push({ values, file, line });
  }
  return { columns, rows };
}

/** A column the description names that the CSV does not have: a typing mistake, as a rule. */
function columnsNotInHeader(columns: Column[], header: string[], d: Described): BookletError[] {
  return columns.flatMap((col, i) => {
    if (header.includes(col.key)) return [];
    const where = d.yaml.locate(["columns", i, "key"]);
    const message = `The column \`${col.key}\` described in ${path.basename(d.file)} is not in the CSV header (${header.join(", ")}).${didYouMean(col.key, header)}`;
    return [
      new BookletError("TableInvalid", message, { location: { file: d.file, ...where }, sourceText: d.yaml.text }),
    ];
  });
}

function yamlRows(d: Described, problems: BookletError[]): { columns: Column[]; rows: Row[] } {
  const given = d.meta.rows!;
  const columns = describedColumns(d) ?? defaultColumns([...new Set(given.flatMap((r) => Object.keys(r)))]);
  const rows = given.map((r, i): Row => {
    const values: Record<string, CellValue> = {};
    for (const col of columns) {
      const raw = r[col.key];
      const cell = convertCell(raw === undefined || raw === null ? "" : String(raw), col.type);
      if (cell.error)
        problems.push(
          new BookletError(
            "CsvType",
            `Column \`${col.key}\` holds ${col.type} values; "${String(raw)}" is not one (${cell.error}).`,
            { location: { file: d.file, ...d.yaml.locate(["rows", i, col.key]) }, sourceText: d.yaml.text },
          ),
        );
      values[col.key] = cell.value;
    }
    // a key that no column describes would be dropped without a word
    for (const key of Object.keys(r).filter((k) => !columns.some((c) => c.key === k))) {
      const message = `Row ${i + 1} has the key \`${key}\`, which no column of \`columns\` describes.${didYouMean(
        key,
        columns.map((c) => c.key),
      )}`;
      problems.push(
        new BookletError("TableInvalid", message, {
          location: { file: d.file, ...d.yaml.locateKey(["rows", i, key]) },
          sourceText: d.yaml.text,
        }),
      );
    }
    return { values, file: d.file, line: d.yaml.locate(["rows", i]).line };
  });
  return { columns, rows };
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
      return /^[+-]?\d+(\.\d+)?$/.test(digits)
        ? { value: Number(digits) }
        : { value: null, error: "write it with digits, like 132, 26000 or 2.5" };
    case "integer":
      return /^[+-]?\d+$/.test(digits) ? { value: Number(digits) } : { value: null, error: "write a whole number" };
    case "date":
      return isCalendarDate(s)
        ? { value: s }
        : { value: null, error: "write a real date as YYYY, YYYY-MM or YYYY-MM-DD" };
    default:
      return { value: s };
  }
}
