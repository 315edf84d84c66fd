// An edition's files: the change report, the manifest and its fingerprint, and the writing of them. What this
// index exports loads neither pdf-lib nor the other stages, so that a build can tell that its editions are
// up to date before it loads anything that makes files; the formats themselves (output/formats.ts, public
// outside this index) are imported when a file must be made.
export { changeReport, type EditionSnapshot, type ReportMessages, unpreparedReport } from "./changes.ts";
export { fingerprintInputs } from "./fingerprint.ts";
export { FORMATS, type FormatName } from "./format-names.ts";
export type { PrintOverrides, RenderedFormats } from "./formats.ts";
export {
  chapterStarts,
  type Findings,
  filesIntact,
  MANIFEST,
  type Manifest,
  type ManifestFile,
  manifestFile,
  manifestOf,
  manifestText,
  readManifest,
} from "./manifest.ts";
export { type PendingFile, recoverOutput, sha256, writeAtomically } from "./write.ts";
