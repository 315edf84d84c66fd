import { describe, expect, it } from "vitest";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { parseCitation } from "../../src/markdown/citations.ts";
import {
  type ChapterContext,
  citePlaceholder,
  createMarkdown,
  renderChapterMarkdown,
} from "../../src/markdown/render.ts";
import { oneStopInHtml } from "../../src/shared/stops.ts";

function ctx(overrides: Partial<ChapterContext> = {}): ChapterContext & { problems: BookletError[] } {
  return {
    id: "ch-test",
    file: "/c/chapters/01-test.md",
    bodyLine: 5,
    text: "---\ntitle: T\norder: 1\n---\n",
    formatCitation: (ref, full) => `${full ? "FULL" : "SHORT"}:${ref.id}${ref.locator ? `:${ref.locator}` : ""}`,
    hasSource: (id) => ["a", "b"].includes(id),
    problems: [],
    cited: new Set(),
    ...overrides,
  } as ChapterContext & { problems: BookletError[] };
}

const md = createMarkdown();
const notes = (html: string) =>
  [...html.matchAll(/<span class="fn" data-n="(\d+)">(.*?)<\/span>(?=[^<]*(?:<|$))/g)].map((m) => [Number(m[1]), m[2]]);

describe("citations", () => {
  it("parses ids, locators and several sources", () => {
    expect(parseCitation("@a")).toEqual([{ id: "a" }]);
    expect(parseCitation("@a, p. 3")).toEqual([{ id: "a", locator: "p. 3" }]);
    expect(parseCitation("@a; @b, para. 2")).toEqual([{ id: "a" }, { id: "b", locator: "para. 2" }]);
    expect(parseCitation("not a citation")).toBeUndefined();
    expect(parseCitation("@a b c")).toBeUndefined();
  });

  it("gives the full form at a source's first citation in a chapter, the short form after", () => {
    const r = renderChapterMarkdown(md, "One.[@a] Two.[@a, p. 4] Three.[@b]\n", ctx());
    expect(notes(r.html)).toEqual([
      [1, "FULL:a."],
      [2, "SHORT:a:p. 4."],
      [3, "FULL:b."],
    ]);
  });

  it("numbers citations and footnotes together, in reading order, from 1 in each chapter", () => {
    const src = "A.[^x] B.[@a]\n\nC.[^y]\n\n[^y]: Why, says [@b].\n[^x]: A note.\n";
    const r = renderChapterMarkdown(md, src, ctx());
    expect(r.notes).toBe(3);
    expect(r.html).toMatch(/data-n="1">A note\./);
    expect(r.html).toMatch(/data-n="2">FULL:a\./);
    // a citation inside a note is text in that note, not a note of its own
    expect(r.html).toMatch(/data-n="3">Why, says FULL:b\.<\/span>/);
    const again = renderChapterMarkdown(md, "Again.[@a]\n", ctx());
    expect(again.html).toMatch(/data-n="1">FULL:a\./);
  });

  it("keeps a citation inside a note apart from the sentence before it", () => {
    const r = renderChapterMarkdown(md, "A.[^x]\n\n[^x]: As reported.[@a]\n", ctx());
    expect(r.html).toContain("As reported. FULL:a.");
  });

  it("reports an unknown source at its line and column", () => {
    const c = ctx();
    renderChapterMarkdown(md, "First line.\n\nThird line with a bad one.[@nope]\n", c);
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0].kind).toBe("UnknownSource");
    expect(c.problems[0].location).toMatchObject({ file: "/c/chapters/01-test.md", line: 5 + 2 });
  });

  it("numbers the notes a template placed in HTML (a table's sources) in reading order", () => {
    const src = `Before.[@a]\n\n<figure>${citePlaceholder("b")}${citePlaceholder("a;b")}</figure>\n\nAfter.[@b]\n`;
    const r = renderChapterMarkdown(md, src, ctx());
    expect(notes(r.html).map(([n]) => n)).toEqual([1, 2, 3, 4]);
    expect(r.html).toContain('data-n="3">SHORT:a; SHORT:b.');
  });

  it("makes a note of a template's citation inside a paragraph, where each tag is a token of its own", () => {
    const r = renderChapterMarkdown(
      md,
      `A sentence with a source.${citePlaceholder("a")} Another.${citePlaceholder("b", "p. 2")}\n`,
      ctx(),
    );
    expect(notes(r.html)).toEqual([
      [1, "FULL:a."],
      [2, "FULL:b:p. 2."],
    ]);
    expect(r.html).not.toContain("data-cite");
  });
});

describe("footnotes", () => {
  it("reports a footnote called but never defined", () => {
    const c = ctx();
    renderChapterMarkdown(md, "Line.\n\nA call to nothing.[^missing]\n", c);
    expect(c.problems.map((p) => p.kind)).toEqual(["FootnoteUndefined"]);
    expect(c.problems[0].location?.line).toBe(5 + 2);
  });

  it("reports a footnote defined but never called, at its definition", () => {
    const c = ctx();
    renderChapterMarkdown(md, "Text.\n\n[^lonely]: Never called.\n", c);
    expect(c.problems.map((p) => p.kind)).toEqual(["FootnoteUnused"]);
    expect(c.problems[0].location?.line).toBe(5 + 2);
  });
});

describe("safety", () => {
  it("refuses scripts and event handlers, and removes them", () => {
    const c = ctx();
    const r = renderChapterMarkdown(md, '<script>alert(1)</script>\n\n<p onclick="x()">hi</p>\n', c);
    expect(c.problems.map((p) => p.kind)).toEqual(["UnsafeContent", "UnsafeContent"]);
    expect(r.html).not.toMatch(/script|onclick/);
  });

  it("refuses remote images and paths outside the content folder", () => {
    const c = ctx({
      checkAsset: (ref) => (ref.startsWith("..") ? { kind: "PathOutsideContent", message: "outside" } : undefined),
    });
    renderChapterMarkdown(md, "![a](https://example.org/a.png)\n\n![b](../secret.png)\n\n![c](images/ok.png)\n", c);
    expect(c.problems.map((p) => p.kind)).toEqual(["RemoteResource", "PathOutsideContent"]);
  });

  it("allows a hyperlink to a web page (it is not fetched)", () => {
    const c = ctx();
    renderChapterMarkdown(md, 'See <a href="https://example.org/page">the page</a>.\n', c);
    expect(c.problems).toEqual([]);
  });
});

describe("paragraphs", () => {
  it("marks a paragraph after a heading or a figure, not one after a paragraph", () => {
    const r = renderChapterMarkdown(md, "## H\n\nFirst.\n\nSecond.\n\n<figure>x</figure>\n\nThird.\n", ctx());
    expect(r.html).toMatch(/<p class="after-block">First/);
    expect(r.html).toMatch(/<p>Second/);
    expect(r.html).toMatch(/<p class="after-block">Third/);
    expect(r.html).toMatch(/<h2 id="ch-test--h">/);
  });
});

describe("the typographer", () => {
  it("ends a sentence that ends with an abbreviation with one stop, not an ellipsis", () => {
    const ru = createMarkdown({ language: "ru" });
    const html = (src: string) => renderChapterMarkdown(ru, src, ctx()).html.replace(/<p[^>]*>/, "<p>");
    // what the foreword's "{{edition.dateText}}." gives in Russian
    expect(html("Книга выходит 20 января 2027 г..\n")).toBe("<p>Книга выходит 20 января 2027 г.</p>\n");
    expect(html("Это было в 1990 г.. Потом — тишина.\n")).toContain("в 1990 г. Потом — тишина.");
    // three stops are still an ellipsis, and code is left as written
    expect(html("И потом...\n")).toBe("<p>И потом…</p>\n");
    expect(html("Путь `г..` и г...\n")).toBe("<p>Путь <code>г..</code> и г…</p>\n");
  });
});

describe("one stop after an abbreviation, in a whole document", () => {
  it("is made in a template's text too, not in tags, code or an ellipsis", () => {
    const html = `<p class="a..b">Prepared on 1 ноября 2026 г..</p><code>x..y г..</code><pre>г..</pre><p>и т. д... конец</p>`;
    expect(oneStopInHtml(html)).toBe(
      `<p class="a..b">Prepared on 1 ноября 2026 г.</p><code>x..y г..</code><pre>г..</pre><p>и т. д... конец</p>`,
    );
  });
});
