// The rule for gathering citations into notes (booklet.yaml `notes:`): one note per citation, per sentence or
// per paragraph (a list item, a table cell), the sources once each in order, their locators merged.
import { describe, expect, it } from "vitest";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { mergeRefs } from "../../src/markdown/gather.ts";
import { type ChapterContext, createMarkdown, renderChapterMarkdown } from "../../src/markdown/render.ts";

function ctx(body = ""): ChapterContext & { problems: BookletError[] } {
  return {
    id: "ch-test",
    file: "/c/chapters/01-test.md",
    bodyLine: 5,
    text: `---\ntitle: T\norder: 1\n---\n${body}`,
    formatCitation: (ref, full) => `${full ? "FULL" : "SHORT"}:${ref.id}${ref.locator ? `:${ref.locator}` : ""}`,
    hasSource: (id) => ["vestnik", "embassy", "omm"].includes(id),
    problems: [],
    cited: new Set(),
  } as ChapterContext & { problems: BookletError[] };
}

const perParagraph = createMarkdown({ notes: "per-paragraph", language: "en" });
const perSentence = createMarkdown({ notes: "per-sentence", language: "en" });
const perCitation = createMarkdown({ notes: "per-citation", language: "en" });

/** The notes in the HTML, number and text, in the order of their calls. */
const notes = (html: string) =>
  [...html.matchAll(/<span class="fn" data-n="(\d+)">(.*?)<\/span>/g)].map((m) => [Number(m[1]), m[2]]);
/** The text with each note replaced by its number in braces. */
const calls = (html: string) =>
  html
    .replace(/<span class="fn" data-n="(\d+)">.*?<\/span>/g, "{$1}")
    .replace(/<[^>]+>/g, "")
    .trim();

const PARAGRAPH = [
  "Vestnik counts 133 killed.[@vestnik] The Embassy gives 147,[@embassy, para. 3] and",
  "Vestnik again 133.[@vestnik, p. 2] The Embassy's own figure stands.[@embassy, para. 5]",
  "",
  "A second paragraph cites Vestnik.[@vestnik]",
  "",
].join("\n");

describe("notes: per-paragraph", () => {
  it("gathers a paragraph's citations into one note at its end: sources in order of first citation, each once, locators merged", () => {
    const r = renderChapterMarkdown(perParagraph, PARAGRAPH, ctx());
    expect(r.notes).toBe(2);
    expect(notes(r.html)).toEqual([
      [1, "FULL:vestnik:p. 2; FULL:embassy:para. 3, para. 5."],
      [2, "SHORT:vestnik."],
    ]);
    expect(calls(r.html)).toBe(
      "Vestnik counts 133 killed. The Embassy gives 147, and\nVestnik again 133. The Embassy’s own figure stands.{1}\nA second paragraph cites Vestnik.{2}",
    );
  });

  it("gives the full reference at a source's first citation in the chapter and the short one after, as before", () => {
    const r = renderChapterMarkdown(perParagraph, "First.[@omm, p. 1]\n\nSecond.[@omm, p. 2]\n", ctx());
    expect(notes(r.html)).toEqual([
      [1, "FULL:omm:p. 1."],
      [2, "SHORT:omm:p. 2."],
    ]);
  });

  it("leaves [^id] notes in their place, numbered in sequence with the gathered note, and their citations as text", () => {
    const src =
      "A sentence.[@vestnik] A remark.[^why] The end.[@embassy]\n\nNext.[@omm]\n\n[^why]: Because of this.[@omm, p. 9]\n";
    const r = renderChapterMarkdown(perParagraph, src, ctx());
    expect(r.notes).toBe(3);
    expect(notes(r.html)).toEqual([
      [1, "Because of this. FULL:omm:p. 9."],
      [2, "FULL:vestnik; FULL:embassy."],
      [3, "SHORT:omm."],
    ]);
    expect(calls(r.html)).toBe("A sentence. A remark.{1} The end.{2}\nNext.{3}");
  });

  it("keeps two calls side by side apart with a comma, in the text only", () => {
    const src = "Said so.[@omm][^x]\n\n[^x]: A note.[@vestnik][@embassy]\n";
    const r = renderChapterMarkdown(perParagraph, src, ctx());
    expect(calls(r.html)).toBe("Said so.{1},{2}");
    expect(notes(r.html)).toEqual([
      [1, "FULL:omm."],
      [2, "A note. FULL:vestnik. FULL:embassy."],
    ]);
    expect(calls(renderChapterMarkdown(perCitation, "One.[@omm][@vestnik] Two.[@embassy]\n", ctx()).html)).toBe(
      "One.{1},{2} Two.{3}",
    );
  });

  it("gathers each list item and each table cell on its own", () => {
    const src = [
      "- Vestnik [@vestnik] and the Embassy [@embassy].",
      "- OMM.[@omm, p. 4][@omm, p. 5]",
      "",
      "| source | figure |",
      "|---|---|",
      "| Vestnik [@vestnik] | 133[@vestnik, p. 2][@embassy] |",
      "",
    ].join("\n");
    const r = renderChapterMarkdown(perParagraph, src, ctx());
    expect(notes(r.html)).toEqual([
      [1, "FULL:vestnik; FULL:embassy."],
      [2, "FULL:omm:p. 4, p. 5."],
      [3, "SHORT:vestnik."],
      [4, "SHORT:vestnik:p. 2; SHORT:embassy."],
    ]);
    // a citation written before its punctuation leaves no space before it
    expect(r.html).toContain("<li>Vestnik and the Embassy.<span");
    expect(r.html).toContain('<td>Vestnik<span class="fn" data-n="3">');
    expect(r.html).toContain('<td>133<span class="fn" data-n="4">');
  });

  it("gathers the paragraphs of a quotation", () => {
    const r = renderChapterMarkdown(perParagraph, "> Quoted.[@omm] Quoted again.[@omm, p. 2]\n", ctx());
    expect(notes(r.html)).toEqual([[1, "FULL:omm:p. 2."]]);
    expect(r.html).toMatch(/<blockquote>\s*<p>Quoted\. Quoted again\.<span class="fn" data-n="1">/);
  });

  it("reports every citation of an unknown source at its own line and column", () => {
    const src = "One.[@nope] Two.[@vestnik]\nThree.[@nope, p. 2]\n";
    const c = ctx(src);
    const r = renderChapterMarkdown(perParagraph, src, c);
    expect(c.problems.map((p) => [p.kind, p.location?.line, p.location?.column])).toEqual([
      ["UnknownSource", 5, 5],
      ["UnknownSource", 6, 7],
    ]);
    expect(notes(r.html)).toEqual([[1, "[unknown source: nope]; FULL:vestnik."]]);
  });
});

describe("notes: per-sentence", () => {
  it("gathers a sentence's citations into one note after its punctuation", () => {
    const r = renderChapterMarkdown(perSentence, PARAGRAPH, ctx());
    expect(notes(r.html)).toEqual([
      [1, "FULL:vestnik."],
      [2, "FULL:embassy:para. 3; SHORT:vestnik:p. 2."],
      [3, "SHORT:embassy:para. 5."],
      [4, "SHORT:vestnik."],
    ]);
    expect(calls(r.html)).toBe(
      "Vestnik counts 133 killed.{1} The Embassy gives 147, and\nVestnik again 133.{2} The Embassy’s own figure stands.{3}\nA second paragraph cites Vestnik.{4}",
    );
  });

  it("places the note after the sentence's punctuation when the citation stands before it, and keeps abbreviations in the sentence", () => {
    const r = renderChapterMarkdown(
      perSentence,
      "It says so [@omm, p. 3] in *its own words*. See e.g. p. 4 of it.[@vestnik]\n",
      ctx(),
    );
    expect(calls(r.html)).toBe("It says so in its own words.{1} See e.g. p. 4 of it.{2}");
  });
});

describe("notes: per-citation", () => {
  it("is the default: one note per citation, where it stands", () => {
    const r = renderChapterMarkdown(perCitation, PARAGRAPH, ctx());
    expect(r.notes).toBe(5);
    expect(renderChapterMarkdown(createMarkdown(), PARAGRAPH, ctx()).html).toBe(r.html);
  });
});

describe("mergeRefs", () => {
  it("keeps each source once, in order, with its distinct locators", () => {
    expect(
      mergeRefs([
        { id: "b" },
        { id: "a", locator: "p. 1" },
        { id: "b", locator: "p. 2" },
        { id: "a", locator: "p. 1" },
        { id: "a", locator: "p. 3" },
      ]),
    ).toEqual([
      { id: "b", locator: "p. 2" },
      { id: "a", locator: "p. 1, p. 3" },
    ]);
  });
});
