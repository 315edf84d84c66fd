// inspectPdf on a small PDF made with pdf-lib, whose every fact is known: boxes, text, a link through a named
// destination, a font that is not embedded, images at known sizes, transparency, outline, metadata.
import { beforeAll, describe, expect, it } from "vitest";
import { type InspectedPdf, inspectPdf, itemsIn, linesOf } from "../../../src/preflight/inspect.ts";
import { makePdf } from "./make-pdf.ts";

describe("inspectPdf", () => {
  let pdf: InspectedPdf;
  beforeAll(async () => {
    pdf = await inspectPdf(await makePdf({ tagged: true }));
  });

  it("reads a Buffer in Node's shared pool, as fs.readFileSync gives one, and leaves it as it was", async () => {
    const bytes = await makePdf({ tagged: true });
    // a Buffer that is a view into a larger ArrayBuffer: handing its memory to pdf.js's thread would empty it
    const pool = Buffer.alloc(bytes.length + 64);
    const buffer = pool.subarray(32, 32 + bytes.length);
    buffer.set(bytes);
    const read = await inspectPdf(buffer);
    expect(read.pageCount).toBe(2);
    expect(buffer.length).toBe(bytes.length);
    expect(Buffer.compare(buffer, Buffer.from(bytes))).toBe(0);
  });

  it("reads the pages and their boxes in pt", () => {
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pages.map((p) => p.number)).toEqual([1, 2]);
    expect(pdf.pages[0].mediaBox).toMatchObject({ x0: 0, y0: 0, width: 420, height: 595 });
    expect(pdf.pages[0].trimBox).toMatchObject({ x0: 10, y0: 10, x1: 410, y1: 585, width: 400, height: 575 });
    expect(pdf.pages[0].bleedBox).toMatchObject({ width: 420, height: 595 });
    expect(pdf.pages[1].trimBox).toBeUndefined();
  });

  it("reads the text with positions and sizes", () => {
    const hello = pdf.pages[0].items.find((i) => i.text.includes("Hello"));
    expect(hello).toMatchObject({ text: "Hello preflight", x: 50, y: 500 });
    expect(hello!.size).toBeCloseTo(12);
    expect(pdf.pages[0].text).toContain("Hello preflight");
    expect(linesOf(pdf.pages[0]).map((l) => l.text)).toEqual(["Hello preflight", "7"]);
  });

  it("resolves a link's named destination to its page, and keeps a URI", () => {
    const [note, web] = pdf.pages[0].links;
    expect(note).toMatchObject({ dest: "note-x", page: 2 });
    expect(itemsIn(pdf.pages[0], note.rect).map((i) => i.text)).toEqual(["7"]);
    expect(web).toMatchObject({ url: "https://example.org/", page: null });
    expect(pdf.destinations).toEqual({ "note-x": 2 });
  });

  it("lists fonts with their type and whether they are embedded", () => {
    expect(pdf.pages[0].fonts).toEqual([
      { name: "Helvetica", baseFont: "Helvetica", subtype: "Type1", embedded: false },
    ]);
  });

  it("finds images with their pixel size, placed size and effective resolution", () => {
    const [a] = pdf.pages[0].images;
    const [b] = pdf.pages[1].images;
    expect(a).toMatchObject({ pixelWidth: 600, pixelHeight: 400 });
    expect(a.placedWidth).toBeCloseTo(144);
    expect(a.placedHeight).toBeCloseTo(96);
    expect(a.dpiX).toBeCloseTo(300);
    expect(b.dpiX).toBeCloseTo(150);
    expect(b.dpiY).toBeCloseTo(150);
  });

  it("notices transparency: a constant alpha below 1", () => {
    expect(pdf.pages[0].transparency).toEqual([]);
    expect(pdf.pages[1].transparency.join(" ")).toMatch(/opacity 0\.5/);
  });

  it("reads the outline with levels and pages", () => {
    expect(pdf.outline).toEqual([
      { title: "Chapter one", page: 1, level: 1 },
      { title: "A section", page: 2, level: 2 },
    ]);
  });

  it("reads the metadata, the language and whether the file is tagged", async () => {
    expect(pdf.info).toMatchObject({
      title: "A test PDF",
      author: "The tests",
      subject: "Inspection",
      keywords: "one two",
    });
    expect(pdf.lang).toBe("en-GB");
    expect(pdf.tagged).toBe(true);
    expect((await inspectPdf(await makePdf({ tagged: false }))).tagged).toBe(false);
  });

  it("names the font of each text item when asked to", async () => {
    const withFonts = await inspectPdf(await makePdf({ tagged: true }), { fontsOfItems: true });
    expect(withFonts.pages[0].items.find((i) => i.text.includes("Hello"))!.font).toBe("Helvetica");
    // by default only pages with images have their operators read: both do here; a page without has none
    expect(pdf.pages[0].items[0].font).toBe("Helvetica");
  });

  it("refuses bytes that are not a PDF", async () => {
    await expect(inspectPdf(new TextEncoder().encode("not a pdf"))).rejects.toThrow();
  });
});
