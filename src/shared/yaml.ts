// YAML parsing that keeps line numbers, so every error can name the line of the key at fault.
import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { ErrorName } from "../errors/index.ts";
import { BookletError } from "../errors/index.ts";

export interface LocatedYaml {
  value: unknown;
  /** 1-based line and column of the node at a path (falls back to its nearest ancestor) */
  locate(path: readonly (string | number)[]): { line: number; column: number };
  /** the same for the key of the last step of the path (an unknown key is fixed at its name, not its value) */
  locateKey(path: readonly (string | number)[]): { line: number; column: number };
  text: string;
  file: string;
}

/**
 * Parses YAML text. `lineOffset` is added to reported lines (front matter starts after the `---` line).
 */
export function parseYaml(
  text: string,
  file: string,
  syntaxError: ErrorName,
  lineOffset = 0,
  fullText = text,
): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    // an unclosed quote or bracket is found only where the file (or the next key) ends: point at its opening
    // (a bracket counts only when it is still open at the end of the text: one closed on a line that is not
    // indented enough is an indentation error, reported where it is)
    const bracket = /Flow (sequence|map)/.test(first.message) ? unclosedOpener(text, text.length) : undefined;
    const opener =
      first.code === "MISSING_CHAR" && /quote/.test(first.message)
        ? unclosedOpener(text, first.pos[0])
        : bracket !== undefined && bracket < first.pos[0]
          ? bracket
          : undefined;
    const pos = lineCounter.linePos(opener ?? first.pos[0]);
    const message =
      opener === undefined
        ? firstLine(first.message)
        : `The ${text[opener]} opened here is never closed (${firstLine(first.message)}).`;
    throw new BookletError(syntaxError, message, {
      location: { file, line: pos.line + lineOffset, column: pos.col },
      sourceText: fullText,
    });
  }
  const at = (node: Node | undefined) => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  const locate = (path: readonly (string | number)[]) => at(nodeAt(doc, path));
  const locateKey = (path: readonly (string | number)[]) => at(nodeAt(doc, path, true));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // an alias to an anchor that is not set before it, or aliases that expand too far: the parser accepts
    // them, turning the document into a value does not
    const alias = /alias.*: (\S+)$/i.exec((e as Error).message)?.[1];
    const at = alias ? text.search(new RegExp(`\\*${alias.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`)) : -1;
    const pos = lineCounter.linePos(Math.max(0, at));
    throw new BookletError(syntaxError, `${firstLine((e as Error).message)}.`, {
      location: { file, line: pos.line + lineOffset, column: at >= 0 ? pos.col : undefined },
      sourceText: fullText,
    });
  }
  if (containsItself(value)) {
    throw new BookletError(
      syntaxError,
      "An alias (*name) refers to the list or mapping it is inside: the value would never end.",
      { location: { file, line: 1 + lineOffset }, sourceText: fullText },
    );
  }
  return { value, locate, locateKey, text: fullText, file };
}

function nodeAt(doc: Document, path: readonly (string | number)[], lastKey = false): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) break;
      // the value for a wrong value (the key when there is none): that is where an editor looks
      found = lastKey && i === path.length - 1 ? (pair.key as Node) : ((pair.value as Node) ?? (pair.key as Node));
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

/**
 * The offset of the last quote or flow bracket opened before `end` and not closed by then. A rough YAML
 * scanner: a quote opens a scalar only where one can start (after `: `, `- `, `[`, `{`, `,` or indentation),
 * so the apostrophe in "don't" is not taken for one; comments are skipped.
 */
export function unclosedOpener(text: string, end: number): number | undefined {
  const open: number[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < Math.min(end, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (quote.char === '"' && c === "\\") i++;
      else if (c === quote.char && quote.char === "'" && text[i + 1] === "'") i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    const before = text.slice(text.lastIndexOf("\n", i - 1) + 1, i);
    if (c === "#" && (before === "" || /\s$/.test(before))) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if ((c === '"' || c === "'") && /(^|[:\-?]\s|[[{,])\s*$|^\s*$/.test(before)) quote = { char: c, at: i };
    else if (c === "[" || c === "{") open.push(i);
    else if ((c === "]" || c === "}") && open.length) open.pop();
  }
  return quote?.at ?? open.pop();
}

/** Whether a value holds itself (`a: &a [*a]`): the loaders would walk it for ever. */
function containsItself(value: unknown, ancestors = new Set<unknown>()): boolean {
  if (value === null || typeof value !== "object") return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  const found = children.some((child) => containsItself(child, ancestors));
  ancestors.delete(value);
  return found;
}
