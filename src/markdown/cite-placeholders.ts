// A template's citation ({{cite "id"}}, a table's sources) is an empty <span data-cite> in the Markdown.
import type { MarkdownIt, StateCore } from "markdown-it";

const OPENING = /^<span data-cite="[^"]*"(?: data-locator="[^"]*")?>$/;

/**
 * Inside a paragraph markdown-it makes a token of each tag, so the placeholder's opening and closing tags
 * arrive apart and the renderer, which makes a note of the whole placeholder, would print an empty span
 * instead. Join the two into one token, as in a block of HTML.
 */
export function joinCitePlaceholders(md: MarkdownIt): void {
  md.core.ruler.after("inline", "booklet_cite_placeholders", (state: StateCore) => {
    for (const block of state.tokens) {
      const children = block.children;
      if (!children) continue;
      for (let i = children.length - 2; i >= 0; i--) {
        const [tag, next] = [children[i], children[i + 1]];
        if (tag.type !== "html_inline" || next.type !== "html_inline") continue;
        if (!OPENING.test(tag.content) || next.content !== "</span>") continue;
        tag.content += next.content;
        children.splice(i + 1, 1);
      }
    }
  });
}
