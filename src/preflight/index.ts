// Preflight: reads a PDF back and checks it, with the HTML it was made from when that is known.
export { preflightCommand } from "./command.ts";
export type { Finding, PrintExpectations, Report } from "./finding.ts";
/** Starts loading pdf.js (in its thread) ahead of the first check: the build calls it while the browser lays out. */
export { warmUp as warmUpPreflight } from "./pdfjs.ts";
export { PreflightFailure, type PreflightOptions, preflight, preflightBuild } from "./preflight.ts";
