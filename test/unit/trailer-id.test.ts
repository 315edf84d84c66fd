// The build's trailer ID in Ghostscript's PDF/X file, whichever way Ghostscript wrote its own: as hex strings
// (usually) or as literal strings (when they come out shorter: seen in a CI run, the file was then not the
// same twice). Files written here by hand, read back with qpdf.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { setTrailerId } from "../../src/pdf/trailer-id.ts";
import { tempDir } from "../helpers/tmp.ts";

const dir = tempDir("booklet-trailer-id-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const BUILD_ID = "00112233445566778899aabbccddeeff";

/** A one-page PDF 1.3 with a classic cross-reference table, and `trailerExtra` in its trailer. */
function pdf(trailerExtra: string): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let body = "%PDF-1.3\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** What qpdf reads: its check's verdict and the trailer's ID, as hex. */
function readBack(bytes: Uint8Array, name: string): { check: string; id: string[] } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const check = execFileSync("qpdf", ["--check", file], { encoding: "utf8" });
  // qpdf's JSON (version 2) writes a binary string as "b:" and its hex, a text string as "u:" and its text
  const json = JSON.parse(execFileSync("qpdf", ["--json=2", "--json-key=qpdf", file], { encoding: "utf8" }));
  const trailer = json.qpdf[1].trailer.value as { "/ID"?: string[] };
  return { check, id: trailer["/ID"] ?? [] };
}

describe("the build's trailer ID", () => {
  it("replaces hex IDs", () => {
    const out = setTrailerId(
      pdf("/ID [<0a0b0c0d0e0f10111213141516171819><0a0b0c0d0e0f10111213141516171819>] "),
      BUILD_ID,
    );
    const { check, id } = readBack(out, "hex.pdf");
    expect(check).toMatch(/No syntax or stream encoding errors found/);
    expect(check).not.toMatch(/WARNING/);
    expect(id).toEqual([`b:${BUILD_ID}`, `b:${BUILD_ID}`]);
  });

  it("replaces literal IDs with escapes and parentheses, keeping the cross-reference table right", () => {
    // the first as Ghostscript wrote it in that CI run; the second with balanced and escaped parentheses
    const literal = String.raw`/ID [(yw\321i\372\221n\270f9"\)5\t-Q)(a(b)c\\\(\012)] `;
    const before = readBack(pdf(literal), "literal-before.pdf");
    expect(before.id).toHaveLength(2);
    expect(before.id).toEqual(["b:7977d169fa916eb86639222935092d51", "u:a(b)c\\(\n"]);
    const out = setTrailerId(pdf(literal), BUILD_ID);
    const { check, id } = readBack(out, "literal.pdf");
    expect(check).toMatch(/No syntax or stream encoding errors found/);
    expect(check).not.toMatch(/WARNING/);
    expect(id).toEqual([`b:${BUILD_ID}`, `b:${BUILD_ID}`]);
    // the same file whatever Ghostscript's random ID was
    expect(Buffer.from(out).equals(Buffer.from(setTrailerId(pdf("/ID [<aa><bb>] "), BUILD_ID)))).toBe(true);
  });

  it("replaces the literal IDs of a file Ghostscript wrote (1 in 60 conversions here)", () => {
    // made by `gs -sDEVICE=pdfwrite -dCompatibilityLevel=1.3` (10.00.0) from a one-line PostScript page
    const file = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/pdf/ghostscript-literal-id.pdf"));
    expect(file.toString("latin1")).toMatch(/\/ID \[\(/);
    const { check, id } = readBack(setTrailerId(file, BUILD_ID), "ghostscript.pdf");
    expect(check).toMatch(/No syntax or stream encoding errors found/);
    expect(check).not.toMatch(/WARNING/);
    expect(id).toEqual([`b:${BUILD_ID}`, `b:${BUILD_ID}`]);
  });

  it("refuses a file without a trailer ID rather than leave it as it is", () => {
    expect(() => setTrailerId(pdf(""), BUILD_ID)).toThrow(/no \/ID in its trailer/);
    try {
      setTrailerId(pdf(""), BUILD_ID);
    } catch (error) {
      expect((error as BookletError).kind).toBe("PdfxFailed");
    }
  });
});
