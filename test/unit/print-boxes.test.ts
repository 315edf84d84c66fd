// The print and screen PDFs' geometry without a browser: exact boxes from Chromium's rounded page with bleed,
// content moved to them, links and destinations moved with it, crop marks outside the bleed; and stable
// structure ids.

import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { cropMarkLines, MARK_GAP } from "../../src/pdf/marks.ts";
import { postprocess } from "../../src/pdf/postprocess.ts";
import { makePrintPdf, printGeometry } from "../../src/pdf/print.ts";
import { stabiliseNodeIds } from "../../src/pdf/stable-ids.ts";
import { readText } from "../e2e/print-pdf.ts";

const MM = 72 / 25.4;
const metadata = {
  title: "T",
  author: "A",
  keywords: [],
  language: "en",
  creator: "c",
  producer: "p",
  date: new Date(Date.UTC(2026, 0, 20)),
};

/** A page as Chromium prints A5 with 3 mm bleed (437.04 x 612 pt), a word 20 pt below the top-left corner
 *  of the trim, a link on it and a named destination at it. */
async function chromiumLike(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([437.04, 612]);
  const bleed = 3 * MM;
  page.drawText("Word", { x: bleed + 10, y: 612 - bleed - 20, font, size: 10 });
  const link = doc.context.register(
    doc.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [bleed + 10, 612 - bleed - 22, bleed + 40, 612 - bleed - 10],
      Border: [0, 0, 0],
    }),
  );
  page.node.set(PDFName.of("Annots"), doc.context.obj([link]));
  doc.catalog.set(PDFName.of("Dests"), doc.context.obj({ word: [page.ref, "XYZ", bleed + 10, 612 - bleed - 10, 0] }));
  return doc.save({ useObjectStreams: false });
}

describe("the print PDF's boxes", () => {
  for (const marks of [false, true]) {
    it(`sets exact boxes and moves the content, links and destinations onto them${marks ? ", with crop marks" : ""}`, async () => {
      const g = printGeometry({ trim: { width: 148, height: 210 }, bleedMm: 3, marks });
      const { pdf: bytes } = await makePrintPdf({ pdf: await chromiumLike(), geometry: g, marks, metadata });
      const doc = await PDFDocument.load(bytes);
      const page = doc.getPage(0);
      const slug = marks ? g.slug : 0;
      expect(slug > 0).toBe(marks);
      expect(page.getMediaBox()).toEqual({
        x: 0,
        y: 0,
        width: 148 * MM + 6 * MM + 2 * slug,
        height: 210 * MM + 6 * MM + 2 * slug,
      });
      expect(page.getBleedBox()).toEqual({ x: slug, y: slug, width: 148 * MM + 6 * MM, height: 210 * MM + 6 * MM });
      const trim = page.getTrimBox();
      expect(trim.x).toBeCloseTo(slug + 3 * MM, 9);
      expect(trim.width).toBeCloseTo(148 * MM, 9);
      expect(trim.height).toBeCloseTo(210 * MM, 9);
      // the word keeps its place relative to the trim's top-left corner
      const [word] = (await readText(bytes))[0].items;
      expect(word.x - trim.x).toBeCloseTo(10, 6);
      expect(trim.y + trim.height - word.y).toBeCloseTo(20, 6);
      const rect = doc.context
        .lookup(doc.context.lookup(page.node.Annots()!.get(0), PDFDict).get(PDFName.of("Rect")), PDFArray)
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      expect(rect[0] - trim.x).toBeCloseTo(10, 6);
      expect(trim.y + trim.height - rect[3]).toBeCloseTo(10, 6);
      const dest = doc.catalog.lookup(PDFName.of("Dests"), PDFDict).lookup(PDFName.of("word"), PDFArray).asArray();
      expect((dest[2] as PDFNumber).asNumber() - trim.x).toBeCloseTo(10, 6);
      expect(trim.y + trim.height - (dest[3] as PDFNumber).asNumber()).toBeCloseTo(10, 6);
      expect(doc.getCreationDate()?.toISOString()).toBe("2026-01-20T00:00:00.000Z");
    });
  }

  it("makes the screen PDF from the same layout: the trim alone, the content, links and destinations moved onto it", async () => {
    const bytes = await postprocess({
      pdf: await chromiumLike(),
      trim: { width: 148, height: 210 },
      bleed: 3 * MM,
      metadata,
    });
    const doc = await PDFDocument.load(bytes);
    const page = doc.getPage(0);
    for (const box of [page.getMediaBox(), page.getCropBox(), page.getBleedBox(), page.getTrimBox()])
      expect(box).toEqual({ x: 0, y: 0, width: 148 * MM, height: 210 * MM });
    expect(page.node.get(PDFName.of("ArtBox"))).toBeUndefined();
    // the word keeps its place relative to the trim's top-left corner, now the page's
    const [word] = (await readText(bytes))[0].items;
    expect(word.x).toBeCloseTo(10, 6);
    expect(210 * MM - word.y).toBeCloseTo(20, 6);
    const rect = doc.context
      .lookup(doc.context.lookup(page.node.Annots()!.get(0), PDFDict).get(PDFName.of("Rect")), PDFArray)
      .asArray()
      .map((n) => (n as PDFNumber).asNumber());
    expect(rect[0]).toBeCloseTo(10, 6);
    expect(210 * MM - rect[3]).toBeCloseTo(10, 6);
    const dest = doc.catalog.lookup(PDFName.of("Dests"), PDFDict).lookup(PDFName.of("word"), PDFArray).asArray();
    expect((dest[2] as PDFNumber).asNumber()).toBeCloseTo(10, 6);
    expect(210 * MM - (dest[3] as PDFNumber).asNumber()).toBeCloseTo(10, 6);
    // the drawing is clipped to the trim: the bleed is not part of the screen page
    expect(Buffer.from(bytes).toString("latin1")).toContain(`q 0 0 ${148 * MM} ${210 * MM} re W n 1 0 0 1 -${3 * MM} `);
  });

  it("starts every crop mark outside the bleed, on the trim's edges", () => {
    const g = printGeometry({ trim: { width: 148, height: 210 }, bleedMm: 3, marks: true });
    const lines = cropMarkLines(g.trimBox, g.bleed + MARK_GAP).map((l) => l.match(/-?[\d.]+/g)!.map(Number));
    expect(lines).toHaveLength(8);
    const { x0, y0, x1, y1 } = g.bleedBox;
    for (const [ax, ay, bx, by] of lines) {
      // outside the bleed box: both ends on the same outer side of it
      const outside = (x: number, y: number) => x < x0 || x > x1 || y < y0 || y > y1;
      expect(outside(ax, ay) && outside(bx, by)).toBe(true);
      // on a trim edge: vertical lines at the trim's x, horizontal ones at its y
      if (ax === bx) expect([g.trimBox.x0, g.trimBox.x1].some((x) => Math.abs(x - ax) < 0.001)).toBe(true);
      else expect([g.trimBox.y0, g.trimBox.y1].some((y) => Math.abs(y - ay) < 0.001)).toBe(true);
      // and on the page
      for (const v of [ax, ay, bx, by]) expect(v).toBeGreaterThanOrEqual(0);
      expect(Math.max(ax, bx)).toBeLessThanOrEqual(g.mediaWidth);
      expect(Math.max(ay, by)).toBeLessThanOrEqual(g.mediaHeight);
    }
  });
});

describe("Chromium's structure-element ids", () => {
  it("are renamed by rank, in place, so that two runs whose ids drifted give the same bytes", () => {
    const run = (base: number) =>
      Buffer.from(
        `1 0 obj << /ID (node${String(base + 7).padStart(8, "0")}) >> endobj 2 0 obj << /Headers [(node${String(base).padStart(8, "0")}) (node${String(base + 7).padStart(8, "0")})] >> endobj`,
      );
    const a = stabiliseNodeIds(run(1611));
    const b = stabiliseNodeIds(run(1613));
    expect(Buffer.from(a).toString()).toBe(Buffer.from(b).toString());
    expect(a.length).toBe(run(1611).length);
    expect(Buffer.from(a).toString()).toContain("/Headers [(node00000001) (node00000002)]");
  });
});
