// End to end: one booklet in two languages in one run. The minimal fixture with a German translation
// (test/fixtures/languages/de) is built with --language all: each language's PDF is read back with Poppler
// for its fixed text, its metadata and its contents page, and the German one passes every preflight check
// (the contents is found by its links, not by the word Contents).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import type { Logger } from "../../src/log.ts";
import { tempDir } from "../helpers/tmp.ts";

const MINIMAL = path.resolve(import.meta.dirname, "../fixtures/minimal");
const GERMAN = path.resolve(import.meta.dirname, "../fixtures/languages/de");
let out: string;
const stages: string[] = [];
const lines: string[] = [];

const pdf = (lang: string) => path.join(out, "2027", lang, `alder-reach-2027-${lang}.pdf`);
const text = (file: string, page?: number) =>
  execFileSync("pdftotext", [...(page ? ["-f", String(page), "-l", String(page)] : []), "-layout", file, "-"], {
    encoding: "utf8",
  });
const info = (file: string) => execFileSync("pdfinfo", [file], { encoding: "utf8" });
/** One line of pdfinfo's output: "Subject:        …" */
const field = (file: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(info(file))?.[1] ?? "";

beforeAll(async () => {
  const dir = tempDir("booklet-languages-e2e-");
  const content = path.join(dir, "content");
  fs.cpSync(MINIMAL, content, { recursive: true });
  fs.cpSync(GERMAN, path.join(content, "languages/de"), { recursive: true });
  out = path.join(dir, "output");
  const log: Logger = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    debug: () => undefined,
    stage: (name, _ms, detail) => stages.push(`${name}: ${detail ?? ""}`),
    progress: () => undefined,
  };
  // both languages laid out at once, in one browser
  await build({
    contentDir: content,
    outDir: out,
    editions: [2027],
    languages: "all",
    formats: ["screen", "print", "html"],
    log,
    concurrency: 2,
    env: { SOURCE_DATE_EPOCH: "1790000000" },
  });
});

describe("a booklet in two languages", () => {
  it("writes each language into its own folder, with its name in the files' names", () => {
    for (const lang of ["en-GB", "de"]) {
      const manifest = JSON.parse(fs.readFileSync(path.join(out, "2027", lang, "manifest.json"), "utf8"));
      expect(manifest.language).toBe(lang);
      expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([
        `alder-reach-2027-${lang}.pdf`,
        `alder-reach-2027-${lang}-print.pdf`,
        `alder-reach-2027-${lang}.html`,
      ]);
      expect(fs.existsSync(path.join(out, "2027", lang, "changes.md"))).toBe(true);
    }
    expect(fs.readdirSync(path.join(out, "2027")).sort()).toEqual(["de", "en-GB"]);
  });

  it("prints the German booklet's fixed text in German, and the English one's in English", () => {
    const de = text(pdf("de")).replace(/\u00AD/g, "");
    // the cover's line is letter-spaced: Poppler reads a space between its letters
    expect(de.replace(/\s+/g, "")).toContain("75.JAHRESTAG·15.MÄRZ2027");
    for (const words of [
      "Eine Gedenkschrift zum 75. Jahrestag",
      "Inhalt",
      "Quellen",
      "Über dieses Heft",
      "Vor dem Wasser",
      "Verlag nicht angegeben, o. J.",
      "Ausgabe zum 75. Jahrestag, 15. März 2027; die 26. Ausgabe dieses Hefts.",
    ]) {
      expect(de.replace(/\s+/g, " ")).toContain(words);
    }
    expect(de).not.toMatch(/Contents|Colophon|Publisher not stated/);
    // the fixture's third chapter is not translated and names the edition in English; the pages of fixed text are all German
    const count = Number(field(pdf("de"), "Pages"));
    for (const n of [1, 2, 3, 4, count - 1, count])
      expect(text(pdf("de"), n)).not.toMatch(/anniversary|commemorative|Prepared on/i);
    const en = text(pdf("en-GB")).replace(/\s+/g, " ");
    for (const words of [
      "A commemorative booklet for the 75th anniversary",
      "Contents",
      "Sources",
      "Colophon",
      "Before the water",
    ])
      expect(en).toContain(words);
    expect(en).not.toMatch(/Inhalt|Jahrestag|Vor dem Wasser/);
  });

  it("gives each PDF its language's title, subject and keywords", () => {
    expect(field(pdf("de"), "Title")).toBe("Die Flut von Alder Reach: Ein Testheft, 14.–15. März 1952");
    expect(field(pdf("de"), "Subject")).toMatch(/^Ein Testheft, das Fußnoten/);
    expect(field(pdf("de"), "Keywords")).toContain("75. Jahrestag");
    expect(field(pdf("en-GB"), "Keywords")).toContain("75th anniversary");
    // each keyword whole, a comma between two: "Alder Reach" is one keyword, not two
    expect(field(pdf("en-GB"), "Keywords")).toMatch(/, 75th anniversary, 2027$/);
    // the print PDF's title says what it is, in the booklet's language
    const print = (lang: string) => pdf(lang).replace(/\.pdf$/, "-print.pdf");
    expect(field(print("de"), "Title")).toBe(
      "Die Flut von Alder Reach: Ein Testheft, 14.–15. März 1952 (Druckfassung)",
    );
    expect(field(print("en-GB"), "Title")).toMatch(/ \(print version\)$/);
  });

  it("writes each language's changes.md in its language", () => {
    const report = (lang: string) => fs.readFileSync(path.join(out, "2027", lang, "changes.md"), "utf8");
    expect(report("de").split("\n")[0]).toBe("# Änderungen in der Ausgabe 2027 (75. Jahrestag) gegenüber 2026");
    expect(report("de")).toContain("## Wo jedes Kapitel beginnt");
    expect(report("de")).not.toMatch(/Changes|Chapters|Figures|Where each chapter/);
    expect(report("en-GB").split("\n")[0]).toBe("# Changes in the 2027 edition (75th anniversary), against 2026");
  });

  it("prints German contents entries whose numbers are the pages their titles start on", () => {
    const pages = Number(field(pdf("de"), "Pages"));
    const contentsPage = Array.from({ length: pages }, (_, i) => i + 1).find((n) =>
      /^\s*Inhalt\s*$/m.test(text(pdf("de"), n)),
    )!;
    const entries = [...text(pdf("de"), contentsPage).matchAll(/^\s*(\S.*?\S)\s{2,}(\d+)\s*$/gm)].map((m) => ({
      title: m[1],
      page: Number(m[2]),
    }));
    expect(entries.map((e) => e.title)).toEqual([
      "Vorwort",
      "Vor dem Wasser",
      "The night of the flood",
      "Afterwards",
      "Nachwort zur Übersetzung",
      "Quellen",
      "Über dieses Heft",
    ]);
    for (const e of entries) expect(text(pdf("de"), e.page).replace(/\u00AD/g, "")).toContain(e.title);
  });

  it("runs every preflight check on the German booklet, none skipped", () => {
    expect(stages.filter((s) => s.startsWith("2027 de preflight"))).toEqual(["2027 de preflight: 13 checks passed"]);
    expect(stages.filter((s) => s.startsWith("2027 en-GB preflight"))).toEqual([
      "2027 en-GB preflight: 13 checks passed",
    ]);
  });

  it("names in the log every file the German translation replaces or adds", () => {
    const said = lines.filter((l) => /replaces|is added/.test(l)).map((l) => l.replace(/\S*\/content\//g, ""));
    expect(said).toEqual([
      "[2027 de]   language de: languages/de/chapters/01-before.md replaces chapters/01-before.md",
      "[2027 de]   language de: languages/de/data/readings.yaml replaces data/readings.yaml",
      "[2027 de]   language de: languages/de/chapters/04-epilogue.md is added",
      "[2027 de]   language de: languages/de/foreword.md is added",
    ]);
  });
});

describe("a chapter the translation does not replace", () => {
  const web = (lang: string) => fs.readFileSync(path.join(out, "2027", lang, `alder-reach-2027-${lang}.html`), "utf8");
  /**
   * A chapter's section in a web edition: its opening tag, and its text up to its notes, tags taken out, without
   * its tables (the translation's data/readings.yaml is in German)
   */
  const chapter = (html: string, id: string) => {
    const at = html.indexOf(` id="${id}"`);
    const open = html.slice(html.lastIndexOf("<section", at), html.indexOf(">", at) + 1);
    const body = html.slice(html.indexOf(">", at) + 1, html.indexOf('<aside class="notes"', at));
    const prose = body.replace(/<figure[\s\S]*?<\/figure>|<sup[\s\S]*?<\/sup>/g, "");
    return { open, text: prose.replace(/<[^>]+>/g, "") };
  };

  it("is marked as English in the German booklet, and the chapters it replaces are not marked", () => {
    expect(chapter(web("de"), "ch-02-night").open).toBe('<section class="chapter" id="ch-02-night" lang="en-GB">');
    expect(chapter(web("de"), "ch-01-before").open).toBe('<section class="chapter" id="ch-01-before">');
    expect(chapter(web("en-GB"), "ch-02-night").open).toBe('<section class="chapter" id="ch-02-night">');
  });

  it("has its words divided as in the English booklet, not by the German rules", () => {
    const de = chapter(web("de"), "ch-02-night").text;
    expect(de).toBe(chapter(web("en-GB"), "ch-02-night").text);
    // where the two languages' rules differ: English read-ings, German re-a-dings; German th-rough
    expect(de).toContain("read\u00adings");
    expect(de).not.toContain("th\u00adrough");
  });
});
