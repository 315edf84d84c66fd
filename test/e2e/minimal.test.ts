// End to end: the fixture booklet (three short chapters, notes, a table over a page break, a figure, a cover
// image) built by the real build() in Chromium, and its PDF read back.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../../src/preflight/index.ts";
import { imagesOn, linesOf, skeleton } from "../helpers/pdf-read.ts";
import { type Built, bookletFacts, buildAndInspect, tablePages, tablesOf } from "./booklet-facts.ts";

const CONTENT = path.resolve(import.meta.dirname, "../fixtures/minimal");
let built: Built;

beforeAll(async () => {
  built = await buildAndInspect("minimal", CONTENT, 2027);
});

describe("the fixture booklet", () => {
  bookletFacts(
    () => built,
    () => ({
      title: "The Alder Reach Flood: A test booklet, 14–15 March 1952",
      author: "The test editors",
      subject: "A fixture booklet that exercises notes, tables, figures and the contents page.",
      keywords: ["Alder Reach", "flood", "fixture", "75th anniversary", "2027"],
      language: "en-GB",
      contentDir: CONTENT,
    }),
  );

  it("has three chapters of two or three pages, with several notes each", () => {
    const { chapters, pdf } = built;
    expect(chapters.map((c) => c.id)).toEqual(["ch-01-before", "ch-02-night", "ch-03-after"]);
    for (const c of chapters) expect(c.notes).toBeGreaterThanOrEqual(4);
    const starts = chapters.map((c) => pdf.destinations[c.id]!);
    const sources = pdf.destinations.sources!;
    const lengths = [...starts, sources].slice(1).map((p, i) => p - starts[i]);
    // a chapter's pages, and the blank page that puts the next on the right
    for (const l of lengths) expect(l).toBeGreaterThanOrEqual(2);
    for (const l of lengths) expect(l).toBeLessThanOrEqual(4);
  });

  it("runs the readings table over a page break and repeats its header row on the next page", () => {
    const readings = tablesOf(built.result.document.html).find((t) => t.header.includes("Level (cm)"))!;
    expect(readings.header.map((h) => h.replace(/\u00AD/g, ""))).toEqual(["Time", "Level (cm)", "Gauge", "Remark"]);
    expect(readings.rows).toHaveLength(40);
    const pages = tablePages(built.pdf, readings);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((p) => p.header)).toBe(true);
    // the first row and the last are on different pages, each under its header
    const first = built.pdf.pages.find((p) => p.text.includes("(reading 1)"))!.number;
    const last = built.pdf.pages.find((p) => p.text.includes("(reading 40)"))!.number;
    expect(last).toBeGreaterThan(first);
    const headerLines = (n: number) =>
      linesOf(built.pdf.pages[n - 1]).filter((l) =>
        l
          .map((w) => w.text)
          .join(" ")
          .includes("Level (cm)"),
      ).length;
    expect([headerLines(first), headerLines(last)]).toEqual([1, 1]);
  });

  it("prints the figures taken from the records table", () => {
    const text = skeleton(built.pdf.pages.map((p) => p.text).join(" "));
    expect(text).toContain(skeleton("gave more than 230 houses flooded"));
    expect(text).toContain(skeleton("at 475 centimetres"));
  });

  it("draws the cover image at its placed size, and the print check rates its resolution", async () => {
    const [cover] = imagesOn(built.pdfPath, 1);
    expect(cover).toMatchObject({ width: 600, height: 400 });
    // drawn without distortion: the same resolution across and down
    expect(Math.abs(cover.xPpi - cover.yPpi)).toBeLessThanOrEqual(1);
    // about 150 dpi on an A5 cover: fine on a screen, too little for print
    const report = await preflight({
      pdf: built.pdfPath,
      print: true,
      expected: { trim: { width: 148, height: 210 }, bleed: 0 },
    });
    const low = report.findings.filter((f) => f.id === "print.image-resolution" && f.status === "fail");
    expect(low.map((f) => f.page)).toEqual(cover.xPpi < 300 ? [1] : []);
  });
});
