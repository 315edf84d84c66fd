// Preflight: reads a PDF back and checks it, with the HTML it was made from when that is known.
import fs from "node:fs";
import path from "node:path";
import { fontFamiliesOf } from "../document/index.ts";
import { BookletError } from "../errors/index.ts";
import { CHECKS, inFamilies } from "./checks/index.ts";
import type { CheckContext, Finding, PrintExpectations, Report } from "./finding.ts";
import { expectedDocument } from "./html.ts";
import { type InspectedPdf, inspectPdf } from "./inspect.ts";
import { failureText, warningLines } from "./report.ts";

export interface PreflightOptions {
  /** the PDF: its bytes, or the path of the file */
  pdf: Uint8Array | string;
  /** the HTML document the PDF was made from: enables the chapter and nothing-dropped checks */
  html?: string;
  /** the content folder, for the file names of blocks whose text differs (they are written from it) */
  contentDir?: string;
  /** run the print checks (page count, boxes, image resolution, transparency) */
  print?: boolean;
  expected?: {
    /** the trimmed page size in mm; needed with `print` */
    trim?: { width: number; height: number };
    /** mm on every side (default 3) */
    bleed?: number;
    /** default 4 */
    pageMultiple?: number;
    /** default 300 */
    minDpi?: number;
    /** PDF/X is asked for: no transparency (default false) */
    pdfx?: boolean;
    /** the booklet's font families (and its font files' names); default: the shipped design's */
    fontFamilies?: string[];
  };
}

export async function preflight(options: PreflightOptions): Promise<Report> {
  const t0 = performance.now();
  const file = typeof options.pdf === "string" ? options.pdf : undefined;
  const bytes = typeof options.pdf === "string" ? readPdf(options.pdf) : options.pdf;
  const e = options.expected ?? {};
  const fontFamilies = e.fontFamilies ?? fontFamiliesOf();
  let print: PrintExpectations | undefined;
  if (options.print) {
    if (!e.trim)
      throw new BookletError(
        "Usage",
        "The print checks need the trimmed page size (expected.trim; booklet preflight --print takes the page size of booklet.yaml).",
      );
    print = {
      trim: e.trim,
      bleed: e.bleed ?? 3,
      pageMultiple: e.pageMultiple ?? 4,
      minDpi: e.minDpi ?? 300,
      pdfx: e.pdfx ?? false,
    };
  }
  let inspected: InspectedPdf;
  try {
    // a page with a font outside the families is read further, to name the characters it drew
    inspected = await inspectPdf(bytes, {
      fontsOfItems: (fonts) =>
        fonts.some((f) => f.subtype !== "Type3" && fontFamilies.length > 0 && !inFamilies(f.name, fontFamilies)),
    });
  } catch (err) {
    throw new BookletError("PdfUnreadable", `${file ?? "The PDF"} could not be read: ${(err as Error).message}`, {
      cause: err,
      location: file ? { file } : undefined,
    });
  }
  const context: CheckContext = {
    expected: options.html !== undefined ? expectedDocument(options.html) : undefined,
    print,
    fontFamilies,
    sourceRoot: options.contentDir ? path.relative(process.cwd(), options.contentDir) || "." : undefined,
  };
  const findings = CHECKS.filter((c) => !c.print || print).flatMap((c) => c.run(inspected, context));
  // a rule fails when one of its findings does; the counts are of rules, `problems` of failed findings
  const status = new Map<string, Finding["status"]>();
  for (const f of findings) {
    const before = status.get(f.id);
    if (!before || RANK[f.status] > RANK[before]) status.set(f.id, f.status);
  }
  const counts = { pass: 0, fail: 0, warn: 0, skip: 0, problems: findings.filter((f) => f.status === "fail").length };
  for (const s of status.values()) counts[s]++;
  return {
    file,
    pages: inspected.pageCount,
    findings,
    passed: counts.fail === 0,
    counts,
    ms: performance.now() - t0,
    inspected,
  };
}

/** A rule's status is its worst finding's. */
const RANK: Record<Finding["status"], number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** The error a failed preflight throws: B601, with every failed check in its message and the report. */
export class PreflightFailure extends BookletError {
  constructor(readonly report: Report) {
    super("PreflightFailed", failureText(report), { location: report.file ? { file: report.file } : undefined });
  }
}

/**
 * The check `booklet build` runs on the screen PDF before anything is written: throws PreflightFailure
 * when a check fails, so that the previous files stay as they were.
 */
export async function preflightBuild(options: {
  pdf: Uint8Array;
  html: string;
  contentDir: string;
  file: string;
  fontFamilies: string[];
  warn?: (line: string) => void;
}): Promise<Report> {
  const report = await preflight({
    pdf: options.pdf,
    html: options.html,
    contentDir: options.contentDir,
    expected: { fontFamilies: options.fontFamilies },
  });
  report.file = options.file;
  if (!report.passed) throw new PreflightFailure(report);
  for (const line of warningLines(report)) options.warn?.(`preflight ${path.basename(options.file)}: ${line}`);
  return report;
}

function readPdf(file: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new BookletError(
      "PdfUnreadable",
      `${file} cannot be read: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : (err as Error).message}`,
      { cause: err, location: { file } },
    );
  }
  if (bytes.subarray(0, 1024).indexOf("%PDF-") < 0)
    throw new BookletError("PdfUnreadable", `${file} is not a PDF (it does not start with %PDF-).`, {
      location: { file },
    });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
