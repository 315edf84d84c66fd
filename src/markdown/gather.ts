// markdown-it plugin: gathers the citations of a sentence or of a block (paragraph, list item, table cell,
// heading) into one `citation` token at its end, so that a run of notes naming the same source becomes one note.
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import type { CitationMeta, CitationRef } from "./citations.ts";

export type NotesRule = "per-citation" | "per-sentence" | "per-paragraph";

/** The meta of a gathered `citation` token: the sources once each, and every citation as written (for errors). */
export interface GatheredMeta extends CitationMeta {
  origins: CitationMeta[];
}

/** Each source once, in the order of its first citation, its distinct locators joined. */
export function mergeRefs(refs: CitationRef[]): CitationRef[] {
  const byId = new Map<string, string[]>();
  for (const ref of refs) {
    const locators = byId.get(ref.id) ?? byId.set(ref.id, []).get(ref.id)!;
    if (ref.locator && !locators.includes(ref.locator)) locators.push(ref.locator);
  }
  return [...byId].map(([id, locators]) => (locators.length ? { id, locator: locators.join(", ") } : { id }));
}

export interface GatherOptions {
  rule: NotesRule;
  /** the booklet's language: its sentence rules (Intl.Segmenter) */
  language?: string;
}

export function gatherCitations(md: MarkdownIt, options: GatherOptions): void {
  if (options.rule === "per-citation") return;
  const segmenter =
    options.rule === "per-sentence" ? new Intl.Segmenter(options.language, { granularity: "sentence" }) : undefined;
  // pushed after the notes' own text has been taken out of the stream: citations inside a note stay text there
  md.core.ruler.push("booklet_gather_citations", (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type !== "inline" || !block.children?.length) continue;
      block.children = gatherBlock(block.children, segmenter, state);
    }
  });
}

interface Cite {
  /** the index of its token among the block's children */
  index: number;
  /** where it stands in the block's text */
  offset: number;
  meta: CitationMeta;
}

/** The block's children with its citations taken out and one gathered token at the end of each group. */
function gatherBlock(children: Token[], segmenter: Intl.Segmenter | undefined, state: StateCore): Token[] {
  const whole = splitAt(children, [], state);
  const found = findCites(whole.tokens, whole.offsets);
  if (found.length === 0) return children;
  // a group for each sentence (or one for the block), its note where the sentence's text ends
  const sentences = segmenter
    ? [...segmenter.segment(whole.text)].map((s) => ({ start: s.index, end: s.index + s.segment.trimEnd().length }))
    : [];
  const endOf = (offset: number) => {
    let end = whole.text.trimEnd().length;
    for (const s of sentences) if (s.start <= offset) end = s.end;
    return end;
  };
  // text tokens are cut where a note goes inside them; the citations keep their offsets
  const cut = splitAt(children, [...new Set(found.map((c) => endOf(c.offset)))], state);
  const groups = new Map<number, Cite[]>();
  for (const cite of findCites(cut.tokens, cut.offsets)) {
    const end = endOf(cite.offset);
    groups.set(end, [...(groups.get(end) ?? []), cite]);
  }
  return tidySpaces(rebuild(cut.tokens, cut.offsets, groups, state));
}

/**
 * The text a reader sees of the block (a line break is a space), each token's offset in it, and the text
 * tokens cut at each of `cuts` that falls inside one.
 */
function splitAt(
  children: Token[],
  cuts: number[],
  state: StateCore,
): { tokens: Token[]; offsets: number[]; text: string } {
  let text = "";
  const tokens: Token[] = [];
  const offsets: number[] = [];
  for (const child of children) {
    const start = text.length;
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
    const inside = child.type === "text" ? cuts.filter((c) => c > start && c < text.length).sort((a, b) => a - b) : [];
    if (inside.length === 0) {
      tokens.push(child);
      offsets.push(start);
      continue;
    }
    let from = start;
    for (const at of [...inside, text.length]) {
      const piece = new state.Token("text", "", 0);
      piece.content = child.content.slice(from - start, at - start);
      tokens.push(piece);
      offsets.push(from);
      from = at;
    }
  }
  return { tokens, offsets, text };
}

function findCites(children: Token[], offsets: number[]): Cite[] {
  return children.flatMap((child, index) =>
    child.type === "citation" ? [{ index, offset: offsets[index], meta: child.meta as unknown as CitationMeta }] : [],
  );
}

/**
 * Each group's note goes after the last token that ends at or before its end: at the end itself, after its
 * citations and what closes there (emphasis, a link), before what opens or is called there.
 */
function rebuild(tokens: Token[], offsets: number[], groups: Map<number, Cite[]>, state: StateCore): Token[] {
  const taken = new Set([...groups.values()].flat().map((c) => c.index));
  const width = (t: Token) =>
    t.type === "text" || t.type === "code_inline"
      ? t.content.length
      : t.type === "softbreak" || t.type === "hardbreak"
        ? 1
        : 0;
  const after = new Map<number, Token[]>();
  for (const [end, cites] of groups) {
    let at = -1;
    tokens.forEach((t, i) => {
      if (offsets[i] + width(t) > end) return;
      if (offsets[i] < end || taken.has(i) || closes(t)) at = i;
    });
    after.set(at, [...(after.get(at) ?? []), gathered(cites, state)]);
  }
  const out: Token[] = [...(after.get(-1) ?? [])];
  tokens.forEach((t, i) => {
    if (!taken.has(i)) out.push(t);
    out.push(...(after.get(i) ?? []));
  });
  return out;
}

/** Emphasis, a link or an inline HTML element that ends here (`</span>`). */
function closes(token: Token): boolean {
  return token.nesting === -1 || (token.type === "html_inline" && token.content.startsWith("</"));
}

function gathered(cites: Cite[], state: StateCore): Token {
  const token = new state.Token("citation", "", 0);
  const origins = cites.map((c) => c.meta);
  const first = origins[0];
  token.meta = {
    refs: mergeRefs(origins.flatMap((o) => o.refs)),
    line: first.line,
    column: first.column,
    source: first.source,
    origins,
  } satisfies GatheredMeta;
  return token;
}

/**
 * A citation written before its punctuation, `killed [@a].`, or at the very end, `item [@a]`, leaves a space
 * before the full stop or the end once it is taken out: the space goes.
 */
function tidySpaces(tokens: Token[]): Token[] {
  tokens.forEach((token, i) => {
    const next = tokens.slice(i + 1).find((t) => t.type !== "citation");
    if (
      token.type === "text" &&
      /\s$/.test(token.content) &&
      (!next || (next.type === "text" && /^[\s.,;:!?)]/.test(next.content)))
    ) {
      token.content = token.content.trimEnd();
    }
  });
  return tokens;
}
