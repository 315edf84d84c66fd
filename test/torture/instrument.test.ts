// The torture test's own instruments, without a browser: the generator writes what it says it writes, and
// the checker sees a tag lost, repeated or garbled. A checker that could not fail would prove nothing.
import fs from "node:fs";
import path from "node:path";
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { hyphenateHtml } from "../../src/markdown/hyphenate.ts";
import { tempDir } from "../helpers/tmp.ts";
import { countPhrase, countTags, relaidOut } from "./check.ts";
import { wordsCrossedByRules } from "./crossed.ts";
import { type Generated, generateTorture, repeatWord, TAG_PATTERN, type TagKind } from "./generate.ts";

const work = tempDir("booklet-torture-instrument-");
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const generated = new Map<string, Generated>();
function gen(seed: number, name = String(seed)): Generated {
  if (!generated.has(name)) generated.set(name, generateTorture(seed, path.join(work, name)));
  return generated.get(name)!;
}

/** Every file of a folder, by path relative to it. */
function files(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile()) out[rel] = fs.readFileSync(file);
  }
  return out;
}

const textFiles = (g: Generated) => Object.entries(files(g.dir)).filter(([rel]) => /\.(md|csv|yaml)$/.test(rel));

describe("the torture generator", () => {
  it("writes the same folder for the same seed, and another for another seed", () => {
    expect(files(gen(5).dir)).toEqual(files(gen(5, "5-again").dir));
    expect(files(gen(6).dir)["chapters/01-part.md"]).not.toEqual(files(gen(5).dir)["chapters/01-part.md"]);
  });

  it("writes every tag exactly as many times as it lists it, on the line it names", () => {
    for (const seed of [1, 2, 3, 4]) {
      const g = gen(seed);
      const written = new Map<string, number>();
      for (const [, body] of textFiles(g))
        for (const m of body.toString("utf8").matchAll(TAG_PATTERN)) written.set(m[0], (written.get(m[0]) ?? 0) + 1);
      expect(new Set(g.tags.map((t) => t.tag)).size).toBe(g.tags.length);
      expect(Object.fromEntries(written)).toEqual(Object.fromEntries(g.tags.map((t) => [t.tag, t.count])));
      for (const t of g.tags)
        expect(fs.readFileSync(path.join(g.dir, t.file), "utf8").split("\n")[t.line - 1]).toContain(t.tag);
    }
  });

  it("writes every kind of text, long notes, two note calls side by side and repeated sentences", () => {
    const seeds = [1, 2, 3, 4].map((s) => gen(s));
    const kinds = new Set(seeds.flatMap((g) => g.tags.map((t) => t.kind)));
    const all: TagKind[] = [
      "foreword",
      "paragraph",
      "list-bullet",
      "list-numbered",
      "quote",
      "code",
      "table-data",
      "table-markdown",
      "caption",
      "repeated",
      "note-short",
      "note-long",
      "citation",
    ];
    expect([...kinds].sort()).toEqual([...all].sort());
    for (const g of seeds) {
      const chapters = textFiles(g)
        .filter(([rel]) => rel.startsWith("chapters/"))
        .map(([, b]) => b.toString("utf8"))
        .join("\n");
      expect(chapters).toMatch(/\[\^n\d+\]\[(\^n\d+|@[a-z0-9-]+[^\]]*)\]/);
      expect(chapters).toContain("{{table ");
      expect(chapters).toMatch(/!\[[^\]]*\]\(images\/plate-\d\.png\)/);
      // a note of two or three paragraphs: several hundred words, more than half an A5 page of notes
      const notes = chapters
        .split(/\n(?=\[\^n\d+\]: )/)
        .slice(1)
        .map((n) => n.split(/\n(?!\n? {4})/)[0]);
      expect(Math.max(...notes.map((n) => n.split(/\s+/).length))).toBeGreaterThan(300);
      expect(notes.filter((n) => n.split(/\s+/).length < 40).length).toBeGreaterThan(3);
    }
  });

  it("writes tags that the build's hyphenation leaves whole", () => {
    const tags = gen(1)
      .tags.slice(0, 50)
      .map((t) => t.tag);
    const html = `<p>${tags.join(" of the remembrance and the documentation of ")}</p>`;
    expect(hyphenateHtml(html, "en-GB")).toContain("\u00AD");
    expect(hyphenateHtml(html, "en-GB").match(TAG_PATTERN)).toEqual(tags);
  });

  it("writes a word n times with every kth followed by a full stop", () => {
    const text = repeatWord("families", 600, 14);
    expect(text.match(/families/g)).toHaveLength(600);
    expect(text.match(/families\./g)).toHaveLength(42);
  });
});

describe("the torture checker", () => {
  // pages as Poppler would give them: each tag printed as often as written, on three pages in turn
  const g = () => gen(1);
  const pagesOf = (tags: string[]) => [0, 1, 2].map((p) => tags.filter((_, i) => i % 3 === p).join(" words between\n"));
  const printed = () => g().tags.flatMap((t) => Array.from({ length: t.count }, () => t.tag));

  it("finds nothing wrong when every tag is printed as often as written", () => {
    expect(countTags(pagesOf(printed()), g().tags)).toEqual({ problems: [], strangers: [] });
  });

  it("names a lost tag with its kind, file, line and the pages of its neighbours", () => {
    const lost = g().tags.find((t) => t.kind === "note-long")!;
    const { problems } = countTags(pagesOf(printed().filter((t) => t !== lost.tag)), g().tags);
    expect(problems).toEqual([
      expect.objectContaining({
        tag: lost.tag,
        kind: "note-long",
        file: lost.file,
        line: lost.line,
        count: 1,
        printed: 0,
        pages: [],
      }),
    ]);
    expect(problems[0].near.length).toBeGreaterThan(0);
  });

  it("names a tag printed twice with its pages, and a repeated sentence printed once too few", () => {
    const twice = g().tags.find((t) => t.kind === "table-data")!;
    const rep = g().tags.find((t) => t.kind === "repeated")!;
    const tags = printed();
    tags.splice(tags.indexOf(rep.tag), 1);
    const pages = pagesOf(tags);
    pages[2] += ` ${twice.tag}`;
    const { problems } = countTags(pages, g().tags);
    const byTag = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(problems.map((p) => [p.tag, p.printed, p.count]).sort(byTag)).toEqual(
      [
        [twice.tag, 2, 1],
        [rep.tag, rep.count - 1, rep.count],
      ].sort(byTag),
    );
    expect(problems.find((p) => p.tag === twice.tag)!.pages).toContain(3);
  });

  it("finds a tag glued to its neighbours, and reports one it never wrote", () => {
    const [first, second] = g().tags;
    const tags = printed().filter((t) => t !== first.tag && t !== second.tag);
    const pages = pagesOf(tags);
    // a tag of the right shape that this booklet does not have
    const known = new Set(g().tags.map((t) => t.tag));
    const stranger = ["qxzzz", "qxzzw", "qxzwz", "qxwzz"].find((t) => !known.has(t))!;
    pages[0] += ` ${first.tag}${second.tag}1 ${stranger}`;
    expect(countTags(pages, g().tags)).toEqual({ problems: [], strangers: [{ tag: stranger, pages: [1] }] });
  });

  it("counts a phrase over line and page breaks, and not inside a longer word", () => {
    const pages = [
      "Unknown man, killed in\nBaku on 20 January 1990. Unknown",
      "man, killed in Baku on 20 January 1990.",
    ];
    expect(countPhrase(pages, "Unknown man, killed in Baku on 20 January 1990.")).toBe(2);
    expect(countPhrase(["families familiesque families."], "families")).toBe(2);
    // a page break inside the phrase, with the page's folio and the next page's running head between
    expect(
      countPhrase(
        ["Unknown man, killed in Baku on 20\n5\n", "THE ROLL\nJanuary 1990."],
        "Unknown man, killed in Baku on 20 January 1990.",
      ),
    ).toBe(1);
  });
});

describe("the checker's reading of rules drawn through text", () => {
  it("names the words a thin rule crosses, not those it touches under their descenders, nor a filled ground", async () => {
    // an A5 page as a reader sees it: a line with the notes' rule through it, a line with a rule at its
    // descenders' foot, a line between two table borders; and a page of dark ground with light words
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const grey = rgb(0.54, 0.54, 0.54);
    const page = doc.addPage([420, 595]);
    const rule = (y: number) => page.drawLine({ start: { x: 40, y }, end: { x: 380, y }, thickness: 0.4, color: grey });
    page.drawText("struck through here", { x: 40, y: 500, size: 10, font });
    rule(503);
    page.drawText("touched under it", { x: 40, y: 400, size: 10, font });
    rule(399);
    page.drawText("between the borders", { x: 40, y: 300, size: 10, font });
    rule(296);
    rule(312);
    const cover = doc.addPage([420, 595]);
    cover.drawRectangle({ x: 0, y: 0, width: 420, height: 595, color: rgb(0.1, 0.1, 0.1) });
    cover.drawText("JANUARY 2027", { x: 40, y: 300, size: 10, font, color: rgb(1, 1, 1) });
    const pdf = path.join(work, "rules.pdf");
    fs.writeFileSync(pdf, await doc.save());
    expect(wordsCrossedByRules(pdf)).toEqual(["page 1: struck", "page 1: through", "page 1: here"]);
  });
});

describe("the checker's reading of the build's log", () => {
  it("tells a build whose safety net laid a chapter out again from one laid out once", () => {
    const again =
      "warning: Paged.js lost a note of ch-03-part (“Even so, the surviving minutes…”): laid out again, keeping the last lines of each paragraph together in ch-03-part";
    expect(relaidOut(`booklet: the 37th anniversary edition (2027)\n${again}\n  paginate   9.1 s\n`)).toBe(true);
    expect(relaidOut("booklet: the 37th anniversary edition (2027)\n  paginate   9.1 s  36 pages\n")).toBe(false);
  });
});
