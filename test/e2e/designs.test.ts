// The sample designs built as a user builds them, and read back with Poppler: an A4 report in another
// @fontsource family, a 170 x 240 mm booklet in a font file of its own (the shipped A5 booklet is
// shipped.test.ts's), the scaffold on 6x9 with its "Sources" heading kept with its text, and a real Chromium PDF
// with a heading at a page's foot, which the preflight fails.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../../src/preflight/index.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/booklet.js");
const EPOCH = String(Date.UTC(2026, 10, 21) / 1000);
const run = (args: string[], cwd = ROOT) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "1", SOURCE_DATE_EPOCH: EPOCH },
  });
const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: "utf8" });
/** The text of each page, soft hyphens removed. */
const pagesOf = (file: string) =>
  poppler("pdftotext", ["-layout", file, "-"])
    .replace(/\u00ad/g, "")
    .split("\f")
    .slice(0, -1);
const PT = 72 / 25.4;

interface Design {
  name: string;
  slug: string;
  trim: [number, number];
  sheet: [number, number];
  fonts: RegExp[];
  setIn: string;
}

const DESIGNS: Design[] = [
  {
    name: "report-a4",
    slug: "page-and-type",
    trim: [210, 297],
    sheet: [420, 297],
    fonts: [/^Lora-/, /^SourceSans3/],
    setIn: "Set in Lora and Source Sans 3.",
  },
  {
    name: "local-font-170x240",
    slug: "typeface-of-your-own",
    trim: [170, 240],
    sheet: [420, 297],
    fonts: [/^DejaVuSerif/, /^SourceSans3/],
    setIn: "Set in DejaVu Serif and Source Sans 3.",
  },
];

describe.each(DESIGNS)("the $name example", (design) => {
  const content = path.join(ROOT, "examples", design.name);
  let out: string;
  let file: (suffix: string) => string;
  beforeAll(() => {
    out = tempDir("booklet-design-");
    const build = run(["build", "--content", content, "--out", out, "--edition", "2027"]);
    expect(build.stderr).not.toMatch(/warning|error/i);
    expect(build.status).toBe(0);
    file = (suffix) => path.join(out, "2027", `${design.slug}-2027${suffix}`);
  });

  it("is the shipped stylesheet with tokens and a few lines of its own: no copy of booklet.css", () => {
    const own = path.join(content, "templates");
    const files = fs.existsSync(own)
      ? fs.readdirSync(own, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())
      : [];
    expect(files.every((f) => f.name !== "booklet.css" && f.name !== "fonts.txt")).toBe(true);
    for (const f of files)
      expect(fs.readFileSync(path.join(f.parentPath, f.name), "utf8").split("\n").length).toBeLessThan(12);
  });

  it("prints on its page size, with the print PDF's boxes and the imposed sheet following it", () => {
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(poppler("pdfinfo", [file(".pdf")]))!;
    expect(+size[1]).toBeCloseTo(design.trim[0] * PT, 0);
    expect(+size[2]).toBeCloseTo(design.trim[1] * PT, 0);
    const boxes = poppler("pdfinfo", ["-box", file("-print.pdf")]);
    const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)!.slice(1).map(Number);
    expect(trim[2] - trim[0]).toBeCloseTo(design.trim[0] * PT, 0);
    expect(trim[3] - trim[1]).toBeCloseTo(design.trim[1] * PT, 0);
    expect(trim[0]).toBeCloseTo(3 * PT, 1);
    const sheet = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(poppler("pdfinfo", [file("-imposed.pdf")]))!;
    expect([+sheet[1], +sheet[2]].map((n) => Math.round(n / PT))).toEqual(design.sheet);
  });

  it("embeds exactly its declared typefaces, none Type 3, and names them in the colophon", () => {
    const rows = poppler("pdffonts", [file(".pdf")])
      .split("\n")
      .slice(2)
      .filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const name = row.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, "");
      expect(
        design.fonts.some((f) => f.test(name)),
        name,
      ).toBe(true);
      expect(row).not.toMatch(/Type 3/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/);
    }
    for (const f of design.fonts)
      expect(rows.some((r) => f.test(r.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, "")))).toBe(true);
    expect(pagesOf(file(".pdf")).join("\n").replace(/\s+/g, " ")).toContain(design.setIn);
  });

  it("sets a line of 60 to 80 characters, as on A5", () => {
    // the first chapter's first page: its lines of running text, without the notes (set smaller, and
    // indented by their numbers) and the folio
    const pages = pagesOf(file(".pdf"));
    const chapter = pages.find((p) => /^\s*1\s*$/m.test(p.split("\n").slice(0, 6).join("\n")))!;
    const lines = chapter
      .split("\n")
      .filter((l) => /^\S/.test(l) && l.trim().length > 50)
      .map((l) => l.trim().length);
    lines.sort((a, b) => a - b);
    expect(lines.length).toBeGreaterThan(8);
    const median = lines[Math.floor(lines.length / 2)];
    expect(median).toBeGreaterThanOrEqual(60);
    expect(median).toBeLessThanOrEqual(80);
  });

  it("passes the print preflight", () => {
    const check = run(["preflight", file("-print.pdf"), "--print", "--content", content]);
    expect(check.stdout).toMatch(/^passed:/m);
    expect(check.status).toBe(0);
  });
});

describe("keep with next", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser({ timeoutSeconds: 60 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("keeps the scaffold's Sources heading with its text on 6x9", () => {
    const root = tempDir("booklet-design-init-");
    expect(run(["init", "memorial", "--title", "The Flood of 1953", "--event-date", "1953-02-01"], root).status).toBe(
      0,
    );
    const dir = path.join(root, "memorial");
    const config = path.join(dir, "content", "booklet.yaml");
    fs.writeFileSync(config, fs.readFileSync(config, "utf8").replace("pageSize: A5", "pageSize: 6x9"));
    const build = run(["build", "--formats", "screen", "--edition", "2027"], dir);
    expect(build.status, build.stderr).toBe(0);
    const pages = pagesOf(path.join(dir, "output", "2027", "the-flood-of-1953-2027.pdf"));
    const heading = pages.findIndex((p) => /^\s*Sources\s*$/m.test(p));
    expect(heading).toBeGreaterThan(0);
    expect(pages[heading].replace(/\s+/g, " ")).toContain("Every statement of fact");
  });

  it("is checked by the preflight: a Chromium PDF with a heading at a page's foot fails", async () => {
    const page = await session.browser.newPage();
    try {
      // Chromium alone holds break-after: avoid, so this page lets the heading end it
      await page.setContent(`<html lang="en"><style>@page { size: 148mm 210mm; margin: 15mm } body { margin: 0; font: 12pt serif }
        h2 { break-after: auto; margin: 0 } p { margin: 0 } .tall { height: 160mm } .block { height: 60mm; break-inside: avoid }</style>
        <p class="tall">The first page's text.</p><h2>Stranded heading</h2><p class="block">The heading's text.</p></html>`);
      const pdf = new Uint8Array(await page.pdf({ preferCSSPageSize: true, tagged: true }));
      const file = path.join(tempDir("booklet-design-keep-"), "keep.pdf");
      fs.writeFileSync(file, pdf);
      const pages = pagesOf(file);
      expect(pages).toHaveLength(2);
      expect(pages[0].trim().split("\n").at(-1)!.trim()).toBe("Stranded heading");
      const report = await preflight({ pdf, expected: { fontFamilies: [] } });
      expect(report.findings.find((f) => f.id === "keep.heading-at-foot")).toMatchObject({
        status: "fail",
        page: 1,
        message: "page 1 ends with the heading “Stranded heading”; its text starts on page 2",
      });
    } finally {
      await page.close();
    }
  });
});
