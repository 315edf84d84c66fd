// The torture test's checker: builds a generated folder through booklet's command line, as a user does,
// reads the PDF back with Poppler's pdftotext (not with booklet's own preflight) and counts every tag, and
// looks with pdftoppm for words a rule is drawn through (crossed.ts).

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { wordsCrossedByRules } from "./crossed.ts";
import { type GenerateOptions, generateTorture, TAG_PATTERN, type TagKind, type TagRecord } from "./generate.ts";

const BIN = path.resolve(import.meta.dirname, "../../bin/booklet.js");

export interface BuildResult {
  code: number | null;
  stderr: string;
  /** the screen PDF, when the build wrote one */
  pdf?: string;
  ms: number;
}

/**
 * `booklet build --content DIR --out OUT --formats screen --edition 2027`, to its end (killed after
 * `timeoutMs`). The edition is fixed so that a seed gives the same booklet whatever the day.
 */
export async function buildScreen(
  content: string,
  out: string,
  timeoutMs = 300_000,
  extraArgs: string[] = [],
): Promise<BuildResult> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, "build", "--content", content, "--out", out, "--formats", "screen", "--edition", "2027", ...extraArgs],
    {
      env: { ...process.env, CI: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  // SIGTERM first: booklet then closes its browser and cleans up; SIGKILL only if it does not
  const term = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
  const kill = setTimeout(() => child.kill("SIGKILL"), timeoutMs + 20_000);
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  clearTimeout(term);
  clearTimeout(kill);
  const pdf = code === 0 ? findPdf(out) : undefined;
  return { code, stderr, pdf, ms: performance.now() - t0 };
}

function findPdf(out: string): string | undefined {
  for (const year of fs.existsSync(out) ? fs.readdirSync(out) : []) {
    const dir = path.join(out, year);
    if (!fs.statSync(dir).isDirectory()) continue;
    const pdf = fs.readdirSync(dir).find((f) => f.endsWith(".pdf"));
    if (pdf) return path.join(dir, pdf);
  }
  return undefined;
}

/** The text of every page of a PDF, by Poppler (pages are separated by form feeds). */
export function pdfPageTexts(pdf: string): string[] {
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"], { encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  const pages = text.split("\f");
  if (pages.at(-1) === "") pages.pop();
  return pages;
}

export interface TagProblem extends TagRecord {
  /** how many times it is printed */
  printed: number;
  /** the PDF pages (1-based) it is printed on, once a time it is printed */
  pages: number[];
  /** for a lost tag: the pages of the tags written just before and after it, where it should have been */
  near: number[];
}

export interface TagCount {
  problems: TagProblem[];
  /** tags printed that the generator never wrote (a tag garbled into another), with their pages */
  strangers: { tag: string; pages: number[] }[];
}

/** Counts every tag in the pages' text against the number of times it was written. */
export function countTags(pages: string[], tags: TagRecord[]): TagCount {
  const found = new Map<string, number[]>();
  pages.forEach((text, i) => {
    for (const m of text.matchAll(TAG_PATTERN)) found.set(m[0], [...(found.get(m[0]) ?? []), i + 1]);
  });
  const firstPage = (t?: TagRecord) => (t ? found.get(t.tag)?.[0] : undefined);
  const problems: TagProblem[] = [];
  tags.forEach((t, i) => {
    const at = found.get(t.tag) ?? [];
    if (at.length === t.count) return;
    const near = [firstPage(tags[i - 1]), firstPage(tags[i + 1])].filter((p): p is number => p !== undefined);
    problems.push({ ...t, printed: at.length, pages: at, near: [...new Set(near)] });
  });
  const known = new Set(tags.map((t) => t.tag));
  const strangers = [...found].filter(([tag]) => !known.has(tag)).map(([tag, pages]) => ({ tag, pages }));
  return { problems, strangers };
}

/** One line for a problem: `qxbcd (note-long, chapters/02-part.md:88) printed 0 times of 1, near page 14`. */
export function describeProblem(p: TagProblem): string {
  const where = p.printed
    ? `on page${p.pages.length > 1 ? "s" : ""} ${p.pages.join(", ")}`
    : `near page ${p.near.join("-") || "?"}`;
  return `${p.tag} (${p.kind}, ${p.file}:${p.line}) printed ${p.printed} time${p.printed === 1 ? "" : "s"} of ${p.count}, ${where}`;
}

export type Outcome = "ok" | "refused" | "wrong";

export interface TortureResult {
  seed: number;
  outcome: Outcome;
  /** refused: the end of booklet's error output, and the tags it names (the start of a lost paragraph) */
  error?: string;
  named?: TagRecord[];
  tags: number;
  pages: number;
  count?: TagCount;
  /** "page N: word" for each printed word a rule is drawn through (crossed.ts): printed wrong */
  crossed?: string[];
  ms: number;
  /** the build's safety net laid a chapter out again (its log's "laid out again" line) */
  relaidOut: boolean;
  /** the preflight warned of a page left nearly empty by a long note on the next (keep.page-filled) */
  nearlyEmpty: boolean;
}

/**
 * One seed, end to end: generate into a temporary folder, build, count, clean up (the folder is kept, and
 * named in the result's error, only when `keep` is set).
 */
export async function tortureSeed(
  seed: number,
  options: GenerateOptions & { keep?: boolean; timeoutMs?: number; byChapter?: boolean } = {},
): Promise<TortureResult> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `booklet-torture-${seed}-`));
  try {
    const gen = generateTorture(seed, path.join(work, "content"), options);
    const extra = options.byChapter ? ["--by-chapter"] : [];
    const built = await buildScreen(gen.dir, path.join(work, "out"), options.timeoutMs, extra);
    const base = {
      seed,
      tags: gen.tags.length,
      ms: built.ms,
      relaidOut: relaidOut(built.stderr),
      nearlyEmpty: /keep\.page-filled/.test(built.stderr),
    };
    if (built.code !== 0 || !built.pdf) {
      const named = new Set(built.stderr.match(TAG_PATTERN) ?? []);
      return {
        ...base,
        outcome: "refused",
        pages: 0,
        error: errorOf(built.stderr),
        named: gen.tags.filter((t) => named.has(t.tag)),
      };
    }
    const pages = pdfPageTexts(built.pdf);
    const count = countTags(pages, gen.tags);
    const crossed = wordsCrossedByRules(built.pdf);
    const wrong = count.problems.length > 0 || count.strangers.length > 0 || crossed.length > 0;
    return { ...base, outcome: wrong ? "wrong" : "ok", pages: pages.length, count, crossed };
  } finally {
    if (!options.keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Whether the build's log says Paged.js lost text and a chapter was laid out again (src/render/checked.ts). */
export function relaidOut(stderr: string): boolean {
  return /^\s*(?:warning:?\s*)?Paged\.js .*: laid out again, keeping the last lines/m.test(stderr);
}

/** booklet's error message (from its `error` line on), or the end of its output when it has none. */
function errorOf(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  const at = lines.findIndex((l) => l.startsWith("error "));
  return (at >= 0 ? lines.slice(at) : lines.slice(-12)).join("\n");
}

/** A result as a few lines for a person: what went wrong, and which tags. */
export function describeResult(r: TortureResult): string {
  const again = `${r.relaidOut ? ", a chapter laid out again" : ""}${r.nearlyEmpty ? ", a page left nearly empty" : ""}`;
  const head = `seed ${r.seed}: ${r.outcome} (${r.tags} tags, ${r.pages} pages, ${(r.ms / 1000).toFixed(1)} s${again})`;
  if (r.outcome === "refused") return `${head}\n${r.error}`;
  if (!r.count) return head;
  const lines = r.count.problems.map(describeProblem);
  for (const s of r.count.strangers) lines.push(`${s.tag} printed but never written, on pages ${s.pages.join(", ")}`);
  if (r.crossed?.length)
    lines.push(`a rule drawn through ${r.crossed.length} words: ${r.crossed.slice(0, 6).join("; ")}`);
  return [head, ...lines.map((l) => `  ${l}`)].join("\n");
}

/** The kinds of text that lost or repeated a tag, with how many tags of each. */
export function kindsOf(problems: TagProblem[]): Partial<Record<TagKind, { missing: number; repeated: number }>> {
  const kinds: Partial<Record<TagKind, { missing: number; repeated: number }>> = {};
  for (const p of problems) {
    kinds[p.kind] ??= { missing: 0, repeated: 0 };
    const k = kinds[p.kind]!;
    if (p.printed < p.count) k.missing++;
    else k.repeated++;
  }
  return kinds;
}

/**
 * A page's text without its furniture: the running head (a line in capitals) and the folio (a number
 * alone), which stand between the two halves of a phrase that a page break divides.
 */
export function withoutFurniture(page: string): string {
  return page
    .split("\n")
    .filter((line) => !/^\s*\d+\s*$/.test(line) && !(/\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line)))
    .join("\n");
}

/**
 * How often a phrase is printed in the whole PDF's running text, the text's runs of white space taken as one
 * space, across page breaks.
 */
export function countPhrase(pages: string[], phrase: string): number {
  const text = pages.map(withoutFurniture).join(" ").replace(/\s+/g, " ");
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (text.match(new RegExp(`\\b${escaped}(?![\\p{L}])`, "gu")) ?? []).length;
}
