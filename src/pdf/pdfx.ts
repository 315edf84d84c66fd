// PDF/X-1a from the print PDF with Ghostscript: first checks that it can work (Ghostscript, a CMYK output
// profile, no transparency), then converts, fixes the trailer ID of reproducible builds, and checks the result.

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { BookletError } from "../errors/index.ts";
import { removeScratchDir, scratchDir } from "../shared/index.ts";
import { fileId } from "./info.ts";
import { loadPdf } from "./load.ts";
import { pageTransparency } from "./objects.ts";
import { setTrailerId } from "./trailer-id.ts";

export const PDFX_VERSION = "PDF/X-1a:2001";

/** `gs` on the PATH (or the path given), else undefined. */
export function findGhostscript(options: { gs?: string; env?: NodeJS.ProcessEnv } = {}): string | undefined {
  if (options.gs) return fs.existsSync(options.gs) ? options.gs : undefined;
  const dirs = (options.env ?? process.env).PATH?.split(path.delimiter) ?? [];
  for (const dir of dirs) {
    const file = path.join(dir, process.platform === "win32" ? "gswin64c.exe" : "gs");
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

export interface IccProfile {
  file: string;
  /** the profile's own description ('desc' tag), for the output intent */
  description: string;
}

/**
 * Refuses before any work is done when PDF/X cannot be made: no Ghostscript, no profile, or a profile that
 * is not a CMYK output ("prtr") profile. Returns what the conversion needs.
 */
export function checkPdfxSetup(options: { icc?: string; gs?: string; env?: NodeJS.ProcessEnv }): {
  gs: string;
  profile: IccProfile;
} {
  const gs = findGhostscript(options);
  if (!gs) {
    throw new BookletError(
      "PdfxNoGhostscript",
      options.gs
        ? `Ghostscript was looked for at ${options.gs}, which does not exist.`
        : "No `gs` on the PATH: --pdfx converts the print PDF with Ghostscript.",
    );
  }
  if (!options.icc)
    throw new BookletError(
      "PdfxNoProfile",
      "--pdfx was given without --icc FILE.icc: PDF/X-1a names the printing condition by its ICC output profile.",
    );
  const file = path.resolve(options.icc);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new BookletError("PdfxNoProfile", `The ICC profile ${file} does not exist.`);
  return { gs, profile: readIccProfile(file) };
}

/** Reads an ICC profile's header (ICC.1:2010, 7.2): device class, colour space, and its description tag. */
export function readIccProfile(file: string): IccProfile {
  const bytes = fs.readFileSync(file);
  const ascii = (at: number, len: number) => bytes.subarray(at, at + len).toString("latin1");
  if (bytes.length < 132 || ascii(36, 4) !== "acsp")
    throw new BookletError("PdfxProfileInvalid", `${file} is not an ICC profile (no "acsp" signature in its header).`);
  const deviceClass = ascii(12, 4);
  const space = ascii(16, 4);
  if (deviceClass !== "prtr" || space !== "CMYK") {
    throw new BookletError(
      "PdfxProfileInvalid",
      `${path.basename(file)} is a "${deviceClass.trim()}" profile for ${space.trim()} colour; PDF/X-1a needs a printer ("prtr") profile for CMYK.`,
    );
  }
  let description = path.basename(file, path.extname(file));
  const count = bytes.readUInt32BE(128);
  for (let i = 0; i < count && 132 + 12 * i + 12 <= bytes.length; i++) {
    const at = 132 + 12 * i;
    if (ascii(at, 4) !== "desc") continue;
    const offset = bytes.readUInt32BE(at + 4);
    const type = ascii(offset, 4);
    if (type === "desc") {
      // ICC v2 textDescriptionType: ASCII count then text
      const len = bytes.readUInt32BE(offset + 8);
      description = ascii(offset + 12, Math.max(0, len - 1)) || description;
    } else if (type === "mluc") {
      // ICC v4 multiLocalizedUnicodeType: the first record's UTF-16BE text
      const recLen = bytes.readUInt32BE(offset + 20 + 4);
      const recOff = bytes.readUInt32BE(offset + 20 + 8);
      const text = bytes.subarray(offset + recOff, offset + recOff + recLen);
      description = Buffer.from(text).swap16().toString("utf16le") || description;
    }
  }
  return { file, description: description.replace(/[^\x20-\x7e]/g, "").trim() || path.basename(file) };
}

export interface TransparencyUse {
  /** 1-based page number */
  page: number;
  what: string;
}

/** Every use of transparency on the pages, by page (objects.ts says what counts). */
export async function findTransparency(pdf: Uint8Array | PDFDocument): Promise<TransparencyUse[]> {
  const doc = pdf instanceof PDFDocument ? pdf : await loadPdf(pdf);
  return doc.getPages().flatMap((page, i) => pageTransparency(page).map((what) => ({ page: i + 1, what })));
}

export interface ConvertOptions {
  pdf: Uint8Array;
  /** `pdf` already parsed, when the caller has it: its pages' boxes are what the result is checked against */
  parsed?: PDFDocument;
  gs: string;
  profile: IccProfile;
  /** SOURCE_DATE_EPOCH of a reproducible build: Ghostscript takes its dates from it */
  epochSeconds?: number;
  documentId?: string;
  timeoutSeconds?: number;
  log?: (line: string) => void;
}

/** PostScript string literal: backslashes and parentheses escaped. */
const psString = (s: string) => `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** Converts the print PDF to PDF/X-1a:2001. The caller has checked for transparency. */
export async function convertToPdfx(options: ConvertOptions): Promise<Uint8Array> {
  const dir = scratchDir("booklet-pdfx-");
  try {
    const input = path.join(dir, "in.pdf");
    const output = path.join(dir, "out.pdf");
    const prefix = path.join(dir, "pdfx.ps");
    fs.writeFileSync(input, options.pdf);
    fs.writeFileSync(prefix, pdfxPrefix(options.profile));
    // the Info dictionary's title and dates come from the input; -dShowAnnots=false drops the links, which
    // PDF/X does not allow inside the bleed box (with them Ghostscript falls back to plain PDF)
    const args = [
      "-q",
      "-dBATCH",
      "-dNOPAUSE",
      "-dNOOUTERSAVE",
      "-dPDFX",
      "-sDEVICE=pdfwrite",
      "-sColorConversionStrategy=CMYK",
      "-dProcessColorModel=/DeviceCMYK",
      "-dCompatibilityLevel=1.3",
      "-dShowAnnots=false",
      "-dEmbedAllFonts=true",
      "-dSubsetFonts=true",
      // Ghostscript 10.00.0's new PDF interpreter writes wrong ToUnicode entries for the ligatures, curly quotes
      // and apostrophes of Chromium's CID TrueType fonts ("Aftermath" is copied as "A昀琀ermath", “ as <, ’
      // as ¼; measured here): the legacy interpreter keeps the text. A Ghostscript without it ignores the name.
      "-dNEWPDF=false",
      `--permit-file-read=${options.profile.file}`,
      `-sOutputFile=${output}`,
      prefix,
      input,
    ];
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Ghostscript 10 takes CreationDate/ModDate from SOURCE_DATE_EPOCH; only its trailer ID stays random
    if (options.epochSeconds !== undefined) env.SOURCE_DATE_EPOCH = String(options.epochSeconds);
    else delete env.SOURCE_DATE_EPOCH;
    // its temporary files (gs_XXXXXX) in the scratch folder, so that a Ghostscript killed (its time limit)
    // leaves none in the system's
    env.TMPDIR = dir;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        options.gs,
        args,
        { env, timeout: (options.timeoutSeconds ?? 120) * 1000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          if (error)
            reject(
              new BookletError(
                "PdfxFailed",
                `${path.basename(options.gs)} ended with ${error.code ?? error.signal}: ${(stderr || stdout || error.message).trim().split("\n").slice(0, 6).join("\n")}`,
                { cause: error },
              ),
            );
          else resolve({ stdout, stderr });
        },
      );
    });
    for (const line of `${stdout}\n${stderr}`.split("\n").filter(Boolean)) options.log?.(`[gs] ${line}`);
    if (!fs.existsSync(output)) throw new BookletError("PdfxFailed", `Ghostscript wrote no file.\n${stderr.trim()}`);
    let bytes: Uint8Array = fs.readFileSync(output);
    // Ghostscript's trailer ID is random even with SOURCE_DATE_EPOCH: the build's takes its place
    if (options.documentId) bytes = setTrailerId(bytes, fileId(options.documentId, "print-pdfx"));
    const problems = await checkPdfx(bytes, options.parsed ?? (await loadPdf(options.pdf)));
    if (problems.length)
      throw new BookletError("PdfxFailed", `Ghostscript's file is not ${PDFX_VERSION}: ${problems.join("; ")}.`);
    return bytes;
  } finally {
    removeScratchDir(dir);
  }
}

/** Ghostscript's PDFX_def.ps, reduced to what PDF/X-1a needs: the version key, Trapped, the output intent. */
function pdfxPrefix(profile: IccProfile): string {
  return `%!
% Written by booklet for one conversion (after Ghostscript's lib/PDFX_def.ps).
[ /GTS_PDFXVersion (${PDFX_VERSION}) /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(profile.file)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ${psString(profile.description)}
  /OutputConditionIdentifier (Custom)
  /Info ${psString(profile.description)}
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFX} ]>> /PUT pdfmark
`;
}

/**
 * What makes the file PDF/X-1a here: the version key, an output intent with a CMYK profile, PDF 1.3, the same
 * pages with the input's trim and bleed boxes, no RGB colour and no transparency left.
 */
export async function checkPdfx(bytes: Uint8Array, input?: PDFDocument): Promise<string[]> {
  const problems: string[] = [];
  const head = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
  if (head !== "%PDF-1.3") problems.push(`its header is ${JSON.stringify(head)}, not %PDF-1.3`);
  const doc = await loadPdf(bytes);
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  const version = info?.get(PDFName.of("GTS_PDFXVersion"));
  if (!version?.toString().includes(PDFX_VERSION))
    problems.push(`GTS_PDFXVersion is ${version?.toString() ?? "missing"}`);
  const intents = doc.catalog.lookupMaybe(PDFName.of("OutputIntents"), PDFArray);
  const intent = intents?.size() ? doc.context.lookupMaybe(intents.get(0), PDFDict) : undefined;
  if (intent?.get(PDFName.of("S"))?.toString() !== "/GTS_PDFX" || !intent.get(PDFName.of("DestOutputProfile")))
    problems.push("no GTS_PDFX output intent with a profile");
  const pages = doc.getPages();
  if (input && pages.length !== input.getPageCount())
    problems.push(`${pages.length} pages instead of ${input.getPageCount()}`);
  pages.forEach((p, i) => {
    const t = p.getTrimBox();
    const b = p.getBleedBox();
    if (input && i < input.getPageCount()) {
      const it = input.getPage(i).getTrimBox();
      const ib = input.getPage(i).getBleedBox();
      const same = (a: typeof t, c: typeof t) =>
        Math.abs(a.x - c.x) < 0.01 &&
        Math.abs(a.y - c.y) < 0.01 &&
        Math.abs(a.width - c.width) < 0.01 &&
        Math.abs(a.height - c.height) < 0.01;
      if (!same(t, it) || !same(b, ib)) problems.push(`page ${i + 1} lost its trim or bleed box`);
    }
    if (p.node.Annots()?.size()) problems.push(`page ${i + 1} has annotations`);
  });
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of("Subtype"))?.toString() === "/Image") {
      const cs = obj.dict.get(PDFName.of("ColorSpace"))?.toString() ?? "";
      if (/RGB|ICCBased|Lab/.test(cs)) problems.push(`an image in ${cs}`);
    }
  }
  const transparency = await findTransparency(doc);
  if (transparency.length) problems.push(`transparency on page ${transparency[0].page}`);
  return [...new Set(problems)].slice(0, 5);
}
