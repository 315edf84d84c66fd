// Every PDF a build reads and writes with pdf-lib is loaded and saved here, with the same options.
import { type LoadOptions, PDFDocument } from "pdf-lib";

// pdf-lib pauses for a timer tick (setTimeout 0: a millisecond or more, longer on a busy machine) after every
// 100 objects it parses and every 50 it writes, to leave the event loop free. The shipped booklet's tagged
// PDF has about 1,500 objects, and its screen PDF's load and save waited on those ticks for most of their
// 110–250 ms (20–120 ms without them). A tick every 1,500 objects (pdf-lib's ParseSpeeds.Fast) still lets a
// long book's PDF give way to the browser's messages and a Ctrl-C.
const OBJECTS_PER_TICK = 1500;

/** A PDF read with pdf-lib, its metadata left as it is (pdf-lib would stamp its producer and the time). */
export function loadPdf(bytes: Uint8Array, options: Omit<LoadOptions, "parseSpeed"> = {}): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, ...options, parseSpeed: OBJECTS_PER_TICK });
}

/** A PDF's bytes, written without object streams, as every PDF of a build is. */
export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, objectsPerTick: OBJECTS_PER_TICK });
}
