// PDF files after the browser: metadata and structure, the print version's boxes and marks, imposition, PDF/X.
export { impose, sheetFor } from "./impose.ts";
export type { PdfMetadata } from "./info.ts";
export { loadPdf } from "./load.ts";
export { nameOf, numberOf, pageTransparency, textOf } from "./objects.ts";
export { padScreenBlank } from "./pad.ts";
export { checkPdfxSetup, convertToPdfx, findTransparency, PDFX_VERSION } from "./pdfx.ts";
export { postprocess } from "./postprocess.ts";
export { makePrintPdf, printGeometry } from "./print.ts";
export { stabiliseNodeIds } from "./stable-ids.ts";
