// The page-level facts every built booklet must show, read back from its PDF: shared by the e2e tests of the
// fixture booklet and of the shipped one. Each fact is one `it`, so that a failure names what is wrong.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { inspectPdf, itemsIn, type InspectedPdf } from "../../src/preflight/inspect.ts";
import { expectedDocument, parseHtml, type ExpectedDocument, type HtmlElement } from "../../src/preflight/html.ts";
import { contentsEntries, folioOf, pageHasHeading } from "../../src/preflight/layout.ts";
import { inFamilies } from "../../src/preflight/checks/fonts.ts";
import { fontFamiliesOf } from "../../src/preflight/index.ts";
import { skeleton } from "../../src/preflight/text.ts";

export interface Built {
  result: BuildResult;
  pdf: InspectedPdf;
  expected: ExpectedDocument;
  pdfPath: string;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
/** a fixed build date: the colophon's "prepared on" and the PDF dates do not change between runs */
const EPOCH = String(Date.UTC(2026, 10, 1) / 1000);

/** Builds one edition's screen PDF through the real build() into test/.tmp/<name>, and reads it back. */
export async function buildAndInspect(name: string, contentDir: string, edition: number): Promise<Built> {
  const outDir = path.join(ROOT, "test", ".tmp", `e2e-${name}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const [result] = await build({ contentDir, outDir, editions: [edition], formats: ["screen"], env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH }, log: silentLogger, concurrency: 1 });
  const screen = result.files.find((f) => f.format === "screen")!;
  // beside its manifest: output/<year>/, or output/<year>/<lang>/ once the content has translations
  const pdfPath = path.join(path.dirname(result.manifestPath), screen.path);
  const pdf = await inspectPdf(new Uint8Array(fs.readFileSync(pdfPath)));
  return { result, pdf, expected: expectedDocument(result.document.html), pdfPath };
}

/** Where each chapter starts: its id's named destination. */
export function chapterStarts(b: Built): { id: string; title: string; notes: number; page: number }[] {
  return b.expected.chapters.map((c) => ({ ...c, page: b.pdf.destinations[c.id] ?? NaN }));
}

/** The footnote calls on a page, in reading order, by the number printed in each call's link. */
function callNumbers(pdf: InspectedPdf, pageNumber: number): string[] {
  const page = pdf.pages[pageNumber - 1];
  return page.links
    .filter((l) => l.dest?.startsWith("note-"))
    .sort((a, b) => b.rect.y0 - a.rect.y0 || a.rect.x0 - b.rect.x0)
    .map((l) => itemsIn(page, l.rect).map((i) => i.text.trim()).join(""));
}

export interface TableShape {
  header: string[];
  /** each body row's text, its cells' text joined */
  rows: string[];
}

/** The tables of the HTML: header cells and rows (notes left out: their calls are numbers in the PDF). */
export function tablesOf(html: string): TableShape[] {
  const tables: TableShape[] = [];
  const withoutNotes = (el: HtmlElement): string =>
    el.children.map((c) => (typeof c === "string" ? c : (c.attrs.class ?? "").split(" ").includes("fn") ? "" : withoutNotes(c))).join("");
  const all = (el: HtmlElement, tag: string): HtmlElement[] => el.children.flatMap((c) => (typeof c === "string" ? [] : [...(c.tag === tag ? [c] : []), ...all(c, tag)]));
  for (const table of all(parseHtml(html), "table")) {
    const thead = all(table, "thead")[0];
    const tbody = all(table, "tbody")[0] ?? table;
    tables.push({
      header: thead ? all(thead, "th").map(withoutNotes) : [],
      rows: all(tbody, "tr").map((tr) => tr.children.filter((c): c is HtmlElement => typeof c !== "string").map(withoutNotes).join(" ")),
    });
  }
  return tables;
}

/** Letters only, and no digits: a footnote call's number may sit between two cells in the PDF's text. */
const key = (s: string) => skeleton(s).replace(/\d/g, "");

/** The pages a table's rows are on, and for each such page whether its header row is on it (its cells in order). */
export function tablePages(pdf: InspectedPdf, table: TableShape): { page: number; header: boolean }[] {
  const pages = new Set<number>();
  for (const row of table.rows) {
    // with its digits first (rows that differ only in their numbers); without them when a note's call
    // number sits in the row
    const found = pdf.pages.find((p) => skeleton(p.text).includes(skeleton(row))) ?? pdf.pages.find((p) => key(p.text).includes(key(row)));
    if (found) pages.add(found.number);
  }
  const header = key(table.header.join(""));
  return [...pages].sort((a, b) => a - b).map((n) => ({ page: n, header: key(pdf.pages[n - 1].text).includes(header) }));
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
    const { pdf, expected } = get();
    const calls = pdf.pages.flatMap((p) => p.links.filter((l) => l.dest?.startsWith("note-")).map((l) => ({ on: p.number, to: l.page })));
    expect(calls.length).toBe(expected.notes);
    expect(calls.filter((c) => c.to !== c.on)).toEqual([]);
  });

  it("numbers the footnotes from 1 in each chapter", () => {
    const b = get();
    const starts = chapterStarts(b);
    // a chapter runs to the next entry of the contents (the next chapter, or the back matter)
    const boundaries = [...new Set(contentsEntries(b.pdf).map((e) => e.target!).filter(Boolean))].sort((x, y) => x - y);
    for (const ch of starts) {
      // a chapter runs to the page before the next chapter (chapters open on a page of their own), or to the
      // page where the back matter starts, which may follow the last chapter on its last page
      const next = boundaries.find((p) => p > ch.page);
      const last = next === undefined ? b.pdf.pageCount : starts.some((s) => s.page === next) ? next - 1 : next;
      const numbers: string[] = [];
      for (let p = ch.page; p <= last; p++) numbers.push(...callNumbers(b.pdf, p));
      expect({ chapter: ch.id, numbers }).toEqual({ chapter: ch.id, numbers: Array.from({ length: ch.notes }, (_, i) => String(i + 1)) });
    }
  });

  it("prints in the contents the folio of the page each chapter starts on, where its link leads", () => {
    const b = get();
    const entries = contentsEntries(b.pdf);
    const starts = chapterStarts(b);
    // every chapter is in the contents, in order
    expect(starts.map((s) => skeleton(s.title))).toEqual(entries.filter((e) => starts.some((s) => s.id === e.dest)).map((e) => skeleton(e.title)));
    for (const e of entries) {
      expect(e.printed, `the number printed for “${e.title}”`).toBe(e.target);
      const folio = folioOf(b.pdf.pages[e.target! - 1]);
      expect(folio?.value, `the folio of page ${e.target} (“${e.title}”)`).toBe(e.printed);
      expect(pageHasHeading(b.pdf.pages[e.target! - 1], e.title), `page ${e.target} shows the heading “${e.title}”`).toBe(true);
    }
    for (const s of starts) expect(entries.find((e) => e.dest === s.id)?.target).toBe(s.page);
  });

  it("starts every chapter on a right-hand (odd) page", () => {
    const starts = chapterStarts(get());
    expect(starts.length).toBeGreaterThan(0);
    for (const s of starts) expect({ chapter: s.id, odd: s.page % 2 === 1 }).toEqual({ chapter: s.id, odd: true });
  });

  it("embeds every font, none of them Type 3, all of the booklet's own families", () => {
    const { pdf } = get();
    const families = fontFamiliesOf(meta().contentDir);
    expect(families).toEqual(expect.arrayContaining(["Source Serif 4", "Source Sans 3"]));
    const fonts = pdf.pages.flatMap((p) => p.fonts.map((f) => ({ ...f, page: p.number })));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.filter((f) => f.subtype === "Type3")).toEqual([]);
    expect(fonts.filter((f) => !inFamilies(f.name, families))).toEqual([]);
  });

  it("has one bookmark per chapter, leading to its first page", () => {
    const b = get();
    const top = b.pdf.outline.filter((o) => o.level === 1);
    for (const s of chapterStarts(b)) {
      const marks = top.filter((o) => skeleton(o.title) === skeleton(s.title));
      expect(marks.map((m) => m.page), `bookmarks of “${s.title}”`).toEqual([s.page]);
    }
  });

  it("sets the document's metadata and language, and is tagged", () => {
    const { pdf } = get();
    const m = meta();
    expect(pdf.info.title).toBe(m.title);
    expect(pdf.info.author).toBe(m.author);
    expect(pdf.info.subject).toBe(m.subject);
    for (const k of m.keywords) expect(pdf.info.keywords).toContain(k);
    expect(pdf.lang).toBe(m.language);
    expect(pdf.tagged).toBe(true);
  });

  it("repeats a table's header row on every page the table runs onto", () => {
    const b = get();
    for (const table of tablesOf(b.result.document.html).filter((t) => t.header.length)) {
      const pages = tablePages(b.pdf, table);
      expect(pages.length, `the pages of the table headed ${table.header.join(" | ")}`).toBeGreaterThan(0);
      expect(pages.filter((p) => !p.header)).toEqual([]);
    }
  });

  it("passed its preflight in the build, as a timed stage", () => {
    expect(get().result.stages.preflight).toBeGreaterThan(0);
  });
}
