// Renders one chapter's Markdown to HTML: citations and footnotes become numbered page-bottom notes.

import type { MarkdownIt, Renderer, StateCore, Token } from "markdown-it";
import markdownIt from "markdown-it";
import cjkBreaks from "markdown-it-cjk-breaks";
import footnote from "markdown-it-footnote";
import { BookletError, closest } from "../errors/index.ts";
import { escapeHtml, lineColumn, oneStop, slugify } from "../shared/index.ts";
import { type CitationMeta, type CitationRef, citations, inlineWithLines } from "./citations.ts";
import { joinCitePlaceholders } from "./cite-placeholders.ts";
import { type GatheredMeta, gatherCitations, type NotesRule } from "./gather.ts";
import { sourceLines } from "./lines.ts";
import { safety } from "./safety.ts";

export interface ChapterContext {
  /** the chapter's anchor id, for ids of its sub-headings */
  id: string;
  file: string;
  /** the file's path from the content folder, written on each block for the preflight (lines.ts) */
  sourceName?: string;
  /** 1-based line in `file` where the Markdown starts */
  bodyLine: number;
  /** the whole file, for code frames */
  text: string;
  /** formats one citation of a source; `full` at its first citation in the chapter */
  formatCitation(ref: CitationRef, full: boolean): string;
  hasSource(id: string): boolean;
  /** the ids of sources.yaml, for the closest one to a misspelt id */
  sourceIds?(): Iterable<string>;
  /** the sources a misspelt citation was probably meant for (not said to be never cited) */
  meant?: Set<string>;
  /** a source whose entry was already reported (invalid, or sources.yaml unreadable): not reported again */
  sourceReported?(id: string): boolean;
  /** problems are collected, not thrown, so `booklet check` can report them all */
  problems: BookletError[];
  /** sources cited anywhere (the caller checks that each source is cited somewhere) */
  cited: Set<string>;
  /** checks a local file the content refers to (an image) */
  checkAsset?: (
    ref: string,
  ) => { kind: "PathOutsideContent" | "MissingFile" | "FileTooLarge"; message: string } | undefined;
}

interface Env {
  ctx: ChapterContext;
  /** the Markdown as parsed: the chapter's body after Handlebars */
  source: string;
  __line?: number;
  noteCount: number;
  inNote: number;
  citedHere: Set<string>;
  noteTokens: Map<number, Token[]>;
  footnotes?: { refs?: Record<string, number>; list?: { label?: string; count: number }[] };
  defLines: Map<string, number>;
}

export interface RenderedMarkdown {
  html: string;
  notes: number;
}

/** The placeholder a template helper leaves where a citation note belongs inside its HTML (a table row). */
export function citePlaceholder(id: string, locator?: string): string {
  return `<span data-cite="${escapeAttr(id)}"${locator ? ` data-locator="${escapeAttr(locator)}"` : ""}></span>`;
}
const PLACEHOLDER = /<span data-cite="([^"]*)"(?: data-locator="([^"]*)")?><\/span>/g;

export interface MarkdownOptions {
  /** how citations become notes: one each, or gathered by sentence or by block */
  notes?: NotesRule;
  /** the booklet's language, for its sentence rules */
  language?: string;
}

export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
  const md = markdownIt({ html: true, linkify: false, typographer: true });
  md.use(inlineWithLines);
  md.use(footnote);
  md.use(citations);
  md.use(joinCitePlaceholders);
  md.use(collectNotes);
  md.use(gatherCitations, { rule: options.notes ?? "per-citation", language: options.language });
  md.use(safety);
  md.use(headingIds);
  md.use(paragraphAfterBlock);
  md.use(oneStopAfterAbbreviation);
  md.use(sourceLines);
  // a line break of the source between two Chinese or Japanese characters is no space (CSS Text 3's rule,
  // which Chromium does not apply): a paragraph wrapped in the editor prints as one run of characters
  md.use(cjkBreaks);

  const rules = md.renderer.rules as unknown as Rules;
  rules.citation = renderCitation;
  rules.footnote_ref = (tokens, idx, opts, env: Env) => renderNoteCall(md, tokens, idx, opts, env);
  const html = (tokens: Token[], idx: number, _o: unknown, env: Env) =>
    replacePlaceholders(tokens[idx].content, env, tokens[idx].map?.[0] ?? 0);
  rules.html_block = html;
  rules.html_inline = html;
  // a paragraph inside a note is a span: the note itself is one inline element
  inNote(rules, "paragraph_open", '<span class="fn-p">');
  inNote(rules, "paragraph_close", "</span>");
  return md;
}

type Rule = (tokens: Token[], idx: number, opts: MarkdownIt["options"], env: Env, self: Renderer) => string;
type Rules = Record<string, Rule>;

/** A citation: a note of its own in the text; inside a note, text. */
function renderCitation(tokens: Token[], idx: number, _opts: unknown, env: Env): string {
  const meta = tokens[idx].meta as unknown as CitationMeta;
  const text = citeText(meta, env);
  if (env.inNote === 0) return callSeparator(tokens, idx) + note(env, text);
  // inside a note the citation is text: keep it apart from the sentence before it, and leave the
  // closing punctuation to the note when the note goes on with its own
  const prev = tokens[idx - 1];
  const next = tokens[idx + 1];
  const spaced =
    prev && ((prev.type === "text" && prev.content !== "" && !/\s$/.test(prev.content)) || prev.type === "citation");
  const body = next && next.type === "text" && /^[.,;:!?]/.test(next.content) ? text.replace(/\.$/, "") : text;
  return spaced ? ` ${body}` : body;
}

/** A footnote's call: the note itself, numbered, its content rendered where it is called. */
function renderNoteCall(md: MarkdownIt, tokens: Token[], idx: number, opts: MarkdownIt["options"], env: Env): string {
  const id = tokens[idx].meta!.id as number;
  const inner = env.noteTokens.get(id) ?? [];
  // a note of one paragraph needs no paragraph wrapper
  const paragraphs = inner.filter((t) => t.type === "paragraph_open");
  if (paragraphs.length === 1)
    inner
      .filter((t) => t.type === "paragraph_open" || t.type === "paragraph_close")
      .forEach((t) => {
        t.hidden = true;
      });
  env.inNote++;
  // numbered before its content is rendered: a note's own citations do not take numbers
  const n = ++env.noteCount;
  const html = md.renderer.render(inner, opts, env as unknown as Record<string, unknown>).trim();
  env.inNote--;
  return (env.inNote === 0 ? callSeparator(tokens, idx) : "") + noteWithNumber(n, html);
}

/** Inside a note, `rule` renders as `tag` (nothing for a hidden token); outside, as it did. */
function inNote(rules: Rules, rule: string, tag: string): void {
  const outside = rules[rule];
  rules[rule] = (tokens, idx, opts, env: Env, self) =>
    env.inNote > 0
      ? tokens[idx].hidden
        ? ""
        : tag
      : outside
        ? outside(tokens, idx, opts, env, self)
        : self.renderToken(tokens, idx, opts);
}

export function renderChapterMarkdown(md: MarkdownIt, source: string, ctx: ChapterContext): RenderedMarkdown {
  const env: Env = {
    ctx,
    source,
    noteCount: 0,
    inNote: 0,
    citedHere: new Set(),
    noteTokens: new Map(),
    defLines: new Map(),
  };
  const tokens = md.parse(source, env as unknown as Record<string, unknown>);
  const html = md.renderer.render(tokens, md.options, env as unknown as Record<string, unknown>);
  return { html, notes: env.noteCount };
}

/**
 * The column in the chapter's file of a column in the Markdown that was parsed. Handlebars runs first, and an
 * expression such as {{figure …}} before the text on the same line changes its length: the text written
 * (`needle`) is then looked for in the file's line, the same occurrence of it. No column rather than a wrong one.
 */
function fileColumn(
  env: Env,
  fileLine: number,
  column: number | undefined,
  needle: string | undefined,
): number | undefined {
  if (column === undefined) return undefined;
  const written = env.ctx.text.split(/\r?\n/)[fileLine - 1];
  const parsed = env.source.split(/\r?\n/)[fileLine - env.ctx.bodyLine];
  if (written === undefined || parsed === undefined) return undefined;
  if (written === parsed) return column;
  if (!needle) return undefined;
  let nth = 0;
  for (let i = parsed.indexOf(needle); i >= 0 && i < column - 1; i = parsed.indexOf(needle, i + 1)) nth++;
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = written.indexOf(needle, at + 1);
    if (at < 0) return undefined;
  }
  return at + 1;
}

// ------------------------------------------------------------------------------------------------ notes

function noteWithNumber(n: number, inner: string): string {
  return `<span class="fn" data-n="${n}">${inner}</span>`;
}

/**
 * Two calls side by side would read as one number ("23"): a comma goes between them, set like the calls.
 * Only in the text: inside a note, citations are text and [^id] calls do not occur.
 */
function callSeparator(tokens: Token[], idx: number): string {
  const prev = tokens[idx - 1];
  return prev && (prev.type === "citation" || prev.type === "footnote_ref") ? '<span class="fn-sep">,</span>' : "";
}

function note(env: Env, inner: string): string {
  return noteWithNumber(++env.noteCount, inner);
}

/** The text of a note: a citation's sources, or a gathered one's sources each once. */
function citeText(meta: CitationMeta | GatheredMeta, env: Env): string {
  // every citation of an unknown source is reported where it was written
  const unknown = new Set<string>();
  for (const origin of "origins" in meta ? meta.origins : [meta]) {
    for (const ref of origin.refs) if (reportUnknown(ref, origin, env)) unknown.add(ref.id);
  }
  const parts = meta.refs.map((ref) =>
    unknown.has(ref.id) ? `[unknown source: ${escapeHtml(ref.id)}]` : refText(ref, env),
  );
  const text = parts.join("; ");
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Reports a citation of a source that is not in sources.yaml (not one whose entry was reported already); true when reported. */
function reportUnknown(ref: CitationRef, meta: CitationMeta, env: Env): boolean {
  if (env.ctx.hasSource(ref.id) || env.ctx.sourceReported?.(ref.id)) return false;
  const like = closest(ref.id, env.ctx.sourceIds?.() ?? []);
  if (like) env.ctx.meant?.add(like);
  env.ctx.problems.push(
    new BookletError(
      "UnknownSource",
      `The citation [@${ref.id}] names no source in sources.yaml.${like ? ` Did you mean [@${like}]?` : ""}`,
      {
        location: {
          file: env.ctx.file,
          line: env.ctx.bodyLine + meta.line,
          column: fileColumn(env, env.ctx.bodyLine + meta.line, meta.column, meta.source),
        },
        sourceText: env.ctx.text,
      },
    ),
  );
  return true;
}

/** One source's part of a note: the full reference at its first citation in the chapter, the short one after. */
function refText(ref: CitationRef, env: Env): string {
  if (!env.ctx.hasSource(ref.id)) return `[${escapeHtml(ref.id)}]`;
  const full = !env.citedHere.has(ref.id);
  env.citedHere.add(ref.id);
  env.ctx.cited.add(ref.id);
  // a part's own closing full stop goes, unless it ends an abbreviation such as "n.d."
  return env.ctx
    .formatCitation(ref, full)
    .trim()
    .replace(/(?<!\b(?:n\.d|[A-Za-z]{1,3}\.[A-Za-z]{1,3}|p|pp|para|ed|vol|no))\.$/, "");
}

function replacePlaceholders(html: string, env: Env, line: number): string {
  return html.replace(PLACEHOLDER, (_m, id: string, locator?: string) => {
    // several sources in one note: data-cite="a;b"
    const refs = unescapeAttr(id)
      .split(";")
      .map((one) => ({ id: one, locator: locator ? unescapeAttr(locator) : undefined }));
    const text = citeText({ refs, line }, env);
    return env.inNote > 0 ? text : note(env, text);
  });
}

/**
 * After markdown-it-footnote has glued the definitions to the end of the stream, take them out of it:
 * each note's tokens are rendered where it is called. Also reports calls without a definition and
 * definitions without a call, with their lines.
 */
function collectNotes(md: MarkdownIt): void {
  md.core.ruler.before("footnote_tail", "booklet_note_lines", (state: StateCore) => {
    const env = state.env as unknown as Env;
    state.tokens.forEach((tok, i) => {
      if (tok.type === "footnote_reference_open") {
        const next = state.tokens.slice(i + 1).find((t) => t.map);
        const label = tok.meta!.label as string;
        const line = next?.map ? next.map[0] : 0;
        const first = env.defLines?.get(label);
        // markdown-it-footnote would print the last definition and drop the other without a word
        if (first !== undefined && env.ctx) {
          env.ctx.problems.push(
            new BookletError(
              "DuplicateId",
              `The footnote [^${label}] is defined twice (first at line ${env.ctx.bodyLine + first}); only one of the two would be printed.`,
              {
                location: { file: env.ctx.file, line: env.ctx.bodyLine + line, column: 1 },
                sourceText: env.ctx.text,
              },
            ),
          );
        } else env.defLines?.set(label, line);
      }
    });
  });
  // after smartquotes and the other replacements, so that the notes' text is typeset like the rest
  md.core.ruler.push("booklet_notes", (state: StateCore) => {
    const env = state.env as unknown as Env;
    if (!env.ctx) return;
    const start = state.tokens.findIndex((t) => t.type === "footnote_block_open");
    if (start >= 0) {
      let current: Token[] | undefined;
      for (const tok of state.tokens.slice(start)) {
        if (tok.type === "footnote_open") {
          current = [];
          env.noteTokens.set(tok.meta!.id as number, current);
        } else if (tok.type === "footnote_close") current = undefined;
        else if (current && tok.type !== "footnote_anchor") current.push(tok);
      }
      state.tokens = state.tokens.slice(0, start);
    }
    // defined, never called
    const refs = env.footnotes?.refs ?? {};
    for (const [key, value] of Object.entries(refs)) {
      if (value === -1) {
        const label = key.slice(1);
        env.ctx.problems.push(
          new BookletError("FootnoteUnused", `The footnote [^${label}] is defined but never called.`, {
            location: { file: env.ctx.file, line: env.ctx.bodyLine + (env.defLines.get(label) ?? 0) },
            sourceText: env.ctx.text,
          }),
        );
      }
    }
    // called, never defined: markdown-it-footnote leaves the call as plain text
    for (const tok of state.tokens) {
      if (tok.type !== "inline" || !tok.children) continue;
      for (const child of tok.children) {
        if (child.type !== "text") continue;
        const m = /\[\^([^\]\s]+)\]/.exec(child.content);
        if (m) {
          const offset = tok.content.indexOf(m[0]);
          const at = lineColumn(tok.content, Math.max(0, offset));
          const line = env.ctx.bodyLine + (tok.map?.[0] ?? 0) + at.line - 1;
          env.ctx.problems.push(
            new BookletError("FootnoteUndefined", `The footnote [^${m[1]}] is called but never defined.`, {
              location: { file: env.ctx.file, line, column: fileColumn(env, line, at.column, m[0]) },
              sourceText: env.ctx.text,
            }),
          );
        }
      }
    }
  });
}

/** A paragraph that follows a heading, figure, list or quotation is not indented (see booklet.css). */
/**
 * A sentence that ends with an abbreviation ends with its stop (src/shared/stops.ts), before the typographer
 * makes an ellipsis of the two stops: "20 января 2027 г." and a full stop print "г.", not "г…".
 */
function oneStopAfterAbbreviation(md: MarkdownIt): void {
  md.core.ruler.before("replacements", "booklet_one_stop", (state: StateCore) => {
    for (const block of state.tokens) {
      for (const t of block.type === "inline" ? (block.children ?? []) : []) {
        if (t.type === "text") t.content = oneStop(t.content);
      }
    }
  });
}

function paragraphAfterBlock(md: MarkdownIt): void {
  md.core.ruler.push("booklet_after_block", (state: StateCore) => {
    let previous = "";
    for (const tok of state.tokens) {
      if (tok.level !== 0 || tok.nesting === -1) continue;
      if (tok.type === "paragraph_open" && previous !== "paragraph_open") tok.attrJoin("class", "after-block");
      previous = tok.type;
    }
  });
}

/** Sub-headings get ids (chapter id + slug) so that they can be linked and bookmarked. */
function headingIds(md: MarkdownIt): void {
  md.core.ruler.push("booklet_heading_ids", (state: StateCore) => {
    const env = state.env as unknown as Env;
    const used = new Set<string>();
    state.tokens.forEach((tok, i) => {
      if (tok.type !== "heading_open") return;
      const text = state.tokens[i + 1]?.content ?? "";
      let id = `${env.ctx?.id ?? "h"}--${slugify(text)}`;
      while (used.has(id)) id += "-x";
      used.add(id);
      tok.attrSet("id", id);
    });
  });
}

function escapeAttr(s: string): string {
  return escapeHtml(s);
}
function unescapeAttr(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
