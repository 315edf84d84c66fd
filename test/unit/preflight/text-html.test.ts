// Text normalisation and the HTML side of the comparison: what the PDF must hold, block by block.
import { describe, expect, it } from "vitest";
import { decodeEntities, expectedDocument, parseHtml, textOf } from "../../../src/preflight/html.ts";
import { readable, skeleton } from "../../../src/preflight/text.ts";

describe("skeleton", () => {
  it("keeps letters and digits, lower-cased, and nothing else", () => {
    expect(skeleton("The night of 19–20 January, 1990.")).toBe("thenightof1920january1990");
  });

  it("makes a hyphenated, justified and ligatured PDF line equal to its HTML", () => {
    const html = "Soviet army units entered the city’s offices";
    const pdf = "So-\nviet  army\nunits en­tered the cityʼs oﬃces";
    expect(skeleton(pdf)).toBe(skeleton(html));
  });

  it("treats accents, dotless i and text-transform alike", () => {
    expect(skeleton("ŞƏHİDLƏR XİYABANI")).toBe(skeleton("Şəhidlər Xiyabanı"));
    expect(skeleton("Şəhidlər")).not.toBe(skeleton("Sehidlar"));
  });

  it("readable() quotes text without soft hyphens, shortened", () => {
    expect(readable("a\u00ADb   c\nd")).toBe("ab c d");
    expect(readable("x".repeat(100), 10)).toBe("xxxxxxxxx…");
  });
});

describe("the HTML parser", () => {
  it("decodes entities", () => {
    expect(decodeEntities("&amp; &lt;b&gt; &#x27;x&#39; &quot;&shy;&nbsp;&unknown;")).toBe(
      "& <b> 'x' \"\u00AD\u00A0&unknown;",
    );
  });

  it("keeps a <br> as a line break, and copes with void elements, raw text, comments and unclosed paragraphs (regression: the break was lost)", () => {
    const root = parseHtml(
      '<!doctype html><html><head><style>p { x: "<p>" }</style><title>T</title></head><body><!-- <p>no</p> --><p>One<br>two<img src="x.png"><p>Three</body></html>',
    );
    const body = root.children.find((c) => typeof c !== "string" && c.tag === "html");
    expect(textOf(body!)).toBe("One\ntwoThree");
  });
});

describe("expectedDocument", () => {
  const html = `<!doctype html><html><head><title>Not text</title></head><body>
<nav class="contents"><h1>Contents</h1><ol><li><a href="#c1"><span>First</span></a></li></ol></nav>
<section class="chapter" id="c1"><header><p class="chapter-number" aria-hidden="true">1</p><h1 data-short="F">Fir&shy;st</h1></header>
<div class="chapter-body"><p>Before the note.<span class="fn" data-n="1">The note, <i>cited</i>.</span> After the note.</p>
<figure><figcaption>A caption</figcaption><table><thead><tr><th>Head</th></tr></thead><tbody><tr><td>Cell</td></tr></tbody></table></figure>
<svg><text>chart label</text></svg><p hidden>hidden text</p></div></section>
<section class="chapter" id="c2"><h1>Second</h1><p>Text.<span class="fn" data-n="1">Another.</span><span class="fn" data-n="2">A third.</span></p></section>
<section class="back-matter" id="sources"><h1>Sources</h1></section></body></html>`;
  const doc = expectedDocument(html);

  it("lists the chapters with their titles and notes", () => {
    expect(doc.chapters).toEqual([
      { id: "c1", title: "First", notes: 1 },
      { id: "c2", title: "Second", notes: 2 },
    ]);
    expect(doc.notes).toBe(3);
  });

  it("cuts a paragraph at its notes, and makes each note a block of its own", () => {
    const para = doc.blocks.find((b) => b.segments[0] === "Before the note.");
    expect(para).toMatchObject({
      kind: "paragraph",
      tag: "p",
      segments: ["Before the note.", " After the note."],
      within: "c1",
    });
    expect(doc.blocks.find((b) => b.kind === "note" && b.within === "c1")!.segments).toEqual(["The note, cited."]);
  });

  it("keeps headings, list items, captions, cells and SVG text, and leaves out the head and hidden text", () => {
    const texts = doc.blocks.map((b) => `${b.kind}:${b.segments.join("|").trim()}`);
    expect(texts).toEqual(
      expect.arrayContaining([
        "heading:Contents",
        "item:First",
        "heading:Fir\u00ADst",
        "caption:A caption",
        "cell:Head",
        "cell:Cell",
        "heading:Sources",
        "other:chart label",
      ]),
    );
    const all = texts.join(" ");
    // aria-hidden text (the chapter's number) is drawn, but Chromium writes it as furniture, not as text
    for (const gone of ["Not text", "hidden text", "paragraph:1"]) expect(all).not.toContain(gone);
  });

  it("reads the web edition, whose notes follow each chapter", () => {
    const web = expectedDocument(
      '<body><section class="chapter" id="c1"><h1>One</h1><p>Text<a class="fn-ref" href="#fn-c1-1"><sup>1</sup></a> more.</p>' +
        '<aside class="notes"><p class="notes-heading">Notes</p><ol><li id="fn-c1-1" role="doc-endnote">The note. <a class="fn-back" href="#x">↑</a></li></ol></aside></section></body>',
    );
    expect(web.chapters).toEqual([{ id: "c1", title: "One", notes: 1 }]);
    const texts = web.blocks.map((b) => b.segments.map((s) => s.trim()));
    expect(texts).toEqual(expect.arrayContaining([["Text", "more."], ["The note."]]));
    expect(JSON.stringify(texts)).not.toMatch(/Notes|↑/);
  });
});
