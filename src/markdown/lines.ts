// Every block of a chapter's HTML says where it was written: data-line="chapters/01-road.md:12". The
// preflight names that file and line when a block's text is not in the PDF as it should be.
import type { MarkdownIt, StateCore } from "markdown-it";

interface LinesEnv {
  ctx?: { sourceName?: string; bodyLine: number };
}

export function sourceLines(md: MarkdownIt): void {
  md.core.ruler.push("booklet_source_lines", (state: StateCore) => {
    const ctx = (state.env as LinesEnv).ctx;
    if (!ctx?.sourceName) return;
    for (const tok of state.tokens) {
      // opening block tags and the blocks that are one token (code); a table's cells take their row's line
      if (!tok.map || !tok.block || tok.nesting === -1 || tok.type === "inline") continue;
      tok.attrSet("data-line", `${ctx.sourceName}:${ctx.bodyLine + tok.map[0]}`);
    }
  });
}
