// What a check returns, and what it is given besides the PDF.

import type { ExpectedDocument } from "./html.ts";
import type { InspectedPdf } from "./inspect.ts";

/** a warning is reported but does not fail the preflight */
export type Status = "pass" | "fail" | "warn" | "skip";

export interface Finding {
  /** the rule's permanent id ("fonts.embedded"): the part before the dot names the check */
  id: string;
  status: Status;
  /** the 1-based page the finding is about, when it is about one */
  page?: number;
  /** what is wrong and where (or, for a pass, what was checked) */
  message: string;
}

export interface Report {
  /** the file's path, when it was read from one */
  file?: string;
  /** the HTML file the text was compared with, when it came from one */
  html?: string;
  pages: number;
  findings: Finding[];
  passed: boolean;
  /** rules passed, failed, warned and skipped, and the failed findings (a rule can fail on many pages) */
  counts: { pass: number; fail: number; warn: number; skip: number; problems: number };
  ms: number;
  /** what was read, for tests and tools that look further */
  inspected: InspectedPdf;
}

export interface PrintExpectations {
  /** the trimmed page size, in mm */
  trim: { width: number; height: number };
  /** the bleed on every side, in mm */
  bleed: number;
  /** the page count must be a multiple of this (4 for saddle stitching) */
  pageMultiple: number;
  /** the least resolution of an image at its placed size */
  minDpi: number;
  /** PDF/X is asked for: no transparency */
  pdfx: boolean;
}

export interface CheckContext {
  /** what the HTML document said, when it is known: the text, the chapters, the notes */
  expected?: ExpectedDocument;
  /** the print format's expectations; the print checks run only when given */
  print?: PrintExpectations;
  /** the font families the booklet ships ("Source Serif 4"); any other font is a fallback */
  fontFamilies: string[];
  /** the content folder as the user names it ("content"): a block's file is given from there */
  sourceRoot?: string;
}

export type Check = (pdf: InspectedPdf, context: CheckContext) => Finding[];

/** A rule's findings: one failure per problem, or one pass that says what was checked. */
export function outcome(id: string, failures: { page?: number; message: string }[], passMessage: string): Finding[] {
  if (failures.length === 0) return [{ id, status: "pass", message: passMessage }];
  return failures.map((f) => ({ id, status: "fail", ...f }));
}

export function skipped(id: string, why: string): Finding[] {
  return [{ id, status: "skip", message: why }];
}
