// The shipped Black January booklet: every fact traceable to a source, figures from the data, and the PDF
// holding each chapter with its footnotes on their call pages.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { prepare, build } from "../../src/build.ts";
import { inspectPdf, type InspectedPdf } from "../../src/preflight/inspect.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "content");
const OUT = path.join(ROOT, "test/.tmp/content-booklet");

let prepared: Awaited<ReturnType<typeof prepare>>;
beforeAll(async () => {
  prepared = await prepare({ contentDir: CONTENT, edition: 2027 });
});

const chapterFiles = () => fs.readdirSync(path.join(CONTENT, "chapters")).filter((f) => f.endsWith(".md"));
const readChapter = (f: string) => fs.readFileSync(path.join(CONTENT, "chapters", f), "utf8");

describe("sources", () => {
  it("every cited source exists and every source is cited", () => {
    const ids = new Set(prepared.content.sources.keys());
    expect(ids.size).toBe(5);
    const cited = new Set<string>();
    const texts = [...chapterFiles().map(readChapter), fs.readFileSync(path.join(CONTENT, "foreword.md"), "utf8"), fs.readFileSync(path.join(CONTENT, "editions/2027/foreword.md"), "utf8")];
    for (const t of texts) for (const m of t.matchAll(/\[@([^\]]+)\]/g)) for (const part of m[1].split(";")) cited.add(part.trim().replace(/^@/, "").split(",")[0].trim());
    for (const t of prepared.content.tables.values()) for (const r of t.rows) if (typeof r.values.source === "string") cited.add(r.values.source);
    for (const id of cited) expect(ids, `cited source ${id}`).toContain(id);
    for (const id of ids) expect(cited, `source ${id} is cited`).toContain(id);
    expect(prepared.document.warnings.filter((w) => w.kind === "SourceNeverCited")).toEqual([]);
  });

  it("invents no web address: no source has a URL (none is known)", () => {
    for (const s of prepared.content.sources.values()) expect(s.item.URL, s.id).toBeUndefined();
  });
});

describe("chapters", () => {
  it("every chapter carries footnotes", () => {
    expect(prepared.document.chapters.length).toBeGreaterThanOrEqual(5);
    for (const ch of prepared.document.chapters) expect(ch.notes, ch.title).toBeGreaterThan(5);
  });

  it("types no figure of the toll table by hand: each is placed from the table", () => {
    const toll = prepared.content.tables.get("toll")!;
    // numbers of three or more digits that are toll figures, written in the prose outside {{figure}}
    const figures = new Set(toll.rows.map((r) => r.values.value).filter((v): v is number => typeof v === "number" && v >= 100).map(String));
    for (const f of chapterFiles()) {
      const prose = readChapter(f)
        .replace(/\{\{[^}]*\}\}/g, "")
        .replace(/\[\^?[^\]]*\]/g, "");
      for (const m of prose.matchAll(/\b\d{1,3}(?:[ ,]?\d{3})*\b/g)) {
        const n = m[0].replace(/[ ,]/g, "");
        if (/^(19|20)\d\d$/.test(n)) continue; // years
        expect(figures.has(n), `${f}: "${m[0]}" looks like a toll figure typed by hand`).toBe(false);
      }
    }
  });

  it("writes Azerbaijani names with their own letters", () => {
    const all = chapterFiles().map(readChapter).join("\n");
    for (const name of ["Şəhidlər Xiyabanı", "Lənkəran", "Neftçala", "Sumqayıt", "Milli Məclis"]) expect(all).toContain(name);
  });
});

describe("figures by source", () => {
  it("every row names a known source, and every source gives at least one figure", () => {
    const toll = prepared.content.tables.get("toll")!;
    const ids = new Set(prepared.content.sources.keys());
    for (const r of toll.rows) expect(ids, `row at line ${r.line}`).toContain(r.values.source);
    expect(new Set(toll.rows.map((r) => r.values.source))).toEqual(ids);
  });

  it("the side-by-side table shows exactly the figures of the data file, each under its source", () => {
    const csv = parseCsv(fs.readFileSync(path.join(CONTENT, "data/toll.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    const html = prepared.document.chapters.find((c) => /toll/i.test(c.id))!.html;
    const table = /<table class="pivot">([\s\S]*?)<\/table>/.exec(html)![1];
    const sourcesInOrder = [...table.matchAll(/<th scope="col" class="align-right">(.*?)<span class="fn"/g)].map((m) => m[1]);
    const short = (id: string) => (prepared.content.sources.get(id)!.item["short-title"] as string);
    const rows = [...table.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) => ({ label: m[1], cells: [...m[2].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]) }));
    const measures = prepared.content.tables.get("toll")!.measures;
    const strip = (s: string) => s.replace(/\u00ad/g, "").replace(/&quot;/g, '"');
    for (const row of csv) {
      const r = rows.find((x) => strip(x.label) === (measures[row.measure] ?? row.measure));
      expect(r, `a row for ${row.measure}`).toBeDefined();
      const col = sourcesInOrder.findIndex((s) => strip(s) === short(row.source));
      expect(col, `a column for ${row.source}`).toBeGreaterThanOrEqual(0);
      const expected = row.display || new Intl.NumberFormat("en-GB").format(Number(row.value));
      expect(strip(r!.cells[col])).toBe(expected);
    }
    // and no figure that is not in the data file
    const filled = rows.flatMap((r) => r.cells).filter((c) => c !== "—").length;
    expect(filled).toBe(csv.length);
  });

  it("places the chart with its sources", () => {
    const html = prepared.document.chapters.map((c) => c.html).join("");
    expect(html).toMatch(/<figure class="chart" id="chart-toll-by-source"[^>]*><svg/);
    expect(html).not.toMatch(/<script/);
  });
});

describe("the built booklet", () => {
  let pdf: InspectedPdf;
  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    await build({ contentDir: CONTENT, outDir: OUT, editions: [2027], formats: ["screen"] });
    pdf = await inspectPdf(fs.readFileSync(path.join(OUT, "2027/black-january-2027.pdf")));
  });

  it("is between 24 and 40 A5 pages", () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(24);
    expect(pdf.pages.length).toBeLessThanOrEqual(40);
    const p = pdf.pages[0].mediaBox;
    expect(Math.round((p.width * 25.4) / 72)).toBe(148);
    expect(Math.round((p.height * 25.4) / 72)).toBe(210);
  });

  it("holds each chapter, with every footnote on its call's page", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(OUT, "2027/manifest.json"), "utf8")) as { chapters: { title: string; startPage: number; notes: number }[] };
    for (const ch of manifest.chapters) {
      const page = pdf.pages[ch.startPage - 1];
      expect(page.text.replace(/\u00ad|-\n/g, ""), ch.title).toContain(ch.title);
    }
    const calls = pdf.pages.flatMap((p) => p.links.filter((l) => l.dest?.startsWith("note-")).map((l) => ({ from: p.number, to: l.page })));
    // every note of every chapter laid out as a note: about a hundred once gathered per paragraph
    expect(calls.length).toBe(manifest.chapters.reduce((n, ch) => n + ch.notes, 0));
    expect(calls.length).toBeGreaterThan(50);
    for (const c of calls) expect(c.to, `footnote called on page ${c.from}`).toBe(c.from);
  });

  it("shows the Azerbaijani letters in the booklet's own fonts", () => {
    const text = pdf.pages.map((p) => p.text).join("");
    const used = new Set(chapterFiles().map(readChapter).join("").match(/[əşğıçöüƏŞĞİÇÖÜ]/g));
    expect(used.size).toBeGreaterThanOrEqual(5);
    for (const ch of used) expect(text, `the letter ${ch}`).toContain(ch);
    const families = new Set(pdf.pages.flatMap((p) => p.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, "").split("-")[0])));
    for (const f of families) expect(f).toMatch(/^SourceSerif4|^SourceSans3/);
  });
});
