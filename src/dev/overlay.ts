// A build error as the preview page shows it over the last good pages: code, file and line, code frame, hint.
import path from "node:path";
import { BookletError, BookletErrors, codeFrame } from "../errors/index.ts";

export interface OverlayError {
  severity: "error" | "warning";
  code: string;
  name: string;
  title: string;
  message: string;
  hint?: string;
  /** relative to the project folder */
  file?: string;
  line?: number;
  column?: number;
  frame?: string;
}

export function overlayErrors(error: unknown, cwd: string): OverlayError[] {
  const list = error instanceof BookletErrors ? error.errors : [error];
  return list
    .map((e): OverlayError => {
      if (e instanceof BookletError) {
        const loc = e.location;
        return {
          severity: e.severity,
          code: e.code,
          name: e.kind,
          title: e.title,
          message: e.message,
          hint: e.hint,
          file: loc ? path.relative(cwd, loc.file) || loc.file : undefined,
          line: loc?.line,
          column: loc?.column,
          frame: e.sourceText && loc?.line ? codeFrame(e.sourceText, loc.line, loc.column) || undefined : undefined,
        };
      }
      return {
        severity: "error",
        code: "B999",
        name: "Internal",
        title: "booklet failed unexpectedly",
        message: e instanceof Error ? e.message : String(e),
      };
    })
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}
