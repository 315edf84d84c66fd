// Makes Chromium's structure-element IDs the same in every run, so that two builds are byte-identical.
//
// A tagged PDF from Chromium names table header cells by DOM node id — /ID (node00001612), referred to by the
// data cells' /Headers and the StructTreeRoot's /IDTree — and those ids drift by a node or two from one run to
// the next (measured here on Chromium 156: 00001611, 00001612, 00001613 for the same cell in three runs).
// Their order does not change, so each is renamed by its rank: the same length, in place, before pdf-lib
// reads the file (the cross-reference offsets stay right), and the /IDTree stays sorted.

const ID = /\(node(\d{8})\)/g;

export function stabiliseNodeIds(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1");
  const numbers = [...new Set([...text.matchAll(ID)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  if (numbers.length === 0) return pdf;
  const rank = new Map(numbers.map((n, i) => [n, i + 1]));
  const out = Buffer.from(
    text.replace(ID, (_m, d: string) => `(node${String(rank.get(Number(d))).padStart(8, "0")})`),
    "latin1",
  );
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
