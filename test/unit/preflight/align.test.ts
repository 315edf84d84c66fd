// The letter-by-letter alignment under text.complete: what it finds, and what it does not take for a difference.
import { describe, expect, it } from "vitest";
import { addPiece, differences, emptyStream, quote } from "../../../src/preflight/align.ts";

const stream = (...pieces: string[]) => {
  const s = emptyStream();
  for (const p of pieces) addPiece(s, p);
  return s;
};

describe("aligning the document's text with the PDF's", () => {
  it("sees no difference in whitespace, soft hyphens, line-end hyphens, case or quotation marks", () => {
    const want = stream("The city’s Alley of Mar\u00ADtyrs, 19–20 January.");
    const got = stream("THE CITYʼS Alley of Mar-\ntyrs, 19–\n20 January.");
    expect(differences(want, got, 100)).toEqual([]);
  });

  it("finds a paragraph cut by a page break after words that a table cell before it repeats", () => {
    // the earlier search found the cell's words first and lost its way; an alignment cannot
    const cell = "Killed in Neftçala and Lənkəran, 25–26 January";
    const para = "In Neftçala and Lənkəran, where no state of emergency had been declared, eight more people died.";
    const want = stream(cell, para);
    expect(
      differences(
        want,
        stream(
          `${cell} In Neftçala and`,
          "Lənkəran, where no state of emergency had been declared, eight more people died.",
        ),
        1000,
      ),
    ).toEqual([]);
    const lost = differences(want, stream(`${cell} In Neftçala and`, "eight more people died."), 1000)!;
    expect(lost).toHaveLength(1);
    expect(quote(want, lost[0].want.from, lost[0].want.to)).toBe(
      "In Neftçala and [Lənkəran, where no state of emergency had been declared,] eight more people died.",
    );
  });

  it("joins a word broken at a line's end or a page's end by a hyphen, and finds its lost letter", () => {
    expect(differences(stream("the families of the dead"), stream("the fam-\nilies of the dead"), 100)).toEqual([]);
    expect(differences(stream("the families of the dead"), stream("the fam-", "ilies of the dead"), 100)).toEqual([]);
    const want = stream("the families of the dead");
    const lost = differences(want, stream("the fam-", "lies of the dead"), 100)!;
    expect(lost.map((d) => quote(want, d.want.from, d.want.to))).toEqual(["the fam[i]lies of the dead"]);
  });

  it("keeps two differences in two blocks apart, however close", () => {
    const found = differences(
      stream("A movement takes shape", "The blog of the Victims"),
      stream("A movement takes takes shape", "The of blog the Victims"),
      100,
    )!;
    expect(found.length).toBeGreaterThanOrEqual(2);
  });

  it("gives up on texts too far apart to align, rather than taking all the time in the world", () => {
    const words = (prefix: string) => Array.from({ length: 3000 }, (_, i) => `${prefix}${i.toString(36)}`).join(" ");
    expect(differences(stream(words("a")), stream(words("b")), 100)).toBeUndefined();
    // one long word against another is one difference, not a letter-by-letter search
    expect(differences(stream("a".repeat(5000)), stream("b".repeat(5000)), 100)).toEqual([
      { want: { from: 0, to: 5000 }, got: { from: 0, to: 5000 } },
    ]);
  });
});
