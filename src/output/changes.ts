// The change report of an edition against the previous year's: chapters added, removed or changed (with a
// short text diff), figures changed, and the page each chapter now starts on — so a proofreader reads only
// what changed.
import { diffArrays, diffWords } from "diff";
import type { DataTable } from "../content/types.ts";

export interface EditionSnapshot {
  year: number;
  ordinal: string;
  /** chapters (the foreword included) keyed by the id that stays the same across editions */
  chapters: { id: string; title: string; markdown: string }[];
  tables: Map<string, DataTable>;
  /** chapter id → the page it starts on, when known */
  starts?: Map<string, number>;
}

export interface ChangeReportOptions {
  current: EditionSnapshot;
  /** undefined for the first edition there can be (the year after the event) */
  previous?: EditionSnapshot;
  /** how many changed passages to show per chapter */
  maxHunks?: number;
}

export function changeReport(options: ChangeReportOptions): string {
  const { current, previous } = options;
  const maxHunks = options.maxHunks ?? 6;
  const out: string[] = [];
  if (!previous) {
    out.push(
      `# Changes in the ${current.year} edition (${current.ordinal} anniversary)`,
      "",
      "There is no earlier edition to compare with: this is the first anniversary after the event.",
      "",
    );
    out.push(...startsTable(current, undefined));
    return out.join("\n") + "\n";
  }
  out.push(`# Changes in the ${current.year} edition (${current.ordinal} anniversary), against ${previous.year}`, "");
  const before = new Map(previous.chapters.map((c) => [c.id, c]));
  const after = new Map(current.chapters.map((c) => [c.id, c]));
  const added = current.chapters.filter((c) => !before.has(c.id));
  const removed = previous.chapters.filter((c) => !after.has(c.id));
  const changed = current.chapters.filter(
    (c) => before.has(c.id) && normalise(before.get(c.id)!.markdown) !== normalise(c.markdown),
  );
  const same = current.chapters.filter((c) => before.has(c.id) && !changed.includes(c));

  out.push("## Chapters", "");
  if (!added.length && !removed.length && !changed.length) out.push("No chapter changed.", "");
  for (const c of added) out.push(`- added: **${c.title}**`);
  for (const c of removed) out.push(`- removed: **${c.title}**`);
  for (const c of changed) out.push(`- changed: **${c.title}**`);
  if (same.length) out.push(`- unchanged: ${same.map((c) => c.title).join(", ")}`);
  out.push("");

  for (const c of changed) {
    out.push(`### ${c.title}`, "");
    const hunks = textHunks(before.get(c.id)!.markdown, c.markdown);
    for (const h of hunks.slice(0, maxHunks)) out.push(`- ${h}`);
    if (hunks.length > maxHunks)
      out.push(`- … and ${hunks.length - maxHunks} more changed passage${hunks.length - maxHunks === 1 ? "" : "s"}`);
    out.push("");
  }

  out.push("## Figures", "");
  const figureLines = figureChanges(previous.tables, current.tables);
  out.push(...(figureLines.length ? figureLines : ["No figure changed."]), "");
  out.push(...startsTable(current, previous));
  return out.join("\n") + "\n";
}

function startsTable(current: EditionSnapshot, previous: EditionSnapshot | undefined): string[] {
  const lines = ["## Where each chapter starts", "", "| chapter | page | before |", "|---|---:|---:|"];
  for (const c of current.chapters) {
    const now = current.starts?.get(c.id);
    const was = previous?.starts?.get(c.id);
    lines.push(
      `| ${c.title} | ${now ?? "—"} | ${was ?? "—"}${now !== undefined && was !== undefined && now !== was ? " (moved)" : ""} |`,
    );
  }
  lines.push("");
  return lines;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Changed passages, paragraph by paragraph, each with the words removed [-…-] and added {+…+}. */
export function textHunks(before: string, after: string): string[] {
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
    } else if (p.added) hunks.push(`added: ${clip(p.value.join(" "))}`);
    else hunks.push(`removed: ${clip(p.value.join(" "))}`);
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
export function figureChanges(before: Map<string, DataTable>, after: Map<string, DataTable>): string[] {
  const lines: string[] = [];
  for (const [name, table] of after) {
    const old = before.get(name);
    if (!old) {
      lines.push(`- new table **${name}** (${table.rows.length} rows)`);
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
        lines.push(`- ${name}: added row ${key}`);
        continue;
      }
      for (const k of valueKeys) {
        if ((was[k] ?? null) !== (values[k] ?? null))
          lines.push(`- ${name}: ${key}: ${k} ${was[k] ?? "—"} → ${values[k] ?? "—"}`);
      }
    }
    for (const key of oldRows.keys()) if (!newRows.has(key)) lines.push(`- ${name}: removed row ${key}`);
  }
  for (const name of before.keys()) if (!after.has(name)) lines.push(`- removed table **${name}**`);
  return lines;
}
