// The page-level facts every built booklet must show, read back from its PDF: shared by the e2e tests of the
// fixture booklet and of the shipped one. Each fact is one `it`, so that a failure names what is wrong. The
// PDF is read with the tests' own reader (test/helpers/pdf-read.ts: Poppler, and pdf-lib for links and
// bookmarks), never with the preflight these facts are meant to check.
import fs from "node:fs";
import path from "node:path";
import { decodeHTML } from "entities";
import { expect, it } from "vitest";
import { type BuildResult, build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { folioOf, type PageRead, type PdfRead, readPdf, skeleton, textIn, wordsIn } from "../helpers/pdf-read.ts";

export interface Built {
  result: BuildResult;
  pdf: PdfRead;
  /** the chapters as the build made them: id, title and how many notes each holds */
  chapters: { id: string; title: string; notes: number }[];
  pdfPath: string;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
/** a fixed build date: the colophon's "prepared on" and the PDF dates do not change between runs */
const EPOCH = String(Date.UTC(2026, 10, 1) / 1000);

/** Builds one edition's screen PDF through the real build() into test/.tmp/<name>, and reads it back. */
export async function buildAndInspect(name: string, contentDir: string, edition: number): Promise<Built> {
  const outDir = path.join(ROOT, "test", ".tmp", `e2e-${name}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const [result] = await build({
    contentDir,
    outDir,
    editions: [edition],
    formats: ["screen"],
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
    log: silentLogger,
    concurrency: 1,
  });
  const screen = result.files.find((f) => f.format === "screen")!;
  // beside its manifest: output/<year>/, or output/<year>/<lang>/ once the content has translations
  const pdfPath = path.join(path.dirname(result.manifestPath), screen.path);
  const pdf = await readPdf(pdfPath);
  const chapters = result.document.chapters.map(({ id, title, notes }) => ({ id, title, notes }));
  return { result, pdf, chapters, pdfPath };
}

/** Where each chapter starts: its id's named destination. */
export function chapterStarts(b: Built): { id: string; title: string; notes: number; page: number }[] {
  return b.chapters.map((c) => ({ ...c, page: b.pdf.destinations[c.id] ?? NaN }));
}

/**
 * The footnote calls on a page, in reading order, by the number printed in each call's link: its digits (two
 * calls can touch, "2,3", and a full stop before a call can touch its box).
 */
function callNumbers(b: Built, pageNumber: number): string[] {
  const page = b.pdf.pages[pageNumber - 1];
  return page.links
    .filter((l) => l.dest?.startsWith("note-"))
    .sort((x, y) => x.box.yMax - y.box.yMax || x.box.xMin - y.box.xMin)
    .map((l) => textIn(b.pdfPath, pageNumber, l.box).replace(/\D/g, ""));
}

interface ContentsEntry {
  title: string;
  /** the number printed at the right of the entry */
  printed: number | null;
  /** where its link leads */
  target: number | null;
  dest?: string;
}

/**
 * The entries of the contents: the links of its page that lead to a place in the booklet. The page is found by
 * what it does, its heading being in the booklet's language: the first page with a link forward to a chapter.
 */
function contentsEntries(b: Built): ContentsEntry[] {
  const chapters = new Set(b.chapters.map((c) => c.id));
  const page = b.pdf.pages.find((p) =>
    p.links.some((l) => l.dest !== undefined && chapters.has(l.dest) && (l.page ?? 0) > p.number),
  );
  if (!page) return [];
  // an entry that wraps may be two link boxes with one destination: read them together
  const groups: { dest?: string; target: number | null; words: Set<(typeof page.words)[number]> }[] = [];
  for (const link of page.links) {
    if (link.dest?.startsWith("note-")) continue;
    const prev = groups.at(-1);
    const words = wordsIn(page, link.box);
    if (prev && prev.dest !== undefined && prev.dest === link.dest) for (const w of words) prev.words.add(w);
    else groups.push({ dest: link.dest, target: link.page, words: new Set(words) });
  }
  return groups.map((g) => {
    const words = [...g.words];
    // the number stands at the right of the entry's first line; a title that wraps has words below it
    const right = Math.max(...words.map((w) => w.xMax));
    const number = words.find((w) => w.xMax === right && /^\d+$/.test(w.text));
    const title = words
      .filter((w) => w !== number)
      .sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin)
      .map((w) => w.text)
      .join(" ");
    return { title, printed: number ? Number(number.text) : null, target: g.target, dest: g.dest };
  });
}

/** Whether the page shows the heading: its text holds the title's letters in order. */
const pageHasHeading = (pdf: PdfRead, page: number, title: string) =>
  skeleton(pdf.pages[page - 1].text).includes(skeleton(title));

/** The tags of an element in HTML, from its opening tag to its matching closing one (nested ones counted). */
function elements(html: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "gi");
  let depth = 0;
  let start = 0;
  for (const m of html.matchAll(re)) {
    if (!m[1]) {
      if (depth++ === 0) start = m.index;
    } else if (--depth === 0) out.push(html.slice(start, m.index + m[0].length));
  }
  return out;
}

/** The text of an HTML fragment without its notes (a span of class fn and what it holds) and tags. */
function textWithoutNotes(html: string): string {
  let rest = html;
  for (;;) {
    const at = rest.search(/<span\b[^>]*class="[^"]*\bfn\b[^"]*"/);
    if (at < 0) break;
    const [note] = elements(rest.slice(at), "span");
    rest = rest.slice(0, at) + rest.slice(at + (note?.length ?? rest.length - at));
  }
  return decodeHTML(rest.replace(/<[^>]+>/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

export interface TableShape {
  header: string[];
  /** each body row's text, its cells' text joined */
  rows: string[];
}

/** The tables of the HTML: header cells and rows (notes left out: their calls are numbers in the PDF). */
export function tablesOf(html: string): TableShape[] {
  return elements(html, "table").map((table) => {
    const [thead] = elements(table, "thead");
    const [tbody] = elements(table, "tbody");
    return {
      header: thead ? elements(thead, "th").map(textWithoutNotes) : [],
      rows: elements(tbody ?? table, "tr").map((tr) =>
        [...elements(tr, "td"), ...elements(tr, "th")].map(textWithoutNotes).join(" "),
      ),
    };
  });
}

/** Letters only, and no digits: a footnote call's number may sit between two cells in the PDF's text. */
const key = (s: string) => skeleton(s).replace(/\d/g, "");

/**
 * Whether a page shows a table's header row: every word of its cells, within a band of the page around its
 * first word (pdftotext reads a header cell that wraps across the next cell's words, so not in order).
 */
function hasHeaderRow(page: PageRead, header: string[]): boolean {
  const want = header.join(" ").split(/\s+/).map(key).filter(Boolean);
  const at = (k: string) => page.words.filter((w) => key(w.text) === k);
  return at(want[0] ?? "").some((first) => want.every((k) => at(k).some((w) => Math.abs(w.yMin - first.yMin) < 40)));
}

/**
 * Where a page prints a table's header cells: the left edge of each cell's first word, measured from the first
 * cell's (a left page and a right page put the table at different places); undefined when the row is not there.
 */
export function headerColumns(page: PageRead, header: string[]): number[] | undefined {
  const firsts = header.map((cell) => key(cell.split(/\s+/)[0] ?? ""));
  const at = (k: string) => page.words.filter((w) => key(w.text) === k);
  for (const first of at(firsts[0] ?? "")) {
    // each next cell's first word: on the row's first line (where a header cell's words start), the nearest
    // to the right of the cell before it (the booklets read left to right)
    const xs = [first.xMin];
    for (const k of firsts.slice(1)) {
      const right = at(k).filter((w) => Math.abs(w.yMin - first.yMin) < 2 && w.xMin > xs[xs.length - 1]);
      if (!right.length) break;
      xs.push(Math.min(...right.map((w) => w.xMin)));
    }
    if (xs.length === firsts.length) return xs.map((x) => Math.round(x - first.xMin));
  }
  return undefined;
}

/** The pages a table's rows are on, and for each such page whether its header row is on it. */
export function tablePages(pdf: PdfRead, table: TableShape): { page: number; header: boolean }[] {
  const pages = new Set<number>();
  for (const row of table.rows) {
    // with its digits first (rows that differ only in their numbers); without them when a note's call
    // number sits in the row
    const found =
      pdf.pages.find((p) => skeleton(p.text).includes(skeleton(row))) ??
      pdf.pages.find((p) => key(p.text).includes(key(row)));
    if (found) pages.add(found.number);
  }
  return [...pages]
    .sort((a, b) => a - b)
    .map((n) => ({ page: n, header: hasHeaderRow(pdf.pages[n - 1], table.header) }));
}

export interface BookletMeta {
  title: string;
  author?: string;
  subject: string;
  keywords: string[];
  language: string;
  contentDir: string;
}

/** Registers the facts as tests; `get` returns the built booklet once beforeAll has run. */
export function bookletFacts(get: () => Built, meta: () => BookletMeta): void {
  it("puts every footnote on the page of its call, and every note has a call", () => {
    const { pdf, chapters, result } = get();
    const calls = pdf.pages.flatMap((p) =>
      p.links.filter((l) => l.dest?.startsWith("note-")).map((l) => ({ on: p.number, to: l.page })),
    );
    expect(calls.length).toBe(chapters.reduce((n, c) => n + c.notes, result.document.foreword?.notes ?? 0));
    expect(calls.filter((c) => c.to !== c.on)).toEqual([]);
  });

  it("numbers the footnotes from 1 in each chapter", () => {
    const b = get();
    const starts = chapterStarts(b);
    // a chapter runs to the next entry of the contents (the next chapter, or the back matter)
    const boundaries = [
      ...new Set(
        contentsEntries(b)
          .map((e) => e.target!)
          .filter(Boolean),
      ),
    ].sort((x, y) => x - y);
    for (const ch of starts) {
      // a chapter runs to the page before the next chapter (chapters open on a page of their own), or to the
      // page where the back matter starts, which may follow the last chapter on its last page
      const next = boundaries.find((p) => p > ch.page);
      const last = next === undefined ? b.pdf.pages.length : starts.some((s) => s.page === next) ? next - 1 : next;
      const numbers: string[] = [];
      for (let p = ch.page; p <= last; p++) numbers.push(...callNumbers(b, p));
      expect({ chapter: ch.id, numbers }).toEqual({
        chapter: ch.id,
        numbers: Array.from({ length: ch.notes }, (_, i) => String(i + 1)),
      });
    }
  });

  it("prints in the contents the folio of the page each chapter starts on, where its link leads", () => {
    const b = get();
    const entries = contentsEntries(b);
    const starts = chapterStarts(b);
    // every chapter is in the contents, in order
    expect(starts.map((s) => skeleton(s.title))).toEqual(
      entries.filter((e) => starts.some((s) => s.id === e.dest)).map((e) => skeleton(e.title)),
    );
    for (const e of entries) {
      expect(e.printed, `the number printed for “${e.title}”`).toBe(e.target);
      expect(folioOf(b.pdf.pages[e.target! - 1]), `the folio of page ${e.target} (“${e.title}”)`).toBe(e.printed);
      expect(pageHasHeading(b.pdf, e.target!, e.title), `page ${e.target} shows the heading “${e.title}”`).toBe(true);
    }
    for (const s of starts) expect(entries.find((e) => e.dest === s.id)?.target).toBe(s.page);
  });

  it("starts every chapter on a right-hand (odd) page", () => {
    const starts = chapterStarts(get());
    expect(starts.length).toBeGreaterThan(0);
    for (const s of starts) expect({ chapter: s.id, odd: s.page % 2 === 1 }).toEqual({ chapter: s.id, odd: true });
  });

  it("embeds every font, none of them Type 3, all of the booklet's own families", () => {
    const { pdf, result } = get();
    // the fonts the document's stylesheets load with @font-face, by their family and, for a script's fonts
    // declared under the booklet's families (Noto Serif KR as "Source Serif 4" for Hangul), by their package:
    // any other font is a system fallback
    const css = [...result.document.styles.values()].join("\n");
    const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
    const faces = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)].map((m) => m[0]);
    const families = faces.map((f) => /font-family:\s*["']?([^"';]+)/.exec(f)?.[1]).filter((f) => f !== undefined);
    const packages = faces.flatMap((f) => [...f.matchAll(/url\(\/_fonts\/([^/]+)\/files\//g)].map((m) => m[1]));
    const names = [...new Set([...families, ...packages].map(compact))];
    expect(families.length).toBeGreaterThan(0);
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(pdf.fonts.filter((f) => f.type === "Type 3")).toEqual([]);
    expect(pdf.fonts.filter((f) => !names.some((name) => compact(f.name).startsWith(name)))).toEqual([]);
  });

  it("has one bookmark per chapter, leading to its first page", () => {
    const b = get();
    const top = b.pdf.outline.filter((o) => o.level === 1);
    for (const s of chapterStarts(b)) {
      const marks = top.filter((o) => skeleton(o.title) === skeleton(s.title));
      expect(
        marks.map((m) => m.page),
        `bookmarks of “${s.title}”`,
      ).toEqual([s.page]);
    }
  });

  it("sets the document's metadata and language, and is tagged", () => {
    const { pdf } = get();
    const m = meta();
    expect(pdf.info.Title).toBe(m.title);
    expect(pdf.info.Author).toBe(m.author);
    expect(pdf.info.Subject).toBe(m.subject);
    for (const k of m.keywords) expect(pdf.info.Keywords).toContain(k);
    expect(pdf.lang).toBe(m.language);
    expect(pdf.info.Tagged).toBe("yes");
  });

  it("repeats a table's header row on every page the table runs onto", () => {
    const b = get();
    for (const table of tablesOf(b.result.document.html).filter((t) => t.header.length)) {
      const pages = tablePages(b.pdf, table);
      expect(pages.length, `the pages of the table headed ${table.header.join(" | ")}`).toBeGreaterThan(0);
      expect(pages.filter((p) => !p.header)).toEqual([]);
    }
  });

  it("keeps a table's columns as wide on the pages it runs onto as on its first", () => {
    const b = get();
    for (const table of tablesOf(b.result.document.html).filter((t) => t.header.length)) {
      const columns = tablePages(b.pdf, table).map((p) => headerColumns(b.pdf.pages[p.page - 1], table.header));
      for (const c of columns.slice(1)) expect(c, `the table headed ${table.header.join(" | ")}`).toEqual(columns[0]);
    }
  });

  it("passed its preflight in the build, as a timed stage", () => {
    expect(get().result.stages.preflight).toBeGreaterThan(0);
  });
}
