// The benchmark's torture section: many generated note-heavy booklets (test/torture), each built through the
// command line and its every tag counted in the PDF. A rate, not a test: it says how often booklet prints a
// whole note-heavy booklet correctly, how often it refuses one, and how often it prints one wrong without a word.
import { describeResult, kindsOf, type TortureResult, tortureSeed } from "../test/torture/check.ts";
import type { TagKind } from "../test/torture/generate.ts";

export interface TortureStats {
  /** the day of the run (the section alone can run on another day than the rest of the benchmark) */
  date: string;
  seeds: number[];
  ok: number;
  /** builds that failed (exit code other than 0): preflight found the loss, or the build broke */
  refused: number[];
  /** builds that succeeded but printed a tag other than as often as written */
  wrong: number[];
  /** builds in which the safety net laid a chapter out again (absent in runs before it was counted) */
  relaidOut?: number[];
  /** builds with a page left nearly empty by a long note on the next (absent in runs before it was counted) */
  nearlyEmpty?: number[];
  /** the kinds of text lost or repeated in the wrong builds, and named in the refused builds' errors */
  kinds: Partial<Record<TagKind, { missing: number; repeated: number }>>;
  /** tags printed in all, and printed other than as often as written, in the builds that succeeded */
  tagsChecked: number;
  tagsWrong: number;
  pages: number[];
  buildMs: number[];
}

export async function measureTorture(seeds: number[], log: (line: string) => void): Promise<TortureStats> {
  const stats: TortureStats = {
    date: new Date().toISOString().slice(0, 10),
    seeds,
    ok: 0,
    refused: [],
    wrong: [],
    relaidOut: [],
    nearlyEmpty: [],
    kinds: {},
    tagsChecked: 0,
    tagsWrong: 0,
    pages: [],
    buildMs: [],
  };
  for (const seed of seeds) {
    const r = await tortureSeed(seed);
    add(stats, r);
    log(
      `  torture ${describeResult(r)
        .split("\n")
        .slice(0, r.outcome === "ok" ? 1 : 10)
        .join("\n    ")}`,
    );
  }
  return stats;
}

function add(stats: TortureStats, r: TortureResult): void {
  stats.buildMs.push(r.ms);
  if (r.relaidOut) stats.relaidOut!.push(r.seed);
  if (r.nearlyEmpty) stats.nearlyEmpty!.push(r.seed);
  if (r.outcome === "ok") stats.ok++;
  if (r.outcome === "refused") {
    stats.refused.push(r.seed);
    for (const t of r.named ?? []) {
      stats.kinds[t.kind] ??= { missing: 0, repeated: 0 };
      stats.kinds[t.kind]!.missing++;
    }
    return;
  }
  stats.pages.push(r.pages);
  stats.tagsChecked += r.tags;
  if (r.outcome !== "wrong") return;
  stats.wrong.push(r.seed);
  stats.tagsWrong += r.count!.problems.length;
  for (const [kind, k] of Object.entries(kindsOf(r.count!.problems)) as [
    TagKind,
    { missing: number; repeated: number },
  ][]) {
    stats.kinds[kind] ??= { missing: 0, repeated: 0 };
    const s = stats.kinds[kind];
    s.missing += k.missing;
    s.repeated += k.repeated;
  }
}

/** The README's lines: a row of the table, and a line of details. */
export function tortureReport(t: TortureStats): { row: string; details: string } {
  const n = t.seeds.length;
  const pct = (x: number) => `${((100 * x) / n).toFixed(0)} %`;
  const range = `seeds ${t.seeds[0]}–${t.seeds[n - 1]}`;
  const row = `| Torture test: ${n} generated note-heavy booklets (${range}) built with every tag printed exactly once; refused; printed wrong without an error | **${t.ok} of ${n}** (${pct(t.ok)}); ${t.refused.length} (${pct(t.refused.length)}); ${t.wrong.length} (${pct(t.wrong.length)}) | all ${n}, none wrong | ${t.ok === n ? "met" : "**missed**"} |`;
  const kinds = Object.entries(t.kinds).map(
    ([k, v]) => `${k} ${v.missing} lost${v.repeated ? `, ${v.repeated} repeated` : ""}`,
  );
  const pages = t.pages.length
    ? ` The booklets built were ${Math.min(...t.pages)} to ${Math.max(...t.pages)} pages.`
    : "";
  const details =
    `- Torture test (\`npm run bench -- --only torture\`, \`--torture N\` for another number of seeds; generator and checker in \`test/torture/\`): ` +
    `each seed is a booklet of three chapters of long and short notes, citations, tables over page breaks, lists, quotations, an image, a code block and repeated sentences, every piece of text tagged; ` +
    `its PDF is read back with pdftotext and every tag counted, and with pdftoppm for words a rule is drawn through. Run on ${t.date}.${pages} ` +
    `Refused: ${t.refused.length ? `seeds ${t.refused.join(", ")}` : "none"}. ` +
    (t.relaidOut
      ? `A chapter laid out again by the layout's safety net (Paged.js lost text, or put a note on another page than its call, the first time): ${t.relaidOut.length ? `seeds ${t.relaidOut.join(", ")}` : "none"}. `
      : "") +
    (t.nearlyEmpty
      ? `A page left nearly empty by a long note on the next (the preflight's keep.page-filled warning; every word printed): ${t.nearlyEmpty.length ? `seeds ${t.nearlyEmpty.join(", ")}` : "none"}. `
      : "") +
    `Printed wrong without an error: ${t.wrong.length ? `seeds ${t.wrong.join(", ")} (${t.tagsWrong} of ${t.tagsChecked} tags of the builds that succeeded)` : "none"}. ` +
    `Kinds of text lost or repeated (in the wrong builds, and named by the refused builds' preflight): ${kinds.length ? kinds.join("; ") : "none"}.`;
  return { row, details };
}
