// Each preflight check against small hand-made inspected PDFs: one that passes, and one that fails it.
import { describe, expect, it } from "vitest";
import { boxes } from "../../../src/preflight/checks/boxes.ts";
import { chapters } from "../../../src/preflight/checks/chapters.ts";
import { complete } from "../../../src/preflight/checks/complete.ts";
import { contents } from "../../../src/preflight/checks/contents.ts";
import { extractable } from "../../../src/preflight/checks/extractable.ts";
import { folios } from "../../../src/preflight/checks/folios.ts";
import { fonts } from "../../../src/preflight/checks/fonts.ts";
import { footnotes } from "../../../src/preflight/checks/footnotes.ts";
import { images } from "../../../src/preflight/checks/images.ts";
import { pageCount } from "../../../src/preflight/checks/page-count.ts";
import { transparency } from "../../../src/preflight/checks/transparency.ts";
import type { Finding, PrintExpectations } from "../../../src/preflight/finding.ts";
import { expectedDocument } from "../../../src/preflight/html.ts";
import { MM } from "../../../src/shared/geometry.ts";
import { A5, box, context, folio, item, page, pdf, serif } from "./fake.ts";

const failed = (findings: Finding[]) => findings.filter((f) => f.status === "fail");
const ids = (findings: Finding[]) => [...new Set(failed(findings).map((f) => f.id))];

describe("fonts", () => {
  it("passes embedded fonts of the booklet's families", () => {
    const doc = pdf([
      page(1, {
        fonts: [
          serif,
          {
            name: "SourceSans3ExtraLight-SemiBold",
            baseFont: "BAAAAA+SourceSans3ExtraLight-SemiBold",
            subtype: "Type0",
            embedded: true,
          },
        ],
      }),
    ]);
    expect(failed(fonts(doc, context))).toEqual([]);
  });

  it("fails a font that is not embedded, naming the page", () => {
    const doc = pdf([
      page(1),
      page(2, { fonts: [serif, { name: "Helvetica", baseFont: "Helvetica", subtype: "Type1", embedded: false }] }),
    ]);
    const f = failed(fonts(doc, context)).find((x) => x.id === "fonts.embedded");
    expect(f).toMatchObject({ page: 2 });
    expect(f!.message).toContain("Helvetica");
  });

  it("fails a Type 3 font", () => {
    const doc = pdf([
      page(1, {
        fonts: [{ name: "SourceSerif4-Bold", baseFont: "SourceSerif4-Bold", subtype: "Type3", embedded: true }],
      }),
    ]);
    expect(ids(fonts(doc, context))).toEqual(["fonts.no-type3"]);
  });

  it("fails a fallback font and names the characters it drew", () => {
    const items = [
      item("Baku, ", 50, 400, 9.5, "SourceSerif4-Regular"),
      item("ə", 80, 400, 9.5, "DejaVuSerif"),
      item("ş", 90, 400, 9.5, "DejaVuSerif"),
    ];
    const doc = pdf([
      page(1),
      page(2),
      page(3, {
        items,
        fonts: [serif, { name: "DejaVuSerif", baseFont: "CAAAAA+DejaVuSerif", subtype: "Type0", embedded: true }],
      }),
    ]);
    const f = failed(fonts(doc, context));
    expect(f.map((x) => [x.id, x.page])).toEqual([["fonts.no-fallback", 3]]);
    expect(f[0].message).toBe(
      "page 3: “əş” is set in DejaVuSerif, a font the booklet does not declare (booklet.yaml's fonts: Source Serif 4, Source Sans 3): a character missing from the booklet's fonts (a system font drew it), a style naming another family (monospace for code), or an @font-face of a stylesheet",
    );
  });

  it("does not judge families it was not told", () => {
    const doc = pdf([
      page(1, {
        fonts: [{ name: "LiberationSerif", baseFont: "LiberationSerif", subtype: "TrueType", embedded: true }],
      }),
    ]);
    expect(failed(fonts(doc, { fontFamilies: [] }))).toEqual([]);
  });
});

describe("footnotes", () => {
  const call = (dest: string, target: number | null, x = 200, y = 380) => ({
    rect: box(x, y, x + 3, y + 12),
    dest,
    page: target,
  });

  it("passes calls whose notes are on their own page", () => {
    const doc = pdf([
      page(1, { links: [call("note-a", 1)] }),
      page(2, { links: [call("note-b", 2), call("ch-1", 5)] }),
    ]);
    expect(failed(footnotes(doc, context))).toEqual([]);
  });

  it("fails a call whose note is on the next page, with the call's number", () => {
    const doc = pdf([
      page(1),
      page(2, { links: [call("note-a", 2, 200, 500), call("note-b", 3)], items: [item("7", 200.5, 384, 5.9)] }),
      page(3),
    ]);
    const f = failed(footnotes(doc, context));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ id: "footnotes.same-page", page: 2 });
    expect(f[0].message).toBe("page 2: footnote 7 is called here but its note is on page 3");
  });

  it("names the note before it on the same line, which can fill the page, as the cause", () => {
    // a note that begins on its call's page and fills it: the note called after it on that line begins later
    const items = [item("6", 200.5, 384, 5.9), item("7", 210.5, 384, 5.9)];
    const doc = pdf([page(1, { links: [call("note-a", 1), call("note-b", 2, 210)], items }), page(2)]);
    expect(failed(footnotes(doc, context))[0].message).toBe(
      "page 1: footnote 7 is called here but its note is on page 2; footnote 6, called just before it on the same line, begins on this page, and when it fills the page no note called after it can begin here. Call the two notes in different sentences, or shorten footnote 6",
    );
  });

  it("names a call by its own number, not by the text that follows it on the line (regression)", () => {
    // pdf.js gives the call and the words after it as items starting a fraction of a point apart
    const items = [item("2", 200.3, 384, 5.9), { ...item(", higher than any reading", 203.4, 380), width: 110 }];
    const doc = pdf([page(1, { items, links: [call("note-a", 2)] }), page(2)]);
    expect(failed(footnotes(doc, context))[0].message).toBe(
      "page 1: footnote 2 is called here but its note is on page 2",
    );
  });

  it("fails a call that leads nowhere", () => {
    const doc = pdf([page(1, { links: [call("note-a", null)] })]);
    expect(failed(footnotes(doc, context))[0].message).toContain("leads nowhere");
  });

  it("with the HTML, fails when there are fewer calls than notes", () => {
    const expected = expectedDocument(
      '<p>One.<span class="fn" data-n="1">A.</span> Two.<span class="fn" data-n="2">B.</span></p>',
    );
    const doc = pdf([page(1, { links: [call("note-a", 1)] })]);
    expect(ids(footnotes(doc, { ...context, expected }))).toEqual(["footnotes.all-linked"]);
    const both = pdf([page(1, { links: [call("note-a", 1), call("note-b", 1, 300)] })]);
    expect(failed(footnotes(both, { ...context, expected }))).toEqual([]);
  });
});

/** A contents page (page 3) whose entries lead to pages 5 and 7, and those pages with their headings. */
function booklet(options: { printed?: [number, number]; targets?: [number, number]; headingOn7?: string } = {}) {
  const [p1, p2] = options.printed ?? [5, 7];
  const [t1, t2] = options.targets ?? [5, 7];
  const contentsPage = page(3, {
    items: [
      item("Contents", 54, 472, 13),
      item("Foreword", 54, 430),
      item(" ", 97, 430),
      item(String(p1), 372, 430),
      item("The night", 54, 412, 10),
      item(" ", 100, 412, 10),
      item(String(p2), 366, 412, 10),
    ],
    links: [
      { rect: box(54, 427, 377, 440), dest: "foreword", page: t1 },
      { rect: box(54, 409, 377, 422), dest: "ch-01", page: t2 },
    ],
  });
  const body = (n: number, heading?: string) =>
    page(n, {
      items: [
        ...(heading ? [item(heading, 54, 480, 17)] : []),
        ...Array.from({ length: 20 }, (_, i) => item("Running text of the chapter.", 54, 450 - i * 13)),
        folio(n),
      ],
    });
  return pdf([
    page(1),
    page(2),
    contentsPage,
    page(4),
    body(5, "Foreword"),
    body(6),
    body(7, options.headingOn7 ?? "The night"),
    body(8),
  ]);
}

describe("contents", () => {
  it("passes entries whose number, link and heading agree", () => {
    const f = contents(booklet(), context);
    expect(failed(f)).toEqual([]);
    expect(f.find((x) => x.id === "contents.page-numbers")!.message).toContain("2 contents entries");
  });

  it("fails an entry whose printed number differs from its link", () => {
    const f = failed(contents(booklet({ printed: [5, 9] }), context));
    expect(f.map((x) => x.id)).toEqual(["contents.page-numbers"]);
    expect(f[0].message).toBe("contents entry “The night” says page 9 but its link leads to page 7");
    expect(f[0].page).toBe(3);
  });

  it("fails an entry whose page does not show its heading", () => {
    const f = failed(contents(booklet({ headingOn7: "Another chapter" }), context));
    expect(f.map((x) => [x.id, x.page])).toEqual([["contents.headings", 7]]);
  });

  it("does not take running text or a running head for the heading", () => {
    // "the night" in body-sized text only: not a heading
    const doc = booklet({ headingOn7: "Elsewhere" });
    doc.pages[6].items.push(item("THE NIGHT", 300, 560, 7.5), item("the night", 54, 100));
    expect(ids(contents(doc, context))).toEqual(["contents.headings"]);
  });
});

describe("contents in any language", () => {
  const translated = (heading: string) => {
    const doc = booklet();
    doc.pages[2].items[0] = item(heading, 54, 472, 13);
    return doc;
  };

  it.each(["Inhalt", "Содержание", "Mündəricat", "차례"])(
    "finds the contents page by its links, whatever its heading says (%s)",
    (heading) => {
      const f = contents(translated(heading), context);
      expect(f.map((x) => [x.id, x.status])).toEqual([
        ["contents.page-numbers", "pass"],
        ["contents.headings", "pass"],
      ]);
      const misprinted = translated("Inhalt");
      misprinted.pages[2].items[3] = item("9", 372, 430);
      expect(failed(contents(misprinted, context)).map((x) => x.id)).toEqual(["contents.page-numbers"]);
    },
  );

  it("with the HTML, counts only the links to what the document's contents lists", () => {
    const html =
      '<body><nav class="contents"><h1>Inhalt</h1><a href="#foreword">Vorwort</a><a href="#ch-01">Die Nacht</a></nav></body>';
    const withHtml = { ...context, expected: expectedDocument(html) };
    expect(withHtml.expected.contents).toEqual(["foreword", "ch-01"]);
    const doc = translated("Inhalt");
    // a cross-reference on page 2 to a place the contents does not list is not a contents
    doc.pages[1].links.push({ rect: box(54, 300, 200, 310), dest: "fig-1", page: 6 });
    expect(failed(contents(doc, withHtml))).toEqual([]);
    expect(contents(doc, withHtml)[0].message).toContain("2 contents entries");
  });

  it("ends the contents before the page of its first entry: a cross-reference there to a listed chapter is no entry", () => {
    const html =
      '<body><nav class="contents"><h1>Inhalt</h1><a href="#foreword">Vorwort</a><a href="#ch-01">Die Nacht</a></nav></body>';
    // the foreword begins on page 4, right after the contents, and refers to the chapter the contents also lists
    const doc = booklet();
    doc.pages[2].links[0].page = 4;
    doc.pages[3].items = doc.pages[4].items;
    doc.pages[2].items[3] = item("4", 372, 430);
    doc.pages[3].links.push({ rect: box(54, 300, 200, 310), dest: "ch-01", page: 7 });
    const f = contents(doc, { ...context, expected: expectedDocument(html) });
    expect(failed(f)).toEqual([]);
    expect(f[0].message).toContain("2 contents entries");
  });

  it("ends the contents with its page when the page after it leads forward to a chapter it lists", () => {
    const html =
      '<body><nav class="contents"><h1>Inhalt</h1><a href="#foreword">Vorwort</a><a href="#ch-01">Die Nacht</a></nav></body>';
    const withHtml = { ...context, expected: expectedDocument(html) };
    const doc = translated("Inhalt");
    // page 4 follows the contents and cross-refers to the chapter on page 7, in its running text
    doc.pages[3].items.push(item("see the night", 54, 300));
    doc.pages[3].links.push({ rect: box(54, 297, 120, 310), dest: "ch-01", page: 7 });
    expect(failed(contents(doc, withHtml))).toEqual([]);
    expect(contents(doc, withHtml)[0].message).toContain("2 contents entries");
  });

  it("does not take a chapter's cross-reference for a contents, and says when there is none", () => {
    const doc = pdf([
      page(1),
      page(2, { links: [{ rect: box(54, 300, 200, 310), dest: "ch-02", page: 4 }] }),
      page(3),
      page(4),
    ]);
    expect(contents(doc, context).map((x) => x.status)).toEqual(["skip"]);
    const html = '<body><section class="chapter" id="ch-01"><h1>Eins</h1></section></body>';
    expect(contents(doc, { ...context, expected: expectedDocument(html) })[0].message).toMatch(
      /the HTML has no contents/,
    );
  });
});

describe("contents: titles that wrap, and long titles", () => {
  it("reads an entry whose title wraps: its number stands on the first line, at the right", () => {
    const doc = booklet();
    const contentsPage = doc.pages[2];
    contentsPage.items = [
      item("Contents", 54, 472, 13),
      item("The night the troops entered", 54, 412, 10),
      item("7", 366, 412.4, 10),
      item("Baku and other towns", 54, 400, 10),
    ];
    contentsPage.links = [{ rect: box(54, 397, 377, 422), dest: "ch-01", page: 7 }];
    doc.pages[6].items.unshift(item("The night the troops entered Baku and other towns", 54, 500, 17));
    const f = contents(doc, context);
    expect(failed(f)).toEqual([]);
  });

  it("finds a heading longer than the running text on its page", () => {
    const lines = [
      "A very long chapter title that runs",
      "over three lines of the page, longer",
      "than the few words under it",
    ];
    const title = lines.join(" ");
    const doc = booklet({ headingOn7: title });
    doc.pages[2].items.splice(4, 1, item(lines[0], 54, 412, 10), item(`${lines[1]} ${lines[2]}`, 54, 400, 10));
    doc.pages[2].links[1] = { rect: box(54, 397, 377, 422), dest: "ch-01", page: 7 };
    doc.pages[6].items = [...lines.map((l, i) => item(l, 54, 480 - i * 20, 17)), item("Two words.", 54, 400), folio(7)];
    expect(failed(contents(doc, context))).toEqual([]);
    // and still fails a page without it
    doc.pages[6].items = [
      item("Another heading entirely, as long as the title or longer than it is", 54, 480, 17),
      item("Two words.", 54, 450),
      folio(7),
    ];
    expect(ids(contents(doc, context))).toEqual(["contents.headings"]);
  });
});

describe("folios", () => {
  it("passes folios equal to their page numbers, and pages without one", () => {
    expect(failed(folios(booklet(), context))).toEqual([]);
  });

  it("fails a page whose folio is another number", () => {
    const doc = booklet();
    doc.pages[5].items = doc.pages[5].items.map((i) => (i.text === "6" ? { ...i, text: "7" } : i));
    const f = failed(folios(doc, context));
    expect(f).toEqual([{ id: "folios.match", status: "fail", page: 6, message: "page 6 is numbered 7" }]);
  });

  it("does not read a number in the running text as a folio", () => {
    const doc = pdf([page(1, { items: [item("Text", 54, 300), item("12", 54, 280)] })]);
    expect(folios(doc, context)[0]).toMatchObject({ status: "pass", message: "no page carries a folio" });
  });
});

describe("chapters on right-hand pages", () => {
  const html =
    '<body><section class="chapter" id="ch-a"><h1>First</h1><p>x</p></section><section class="chapter" id="ch-b"><h1>Second</h1><p>y</p></section></body>';

  it("passes chapters that start on odd pages", () => {
    const doc = pdf([page(1), page(2), page(3), page(4), page(5)], { destinations: { "ch-a": 3, "ch-b": 5 } });
    expect(failed(chapters(doc, { ...context, expected: expectedDocument(html) }))).toEqual([]);
  });

  it("fails a chapter that starts on an even page", () => {
    const doc = pdf([page(1), page(2), page(3), page(4), page(5)], { destinations: { "ch-a": 3, "ch-b": 4 } });
    const f = failed(chapters(doc, { ...context, expected: expectedDocument(html) }));
    expect(f).toEqual([
      {
        id: "chapters.right-hand",
        status: "fail",
        page: 4,
        message: "the chapter “Second” starts on page 4, a left-hand page",
      },
    ]);
  });

  it("finds a chapter by its bookmark when it has no destination", () => {
    const doc = pdf([page(1), page(2), page(3), page(4)], {
      destinations: { "ch-a": 3 },
      outline: [{ title: "Sec­ond", page: 4, level: 1 }],
    });
    expect(failed(chapters(doc, { ...context, expected: expectedDocument(html) }))[0].page).toBe(4);
  });

  it("fails a chapter that is nowhere in the PDF", () => {
    const doc = pdf([page(1), page(2), page(3)], { destinations: { "ch-a": 3 } });
    expect(failed(chapters(doc, { ...context, expected: expectedDocument(html) }))[0].message).toBe(
      "the chapter “Second” is not found in the PDF (no destination and no bookmark)",
    );
  });

  it("is skipped without the HTML: the contents also lists back matter that may start on the left", () => {
    expect(chapters(booklet({ targets: [5, 6], printed: [5, 6] }), context)[0].status).toBe("skip");
  });
});

describe("every word once (text.complete)", () => {
  const html =
    '<body><section class="chapter" id="ch"><h2 data-line="chapters/01-bridge.md:3">The bridge</h2>' +
    '<p data-line="chapters/01-bridge.md:5">The bridge held.<span class="fn" data-n="1">Survey, p. 17.</span> Its five arches let the families through.</p>' +
    '<table><tr data-line="chapters/01-bridge.md:9"><th>Time</th></tr><tr data-line="chapters/01-bridge.md:10"><td>14 March 12:00</td></tr></table></section></body>';
  const expected = expectedDocument(html);
  /** pages of running text and notes, as the tagged PDF's reading order gives them (no furniture) */
  const pages = (texts: [string, string?][]) =>
    pdf(
      texts.map(([body, notes], i) =>
        page(i + 1, { flow: [{ text: body, note: false }, ...(notes ? [{ text: notes, note: true }] : [])] }),
      ),
    );
  const check = (doc: ReturnType<typeof pages>) => failed(complete(doc, { ...context, expected }));

  it("passes every letter once, across a page break, hyphenation and the notes", () => {
    expect(
      check(
        pages([
          ["The bridge\nThe bridge held. Its five ar-\nches let the fam-", "Survey, p. 17."],
          ["ilies through.\nTime\n14 March 12:00"],
        ]),
      ),
    ).toEqual([]);
  });

  it("finds one lost letter at a page break, naming the page, the file and line, and the words around it", () => {
    const f = check(
      pages([
        ["The bridge\nThe bridge held. Its five arches let the fam-", "Survey, p. 17."],
        ["lies through.\nTime\n14 March 12:00"],
      ]),
    );
    expect(f).toHaveLength(1);
    expect(f[0].page).toBe(1);
    expect(f[0].message).toBe(
      "page 1: text missing from the PDF in chapters/01-bridge.md:5 (a paragraph): the document has “arches let the fam[i]lies through.”",
    );
  });

  it("finds a repeated word and a word out of order", () => {
    const repeated = check(
      pages([
        ["The bridge\nThe bridge held. Its five arches let the families families through.", "Survey, p. 17."],
        ["Time\n14 March 12:00"],
      ]),
    );
    expect(repeated.map((f) => f.message)).toEqual([
      "page 1: text printed in the PDF but not in the document (a repeat, or text out of place) in chapters/01-bridge.md:5 (a paragraph): the PDF reads “arches let the families [families] through.”, the document “arches let the families [] through.”",
    ]);
    const moved = check(
      pages([
        ["The bridge\nThe bridge held. Its arches five let the families through.", "Survey, p. 17."],
        ["Time\n14 March 12:00"],
      ]),
    );
    expect(moved).toHaveLength(1);
    expect(moved[0].message).toContain("chapters/01-bridge.md:5");
  });

  it("finds a missing note and a missing table cell, each with its place", () => {
    const f = check(pages([["The bridge\nThe bridge held. Its five arches let the families through.\nTime"]]));
    expect(f.map((x) => x.message)).toEqual([
      "page 1: text missing from the PDF in chapters/01-bridge.md:10 (a table cell): the document has “[14 March 12:00]”",
      "page 1: text missing from the PDF in chapters/01-bridge.md:5 (a footnote): the document has “[Survey, p. 17.]”",
    ]);
  });

  it("tells the notes from the running text: a note's words in the running text are out of place", () => {
    const f = check(
      pages([
        ["The bridge\nThe bridge held. Survey, p. 17. Its five arches let the families through.\nTime\n14 March 12:00"],
      ]),
    );
    expect(f.map((x) => x.message)).toEqual([
      "page 1: text printed in the PDF but not in the document (a repeat, or text out of place) in chapters/01-bridge.md:5 (a paragraph): the PDF reads “bridge The bridge held. [Survey, p. 17.] Its five arches let”, the document “The bridge held. [] Its five arches let”",
      "page 1: text missing from the PDF in chapters/01-bridge.md:5 (a footnote): the document has “[Survey, p. 17.]”",
    ]);
  });

  it("passes a paragraph over many pages, and finds text that repeats itself printed too often", () => {
    const words = Array.from({ length: 600 }, (_, i) => (i % 14 === 13 ? "families." : "families")).join(" ");
    const one = expectedDocument(`<body><p data-line="chapters/01-roll.md:4">${words}</p></body>`);
    // pages end between two words, as a page break without hyphenation does
    const cut = (text: string, n: number) => {
      const words = text.split(" ");
      return Array.from({ length: n }, (_, i) =>
        words.slice(Math.floor((i * words.length) / n), Math.floor(((i + 1) * words.length) / n)).join(" "),
      );
    };
    const spread = pdf(cut(words, 9).map((t, i) => page(i + 1, { flow: [{ text: t, note: false }] })));
    expect(failed(complete(spread, { ...context, expected: one }))).toEqual([]);
    const repeated = `${words} ${words.slice(0, 4000)}`;
    const f = failed(
      complete(pdf(cut(repeated, 12).map((t, i) => page(i + 1, { flow: [{ text: t, note: false }] }))), {
        ...context,
        expected: one,
      }),
    );
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(
      /^page 7: text printed in the PDF but not in the document \(a repeat, or text out of place\) in chapters\/01-roll\.md:4 \(a paragraph\)/,
    );
  });

  it("is skipped without the HTML, and on a PDF without a structure tree", () => {
    expect(complete(pages([["x"]]), context)[0].status).toBe("skip");
    expect(complete(pdf([page(1, { text: "The bridge held." })]), { ...context, expected })[0]).toMatchObject({
      status: "skip",
      message: expect.stringContaining("not tagged"),
    });
  });

  it("counts a word whose ligature glyph maps to no character as present (text.extractable reports it)", () => {
    const office = expectedDocument("<p>A line to the council office, so that a warning could reach the town.</p>");
    const one = (text: string) => pdf([page(1, { flow: [{ text, note: false }] })]);
    expect(
      failed(
        complete(one("A line to the council o\u0000ce, so that a warning could reach the town."), {
          ...context,
          expected: office,
        }),
      ),
    ).toEqual([]);
    expect(
      failed(
        complete(one("A line to the council, so that a warning could reach the town."), {
          ...context,
          expected: office,
        }),
      ),
    ).toHaveLength(1);
  });
});

describe("text layer", () => {
  it("passes text whose glyphs all map to characters", () => {
    expect(extractable(pdf([page(1, { text: "the council office" })]), context)).toEqual([
      { id: "text.extractable", status: "pass", message: "every glyph of the text maps to a character" },
    ]);
  });

  it("warns, without failing, about a word with an unmapped glyph, naming the page and the word", () => {
    const f = extractable(
      pdf([page(1, { text: "fine" }), page(2, { text: "the council o\u0000ce, so that\nthe e\u0000ect" })]),
      context,
    );
    expect(f).toEqual([
      {
        id: "text.extractable",
        status: "warn",
        page: 2,
        message:
          "page 2: 2 words read “o�ce,”, “e�ect” in the PDF's text: a glyph maps to no character (a ligature, usually), so search, copy and screen readers lose it",
      },
    ]);
  });
});

const print: PrintExpectations = {
  trim: { width: 148, height: 210 },
  bleed: 3,
  pageMultiple: 4,
  minDpi: 300,
  pdfx: true,
};

/** A print page: MediaBox = BleedBox = trim plus 3 mm, TrimBox inside. */
function printPage(n: number, over: Parameters<typeof page>[1] = {}) {
  const b = 3 * MM;
  const w = 148 * MM;
  const h = 210 * MM;
  return page(n, {
    mediaBox: box(0, 0, w + 2 * b, h + 2 * b),
    bleedBox: box(0, 0, w + 2 * b, h + 2 * b),
    trimBox: box(b, b, b + w, b + h),
    ...over,
  });
}

describe("print checks", () => {
  it("are skipped for a file that is not a print file", () => {
    const doc = pdf([page(1)]);
    for (const check of [pageCount, boxes, images, transparency])
      expect(check(doc, context).every((f) => f.status === "skip")).toBe(true);
  });

  it("page count: passes a multiple of 4 and fails another, saying how many pages are missing", () => {
    expect(failed(pageCount(pdf([1, 2, 3, 4].map((n) => printPage(n))), { ...context, print }))).toEqual([]);
    const f = failed(pageCount(pdf([1, 2, 3, 4, 5, 6].map((n) => printPage(n))), { ...context, print }));
    expect(f[0].message).toBe("6 pages is not a multiple of 4: 2 blank pages short");
    expect(
      failed(
        pageCount(pdf([1, 2, 3, 4, 5, 6, 7, 8].map((n) => printPage(n))), {
          ...context,
          print: { ...print, pageMultiple: 16 },
        }),
      ),
    ).toHaveLength(1);
  });

  it("boxes: pass the trim size with 3 mm bleed on every side", () => {
    expect(failed(boxes(pdf([printPage(1), printPage(2)]), { ...context, print }))).toEqual([]);
  });

  it("boxes: fail a TrimBox of another size and a page without bleed", () => {
    // 2 pt too wide, with its bleed right around it: only the trim size is wrong
    const b = 3 * MM;
    const wide = box(0, 0, A5.width + 2 + 2 * b, A5.height + 2 * b);
    const wrongTrim = printPage(1, {
      trimBox: box(b, b, b + A5.width + 2, b + A5.height),
      bleedBox: wide,
      mediaBox: wide,
    });
    const noBleed = page(2, {
      mediaBox: box(0, 0, A5.width, A5.height),
      trimBox: box(0, 0, A5.width, A5.height),
      bleedBox: box(0, 0, A5.width, A5.height),
    });
    const f = failed(boxes(pdf([wrongTrim, noBleed]), { ...context, print }));
    expect(f.map((x) => [x.id, x.page])).toEqual([
      ["print.trim-box", 1],
      ["print.bleed-box", 2],
    ]);
    expect(f[0].message).toContain("148.71 × 210.00 mm");
    expect(f[1].message).toBe(
      "page 2: the bleed is 0.00 mm left, 0.00 mm right, 0.00 mm bottom, 0.00 mm top, not 3 mm",
    );
  });

  it("boxes: fail a page without a TrimBox", () => {
    expect(failed(boxes(pdf([printPage(1, { trimBox: undefined })]), { ...context, print }))[0].message).toBe(
      "page 1 has no TrimBox",
    );
  });

  it("image resolution: passes 300 dpi and fails less, with the placed size", () => {
    const img = (w: number, placedMm: number) => ({
      name: "img",
      pixelWidth: w,
      pixelHeight: w,
      placedWidth: placedMm * MM,
      placedHeight: placedMm * MM,
      dpiX: (w * 25.4) / placedMm,
      dpiY: (w * 25.4) / placedMm,
    });
    expect(failed(images(pdf([printPage(1, { images: [img(1181, 100)] })]), { ...context, print }))).toEqual([]);
    const f = failed(images(pdf([printPage(1), printPage(2, { images: [img(600, 100)] })]), { ...context, print }));
    expect(f).toEqual([
      {
        id: "print.image-resolution",
        status: "fail",
        page: 2,
        message: "page 2: an image of 600 × 600 px is placed at 100.0 × 100.0 mm, 152 dpi; print needs 300",
      },
    ]);
  });

  it("transparency: fails a page with transparency only when PDF/X is asked for", () => {
    const doc = pdf([printPage(1), printPage(2, { transparency: ["ca 0.5 in ExtGState GS1"] })]);
    expect(failed(transparency(doc, { ...context, print }))).toEqual([
      {
        id: "print.no-transparency",
        status: "fail",
        page: 2,
        message: "page 2 uses transparency: ca 0.5 in ExtGState GS1",
      },
    ]);
    expect(transparency(doc, { ...context, print: { ...print, pdfx: false } })[0].status).toBe("skip");
  });
});
