// Content cannot run scripts in the renderer, nor make it fetch anything remote: a scanner of HTML and CSS
// shared by the chapters (a markdown-it plugin, below) and the templates (src/document).
import { decodeHTMLAttribute } from "entities";
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import type { ErrorName } from "../errors/index.ts";
import { BookletError } from "../errors/index.ts";

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

export function isRemote(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//");
}

/** Why a remote reference is refused, in words that fit it (a file: URL is not "the network"). */
export function remoteMessage(ref: string): string {
  return /^file:/i.test(ref)
    ? `"${ref}" would read a file of this machine, outside the project.`
    : `"${ref}" would be fetched from outside the project.`;
}

/** Something in HTML or CSS that a booklet refuses, at an offset of the text scanned. */
export interface Refusal {
  kind: "UnsafeContent" | "RemoteResource";
  message: string;
  /** offset in the text scanned */
  index: number;
}

/** A reference to a file that the renderer would load (an image, a stylesheet), at an offset of the text. */
export interface ResourceRef {
  ref: string;
  index: number;
}

// elements that run code or embed another document
const ACTIVE = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"]);
// attributes whose value the renderer fetches; href only outside <a> and <area>, where it is a link
const FETCHED = new Set([
  "src",
  "srcset",
  "poster",
  "data",
  "href",
  "xlink:href",
  "background",
  "lowsrc",
  "imagesrcset",
]);
const LINK_TAGS = new Set(["a", "area"]);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
// url(…), @import "…", and the strings of image-set(…) (each one a URL the browser may fetch)
const CSS_REF = /url\(\s*(["']?)([^"')]*)\1\s*\)|@import\s+(["'])([^"']*)\3|image-set\((?=([^)]*))/gi;
const QUOTED = /(["'])([^"']*)\1/g;

/** Attribute values as the browser reads them: every character reference decoded (&quot; &colon; &#x3a; …). */
function decode(value: string): string {
  return decodeHTMLAttribute(value);
}

/**
 * CSS as the browser reads it: escapes (`\75 rl(` is `url(`, `\:` is `:`) resolved, with the offset in the
 * written text of every character, so that a finding is reported where it is written.
 */
export function unescapeCss(css: string): { text: string; at: number[] } {
  let text = "";
  const at: number[] = [];
  const cssEscape = /\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))/y;
  for (let i = 0; i < css.length; ) {
    cssEscape.lastIndex = i;
    const m = css[i] === "\\" ? cssEscape.exec(css) : null;
    if (m) {
      const cp = m[1] ? parseInt(m[1], 16) : m[2].codePointAt(0)!;
      text += cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\ufffd" : String.fromCodePoint(cp);
      at.push(i);
      i = cssEscape.lastIndex;
    } else {
      text += css[i];
      at.push(i);
      i++;
    }
  }
  return { text, at };
}

/**
 * Scans HTML (a chapter's HTML block, a template) for what a booklet refuses: elements and attributes that
 * run code, and references to files outside the project. Local references are returned for the caller to
 * check (they must exist, inside the content folder). A value holding a Handlebars expression is skipped:
 * it is known only when the template runs (the browser's request interception still refuses it then).
 */
export function scanHtml(html: string): { findings: Refusal[]; refs: ResourceRef[] } {
  const findings: Refusal[] = [];
  const refs: ResourceRef[] = [];
  const resource = (ref: string, index: number) => {
    const clean = ref.trim();
    if (clean === "" || clean.startsWith("#") || clean.startsWith("data:") || clean.includes("{{")) return;
    if (/^javascript:/i.test(clean.replace(/[\s\p{Cc}]/gu, "")))
      findings.push({ kind: "UnsafeContent", message: `"${clean}" would run a script in the renderer.`, index });
    else if (isRemote(clean)) findings.push({ kind: "RemoteResource", message: remoteMessage(clean), index });
    else refs.push({ ref: clean, index });
  };
  for (const m of html.matchAll(TAG)) {
    const [whole, closing, rawName, attrs] = m;
    const after = m.index + whole.length;
    if (closing) continue;
    const name = rawName.toLowerCase();
    if (ACTIVE.has(name)) {
      findings.push({
        kind: "UnsafeContent",
        message: `A <${name}> element would run code or load a document in the renderer.`,
        index: m.index,
      });
      continue;
    }
    const attrsAt = m.index + 1 + rawName.length;
    let httpEquiv = "";
    for (const a of attrs.matchAll(ATTR)) {
      const attr = a[1].toLowerCase();
      const value = decode(a[2] ?? a[3] ?? a[4] ?? "");
      const at = attrsAt + a.index;
      if (/^on/.test(attr))
        findings.push({
          kind: "UnsafeContent",
          message: `The attribute ${a[1]}= would run a script in the renderer.`,
          index: at,
        });
      else if (/^\s*javascript:/i.test(value.replace(/\p{Cc}/gu, "")))
        findings.push({ kind: "UnsafeContent", message: `"${value}" would run a script in the renderer.`, index: at });
      else if (attr === "style") for (const r of scanCss(value).findings) findings.push({ ...r, index: at });
      else if (attr === "http-equiv") httpEquiv = value.toLowerCase();
      else if (attr === "content" && httpEquiv === "refresh")
        findings.push({
          kind: "UnsafeContent",
          message: 'A <meta http-equiv="refresh"> would send the renderer elsewhere.',
          index: at,
        });
      else if (FETCHED.has(attr) && !(LINK_TAGS.has(name) && (attr === "href" || attr === "xlink:href"))) {
        if (attr === "srcset" || attr === "imagesrcset") {
          // "a.png 1x, b.png 2x": every candidate is fetched, not just the first
          for (const candidate of value.split(",")) resource(candidate.trim().split(/\s+/)[0] ?? "", at);
        } else resource(value, at);
      }
    }
    if (name === "style") {
      // the stylesheet inside <style>…</style>
      const end = html.indexOf("</style", after);
      const css = html.slice(after, end < 0 ? html.length : end);
      const inner = scanCss(css);
      findings.push(...inner.findings.map((f) => ({ ...f, index: after + f.index })));
      refs.push(...inner.refs.map((r) => ({ ...r, index: after + r.index })));
    }
  }
  return { findings, refs };
}

/** Scans CSS for `url(…)` and `@import "…"`: a remote one is refused, a local one returned. */
export function scanCss(written: string): { findings: Refusal[]; refs: ResourceRef[] } {
  const findings: Refusal[] = [];
  const refs: ResourceRef[] = [];
  // the escapes resolved first: `\75 rl(https://…)` is a url() to the browser
  const { text: css, at } = unescapeCss(written);
  const found = (ref: string, index: number) => {
    ref = ref.trim();
    if (ref === "" || ref.startsWith("data:") || ref.startsWith("#") || ref.includes("{{")) return;
    if (isRemote(ref))
      findings.push({ kind: "RemoteResource", message: remoteMessage(ref), index: at[index] ?? index });
    else refs.push({ ref, index: at[index] ?? index });
  };
  for (const m of css.matchAll(CSS_REF)) {
    if (m[5] === undefined) found(m[2] ?? m[4] ?? "", m.index);
    // image-set("a.png" 1x, "b.png" 2x): its url()s are found above, its strings here
    else for (const q of m[5].matchAll(QUOTED)) found(q[2], m.index);
  }
  return { findings, refs };
}

export function safety(md: MarkdownIt): void {
  md.core.ruler.push("booklet_safety", (state: StateCore) => {
    const env = state.env as SafetyEnv;
    const ctx = env.ctx;
    if (!ctx) return;
    const fileLines = ctx.text.split(/\r?\n/);
    // the lines of the block a token comes from (an inline token's are its paragraph's)
    type Span = [number, number];
    const report = (kind: ErrorName, message: string, span: Span, written?: string) => {
      // the line and column where the offending text is written, when it is found in the block's lines
      // (Handlebars ran before, so it may be written otherwise: then the block's first line)
      for (let n = span[0]; written && n < Math.max(span[1], span[0] + 1); n++) {
        const at = (fileLines[ctx.bodyLine + n - 1] ?? "").indexOf(written);
        if (at >= 0) {
          ctx.problems.push(
            new BookletError(kind, message, {
              location: { file: ctx.file, line: ctx.bodyLine + n, column: at + 1 },
              sourceText: ctx.text,
            }),
          );
          return;
        }
      }
      ctx.problems.push(
        new BookletError(kind, message, {
          location: { file: ctx.file, line: ctx.bodyLine + span[0] },
          sourceText: ctx.text,
        }),
      );
    };
    const checkHtml = (tok: Token, span: Span) => {
      const { findings, refs } = scanHtml(tok.content);
      const unsafe = findings.filter((f) => f.kind === "UnsafeContent");
      if (unsafe.length) {
        report(
          "UnsafeContent",
          `${unsafe[0].message.replace(/\.$/, "")}; it was removed.`,
          span,
          tok.content.slice(unsafe[0].index).split(/[\s>]/)[0],
        );
        tok.content = "";
        return;
      }
      for (const f of findings) report(f.kind, f.message, span, /"([^"]+)"/.exec(f.message)?.[1]);
      for (const r of refs) checkLocal(r.ref, span);
    };
    const checkLocal = (ref: string, span: Span) => {
      const problem = ctx.checkAsset?.(ref);
      if (problem) report(problem.kind, problem.message, span, ref);
    };
    const checkImage = (ref: string, span: Span) => {
      if (ref === "" || ref.startsWith("#") || ref.startsWith("data:")) return;
      if (isRemote(ref)) report("RemoteResource", remoteMessage(ref), span, ref);
      else checkLocal(ref, span);
    };
    // footnote definitions were taken out of the stream (render.ts); check them too
    const noteTokens = [...((state.env as { noteTokens?: Map<number, Token[]> }).noteTokens?.values() ?? [])].flat();
    for (const tok of [...state.tokens, ...noteTokens]) {
      const span: Span = tok.map ? [tok.map[0], tok.map[1]] : [0, 0];
      if (tok.type === "html_block") checkHtml(tok, span);
      if (tok.type === "inline" && tok.children) {
        for (const child of tok.children) {
          if (child.type === "html_inline") checkHtml(child, span);
          if (child.type === "image") checkImage(String(child.attrGet("src") ?? ""), span);
        }
      }
    }
  });
}
