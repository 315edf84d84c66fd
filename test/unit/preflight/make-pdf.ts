// A small PDF made with pdf-lib, whose every fact is known, for the inspection and command tests.
import fs from "node:fs";
import path from "node:path";
import { PDFDocument, PDFName, PDFString, StandardFonts } from "pdf-lib";

const COVER = path.resolve(import.meta.dirname, "../../fixtures/minimal/cover.png");

export async function makePdf(options: { tagged: boolean }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const png = await doc.embedPng(fs.readFileSync(COVER));
  const p1 = doc.addPage([420, 595]);
  const p2 = doc.addPage([420, 595]);
  p1.setTrimBox(10, 10, 400, 575); // x, y, width, height
  p1.setBleedBox(0, 0, 420, 595);
  p1.drawText("Hello preflight", { x: 50, y: 500, size: 12, font });
  p1.drawText("7", { x: 200, y: 40, size: 8, font });
  // 600 px over 144 pt = 2 in: 300 dpi; then 600 px over 288 pt: 150 dpi
  p1.drawImage(png, { x: 50, y: 300, width: 144, height: 96 });
  p2.drawImage(png, { x: 50, y: 300, width: 288, height: 192 });
  p2.drawRectangle({ x: 10, y: 10, width: 50, height: 50, opacity: 0.5 });
  p2.drawText("The note", { x: 50, y: 60, size: 7, font });

  // a link on page 1 to the named destination "note-x" on page 2, as Chromium writes a footnote call
  const ctx = doc.context;
  const dest = ctx.obj([p2.ref, PDFName.of("XYZ"), 0, 100, 0]);
  doc.catalog.set(PDFName.of("Names"), ctx.obj({ Dests: ctx.obj({ Names: ctx.obj([PDFString.of("note-x"), dest]) }) }));
  const link = ctx.register(
    ctx.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [195, 38, 205, 50],
      A: ctx.obj({ S: "GoTo", D: PDFString.of("note-x") }),
    }),
  );
  const uri = ctx.register(
    ctx.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [50, 490, 150, 510],
      A: ctx.obj({ S: "URI", URI: PDFString.of("https://example.org/") }),
    }),
  );
  p1.node.set(PDFName.of("Annots"), ctx.obj([link, uri]));

  // an outline of two levels
  const outlines = ctx.nextRef();
  const first = ctx.nextRef();
  const child = ctx.nextRef();
  ctx.assign(
    child,
    ctx.obj({ Title: PDFString.of("A section"), Parent: first, Dest: ctx.obj([p2.ref, PDFName.of("XYZ"), 0, 400, 0]) }),
  );
  ctx.assign(
    first,
    ctx.obj({
      Title: PDFString.of("Chapter one"),
      Parent: outlines,
      First: child,
      Last: child,
      Count: 1,
      Dest: ctx.obj([p1.ref, PDFName.of("Fit")]),
    }),
  );
  ctx.assign(outlines, ctx.obj({ Type: "Outlines", First: first, Last: first, Count: 2 }));
  doc.catalog.set(PDFName.of("Outlines"), outlines);

  doc.setTitle("A test PDF");
  doc.setAuthor("The tests");
  doc.setSubject("Inspection");
  doc.setKeywords(["one", "two"]);
  doc.setLanguage("en-GB");
  if (options.tagged) {
    doc.catalog.set(PDFName.of("MarkInfo"), ctx.obj({ Marked: true }));
    doc.catalog.set(PDFName.of("StructTreeRoot"), ctx.register(ctx.obj({ Type: "StructTreeRoot" })));
  }
  return doc.save({ useObjectStreams: false });
}
