// Links inside the booklet reach an anchor it defines, and no id is defined twice: each problem is reported
// in the chapter or template where it is written.
import { describe, expect, it } from "vitest";
import { checkAnchors } from "../../src/document/anchors.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { type ChapterContext, createMarkdown, renderChapterMarkdown } from "../../src/markdown/render.ts";

const chapter = (text: string, html: string) => ({ file: "/c/chapters/01-a.md", text, html });

describe("a link to an anchor", () => {
  it("that exists is fine", () => {
    const html = '<section id="ch-01-a"><h2 id="ch-01-a--start">S</h2><a href="#ch-01-a--start">x</a></section>';
    expect(checkAnchors(html, [], [])).toEqual([]);
  });

  it("that does not exist is reported at the Markdown link in the chapter", () => {
    const text = "---\ntitle: A\norder: 1\n---\nSee [below](#nowhere).\n";
    const html = '<section id="ch-01-a"><p>See <a href="#nowhere">below</a>.</p></section>';
    const [e] = checkAnchors(html, [chapter(text, '<p>See <a href="#nowhere">below</a>.</p>')], []);
    expect([e.kind, e.location]).toEqual(["BrokenAnchor", { file: "/c/chapters/01-a.md", line: 5, column: 13 }]);
  });

  it("to a heading by its own slug suggests the heading's id", () => {
    const html = '<section id="ch-01-a"><h2 id="ch-01-a--the-night">The night</h2><a href="#the-night">x</a></section>';
    const [e] = checkAnchors(html, [], []);
    expect(e.message).toMatch(/Did you mean #ch-01-a--the-night\?/);
  });

  it("made by a template is reported in the template", () => {
    const template = {
      file: "/c/templates/partials/contents.hbs",
      text: '<nav>\n  <a href="#toc-missing">Contents</a>\n</nav>\n',
    };
    const [e] = checkAnchors('<nav><a href="#toc-missing">Contents</a></nav>', [], [template]);
    expect(e.location).toEqual({ file: template.file, line: 2, column: 12 });
  });

  it("that is broken several times is reported once", () => {
    expect(checkAnchors('<a href="#x">1</a><a href="#x">2</a>', [], [])).toHaveLength(1);
  });
});

describe("a link into a chapter that failed", () => {
  it("is not reported: the chapter's failure is", () => {
    const html =
      '<section id="ch-01-a"><a href="#ch-02-b">x</a><a href="#ch-02-b--h">y</a><a href="#elsewhere">z</a></section>';
    const failed = (t: string) => t === "ch-02-b" || t.startsWith("ch-02-b--");
    expect(checkAnchors(html, [], [], failed).map((e) => e.message)).toEqual([expect.stringMatching(/#elsewhere/)]);
  });
});

describe("an id given twice", () => {
  it("is reported at its second place in the chapter", () => {
    const text = '---\ntitle: A\norder: 1\n---\n<p id="m">1</p>\n\n<p id="m">2</p>\n';
    const html = '<p id="m">1</p>\n<p id="m">2</p>\n';
    const [e] = checkAnchors(`<section id="ch-01-a">${html}</section>`, [chapter(text, html)], []);
    expect([e.kind, e.location]).toEqual(["DuplicateId", { file: "/c/chapters/01-a.md", line: 7, column: 4 }]);
  });
});

describe("a footnote label defined twice", () => {
  it("is reported at the second definition: markdown-it-footnote would drop one without a word", () => {
    const c = {
      id: "ch-t",
      file: "/c/chapters/01-t.md",
      bodyLine: 5,
      text: "",
      formatCitation: () => "",
      hasSource: () => true,
      problems: [] as BookletError[],
      cited: new Set<string>(),
    } satisfies ChapterContext;
    renderChapterMarkdown(createMarkdown(), "Cold.[^c]\n\n[^c]: One.\n\n[^c]: Two.\n", c);
    expect(c.problems.map((p) => [p.kind, p.location?.line])).toEqual([["DuplicateId", 9]]);
    expect(c.problems[0].message).toMatch(/defined twice \(first at line 7\)/);
  });
});
