// markdown-it plugin: Pandoc-style citations `[@id]`, `[@id, p. 3]`, `[@a; @b]` become `citation` tokens.
import type { MarkdownIt, StateCore, StateInline } from "markdown-it";
import { lineColumn } from "../shared/index.ts";

export interface CitationRef {
  id: string;
  locator?: string;
}

export interface CitationMeta {
  refs: CitationRef[];
  /** 0-based line within the Markdown source */
  line: number;
  /** 1-based column within that line, when known */
  column?: number;
  /** the citation as written, `[@id, p. 3]`, to find it in the file when Handlebars changed the line */
  source?: string;
}

const ITEM = /^\s*@([A-Za-z0-9_][\w.:-]*)\s*(?:,\s*([^;\]]*?))?\s*$/;

/** Parses the inside of `[...]` when it is a citation, or returns undefined. */
export function parseCitation(inner: string): CitationRef[] | undefined {
  if (!inner.trimStart().startsWith("@")) return undefined;
  const parts = inner.split(";");
  const refs: CitationRef[] = [];
  for (const part of parts) {
    const m = ITEM.exec(part);
    if (!m) return undefined;
    refs.push(m[2] ? { id: m[1], locator: m[2].trim() } : { id: m[1] });
  }
  return refs;
}

export function citations(md: MarkdownIt): void {
  md.inline.ruler.before("link", "citation", (state: StateInline, silent: boolean) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x5b /* [ */ || state.src.charCodeAt(start + 1) !== 0x40 /* @ */) return false;
    const end = state.src.indexOf("]", start);
    if (end < 0) return false;
    const refs = parseCitation(state.src.slice(start + 1, end));
    if (!refs) return false;
    if (!silent) {
      const token = state.push("citation", "", 0);
      // on the block's first line the inline text starts where the block does (column 1 for a paragraph)
      const at = lineColumn(state.src, start);
      const env = state.env as { __line?: number };
      token.meta = {
        refs,
        line: (env.__line ?? 0) + at.line - 1,
        column: at.column,
        source: state.src.slice(start, end + 1),
      } satisfies CitationMeta;
    }
    state.pos = end + 1;
    return true;
  });
}

/**
 * markdown-it's core `inline` rule does not tell inline rules which source line they are on; this one does
 * (through env.__line) so that an unknown citation can name its line.
 */
export function inlineWithLines(md: MarkdownIt): void {
  md.core.ruler.at("inline", (state: StateCore) => {
    const env = state.env as { __line?: number };
    for (const tok of state.tokens) {
      if (tok.type === "inline") {
        env.__line = tok.map ? tok.map[0] : env.__line;
        state.md.inline.parse(tok.content, state.md, state.env, tok.children!);
      }
    }
  });
}
