// The change report of an edition against the previous year's: chapters added, removed or changed (with a
// short text diff), figures changed, and the page each chapter now starts on — so a proofreader reads only
// what changed.
import { diffArrays, diffWords } from "diff";
import type { DataTable } from "../content/index.ts";
import { createMessages, type MessageId, type Messages } from "../i18n/index.ts";

export interface EditionSnapshot {
  year: number;
  /** the anniversary number (37) */
  anniversary?: number;
  ordinal: string;
  /** chapters (the foreword included) keyed by the id that stays the same across editions */
  chapters: { id: string; title: string; markdown: string }[];
  tables: Map<string, DataTable>;
  /** chapter id → the page it starts on, when known */
  starts?: Map<string, number>;
}

/** The report's words: the booklet's catalogue, in its language. */
export type ReportMessages = Pick<Messages, "format" | "language">;
const ENGLISH = createMessages({ language: "en" });

export interface ChangeReportOptions {
  current: EditionSnapshot;
  /** undefined for the first edition there can be (the year after the event) */
  previous?: EditionSnapshot;
  /** how many changed passages to show per chapter */
  maxHunks?: number;
  /** the words of the report, in the booklet's language (English without) */
  messages?: ReportMessages;
}

/** The report's first line: "Changes in the 2027 edition (37th anniversary)[, against 2026]". */
function heading(t: ReportMessages, current: EditionSnapshot, previousYear?: number): string {
  const values = { year: current.year, ordinal: current.ordinal, n: current.anniversary ?? "", previousYear };
  return `# ${t.format(previousYear === undefined ? "changes.title" : "changes.titleAgainst", values)}`;
}

export function changeReport(options: ChangeReportOptions): string {
  const { current, previous } = options;
  const t = options.messages ?? ENGLISH;
  const maxHunks = options.maxHunks ?? 6;
  const out: string[] = [];
  if (!previous) {
    out.push(heading(t, current), "", t.format("changes.firstEdition"), "");
    out.push(...startsTable(t, current, undefined));
    return `${out.join("\n")}\n`;
  }
  out.push(heading(t, current, previous.year), "");
  const before = new Map(previous.chapters.map((c) => [c.id, c]));
  const after = new Map(current.chapters.map((c) => [c.id, c]));
  const added = current.chapters.filter((c) => !before.has(c.id));
  const removed = previous.chapters.filter((c) => !after.has(c.id));
  const changed = current.chapters.filter(
    (c) => before.has(c.id) && normalise(before.get(c.id)!.markdown) !== normalise(c.markdown),
  );
  const same = current.chapters.filter((c) => before.has(c.id) && !changed.includes(c));

  out.push(`## ${t.format("changes.chapters")}`, "");
  if (!added.length && !removed.length && !changed.length) out.push(t.format("changes.noChapterChanged"), "");
  const item = (id: MessageId, title: string) => `- ${t.format(id, { title: `**${title}**` })}`;
  for (const c of added) out.push(item("changes.chapterAdded", c.title));
  for (const c of removed) out.push(item("changes.chapterRemoved", c.title));
  for (const c of changed) out.push(item("changes.chapterChanged", c.title));
  if (same.length)
    out.push(
      `- ${t.format("changes.chaptersUnchanged", {
        titles: list(
          t,
          same.map((c) => c.title),
        ),
      })}`,
    );
  out.push("");

  for (const c of changed) {
    out.push(`### ${c.title}`, "");
    const hunks = textHunks(before.get(c.id)!.markdown, c.markdown, t);
    for (const h of hunks.slice(0, maxHunks)) out.push(`- ${h}`);
    if (hunks.length > maxHunks) out.push(`- ${t.format("changes.morePassages", { count: hunks.length - maxHunks })}`);
    out.push("");
  }

  out.push(`## ${t.format("changes.figures")}`, "");
  const figureLines = figureChanges(previous.tables, current.tables, t);
  out.push(...(figureLines.length ? figureLines : [t.format("changes.noFigureChanged")]), "");
  out.push(...startsTable(t, current, previous));
  return `${out.join("\n")}\n`;
}

/** The report when the previous edition could not be prepared to compare with, and why. */
export function unpreparedReport(
  current: EditionSnapshot,
  previousYear: number,
  reason: string,
  messages: ReportMessages = ENGLISH,
): string {
  return `${heading(messages, current)}\n\n${messages.format("changes.notPrepared", { previousYear, reason })}\n`;
}

/** Titles one after another, with the catalogue's separator (", ", "、"): a list's "and" could be read as part of a title. */
function list(t: ReportMessages, items: string[]): string {
  return items.join(t.format("changes.titleSeparator"));
}

function startsTable(t: ReportMessages, current: EditionSnapshot, previous: EditionSnapshot | undefined): string[] {
  const columns = ["changes.columnChapter", "changes.columnPage", "changes.columnBefore"] as const;
  const lines = [
    `## ${t.format("changes.starts")}`,
    "",
    `| ${columns.map((c) => t.format(c)).join(" | ")} |`,
    "|---|---:|---:|",
  ];
  const moved = ` (${t.format("changes.moved")})`;
  for (const c of current.chapters) {
    const now = current.starts?.get(c.id);
    const was = previous?.starts?.get(c.id);
    lines.push(
      `| ${c.title} | ${now ?? "—"} | ${was ?? "—"}${now !== undefined && was !== undefined && now !== was ? moved : ""} |`,
    );
  }
  lines.push("");
  return lines;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Changed passages, paragraph by paragraph, each with the words removed [-…-] and added {+…+}. */
export function textHunks(before: string, after: string, t: ReportMessages = ENGLISH): string[] {
  const paras = (s: string) =>
    s
      .split(/\n\s*\n/)
      .map(normalise)
      .filter(Boolean);
  const a = paras(before);
  const b = paras(after);
  const hunks: string[] = [];
  const parts = diffArrays(a, b);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) continue;
    // a removed run followed by an added one is a rewrite: show it word by word
    const next = parts[i + 1];
    if (p.removed && next?.added) {
      hunks.push(wordDiff(p.value.join(" "), next.value.join(" ")));
      i++;
    } else if (p.added) hunks.push(t.format("changes.passageAdded", { text: clip(p.value.join(" ")) }));
    else hunks.push(t.format("changes.passageRemoved", { text: clip(p.value.join(" ")) }));
  }
  return hunks;
}

function wordDiff(a: string, b: string): string {
  const pieces = diffWords(a, b);
  const out: string[] = [];
  pieces.forEach((d, i) => {
    if (d.added) out.push(`{+${d.value.trim()}+}`);
    else if (d.removed) out.push(`[-${d.value.trim()}-]`);
    else {
      // keep a few words of context on each side of a change
      const words = d.value.trim().split(/\s+/);
      const first = i === 0;
      const last = i === pieces.length - 1;
      if (words.length <= 8) out.push(d.value.trim());
      else
        out.push(
          [first ? "…" : words.slice(0, 4).join(" "), last ? "…" : words.slice(-4).join(" ")]
            .filter((x) => x !== "")
            .join(first || last ? " " : " … "),
        );
    }
  });
  return clip(out.join(" "), 400);
}

function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Rows are matched by every column but the value columns (number types and `display`, `note`). */
export function figureChanges(
  before: Map<string, DataTable>,
  after: Map<string, DataTable>,
  t: ReportMessages = ENGLISH,
): string[] {
  const lines: string[] = [];
  for (const [name, table] of after) {
    const old = before.get(name);
    if (!old) {
      lines.push(`- ${t.format("changes.tableAdded", { name: `**${name}**`, count: table.rows.length })}`);
      continue;
    }
    const valueKeys = new Set(
      table.columns
        .filter((c) => c.type === "number" || c.type === "integer" || c.key === "display" || c.key === "note")
        .map((c) => c.key),
    );
    const keyOf = (values: Record<string, unknown>) =>
      table.columns
        .filter((c) => !valueKeys.has(c.key))
        .map((c) => `${c.key}=${values[c.key] ?? ""}`)
        .join(", ");
    const oldRows = new Map(old.rows.map((r) => [keyOf(r.values), r.values]));
    const newRows = new Map(table.rows.map((r) => [keyOf(r.values), r.values]));
    for (const [key, values] of newRows) {
      const was = oldRows.get(key);
      if (!was) {
        lines.push(`- ${t.format("changes.rowAdded", { name, key })}`);
        continue;
      }
      for (const k of valueKeys) {
        if ((was[k] ?? null) !== (values[k] ?? null))
          lines.push(`- ${name}: ${key}: ${k} ${was[k] ?? "—"} → ${values[k] ?? "—"}`);
      }
    }
    for (const key of oldRows.keys())
      if (!newRows.has(key)) lines.push(`- ${t.format("changes.rowRemoved", { name, key })}`);
  }
  for (const name of before.keys())
    if (!after.has(name)) lines.push(`- ${t.format("changes.tableRemoved", { name: `**${name}**` })}`);
  return lines;
}
