// The soft hyphens of build-time hyphenation out of the PDF's text: Chromium draws each soft hyphen of a word
// as an invisible glyph of no width (or, at a line's end, before the hyphen it draws there) inside a marked
// span `/Span <</ActualText <feff00ad>>> BDC … EMC`, and readers take that ActualText as the text:
// pdftotext, search, copy and screen readers read "Janu\u00ADary". The span's ActualText is emptied: the
// drawing stays exactly as it was, the soft hyphen reads as nothing, and a word broken at a line's end
// reads with the hyphen drawn there, which Chromium draws apart, mapped to "-".
import zlib from "node:zlib";
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
} from "pdf-lib";

/**
 * An ActualText of invisible characters alone, as Chromium writes it (a UTF-16BE hex string): soft hyphen,
 * zero-width space, word joiner, zero-width (non-)joiner, byte-order mark.
 */
const INVISIBLE_ACTUAL_TEXT = /\/ActualText\s*<(?:feff)?(?:00ad|200b|200c|200d|2060|feff)+>/gi;
const MARKER = Buffer.from("/ActualText");

/** Empties every ActualText that holds only invisible characters, in every page's content and forms. */
export function clearInvisibleActualText(doc: PDFDocument): number {
  let cleared = 0;
  const seen = new Set<string>();
  const visit = (ref: PDFObject | undefined) => {
    if (!(ref instanceof PDFRef) || seen.has(ref.toString())) return;
    seen.add(ref.toString());
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) return;
    cleared += rewrite(doc, ref, stream);
    // a form drawn by the stream may hold text too
    const xobjects = stream.dict
      .lookupMaybe(PDFName.of("Resources"), PDFDict)
      ?.lookupMaybe(PDFName.of("XObject"), PDFDict);
    for (const [, v] of xobjects?.entries() ?? []) visit(v);
  };
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of("Contents"));
    const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
    if (resolved instanceof PDFArray) for (let i = 0; i < resolved.size(); i++) visit(resolved.get(i));
    else visit(contents);
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
    for (const [, v] of xobjects?.entries() ?? []) visit(v);
  }
  return cleared;
}

/** The stream with its invisible ActualTexts emptied; how many there were. */
function rewrite(doc: PDFDocument, ref: PDFRef, stream: PDFRawStream): number {
  const subtype = stream.dict.get(PDFName.of("Subtype"));
  if (subtype && subtype !== PDFName.of("Form")) return 0;
  const bytes = decoded(stream);
  if (bytes.indexOf(MARKER) < 0) return 0;
  let n = 0;
  // latin1: one character a byte, so the binary parts of the stream come back unchanged
  const text = bytes.toString("latin1").replace(INVISIBLE_ACTUAL_TEXT, () => {
    n++;
    return "/ActualText <>";
  });
  if (n === 0) return 0;
  const dict = stream.dict.clone(doc.context);
  dict.delete(PDFName.of("Filter"));
  dict.delete(PDFName.of("DecodeParms"));
  dict.delete(PDFName.of("Length"));
  dict.set(PDFName.of("Filter"), PDFName.of("FlateDecode"));
  doc.context.assign(ref, PDFRawStream.of(dict, zlib.deflateSync(Buffer.from(text, "latin1"))));
  return n;
}

/** The stream's bytes: Chromium's are plain Flate, which Node's zlib inflates ten times faster than pdf-lib. */
function decoded(stream: PDFRawStream): Buffer {
  const filter = stream.dict.get(PDFName.of("Filter"));
  const plain = filter === PDFName.of("FlateDecode") && !stream.dict.has(PDFName.of("DecodeParms"));
  return plain ? zlib.inflateSync(stream.contents) : Buffer.from(decodePDFRawStream(stream).decode());
}
