// Data tables to HTML: a caption, column headings and a citation note per row (or per source column).
import type { CellValue, Column, DataTable, Source } from "../content/index.ts";
import { citePlaceholder } from "../markdown/index.ts";
import { escapeHtml } from "../shared/index.ts";
import { shortTitle } from "./csl.ts";

export interface TableOptions {
  /** show the sources side by side: one column per value of this column (normally "source") */
  pivot?: string;
  /** with pivot: the column whose values become the rows (normally "measure") */
  rows?: string;
  /** with pivot: the column shown in the cells; empty cells fall back to `value` */
  value?: string;
  caption?: string;
  /** only the rows whose `measure` is in this comma list */
  only?: string;
  /** a comma list of the columns to show, in order */
  columns?: string;
  /** numbers written with the booklet's language conventions */
  language: string;
}

/**
 * The output is one line of HTML: inside a chapter's Markdown it stays a single HTML block, so the
 * Markdown keeps the line numbers of the file (markdown-it maps tokens to source lines).
 */
export function renderTable(table: DataTable, sources: Map<string, Source>, options: TableOptions): string {
  const caption = options.caption ?? table.caption;
  const only = options.only ? new Set(options.only.split(",").map((s) => s.trim())) : undefined;
  const rows = table.rows.filter((r) => !only || only.has(String(r.values.measure)));
  const body = options.pivot ? pivotTable(table, rows, sources, options) : plainTable(table, rows, sources, options);
  const fig = `<figure class="data-table" id="table-${escapeHtml(table.name)}" data-table="${escapeHtml(table.name)}">${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ""}${body}</figure>`;
  return fig.replace(/\n/g, " ");
}

function cellText(
  col: Column | undefined,
  value: CellValue,
  table: DataTable,
  sources: Map<string, Source>,
  language: string,
): string {
  if (value === null || value === "") return "—";
  if (col?.type === "source") {
    const s = sources.get(String(value));
    // a source that sources.yaml does not have is reported once, at the table's row, not at each placing
    return s ? `${escapeHtml(shortTitle(s.item))}${citePlaceholder(String(value))}` : escapeHtml(String(value));
  }
  if (col?.key === "measure") return escapeHtml(table.measures[String(value)] ?? String(value));
  if (typeof value === "number") return escapeHtml(new Intl.NumberFormat(language).format(value));
  return escapeHtml(String(value));
}

function alignAttr(col: Column | undefined): string {
  const align = col?.align ?? (col?.type === "number" || col?.type === "integer" ? "right" : undefined);
  return align ? ` class="align-${align}"` : "";
}

function plainTable(
  table: DataTable,
  rows: DataTable["rows"],
  sources: Map<string, Source>,
  options: TableOptions,
): string {
  const keys = options.columns ? options.columns.split(",").map((s) => s.trim()) : table.columns.map((c) => c.key);
  const cols = keys.map(
    (k) => table.columns.find((c) => c.key === k) ?? ({ key: k, label: k, type: "text" } as Column),
  );
  // the widths go on the header's cells as well as on the columns: the pages a table runs onto repeat its
  // header but not its <colgroup>, and a fixed table takes its widths from its first row
  const width = (c: Column) => (c.width ? ` style="width: ${c.width}"` : "");
  const head = `<thead><tr>${cols.map((c) => `<th scope="col"${alignAttr(c)}${width(c)}>${escapeHtml(c.label)}</th>`).join("")}</tr></thead>`;
  const trs = rows.map(
    (r) =>
      `<tr>${cols.map((c) => `<td${alignAttr(c)}>${cellText(c, r.values[c.key] ?? null, table, sources, options.language)}</td>`).join("")}</tr>`,
  );
  // fixed widths when the table's .yaml gives them: every page of a long table then has the same columns
  const fixed = cols.some((c) => c.width);
  const colgroup = fixed ? `<colgroup>${cols.map((c) => `<col${width(c)}>`).join("")}</colgroup>` : "";
  return `<table${fixed ? ' class="fixed"' : ""}>${colgroup}${head}<tbody>${trs.join("")}</tbody></table>`;
}

function pivotTable(
  table: DataTable,
  rows: DataTable["rows"],
  sources: Map<string, Source>,
  options: TableOptions,
): string {
  const pivot = options.pivot!;
  const rowKey = options.rows ?? "measure";
  const valueKey = options.value ?? "value";
  const pivotCol = table.columns.find((c) => c.key === pivot);
  const rowCol = table.columns.find((c) => c.key === rowKey);
  // columns in the order of sources.yaml when they are sources (usually chronological), else first seen
  const seen = [...new Set(rows.map((r) => String(r.values[pivot])))];
  const order = pivotCol?.type === "source" ? [...sources.keys()].filter((id) => seen.includes(id)) : seen;
  for (const v of seen) if (!order.includes(v)) order.push(v);
  const rowValues = [...new Set(rows.map((r) => String(r.values[rowKey])))];
  const rowLabel = rowCol?.label ?? rowKey;
  const head = `<thead><tr><th scope="col">${escapeHtml(rowLabel)}</th>${order.map((v) => `<th scope="col" class="align-right">${cellText(pivotCol, v, table, sources, options.language)}</th>`).join("")}</tr></thead>`;
  const valueCol = table.columns.find((c) => c.key === valueKey);
  const trs = rowValues.map((rv) => {
    const cells = order.map((pv) => {
      const row = rows.find((r) => String(r.values[rowKey]) === rv && String(r.values[pivot]) === pv);
      const v = row ? (row.values[valueKey] ?? row.values.value ?? null) : null;
      return `<td class="align-right">${row ? cellText(valueCol, v, table, sources, options.language) : "—"}</td>`;
    });
    return `<tr><th scope="row">${cellText(rowCol, rv, table, sources, options.language)}</th>${cells.join("")}</tr>`;
  });
  return `<table class="pivot">${head}<tbody>${trs.join("")}</tbody></table>`;
}

/** The rows a figure may come from: `measure` (or `key`) matches and, when given, the source does. */
export function figureRows(table: DataTable, measure: string, source?: string): DataTable["rows"] {
  return table.rows.filter(
    (r) =>
      String(r.values.measure ?? r.values.key) === measure &&
      (source === undefined || String(r.values.source) === source),
  );
}
