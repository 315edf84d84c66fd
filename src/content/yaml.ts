// YAML parsing that keeps line numbers, so every error can name the line of the key at fault.
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from "yaml";
import { BookletError } from "../errors/booklet-error.ts";
import type { ErrorName } from "../errors/catalogue.ts";

export interface LocatedYaml {
  value: unknown;
  /** 1-based line and column of the node at a path (falls back to its nearest ancestor) */
  locate(path: readonly (string | number)[]): { line: number; column: number };
  text: string;
  file: string;
}

/**
 * Parses YAML text. `lineOffset` is added to reported lines (front matter starts after the `---` line).
 */
export function parseYaml(text: string, file: string, syntaxError: ErrorName, lineOffset = 0, fullText = text): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = lineCounter.linePos(first.pos[0]);
    throw new BookletError(syntaxError, firstLine(first.message), {
      location: { file, line: pos.line + lineOffset, column: pos.col },
      sourceText: fullText,
    });
  }
  const locate = (path: readonly (string | number)[]) => {
    const node = nodeAt(doc, path);
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  return { value: doc.toJS({ maxAliasCount: 100 }), locate, text: fullText, file };
}

function nodeAt(doc: Document, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      // point at the key for a wrong value: that is where an editor looks
      found = (pair.value as Node) ?? (pair.key as Node);
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      if (!node) break;
      found = node as Node;
    } else break;
  }
  return found;
}

function firstLine(s: string): string {
  return s.split("\n")[0];
}
