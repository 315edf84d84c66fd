// Every error booklet reports: the catalogue's codes, the error class, and the report of one to a person or a tool.
export { BookletError, BookletErrors, type SourceLocation } from "./booklet-error.ts";
export type { ErrorName } from "./catalogue.ts";
export { codeFrame } from "./code-frame.ts";
export { closest, didYouMean } from "./did-you-mean.ts";
export { errorToJson, formatError } from "./reporter.ts";
