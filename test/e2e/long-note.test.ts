// End to end, a note too long to fit under its call, in a chapter's first lines. Every note begins on its
// call's page. Alone on its line, the long note begins under its call and goes on over the page (patch 099).
// With a second note called after it on the same line, that note could not begin on the call's page, so the
// call's line and the text after it go to the next page: a chapter opens with its title and one line, or
// with its title alone. No word is lost, but the page looks unfinished, and only the text can mend it: the
// preflight says so, and names the note as the cause.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { pageCount, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const MINIMAL = path.resolve(import.meta.dirname, "../fixtures/minimal");
const CHAPTER = "chapters/03-after.md";
// about 37 lines of an A5 page's notes: more than the page holds under a title and two lines
const LONG_NOTE = Array.from(
  { length: 39 },
  (_, i) =>
    `Sentence ${i + 1} of a long note that goes on at length about the records of the river board and the parish.`,
).join(" ");

/**
 * The minimal booklet, its third chapter opening with `opening`, which calls the long note, and with `short`
 * a short note right after it on the same line.
 */
function project(root: string, opening: string, short: boolean): string {
  const dir = path.join(root, "content");
  fs.cpSync(MINIMAL, dir, { recursive: true });
  const file = path.join(dir, CHAPTER);
  const [, front, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(fs.readFileSync(file, "utf8"))!;
  const calls = short ? "[^long][^short]" : "[^long]";
  const notes = `[^long]: ${LONG_NOTE}\n${short ? "\n[^short]: A short note on the same line.\n" : ""}`;
  fs.writeFileSync(file, `${front}${opening}${calls} ${body.trimEnd()}\n\n${notes}`);
  return dir;
}

async function built(root: string, opening: string, short = false) {
  fs.mkdirSync(root);
  const warnings: string[] = [];
  const out = path.join(root, "out");
  const error = await build({
    contentDir: project(root, opening, short),
    outDir: out,
    editions: [2027],
    formats: ["screen"],
    log: { ...silentLogger, warn: (m: string) => warnings.push(m) },
    concurrency: 1,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, warnings, pdf: path.join(out, "2027", "alder-reach-2027.pdf") };
}

const TWO_LINES =
  "The first paragraph of this chapter is long enough to fill two lines of the page before it calls a long note.";

let root: string;
let alone: Awaited<ReturnType<typeof built>>;
let twoLines: Awaited<ReturnType<typeof built>>;
let firstLine: Awaited<ReturnType<typeof built>>;

beforeAll(async () => {
  root = tempDir("booklet-long-note-");
  alone = await built(path.join(root, "alone"), TWO_LINES);
  twoLines = await built(path.join(root, "a"), TWO_LINES, true);
  firstLine = await built(path.join(root, "b"), "A first line calls a long note.", true);
});

afterAll(() => root && fs.rmSync(root, { recursive: true, force: true }));

/** Each page's text, as Poppler reads it (in lines, and run together), and the chapter's opening page (1-based). */
function opening(pdf: string): { raw: string[]; pages: string[]; opening: number } {
  const raw = Array.from({ length: pageCount(pdf) }, (_, i) => pageText(pdf, i + 1));
  const first = raw.findIndex((p) => /^\s*Afterwards\s*$/m.test(p) && !/Contents/.test(p)) + 1;
  return { raw, pages: raw.map((p) => p.replace(/\s+/g, " ")), opening: first };
}

describe("a note too long to fit under its call, in a chapter's first lines", () => {
  it("begins under its call, on the chapter's opening page, and goes on over the page (099)", () => {
    expect(alone.error).toBeUndefined();
    const { raw, pages, opening: first } = opening(alone.pdf);
    expect(first).toBeGreaterThan(1);
    expect(pages[first - 1]).toContain("calls a long note");
    expect(pages[first - 1], "the note's first words, on its call's page").toContain("Sentence 1 of a long note");
    expect(pages[first - 1]).not.toContain("Sentence 39 of a long note");
    expect(pages[first], "the note's end, on the next page").toContain("Sentence 39 of a long note");
    // the note's rest is not a new note: no number before it (the note is 1, the chapter's first)
    expect(raw[first], "a number before the note's rest").not.toMatch(/^\s*1\s/m);
    expect(alone.warnings.filter((w) => w.includes("keep.page-filled"))).toEqual([]);
  });

  it("with a note called after it on the same line, leaves the opening page with one line, and says so", () => {
    expect(twoLines.error).toBeUndefined();
    const { pages, opening: first } = opening(twoLines.pdf);
    expect(first).toBeGreaterThan(1);
    expect(pages[first - 1]).toContain("The first paragraph of this chapter");
    expect(pages[first - 1]).not.toContain("calls a long note");
    expect(pages[first]).toContain("Sentence 1 of a long note");
    const filled = twoLines.warnings.filter((w) => w.includes("keep.page-filled"));
    expect(filled).toHaveLength(1);
    const warning = filled[0];
    expect(warning).toContain(`page ${first} is nearly empty`);
    expect(warning).toContain(`page ${first + 1} holds`);
    expect(warning).toContain("Shorten the long note, call the notes in different sentences");
  });

  it("is refused when such a line takes the chapter's whole text from under its title, and names the note", () => {
    expect(firstLine.error).toMatchObject({ code: "B601" });
    const { message } = firstLine.error as Error;
    expect(message).toMatch(/keep\.heading-at-foot \(page (\d+)\): page \1 ends with the heading “Afterwards”/);
    expect(message).toContain("characters of notes: every note begins on its call's page");
    expect(fs.existsSync(firstLine.pdf)).toBe(false);
  });
});
