// An edition's files: every format made from the laid-out document, the change report, and the writing of them.
export { changeReport, type EditionSnapshot, type ReportMessages, unpreparedReport } from "./changes.ts";
export {
  FORMATS,
  type FormatName,
  layoutCss,
  messagesOf,
  type PrintOverrides,
  printSettings,
  renderFormats,
} from "./formats.ts";
export { type PendingFile, recoverOutput, sha256, writeAtomically } from "./write.ts";
