// The one reporter: prints a BookletError (or any error) with its location, code frame, hint and cause chain.
import path from "node:path";
import { BookletError, BookletErrors } from "./booklet-error.ts";
import { catalogue } from "./catalogue.ts";
import { codeFrame } from "./code-frame.ts";

export interface ReportOptions {
  verbose?: boolean;
  cwd?: string;
}

export function formatError(err: unknown, options: ReportOptions = {}): string {
  if (err instanceof BookletErrors) {
    return `${err.errors.map((e) => formatError(e, options)).join("\n\n")}\n\n${summary(err.errors)}`;
  }
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  if (err instanceof BookletError) {
    const label = err.severity === "warning" ? "warning" : "error";
    lines.push(`${label} ${err.code} ${err.kind}: ${err.title}`);
    if (err.location) {
      const loc = err.location;
      const rel = path.isAbsolute(loc.file) ? path.relative(cwd, loc.file) || loc.file : loc.file;
      lines.push(`  at ${rel}${loc.line ? `:${loc.line}` : ""}${loc.line && loc.column ? `:${loc.column}` : ""}`);
    }
    lines.push(indent(err.message, "  "));
    if (err.sourceText && err.location?.line) {
      const frame = codeFrame(err.sourceText, err.location.line, err.location.column);
      if (frame) lines.push("", indent(frame, "  "));
    }
    lines.push(`  what to do: ${err.hint}`);
  } else {
    // not an editor's mistake but booklet's: still one catalogued error, with what to do (the stack with --verbose)
    const entry = catalogue.Internal;
    lines.push(`error ${entry.code} Internal: ${entry.title}`);
    lines.push(indent(err instanceof Error ? err.message.split("\n")[0] : String(err), "  "));
    lines.push(`  what to do: ${entry.hint}`);
  }
  // The cause chain, one line each, innermost last.
  let cause = (err as { cause?: unknown })?.cause;
  let depth = 0;
  while (cause !== undefined && depth < 8) {
    const text = cause instanceof Error ? cause.message : String(cause);
    lines.push(`  caused by: ${text.split("\n")[0]}`);
    cause = (cause as { cause?: unknown })?.cause;
    depth++;
  }
  if (options.verbose && err instanceof Error && err.stack) {
    lines.push("", err.stack);
    const inner = (err as { cause?: unknown }).cause;
    if (inner instanceof Error && inner.stack) lines.push("cause:", inner.stack);
  }
  return lines.join("\n");
}

function summary(errors: BookletError[]): string {
  const e = errors.filter((x) => x.severity === "error").length;
  const w = errors.length - e;
  return `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}`;
}

function indent(text: string, pad: string): string {
  return text
    .split("\n")
    .map((l) => pad + l)
    .join("\n");
}

/** A JSON view of an error, for --json. */
export function errorToJson(err: unknown): unknown {
  if (err instanceof BookletErrors) return { errors: err.errors.map(errorToJson) };
  if (err instanceof BookletError) {
    return {
      severity: err.severity,
      code: err.code,
      name: err.kind,
      title: err.title,
      message: err.message,
      hint: err.hint,
      location: err.location,
    };
  }
  return {
    severity: "error",
    code: catalogue.Internal.code,
    name: "Internal",
    title: catalogue.Internal.title,
    message: err instanceof Error ? err.message : String(err),
    hint: catalogue.Internal.hint,
  };
}
