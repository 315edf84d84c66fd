// Where a document is cut into parts to lay out (splitDocument): before each chapter, which opens a right-hand
// page, and before the back matter after the sources, which opens the next page on either side; never before
// the sources, which may share the last chapter's last page.
import { describe, expect, it } from "vitest";
import { openOn, SPACER, splitDocument } from "../../src/render/parts.ts";

const HEAD = '<!doctype html><html><head><link rel="stylesheet" href="/booklet.css"></head><body>';
const FRONT = '<section class="title-page"><p>Title</p></section>\n';
const chapter = (id: string) => `<section class="chapter" id="${id}"><h1>${id}</h1><p>Text.</p></section>\n`;
const SOURCES = '<section class="back-matter sources" id="sources"><h1>Sources</h1></section>\n';
const COLOPHON = '<section class="back-matter colophon" id="colophon"><h1>Colophon</h1></section>\n';
const BACK_COVER = '<section class="back-cover" id="back-cover"><p>1990</p></section>\n';
const doc = (...body: string[]) => `${HEAD}${body.join("")}</body></html>`;

describe("a document cut into parts", () => {
  it("cuts before each chapter and before the colophon, and keeps the sources with the last chapter", () => {
    const parts = splitDocument(doc(FRONT, chapter("ch-1"), chapter("ch-2"), SOURCES, COLOPHON, BACK_COVER));
    expect(parts?.map((p) => [p.id, p.opens])).toEqual([
      ["front", "page"],
      ["ch-1", "right"],
      ["ch-2", "right"],
      ["colophon", "page"],
    ]);
    expect(parts?.[2].html).toContain('id="sources"');
    expect(parts?.[3].html).toContain('id="back-cover"');
    expect(parts?.[3].opener).toBe('<section class="back-matter colophon" id="colophon">');
    // every part has the whole head, and the parts' bodies are the document's, in order
    for (const part of parts ?? []) expect(part.html.startsWith(HEAD)).toBe(true);
    expect(parts?.reduce((n, p) => n + p.size, 0)).toBe(
      doc(FRONT, chapter("ch-1"), chapter("ch-2"), SOURCES, COLOPHON, BACK_COVER).length -
        HEAD.length -
        "</body></html>".length,
    );
  });

  it("leaves the back matter with the last chapter when no section of it follows the sources", () => {
    const parts = splitDocument(doc(FRONT, chapter("ch-1"), SOURCES, BACK_COVER));
    expect(parts?.map((p) => p.id)).toEqual(["front", "ch-1"]);
  });

  it("does not cut before a back-matter section that comes before the last chapter", () => {
    const parts = splitDocument(doc(FRONT, COLOPHON, chapter("ch-1"), SOURCES));
    expect(parts?.map((p) => p.id)).toEqual(["front", "ch-1"]);
  });
});

describe("a part made to open on a side", () => {
  const html = doc(COLOPHON, BACK_COVER);
  it("names the part's side in a rule after the stylesheets", () => {
    const out = openOn(html, "colophon", "right", true);
    expect(out).toContain(
      '<link rel="stylesheet" href="/booklet.css"><style>[id="colophon"] { break-before: right; }</style></head>',
    );
    expect(out).not.toContain(SPACER);
  });

  it("puts an empty element in front of a part that opens the run on the left, and only then", () => {
    expect(openOn(html, "colophon", "left", true)).toContain(
      `<body><div id="${SPACER}"></div><section class="back-matter colophon"`,
    );
    expect(openOn(html, "colophon", "left", false)).not.toContain(SPACER);
  });
});
