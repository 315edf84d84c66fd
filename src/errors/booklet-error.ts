// The one error type booklet throws: a catalogue entry, a message, and where in which file it happened.
import { catalogue, type ErrorName } from "./catalogue.ts";

export interface SourceLocation {
  file: string;
  /** 1-based line */
  line?: number;
  /** 1-based column */
  column?: number;
}

export interface BookletErrorOptions {
  location?: SourceLocation;
  /** the text of the file, for the code frame under the message */
  sourceText?: string;
  cause?: unknown;
  /** a warning does not stop the build */
  severity?: "error" | "warning";
}

export class BookletError extends Error {
  readonly kind: ErrorName;
  readonly code: string;
  readonly title: string;
  readonly hint: string;
  readonly location?: SourceLocation;
  readonly sourceText?: string;
  readonly severity: "error" | "warning";

  constructor(kind: ErrorName, message: string, options: BookletErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = catalogue[kind];
    this.name = `BookletError(${kind})`;
    this.kind = kind;
    this.code = entry.code;
    this.title = entry.title;
    this.hint = entry.hint;
    this.location = options.location;
    this.sourceText = options.sourceText;
    this.severity = options.severity ?? "error";
  }
}

/** Several problems found at once (booklet check reports them all, not just the first). */
export class BookletErrors extends Error {
  constructor(readonly errors: BookletError[]) {
    super(`${errors.length} problem${errors.length === 1 ? "" : "s"} in the content`);
    this.name = "BookletErrors";
  }
}
