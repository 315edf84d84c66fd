// PDF/X's checks without Ghostscript: the setup refusals, the ICC profile's header, and finding transparency.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { BlendMode, PDFDocument, PDFName, rgb } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { checkPdfxSetup, findGhostscript, findTransparency, readIccProfile } from "../../src/pdf/pdfx.ts";
import { tempDir } from "../helpers/tmp.ts";

const dir = tempDir("booklet-pdfx-unit-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** An ICC header (ICC.1:2010, 7.2) with one 'desc' tag of the v2 kind. */
function profile(name: string, deviceClass: string, space: string, description?: string): string {
  const desc = description
    ? Buffer.concat([
        Buffer.from("desc\0\0\0\0", "latin1"),
        u32(description.length + 1),
        Buffer.from(`${description}\0`, "latin1"),
      ])
    : Buffer.alloc(0);
  const header = Buffer.alloc(128);
  header.write(deviceClass, 12, "latin1");
  header.write(space, 16, "latin1");
  header.write("acsp", 36, "latin1");
  const table = description
    ? Buffer.concat([u32(1), Buffer.from("desc", "latin1"), u32(144), u32(desc.length)])
    : u32(0);
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([header, table, desc]));
  return file;
}
/** A 1 x 1 RGBA PNG of the given pixel. */
function rgbaPng(pixel: number[]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    return Buffer.concat([u32(data.length), body, u32(zlib.crc32(body))]);
  };
  const ihdr = Buffer.concat([u32(1), u32(1), Buffer.from([8, 6, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(Buffer.from([0, ...pixel]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

const fakeGs = path.join(dir, "gs");
fs.writeFileSync(fakeGs, "#!/bin/sh\nexit 0\n", { mode: 0o755 });

describe("PDF/X checks", () => {
  it("refuses without Ghostscript, naming where it looked", () => {
    const icc = profile("p.icc", "prtr", "CMYK");
    expect(() => checkPdfxSetup({ icc, env: { PATH: `${dir}-nothing` } })).toThrow(
      expect.objectContaining({ kind: "PdfxNoGhostscript" }),
    );
    expect(() => checkPdfxSetup({ icc, gs: "/nonexistent/gs" })).toThrow(/\/nonexistent\/gs, which does not exist/);
    expect(findGhostscript({ env: { PATH: `/nonexistent${path.delimiter}${dir}` } })).toBe(fakeGs);
  });

  it("refuses without a profile, or with a missing one", () => {
    expect(() => checkPdfxSetup({ gs: fakeGs })).toThrow(expect.objectContaining({ kind: "PdfxNoProfile" }));
    expect(() => checkPdfxSetup({ gs: fakeGs, icc: path.join(dir, "missing.icc") })).toThrow(/does not exist/);
  });

  it("takes a CMYK printer profile and its description; refuses RGB, display and non-ICC files", () => {
    const ok = checkPdfxSetup({
      gs: fakeGs,
      icc: profile("press.icc", "prtr", "CMYK", "Coated FOGRA39 (ISO 12647-2:2004)"),
    });
    expect(ok.gs).toBe(fakeGs);
    expect(ok.profile.description).toBe("Coated FOGRA39 (ISO 12647-2:2004)");
    const refuse = (file: string) => {
      try {
        checkPdfxSetup({ gs: fakeGs, icc: file });
      } catch (e) {
        return e as BookletError;
      }
      throw new Error("not refused");
    };
    expect(refuse(profile("rgb.icc", "mntr", "RGB ")).kind).toBe("PdfxProfileInvalid");
    expect(refuse(profile("rgbprinter.icc", "prtr", "RGB ")).message).toMatch(/for RGB colour/);
    const notIcc = path.join(dir, "not.icc");
    fs.writeFileSync(notIcc, "hello".repeat(40));
    expect(refuse(notIcc).message).toMatch(/not an ICC profile/);
  });

  it.skipIf(!fs.existsSync("/usr/share/color/icc/ghostscript/default_cmyk.icc"))(
    "reads Ghostscript's own CMYK profile as a printer profile",
    () => {
      const p = readIccProfile("/usr/share/color/icc/ghostscript/default_cmyk.icc");
      expect(p.description.length).toBeGreaterThan(0);
      expect(() => readIccProfile("/usr/share/color/icc/ghostscript/srgb.icc")).toThrow(/"mntr" profile for RGB/);
    },
  );

  it("finds no transparency on opaque pages, and each kind of transparency on the page that has it", async () => {
    const make = async (draw: (doc: PDFDocument, page: ReturnType<PDFDocument["addPage"]>) => void | Promise<void>) => {
      const doc = await PDFDocument.create();
      doc.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(0.4, 0.1, 0.1) });
      const page = doc.addPage([200, 200]);
      await draw(doc, page);
      return findTransparency(await doc.save());
    };
    expect(await make((_d, p) => p.drawRectangle({ x: 0, y: 0, width: 10, height: 10, color: rgb(0, 0, 0) }))).toEqual(
      [],
    );
    expect(
      await make((_d, p) => p.drawRectangle({ x: 0, y: 0, width: 10, height: 10, color: rgb(0, 0, 0), opacity: 0.5 })),
    ).toEqual([{ page: 2, what: expect.stringMatching(/^opacity 0.5/) }]);
    expect(
      (
        await make((_d, p) =>
          p.drawRectangle({ x: 0, y: 0, width: 10, height: 10, color: rgb(0, 0, 0), blendMode: BlendMode.Multiply }),
        )
      )[0],
    ).toMatchObject({ page: 2, what: expect.stringMatching(/^blend mode \/Multiply/) });
    expect(
      await make((d, p) => p.node.set(PDFName.of("Group"), d.context.obj({ S: "Transparency", CS: "DeviceRGB" }))),
    ).toEqual([{ page: 2, what: "a transparency group (the page)" }]);
    // a PNG whose one pixel is half transparent becomes an image with a soft mask
    const png = rgbaPng([200, 30, 30, 128]);
    const alpha = await make(async (d, p) => p.drawImage(await d.embedPng(png), { x: 0, y: 0, width: 10, height: 10 }));
    expect(alpha[0]).toMatchObject({ page: 2, what: expect.stringMatching(/^an image with an alpha channel/) });
  });
});
