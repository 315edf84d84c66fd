// End to end, a note too long to fit under its call, in a chapter's first lines. Paged.js 0.4.3 prints a note
// whole on its call's page, so the call's line and the text after it go to the next page with it: a chapter
// opens with its title and one line, or with its title alone. No word is lost, but the page looks unfinished,
// and only the text can mend it: the preflight says so, and names the note as the cause.
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

/** The minimal booklet, its third chapter opening with `opening`, which calls the long note. */
function project(root: string, opening: string): string {
  const dir = path.join(root, "content");
  fs.cpSync(MINIMAL, dir, { recursive: true });
  const file = path.join(dir, CHAPTER);
  const [, front, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(fs.readFileSync(file, "utf8"))!;
  fs.writeFileSync(file, `${front}${opening}[^long] ${body.trimEnd()}\n\n[^long]: ${LONG_NOTE}\n`);
  return dir;
}

async function built(root: string, opening: string) {
  const warnings: string[] = [];
  const out = path.join(root, "out");
  const error = await build({
    contentDir: project(root, opening),
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

let root: string;
let twoLines: Awaited<ReturnType<typeof built>>;
let firstLine: Awaited<ReturnType<typeof built>>;

beforeAll(async () => {
  root = tempDir("booklet-long-note-");
  fs.mkdirSync(path.join(root, "a"));
  fs.mkdirSync(path.join(root, "b"));
  twoLines = await built(
    path.join(root, "a"),
    "The first paragraph of this chapter is long enough to fill two lines of the page before it calls a long note.",
  );
  firstLine = await built(path.join(root, "b"), "A first line calls a long note.");
});

afterAll(() => root && fs.rmSync(root, { recursive: true, force: true }));

describe("a note too long to fit under its call, in a chapter's first lines", () => {
  it("prints the chapter's opening page with its title and one line, and says so in a warning", () => {
    expect(twoLines.error).toBeUndefined();
    // the opening page, as Poppler reads it: the title, then the paragraph's first line alone
    const pages = Array.from({ length: pageCount(twoLines.pdf) }, (_, i) => pageText(twoLines.pdf, i + 1));
    const opening = pages.findIndex((p) => /^\s*Afterwards\s*$/m.test(p) && !/Contents/.test(p)) + 1;
    expect(opening).toBeGreaterThan(1);
    const text = pages[opening - 1].replace(/\s+/g, " ");
    expect(text).toContain("The first paragraph of this chapter");
    expect(text).not.toContain("calls a long note");
    expect(pages[opening].replace(/\s+/g, " ")).toContain("Sentence 1 of a long note");
    const filled = twoLines.warnings.filter((w) => w.includes("keep.page-filled"));
    expect(filled).toHaveLength(1);
    const warning = filled[0];
    expect(warning).toContain(`page ${opening} is nearly empty`);
    expect(warning).toContain(`page ${opening + 1} holds`);
    expect(warning).toContain("Shorten or split the long note");
  });

  it("is refused when the note takes the chapter's whole text from under its title, and names the note", () => {
    expect(firstLine.error).toMatchObject({ code: "B601" });
    const { message } = firstLine.error as Error;
    expect(message).toMatch(/keep\.heading-at-foot \(page (\d+)\): page \1 ends with the heading “Afterwards”/);
    expect(message).toContain("characters of notes: a note is printed whole on the page of its call");
    expect(fs.existsSync(firstLine.pdf)).toBe(false);
  });
});
