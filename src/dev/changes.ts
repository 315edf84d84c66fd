// What a rebuild changed, for the preview: nothing, one chapter's text only (lay out that chapter again), or more.
export type Change = { kind: "none" } | { kind: "chapter"; id: string } | { kind: "full"; reason: string };

/** A chapter's (or the foreword's) id and body, as the document holds it. */
export interface PartHtml {
  id: string;
  html: string;
}

/**
 * One version of the document, as the preview's server serves it under /v<version>/ (server.ts) and keeps its
 * pages (kept.ts).
 */
export interface DevDocument {
  version: number;
  html: string;
  styles: Map<string, string>;
  /** its chapters and foreword: what a kept layout of another version is compared with (kept.ts) */
  chapters?: PartHtml[];
  foreword?: PartHtml;
}

/** What a change is found from: a RenderedDocument, or a version the preview kept (kept.ts). */
export interface DocumentParts {
  html: string;
  styles: Map<string, string>;
  chapters: PartHtml[];
  foreword?: PartHtml;
}

/**
 * "chapter" only when the new document is the old one with exactly one chapter's body replaced, byte for
 * byte, and the stylesheets are the same: then no other page can differ, except by that chapter's page count
 * (the page checks that) — its title, the contents, the notes of other chapters and the sources are unchanged.
 */
export function classifyChange(options: { before: DocumentParts | undefined; after: DocumentParts }): Change {
  const { before, after } = options;
  if (!before) return { kind: "full", reason: "first build" };
  if (before.html === after.html && sameStyles(before.styles, after.styles)) return { kind: "none" };
  if (!sameStyles(before.styles, after.styles)) return { kind: "full", reason: "a stylesheet changed" };
  const parts = (d: DocumentParts) => [d.foreword, ...d.chapters].filter((c): c is NonNullable<typeof c> => Boolean(c));
  const old = parts(before);
  const now = parts(after);
  if (old.length !== now.length || old.some((c, i) => c.id !== now[i].id))
    return { kind: "full", reason: "chapters were added, removed or reordered" };
  const changed = now.filter((c, i) => c.html !== old[i].html);
  if (changed.length !== 1)
    return {
      kind: "full",
      reason: changed.length ? `${changed.length} chapters changed` : "a part outside the chapters changed",
    };
  const id = changed[0].id;
  const previous = old.find((c) => c.id === id)!.html;
  const pieces = before.html.split(previous);
  // the chapter's old body must occur once, and putting the new one in its place must give the new document
  if (pieces.length !== 2 || pieces.join(changed[0].html) !== after.html)
    return { kind: "full", reason: "more than the chapter's body changed" };
  return { kind: "chapter", id };
}

function sameStyles(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
