// PDF/X-1a on the real booklet: the refusals (no Ghostscript, no profile, transparency on a page) whether or
// not Ghostscript is installed, and the conversion itself where it is.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { BookletError } from "../../src/errors/booklet-error.ts";
import { convertToPdfx, findGhostscript, readIccProfile } from "../../src/pdf/pdfx.ts";
import { bookletInProcess } from "../fixtures/bad/corpus.ts";
import { tempDir } from "../helpers/tmp.ts";
import { boxes, letters, MM, readText } from "./print-pdf.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const EPOCH = 1768867200;
const TRIM = { width: 148 * MM, height: 210 * MM };
const BLEED = 3 * MM;
// Ghostscript's own generic CMYK output profile (Debian package libgs-common, installed with ghostscript)
const PROFILE = "/usr/share/color/icc/ghostscript/default_cmyk.icc";
const GS = findGhostscript();

/** The command line in this process, with these variables set in its environment. */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => bookletInProcess(args, { cwd: process.cwd(), env });

/** A minimal ICC header of the given class and colour space (ICC.1:2010, 7.2), no tags. */
function iccHeader(file: string, deviceClass: string, space: string) {
  const b = Buffer.alloc(132);
  b.writeUInt32BE(132, 0);
  b.write(deviceClass, 12, "latin1");
  b.write(space, 16, "latin1");
  b.write("acsp", 36, "latin1");
  fs.writeFileSync(file, b);
}

describe("PDF/X-1a: refusals", () => {
  it("refuses --pdfx without --icc at once, before the browser, and writes nothing", async () => {
    const out = path.join(tempDir("booklet-pdfx-noprofile-"), "out");
    const t0 = performance.now();
    const r = await cli(["build", "--content", CONTENT, "--out", out, "--edition", "2027", "--pdfx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("B504 PdfxNoProfile");
    expect(r.stderr).toContain("--icc FILE.icc");
    expect(fs.existsSync(out)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it("refuses --pdfx when Ghostscript is not on the PATH", async () => {
    const out = path.join(tempDir("booklet-pdfx-nogs-"), "out");
    const icc = path.join(tempDir("booklet-pdfx-icc-"), "press.icc");
    iccHeader(icc, "prtr", "CMYK");
    const r = await cli(["build", "--content", CONTENT, "--out", out, "--edition", "2027", "--pdfx", "--icc", icc], {
      PATH: tempDir("booklet-empty-path-"),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("B503 PdfxNoGhostscript");
    expect(r.stderr).toContain("apt-get install ghostscript");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a profile that is not a CMYK printer profile", async () => {
    const dir = tempDir("booklet-pdfx-rgb-");
    const rgb = path.join(dir, "display.icc");
    iccHeader(rgb, "mntr", "RGB ");
    const r = await cli(["build", "--content", CONTENT, "--out", path.join(dir, "out"), "--pdfx", "--icc", rgb]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("B505 PdfxProfileInvalid");
    expect(r.stderr).toContain('"mntr" profile for RGB');
  });

  it("refuses a page with transparency before Ghostscript runs, and leaves the previous files as they were", async () => {
    // the real booklet, with the title-page title set semi-transparent by a template stylesheet of its own
    const content = path.join(tempDir("booklet-pdfx-transparent-"), "content");
    fs.cpSync(CONTENT, content, { recursive: true });
    fs.mkdirSync(path.join(content, "templates", "styles"), { recursive: true });
    fs.writeFileSync(path.join(content, "templates", "styles", "zz-test.css"), ".tp-title { opacity: 0.6; }\n");
    const out = tempDir("booklet-pdfx-transparent-out-");
    const previous = path.join(out, "2027", "en-GB", "black-january-2027-en-GB-print.pdf");
    fs.mkdirSync(path.dirname(previous), { recursive: true });
    fs.writeFileSync(previous, "the previous build's print PDF");
    // a Ghostscript that leaves a mark when it is called: it must not be
    const dir = tempDir("booklet-pdfx-fake-gs-");
    const marker = path.join(dir, "called");
    const gs = path.join(dir, "gs");
    fs.writeFileSync(gs, `#!/bin/sh\ntouch ${marker}\nexit 1\n`, { mode: 0o755 });
    const icc = path.join(dir, "press.icc");
    iccHeader(icc, "prtr", "CMYK");

    const error = await build({
      contentDir: content,
      outDir: out,
      editions: [2027],
      formats: ["print"],
      print: { pdfx: true, icc, gs },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BookletError);
    const e = error as BookletError;
    expect(e.kind).toBe("PdfxTransparency");
    expect(e.message).toMatch(/^Page \d+ of the print PDF uses transparency: page \d+, opacity 0\.6/);
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.readdirSync(path.join(out, "2027", "en-GB"))).toEqual(["black-january-2027-en-GB-print.pdf"]);
    expect(fs.readFileSync(previous, "utf8")).toBe("the previous build's print PDF");
  });
});

// skipped, saying why, where Ghostscript or its profile is missing (Debian: apt-get install ghostscript)
const missing = !GS ? "no `gs` on the PATH" : !fs.existsSync(PROFILE) ? `no ${PROFILE}` : "";
describe.skipIf(missing !== "")(
  `PDF/X-1a: conversion with Ghostscript${missing ? ` — skipped: ${missing} (apt-get install ghostscript)` : ""}`,
  () => {
    it("converts the print PDF to PDF/X-1a:2001, keeping its boxes, pages and text, the same in every run", {
      timeout: 240_000,
    }, async () => {
      const env = { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) };
      const outX = tempDir("booklet-pdfx-out-");
      const [r] = await build({
        contentDir: CONTENT,
        outDir: outX,
        editions: [2027],
        env,
        formats: ["screen", "print"],
        print: { pdfx: true, icc: PROFILE },
      });
      expect(r.files.map((f) => f.format)).toEqual(["screen", "print"]);
      const bytes = new Uint8Array(
        fs.readFileSync(path.join(outX, "2027", "en-GB", "black-january-2027-en-GB-print.pdf")),
      );
      const manifest = JSON.parse(fs.readFileSync(r.manifestPath, "utf8"));
      expect(manifest.print.pdfx).toBe("PDF/X-1a:2001");

      expect(Buffer.from(bytes.subarray(0, 8)).toString("latin1")).toBe("%PDF-1.3");
      const doc = await PDFDocument.load(bytes, { updateMetadata: false });
      const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
      expect(info.get(PDFName.of("GTS_PDFXVersion"))?.toString()).toBe("(PDF/X-1a:2001)");
      expect(info.get(PDFName.of("Trapped"))?.toString()).toBe("/False");
      const intents = doc.catalog.lookup(PDFName.of("OutputIntents"), PDFArray);
      const intent = doc.context.lookup(intents.get(0), PDFDict);
      expect(intent.get(PDFName.of("S"))?.toString()).toBe("/GTS_PDFX");
      const profile = doc.context.lookup(intent.get(PDFName.of("DestOutputProfile")));
      if (!(profile instanceof PDFRawStream)) throw new Error("the output intent has no profile stream");
      expect(Buffer.from(decodePDFRawStream(profile).decode()).equals(fs.readFileSync(PROFILE))).toBe(true);
      expect(intent.get(PDFName.of("Info"))?.toString()).toContain(readIccProfile(PROFILE).description);

      // the print PDF's boxes and pages, no links left
      const screen = await readText(
        new Uint8Array(fs.readFileSync(path.join(outX, "2027", "en-GB", "black-january-2027-en-GB.pdf"))),
      );
      const pages = await boxes(bytes);
      expect(pages).toHaveLength(screen.length);
      for (const p of pages) {
        expect(p.trim.x).toBeCloseTo(BLEED, 2);
        expect(p.trim.width).toBeCloseTo(TRIM.width, 2);
        expect(p.trim.height).toBeCloseTo(TRIM.height, 2);
        expect(p.bleed.width).toBeCloseTo(TRIM.width + 2 * BLEED, 2);
      }
      expect(doc.getPages().every((p) => !p.node.Annots()?.size())).toBe(true);
      // text is still text, the same characters page by page: no page was flattened into a picture, and the
      // ligatures, quotes and apostrophes still read as what they are
      const text = await readText(bytes);
      text.forEach((p, i) => {
        expect(letters(p.items), `page ${i + 1}`).toBe(letters(screen[i].items));
      });
      expect(letters(text.flatMap((p) => p.items))).toContain("Aftermath");
      // every font embedded, none a Type 3 font
      const fonts = execFileSync("pdffonts", [path.join(outX, "2027", "en-GB", "black-january-2027-en-GB-print.pdf")], {
        encoding: "utf8",
      })
        .split("\n")
        .slice(2)
        .filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line).not.toMatch(/Type 3/);
        expect(line.slice(-28)).toMatch(/^\s*yes\s+yes/);
      }
      // no RGB left: every colour in the page content is CMYK or grey
      expect(
        execFileSync("pdfimages", ["-list", path.join(outX, "2027", "en-GB", "black-january-2027-en-GB-print.pdf")], {
          encoding: "utf8",
        }),
      ).not.toMatch(/\brgb\b|icc/);

      // the same input and SOURCE_DATE_EPOCH give the same bytes: convert the print PDF of a plain build twice
      const outP = tempDir("booklet-pdfx-plain-");
      await build({ contentDir: CONTENT, outDir: outP, editions: [2027], env, formats: ["print"] });
      const plain = new Uint8Array(
        fs.readFileSync(path.join(outP, "2027", "en-GB", "black-january-2027-en-GB-print.pdf")),
      );
      const id = "00112233445566778899aabbccddeeff";
      const once = await convertToPdfx({
        pdf: plain,
        gs: GS!,
        profile: readIccProfile(PROFILE),
        epochSeconds: EPOCH,
        documentId: id,
      });
      const twice = await convertToPdfx({
        pdf: plain,
        gs: GS!,
        profile: readIccProfile(PROFILE),
        epochSeconds: EPOCH,
        documentId: id,
      });
      // on a difference, where it is and the bytes around it (once: Ghostscript's ID written as literal strings,
      // which booklet then left in place; test/unit/trailer-id.test.ts has that case)
      expect(firstDifference(twice, once)).toBeUndefined();
      // and the build made the same file, but for the trailer ID, which it derives from its own document id
      expect(withoutId(bytes)).toBe(withoutId(once));
      expect(trailerId(bytes)).toMatch(/^[0-9A-F]{32}$/);
      expect(trailerId(bytes)).not.toBe(trailerId(once));
    });
  },
);

const ID = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*\]/;
const trailerId = (b: Uint8Array) => ID.exec(Buffer.from(b).toString("latin1"))?.[1];
const withoutId = (b: Uint8Array) => Buffer.from(b).toString("latin1").replace(ID, "/ID []");

/** Where two files first differ, with 80 bytes of each from a little before it; undefined when equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): string | undefined {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i === n && a.length === b.length) return undefined;
  const around = (x: Uint8Array) =>
    JSON.stringify(Buffer.from(x.subarray(Math.max(0, i - 20), i + 60)).toString("latin1"));
  return `byte ${i} of ${a.length} and ${b.length}: ${around(a)} against ${around(b)}`;
}
