// End to end: a booklet with `notes: per-paragraph` and no publisher, built by the real build() in Chromium and
// read back with Poppler: one note per paragraph (and list item) with its sources in order, and no trace of a
// publisher on any page or in the PDF's Author.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Built, bookletFacts, buildAndInspect } from "./booklet-facts.ts";

const CONTENT = path.resolve(import.meta.dirname, "../fixtures/notes-rule");
let built: Built;
/** the PDF's text as pdftotext reads it, soft hyphens and the hyphens of broken words taken out */
let text: string;
/** the text of each page */
let pages: string[];

beforeAll(async () => {
  built = await buildAndInspect("notes-rule", CONTENT, 2026);
  text = execFileSync("pdftotext", [built.pdfPath, "-"], { encoding: "utf8" })
    .replace(/\u00AD/g, "")
    .replace(/-\n/g, "");
  pages = text.split("\f").map((p) => p.replace(/\s+/g, " ").trim());
});

/** The body of the chapter, from its first words to its last, on one line. */
const body = () => {
  const from = text.indexOf("The mill by the weir");
  const to = text.indexOf("not rebuilt.", from) + "not rebuilt.".length + 1;
  return text.slice(from, to).replace(/\s+/g, " ");
};
/** The note numbered n at the foot of the chapter's page: from its number to the next note's or the folio. */
const note = (n: number) => {
  const foot = text.slice(text.indexOf("not rebuilt."));
  return new RegExp(`^${n} (.*?)(?=^${n + 1} |^\\d+\\n)`, "ms").exec(foot)?.[1].replace(/\s+/g, " ").trim();
};

describe("a booklet with notes: per-paragraph and no publisher", () => {
  bookletFacts(
    () => built,
    () => ({
      title: "The Weir Fire: A test booklet, 2 May 1961",
      author: undefined,
      subject: "65th anniversary edition, 2 May 2026",
      keywords: ["65th anniversary", "2026"],
      language: "en-GB",
      contentDir: CONTENT,
    }),
  );

  it("calls one note at the end of each paragraph and list item, and the [^id] note where it was written", () => {
    // the fixture's text has no digits of its own: every number in it is a note's call
    const calls = [...body().matchAll(/(\S{0,12}?)(\d[\d,]*)(?=\s|$)/g)].map((m) => `${m[1]}${m[2]}`);
    // "hurt.2,3": the gathered note of the paragraph's citations, then the [^hurt] note written after them,
    // a comma between the two calls
    expect(calls).toEqual(["in.1", "hurt.2,3", "men;4", "ford.5", "rebuilt.6"]);
    expect(built.chapters.map((c) => c.notes)).toEqual([6]);
  });

  it("names each source once in a note, in the order of first citation, with its locators merged; full reference first, short after", () => {
    expect(note(1)).toBe(
      "“Report of the inquiry into the mill fire,” County Fire Board, February 1962, p. 3, p. 5; “Fire at the weir mill,” The Weir Courier, 3 May 1961.",
    );
    expect(note(2)).toBe("Ruth Hale, “Letters from the Mill Lane,” Mill Lane Press, 1975, p. 12; Inquiry 1962, p. 7.");
    // a citation inside an ordinary note stays text in it
    expect(note(3)).toBe("The newspaper says the same. Courier 1961.");
    expect(note(4)).toBe("Inquiry 1962, p. 9.");
    expect(note(5)).toBe("Courier 1961; Letters.");
    expect(note(6)).toBe("Courier 1961.");
  });

  it("prints no publisher and no stand-in for one, and the PDF has no Author", () => {
    // cover, title page and back cover: what the fixture gives, and nothing else
    expect(pages[0]).toBe("65TH ANNIVERSARY · 2 MAY 2026 The Weir Fire A test booklet, 2 May 1961");
    expect(pages[1]).toBe("");
    expect(pages[2]).toBe(
      "The Weir Fire A test booklet, 2 May 1961 A commemorative booklet for the 65th anniversary 2 May 2026",
    );
    expect(pages.filter((p) => p !== "").at(-1)).toMatch(/^2 May 1961 The Weir Fire · 65th anniversar ?y · 2026$/);
    // the colophon goes on without the sentence
    const colophon = pages.find((p) => p.startsWith("Colophon"))!;
    expect(colophon).toContain("the 16th edition of this booklet. Prepared on 1 November 2026.");
    expect(text).not.toMatch(/published by|publisher not stated|undefined/i);
    const info = execFileSync("pdfinfo", [built.pdfPath], { encoding: "utf8" });
    expect(info).toMatch(/^Title:\s+The Weir Fire/m);
    expect(info).not.toMatch(/^Author:\s*\S/m);
  });
});
