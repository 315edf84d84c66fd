// The trailer ID of Ghostscript's file, replaced by the build's so that the same input makes the same bytes.
// Ghostscript writes its (random) ID as hex strings or, when shorter, as literal strings with escapes; both
// are read here. The trailer dictionary follows the cross-reference table, and nothing after it is counted
// in byte offsets, so the array can change length.

import { BookletError } from "../errors/index.ts";

/** `bytes` with the last trailer's `/ID` array set to `[<id><id>]` (`id` in hex). */
export function setTrailerId(bytes: Uint8Array, id: string): Uint8Array {
  const text = Buffer.from(bytes).toString("latin1");
  const span = findTrailerId(text);
  if (!span) throw noId();
  const replacement = `/ID [<${id.toUpperCase()}><${id.toUpperCase()}>]`;
  return Buffer.concat([
    Buffer.from(bytes.subarray(0, span.start)),
    Buffer.from(replacement, "latin1"),
    Buffer.from(bytes.subarray(span.end)),
  ]);
}

/** Where the last trailer's `/ID [..]` starts and ends, when the file has a classic trailer with one. */
function findTrailerId(text: string): { start: number; end: number } | undefined {
  const startxref = text.lastIndexOf("startxref");
  const trailer = text.lastIndexOf("trailer", startxref);
  const xref = Number(/^startxref\s+(\d+)/.exec(text.slice(startxref))?.[1]);
  // a cross-reference stream keeps its trailer inside a compressed object: not Ghostscript's PDF 1.3
  if (startxref < 0 || trailer < 0 || !(xref < trailer)) return undefined;
  const key = /\/ID(?=[\s[])/g;
  key.lastIndex = trailer;
  const found = key.exec(text);
  if (!found || found.index > startxref) return undefined;
  let i = skipSpace(text, found.index + 3);
  if (text[i] !== "[") return undefined;
  i++;
  for (let n = 0; n < 2; n++) {
    i = skipString(text, skipSpace(text, i));
    if (i < 0) return undefined;
  }
  i = skipSpace(text, i);
  return text[i] === "]" ? { start: found.index, end: i + 1 } : undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /[\0\t\n\f\r ]/.test(text[i])) i++;
  return i;
}

/** The index after the string that starts at `i` (`<hex>` or `(literal)`, PDF 32000-1 7.3.4), or -1. */
function skipString(text: string, i: number): number {
  if (text[i] === "<") {
    const end = text.indexOf(">", i);
    return end < 0 || !/^[0-9A-Fa-f\s]*$/.test(text.slice(i + 1, end)) ? -1 : end + 1;
  }
  if (text[i] !== "(") return -1;
  // balanced parentheses need no escape inside a literal string; a backslash escapes the character after it
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

function noId(): BookletError {
  return new BookletError(
    "PdfxFailed",
    "Ghostscript's file has no /ID in its trailer that booklet can read, so it cannot be given the build's ID " +
      "and would differ from build to build.",
  );
}
