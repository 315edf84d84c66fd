// Content cannot act in the renderer nor reach outside: what the HTML and CSS scanner refuses, in chapters
// and templates alike, at the line and column where it is written.
import { describe, expect, it } from "vitest";
import { templateProblems } from "../../src/document/handlebars.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { type ChapterContext, createMarkdown, renderChapterMarkdown } from "../../src/markdown/render.ts";
import { scanCss, scanHtml } from "../../src/markdown/safety.ts";

const kinds = (html: string) => scanHtml(html).findings.map((f) => f.kind);

describe("the HTML scanner refuses what would run code", () => {
  it.each([
    ["a script element", "<script>alert(1)</script>"],
    ["a script inside SVG", '<svg><script href="x.js"></script></svg>'],
    ["an iframe with a document of its own", '<iframe srcdoc="<p>x</p>"></iframe>'],
    ["an event handler", '<img src="a.png" onerror="alert(1)">'],
    ["a javascript: link, even with entities", '<a href="jav&#x61;script:alert(1)">x</a>'],
    ["a refresh that sends the renderer elsewhere", '<meta http-equiv="refresh" content="0;url=https://example.org/">'],
  ])("%s", (_what, html) => {
    expect(kinds(html)).toContain("UnsafeContent");
  });
});

describe("the HTML scanner refuses what would be fetched from outside the project", () => {
  it.each([
    [
      "a stylesheet link without .css in its URL",
      '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
    ],
    ["the second candidate of a srcset", '<img src="a.png" srcset="a.png 1x, https://example.org/b.png 2x">'],
    ["an @import in a <style> element", '<style>\n@import "https://example.org/x.css";\n</style>'],
    ["a url() in a style attribute", "<p style=\"background: url('https://example.org/bg.png')\">x</p>"],
    ["an SVG image", '<svg><image href="https://example.org/i.png"/></svg>'],
    ["a base URL that would send every relative one elsewhere", '<base href="https://example.org/">'],
    ["a file: URL", '<img src="file:///etc/hostname">'],
    ["a protocol-relative URL", '<img src="//example.org/a.png">'],
  ])("%s", (_what, html) => {
    expect(kinds(html)).toEqual(["RemoteResource"]);
  });

  it("allows a hyperlink to a web page, an anchor, a data: URL and a local file", () => {
    const r = scanHtml(
      '<a href="https://example.org/page">p</a> <a href="#ch-01">c</a> <img src="data:image/png;base64,AAAA"> <img src="images/a.png">',
    );
    expect(r.findings).toEqual([]);
    expect(r.refs.map((x) => x.ref)).toEqual(["images/a.png"]);
  });

  it("leaves a value that a Handlebars expression fills to the browser's interception", () => {
    expect(scanHtml('<img src="{{coverImage}}" alt="">').findings).toEqual([]);
  });

  it("finds @import and url() in a stylesheet, with their offsets", () => {
    const css =
      'body { color: red; }\n@import url("https://example.org/a.css");\n@font-face { src: url(fonts/a.woff2); }\n';
    const r = scanCss(css);
    expect(r.findings.map((f) => [f.kind, f.index])).toEqual([["RemoteResource", css.indexOf("url(")]]);
    expect(r.refs.map((x) => x.ref)).toEqual(["fonts/a.woff2"]);
  });
});

describe("what a template holds is reported at the template's own line and column", () => {
  it("names the partial's file, line and column", () => {
    const [e] = templateProblems(
      "/t/partials/aside.hbs",
      "<aside>\n  <p>x</p>\n  <img src='a.png' onclick=\"go()\">\n</aside>\n",
    );
    expect([e.kind, e.location]).toEqual(["UnsafeContent", { file: "/t/partials/aside.hbs", line: 3, column: 20 }]);
  });

  it("scans a stylesheet as CSS", () => {
    const [e] = templateProblems("/t/styles/x.css", "a { b: c }\n@import 'https://example.org/x.css';\n");
    expect([e.kind, e.location?.line, e.location?.column]).toEqual(["RemoteResource", 2, 1]);
  });
});

describe("what a chapter holds is reported at the chapter's line and column", () => {
  const ctx = (): ChapterContext & { problems: BookletError[] } => ({
    id: "ch-t",
    file: "/c/chapters/01-t.md",
    bodyLine: 5,
    text: `---\ntitle: T\norder: 1\n---\n${BODY}`,
    formatCitation: () => "",
    hasSource: () => true,
    problems: [],
    cited: new Set(),
  });
  const BODY = 'Text.\n\n<div class="box">\n  <p>Inside.</p>\n  <img src="https://example.org/a.png">\n</div>\n';

  it("names the line inside an HTML block where the remote file is written, not the block's first", () => {
    const c = ctx();
    renderChapterMarkdown(createMarkdown(), BODY, c);
    expect(c.problems.map((p) => [p.kind, p.location?.line, p.location?.column])).toEqual([["RemoteResource", 9, 13]]);
  });
});
