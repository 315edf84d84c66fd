// markdown-it plugin: content cannot run scripts in the renderer, nor make it fetch anything remote.
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { BookletError } from "../errors/booklet-error.ts";
import type { ErrorName } from "../errors/catalogue.ts";

interface SafetyEnv {
  ctx?: {
    file: string;
    bodyLine: number;
    text: string;
    problems: BookletError[];
    /** checks a local file reference; returns the error kind and message when it is not acceptable */
    checkAsset?: (ref: string) => { kind: ErrorName; message: string } | undefined;
  };
}

const SCRIPT = /<\s*script\b|<\s*iframe\b|<\s*object\b|<\s*embed\b|\son[a-z]+\s*=|javascript:/i;
const RESOURCE_ATTR = /\b(?:src|href|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)/gi;
const CSS_URL = /url\(\s*["']?([^"')]+)/gi;

export function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//");
}

export function safety(md: MarkdownIt): void {
  md.core.ruler.push("booklet_safety", (state: StateCore) => {
    const env = state.env as SafetyEnv;
    const ctx = env.ctx;
    if (!ctx) return;
    const report = (kind: ErrorName, message: string, tok: Token, parentLine?: number) => {
      ctx.problems.push(new BookletError(kind, message, { location: { file: ctx.file, line: ctx.bodyLine + (tok.map?.[0] ?? parentLine ?? 0) }, sourceText: ctx.text }));
    };
    const checkHtml = (tok: Token, parentLine?: number) => {
      if (SCRIPT.test(tok.content)) {
        report("UnsafeContent", "This HTML would run a script in the renderer; it was removed.", tok, parentLine);
        tok.content = "";
        return;
      }
      const isLinkOnly = (m: string) => /^\s*href/i.test(m);
      for (const re of [RESOURCE_ATTR, CSS_URL]) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(tok.content))) {
          const ref = m[1];
          // a hyperlink to a web page is fine in a PDF: it is not fetched
          if (re === RESOURCE_ATTR && isLinkOnly(m[0]) && !/\.(css|woff2?|ttf|otf|js)(\?|$)/i.test(ref)) continue;
          checkRef(ref, tok, parentLine);
        }
      }
    };
    const checkRef = (ref: string, tok: Token, parentLine?: number) => {
      if (ref.startsWith("#") || ref.startsWith("data:")) return;
      if (isRemote(ref)) {
        report("RemoteResource", `"${ref}" would be fetched from outside the project.`, tok, parentLine);
        return;
      }
      const problem = ctx.checkAsset?.(ref);
      if (problem) report(problem.kind, problem.message, tok, parentLine);
    };
    // footnote definitions were taken out of the stream (render.ts); check them too
    const noteTokens = [...((state.env as { noteTokens?: Map<number, Token[]> }).noteTokens?.values() ?? [])].flat();
    for (const tok of [...state.tokens, ...noteTokens]) {
      if (tok.type === "html_block") checkHtml(tok);
      if (tok.type === "inline" && tok.children) {
        for (const child of tok.children) {
          if (child.type === "html_inline") checkHtml(child, tok.map?.[0]);
          if (child.type === "image") checkRef(String(child.attrGet("src") ?? ""), child, tok.map?.[0]);
        }
      }
    }
  });
}
