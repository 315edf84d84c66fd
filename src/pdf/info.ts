// The document information of the print and imposed PDFs: metadata, fixed dates and a stable trailer ID.

import crypto from "node:crypto";
import { type PDFDocument, PDFHexString, PDFName } from "pdf-lib";

export interface PdfMetadata {
  title: string;
  /** none when booklet.yaml names neither an author nor a publisher */
  author?: string;
  subject?: string;
  keywords: string[];
  language: string;
  creator: string;
  producer: string;
  /** the creation and modification date; fixed from SOURCE_DATE_EPOCH for reproducible builds */
  date: Date;
  /** what the print and imposed PDFs' titles add, in the booklet's language ("print version"); none without */
  titleSuffixes?: { print: string; imposed: string };
}

export interface DocumentInfoOptions {
  doc: PDFDocument;
  metadata: PdfMetadata;
  /** appended to the title in brackets: metadata.titleSuffixes' "print version" */
  titleSuffix?: string;
  /** the build's document id (SOURCE_DATE_EPOCH builds); each file derives its own from it and `variant` */
  documentId?: string;
  variant: string;
  pageLayout: "SinglePage" | "TwoPageRight";
}

/** The trailer ID of one file of a reproducible build: stable, and different for each format. */
export function fileId(documentId: string, variant: string): string {
  return crypto.createHash("sha256").update(`${documentId}:${variant}`).digest("hex").slice(0, 32);
}

export function setDocumentInfo(options: DocumentInfoOptions): void {
  const { doc, metadata: m } = options;
  doc.setTitle(options.titleSuffix ? `${m.title} (${options.titleSuffix})` : m.title, { showInWindowTitleBar: true });
  // Chromium writes no Author of its own: without one, the field is left out
  if (m.author) doc.setAuthor(m.author);
  if (m.subject) doc.setSubject(m.subject);
  // pdf-lib joins the keywords with spaces, which runs "Black January" and "Baku" together: commas keep each whole
  doc.setKeywords([m.keywords.join(", ")]);
  doc.setCreator(m.creator);
  doc.setProducer(m.producer);
  // the build's date: SOURCE_DATE_EPOCH when set, so that two builds are byte-identical
  doc.setCreationDate(m.date);
  doc.setModificationDate(m.date);
  doc.setLanguage(m.language);
  doc.catalog.set(PDFName.of("PageLayout"), PDFName.of(options.pageLayout));
  if (options.documentId) {
    const id = PDFHexString.of(fileId(options.documentId, options.variant));
    doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  }
}
