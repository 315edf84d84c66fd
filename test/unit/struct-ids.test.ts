// Chromium numbers a table's header cells (/ID, and each cell's /Headers) in an order that depends on the
// renderer's timing: the names are given again in the tree's order, so that the same tree is the same bytes.

import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { canonicalStructureIds } from "../../src/pdf/struct-ids.ts";

/** A tagged document: a table of two header cells, named as given, and a cell that points at the second. */
async function tagged(first: string, second: string): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage();
  const c = doc.context;
  const th = (id: string) => c.register(c.obj({ Type: "StructElem", S: "TH", ID: PDFString.of(id) }));
  const a = th(first);
  const b = th(second);
  const td = c.register(
    c.obj({ Type: "StructElem", S: "TD", A: [c.obj({ O: "Table", Headers: [PDFString.of(second)] })] }),
  );
  const table = c.register(c.obj({ Type: "StructElem", S: "Table", K: [a, b, td] }));
  const names = c.register(c.obj({ Names: [PDFString.of(first), a, PDFString.of(second), b] }));
  doc.catalog.set(PDFName.of("StructTreeRoot"), c.register(c.obj({ Type: "StructTreeRoot", K: table, IDTree: names })));
  return doc;
}

describe("the structure tree's names", () => {
  it("come out the same whatever order Chromium numbered the header cells in, each cell still pointing at its header", async () => {
    const docs = [await tagged("node00000007", "node00000003"), await tagged("node00000002", "node00000009")];
    const saved = [];
    for (const doc of docs) {
      canonicalStructureIds(doc);
      saved.push(Buffer.from(await doc.save({ useObjectStreams: false })));
    }
    expect(saved[0].equals(saved[1])).toBe(true);
    const root = docs[0].catalog.lookup(PDFName.of("StructTreeRoot"), PDFDict);
    const [, b, td] = root
      .lookup(PDFName.of("K"), PDFDict)
      .lookup(PDFName.of("K"), PDFArray)
      .asArray()
      .map((r) => docs[0].context.lookup(r) as PDFDict);
    expect(b.lookup(PDFName.of("ID"), PDFString).decodeText()).toBe("node00000002");
    const headers = td.lookup(PDFName.of("A"), PDFArray).lookup(0, PDFDict).lookup(PDFName.of("Headers"), PDFArray);
    expect(headers.lookup(0, PDFString).decodeText()).toBe("node00000002");
  });
});
