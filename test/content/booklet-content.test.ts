// The shipped Black January booklet: every fact traceable to a source, figures from the data, and the PDF
// holding each chapter with its footnotes on their call pages.
import fs from "node:fs";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { build, prepare } from "../../src/build.ts";
import { type InspectedPdf, inspectPdf } from "../../src/preflight/inspect.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "content");
const OUT = path.join(ROOT, "test/.tmp/content-booklet");

let prepared: Awaited<ReturnType<typeof prepare>>;
beforeAll(async () => {
  prepared = await prepare({ contentDir: CONTENT, edition: 2027 });
});

const chapterFiles = () => fs.readdirSync(path.join(CONTENT, "chapters")).filter((f) => f.endsWith(".md"));
const readChapter = (f: string) => fs.readFileSync(path.join(CONTENT, "chapters", f), "utf8");
const FOREWORDS = ["foreword.md", "editions/2027/foreword.md"];
/** every text of the booklet's own voice: the chapters and the forewords, by their path in content/ */
const texts = () => [
  ...chapterFiles().map((f) => [`chapters/${f}`, readChapter(f)]),
  ...FOREWORDS.map((f) => [f, fs.readFileSync(path.join(CONTENT, f), "utf8")]),
];

/**
 * The paragraphs of a Markdown file that state something: front matter, headings, note definitions and
 * placed tables and charts left out, and a paragraph that only introduces the table after it (the
 * table's rows carry their own notes).
 */
function statingParagraphs(md: string): string[] {
  const body = md.replace(/^---\n[\s\S]*?\n---\n/, "");
  const blocks = body
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const placed = (b: string) => /^\{\{(table|chart) /.test(b);
  return blocks.filter(
    (b, i) =>
      !b.startsWith("#") && !/^\[\^[^\]]+\]:/.test(b) && !/^ {4}/.test(b) && !placed(b) && !placed(blocks[i + 1] ?? ""),
  );
}

describe("sources", () => {
  it("every cited source exists and every source is cited", () => {
    const ids = new Set(prepared.content.sources.keys());
    expect(ids.size).toBe(5);
    const cited = new Set<string>();
    for (const [, t] of texts())
      for (const m of t.matchAll(/\[@([^\]]+)\]/g))
        for (const part of m[1].split(";")) cited.add(part.trim().replace(/^@/, "").split(",")[0].trim());
    for (const t of prepared.content.tables.values())
      for (const r of t.rows) if (typeof r.values.source === "string") cited.add(r.values.source);
    for (const id of cited) expect(ids, `cited source ${id}`).toContain(id);
    for (const id of ids) expect(cited, `source ${id} is cited`).toContain(id);
    expect(prepared.document.warnings.filter((w) => w.kind === "SourceNeverCited")).toEqual([]);
  });

  it("invents no web address: no source has a URL (none is known)", () => {
    for (const s of prepared.content.sources.values()) expect(s.item.URL, s.id).toBeUndefined();
  });

  it("invents no date: a year the text does not print is bracketed, and its note says how it was reckoned", () => {
    for (const s of prepared.content.sources.values()) {
      const issued = s.item.issued;
      if (!issued) continue; // undated: the bibliography says n.d.
      expect(issued["date-parts"], s.id).toBeUndefined();
      expect(issued.literal, s.id).toMatch(/^\[(19|20)\d\d\]$/);
      const year = Number(issued.literal!.slice(1, 5));
      const anniversary = year - 1990;
      expect(String(s.item.note), s.id).toMatch(new RegExp(`“${anniversary} years ago”|${anniversary}th anniversary`));
    }
  });

  it("names each source by one short name, the same in the notes, the tables, the chart and the prose", () => {
    const chart = fs.readFileSync(path.join(CONTENT, "charts/toll-by-source.yaml"), "utf8");
    const prose = texts()
      .map(([, t]) => t)
      .join("\n")
      .replace(/\s+/g, " ");
    for (const s of prepared.content.sources.values()) {
      const short = s.item["short-title"] as string;
      expect(short, s.id).toBeTruthy();
      expect(chart, `${s.id} in the chart`).toContain(`'${short}'`);
      expect(prose.toLowerCase(), `${s.id} in the prose`).toContain(short.toLowerCase());
    }
  });
});

describe("chapters", () => {
  it("every chapter carries footnotes, and every paragraph that states something cites a source", () => {
    expect(prepared.document.chapters.length).toBeGreaterThanOrEqual(5);
    for (const ch of prepared.document.chapters) expect(ch.notes, ch.title).toBeGreaterThan(0);
    let paragraphs = 0;
    for (const f of chapterFiles()) {
      const file = `chapters/${f}`;
      for (const p of statingParagraphs(readChapter(f))) {
        paragraphs++;
        expect(/\[@|\[\^/.test(p), `${file}: a paragraph with no note: “${p.slice(0, 70)}…”`).toBe(true);
      }
    }
    expect(paragraphs).toBeGreaterThan(30);
  });

  it("types no figure of the data tables by hand: each is placed from its table", () => {
    const rows = ["toll", "details"].flatMap((name) => prepared.content.tables.get(name)!.rows);
    // numbers of three or more digits that are figures of the tables, written in the prose outside {{figure}}
    const figures = new Set(
      rows
        .map((r) => r.values.value)
        .filter((v): v is number => typeof v === "number" && v >= 100)
        .map(String),
    );
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

  it("spells people and places as the sources do, and adds no form of its own", () => {
    const all = (
      texts()
        .map(([, t]) => t)
        .join("\n") + fs.readFileSync(path.join(CONTENT, "data/timeline.csv"), "utf8")
    ).replace(/\s+/g, " ");
    for (const name of [
      "Alley of Martyrs",
      "Martyr’s Alley",
      "Heydar Aliyev",
      "Milli Majlis",
      "Sumgait",
      "Sumgayit",
      "Lankaran",
      "Neftchala",
    ])
      expect(all).toContain(name);
    for (const name of [
      "Şəhidlər",
      "Xiyaban",
      "Əliyev",
      "Heydər",
      "Məclis",
      "Sumqayıt",
      "Lənkəran",
      "Neftçala",
      "Yanvar faciəsi”",
      "Republic of Azerbaijan in Seoul",
      "Memorial Foundation",
    ])
      expect(all).not.toContain(name);
    // the one Azerbaijani text is the OMM report's own headline, quoted
    expect(all).toContain("“20 Yanvar faciəsindən 36 il ötür”");
  });

  it("gives every figure of the details table in the prose, from the table", () => {
    const prose = chapterFiles().map(readChapter).join("\n");
    for (const r of prepared.content.tables.get("details")!.rows) {
      expect(prose, `${r.values.measure} of ${r.values.source}`).toContain(
        `{{figure "details" "${r.values.measure}" source="${r.values.source}"}}`,
      );
    }
  });
});

describe("figures by source", () => {
  it("every row names a known source, and every source gives at least one figure", () => {
    const toll = prepared.content.tables.get("toll")!;
    const ids = new Set(prepared.content.sources.keys());
    for (const r of toll.rows) expect(ids, `row at line ${r.line}`).toContain(r.values.source);
    expect(new Set(toll.rows.map((r) => r.values.source))).toEqual(ids);
  });

  it("the toll table shows exactly the figures of the data file, each with its source, its words and its area", () => {
    const csv = parseCsv(fs.readFileSync(path.join(CONTENT, "data/toll.csv"), "utf8"), { columns: true }) as Record<
      string,
      string
    >[];
    const html = prepared.document.chapters.find((c) => /toll/i.test(c.id))!.html;
    const table = /<figure class="data-table" id="table-toll"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1];
    const short = (id: string) => prepared.content.sources.get(id)!.item["short-title"] as string;
    const strip = (s: string) =>
      s
        .replace(/<span class="fn"[\s\S]*$/, "")
        .replace(/<[^>]+>/g, "")
        .replace(/\u00ad/g, "")
        .replace(/&quot;/g, '"')
        .trim();
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => strip(c[1])),
    );
    const measures = prepared.content.tables.get("toll")!.measures;
    expect(rows.length, "one table row per row of the data file").toBe(csv.length);
    csv.forEach((row, i) => {
      const expected = [measures[row.measure], short(row.source), row.display, row.qualifier, row.area || "—"];
      expect(rows[i], `row ${i + 2} of toll.csv`).toEqual(expected);
    });
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
    pdf = await inspectPdf(fs.readFileSync(path.join(OUT, "2027/en-GB/black-january-2027-en-GB.pdf")));
  });

  it("is between 24 and 40 A5 pages", () => {
    expect(pdf.pages.length).toBeGreaterThanOrEqual(24);
    expect(pdf.pages.length).toBeLessThanOrEqual(40);
    const p = pdf.pages[0].mediaBox;
    expect(Math.round((p.width * 25.4) / 72)).toBe(148);
    expect(Math.round((p.height * 25.4) / 72)).toBe(210);
  });

  it("holds each chapter, with every footnote on its call's page", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(OUT, "2027/en-GB/manifest.json"), "utf8")) as {
      chapters: { title: string; startPage: number; notes: number }[];
    };
    for (const ch of manifest.chapters) {
      const page = pdf.pages[ch.startPage - 1];
      expect(page.text.replace(/\u00ad|-\n/g, ""), ch.title).toContain(ch.title);
    }
    const calls = pdf.pages.flatMap((p) =>
      p.links.filter((l) => l.dest?.startsWith("note-")).map((l) => ({ from: p.number, to: l.page })),
    );
    const notes = prepared.document.chapters.reduce((n, c) => n + c.notes, prepared.document.foreword?.notes ?? 0);
    expect(notes).toBeGreaterThan(40);
    expect(calls.length).toBe(notes);
    for (const c of calls) expect(c.to, `footnote called on page ${c.from}`).toBe(c.from);
  });

  it("shows the Azerbaijani letters in the booklet's own fonts", () => {
    const text = pdf.pages.map((p) => p.text).join("");
    // the OMM report's Azerbaijani headline, quoted in the chapters: ə, ö and ü
    const used = new Set(
      chapterFiles()
        .map(readChapter)
        .join("")
        .match(/[əşğıçöüƏŞĞİÇÖÜ]/g),
    );
    expect(used.size).toBeGreaterThanOrEqual(3);
    for (const ch of used) expect(text, `the letter ${ch}`).toContain(ch);
    const families = new Set(
      pdf.pages.flatMap((p) => p.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, "").split("-")[0])),
    );
    for (const f of families) expect(f).toMatch(/^SourceSerif4|^SourceSans3/);
  });
});
