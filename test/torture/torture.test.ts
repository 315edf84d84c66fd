// The torture test: generated note-heavy booklets (test/torture/generate.ts), built through the command line,
// every tag counted in the PDF by Poppler (check.ts). Each seed must build, and print every piece of text
// exactly as often as it was written, with no rule drawn through it (crossed.ts). `npm run bench -- --only torture` runs many more seeds.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.ts";
import { buildScreen, countPhrase, describeProblem, pdfPageTexts, tortureSeed } from "./check.ts";
import { repeatWord, writeChapters } from "./generate.ts";

// A build of 40 note-heavy pages takes 15 to 60 s on two busy cores: the limit is the build's own stage
// limits with room to spare, so that only a build that hangs fails on time.
const BUILD_LIMIT = 400_000;

// The seeds the suite builds: as many as fit in about three and a half minutes of CI (seed 15 lost a
// paragraph's words to a break at a text's first letter, patches/pagedjs/060; seed 19 left a chapter's
// title alone at a page's foot, its first paragraph sent on whole for a note called on its sixth line,
// 070; seed 66's contents led to the page before the Sources, where their section began, empty, under a
// chapter that ends with a heading: page-handlers.js, KeepWithNext; seed 100 laid a note out on the page
// after its call, which the preflight refused, until the safety net looked for notes off their call's page;
// seed 67's third chapter ends with a heading that keeps with the Sources, and Paged.js went back to the
// chapter's start, found it had laid that page out before ("Layout repeated") and left the rest out, 085).
const SEEDS = [1, 2, 3, 7, 15, 19, 66, 67, 100];

// Seeds built whole only because the safety net laid a chapter out again (its warning said so); every other
// seed must be laid out right the first time. Seed 100 was, until patch 102 judged a note by where its call
// will be; the first version of that patch, without the paragraph's widows set to one, sent seeds 2 and 19
// here.
const RELAID_SEEDS: number[] = [];

// Seeds on which Paged.js 0.4.3 loses text today, even laid out again by the safety net: each build is
// refused (B408), never printed wrong. The engine fix must empty this list: a seed in it that passes fails
// the suite.
const KNOWN_FAILING_SEEDS: number[] = [];

// Seeds whose every word is now laid out once, but which the preflight refuses for what their text makes of
// the pages, with the check that says so. Seed 99: in chapter 2, two headings in a row, then a paragraph whose
// second line calls two notes longer than a page; the paragraph cannot begin under them, and each heading is
// left alone on its page (keep.heading-at-foot, which names the long notes as its cause). Before patch 080 the
// paragraph also stayed out of sight on the second heading's page, and its notes were printed twice (B408).
const REFUSED_BY_PREFLIGHT: Record<number, string> = { 99: "keep.heading-at-foot" };

// Seed 23 on the pocket page (105 × 148 mm): in chapter 1, a line calls a note that fills the rest of its page
// and another note after it, which no layout can begin on its call's page (footnotes.same-page names the first
// note as the cause). The safety net lays chapter 1 out again, and that layout printed two faults of Paged.js
// besides: chapter 2 opened on a left-hand page (a page of carried notes not counted, patch 100), and in
// chapter 3 the hyphen added where a page cut a word sent that word, the line before it and a note call out
// of sight into the page's next column (text.complete, footnotes.all-linked; patch 101).
const POCKET_REFUSED: Record<number, string> = { 23: "footnotes.same-page" };

async function expectEveryTagOnce(seed: number) {
  const r = await tortureSeed(seed, { timeoutMs: BUILD_LIMIT - 60_000 });
  expect(r.outcome === "refused" ? r.error : "built", `seed ${seed}: the build was refused`).toBe("built");
  expect(r.count!.problems.map(describeProblem), `seed ${seed}: tags printed other than once`).toEqual([]);
  expect(r.count!.strangers, `seed ${seed}: tags printed that were never written`).toEqual([]);
  // seeds 7 and 19 printed a line under the notes' rule, every word there, until patch 095
  expect(r.crossed, `seed ${seed}: words a rule is drawn through`).toEqual([]);
  expect(r.relaidOut, `seed ${seed}: a chapter laid out again by the safety net`).toBe(RELAID_SEEDS.includes(seed));
}

/** The seed's build refused by the preflight's `check` alone; `relaid`: after the safety net's second layout. */
async function expectRefusedBy(seed: number, check: string, options: { pageSize?: string; relaid?: boolean } = {}) {
  const r = await tortureSeed(seed, { timeoutMs: BUILD_LIMIT - 60_000, pageSize: options.pageSize });
  expect(r.outcome, `seed ${seed}`).toBe("refused");
  if (options.relaid) expect(r.relaidOut, "a chapter laid out again by the safety net").toBe(true);
  // B601: the preflight's refusal, after a layout that lost and repeated nothing (that would be B408)
  expect(r.error).toMatch(/^error B601 /);
  expect(
    [...r.error!.matchAll(/✗ ([\w.-]+)/g)].map((m) => m[1]),
    "the checks that failed",
  ).toEqual([check]);
}

describe("generated note-heavy booklets print every piece of text exactly once", () => {
  for (const seed of SEEDS.filter((s) => !KNOWN_FAILING_SEEDS.includes(s))) {
    it(`seed ${seed}`, () => expectEveryTagOnce(seed), BUILD_LIMIT);
  }
  for (const seed of KNOWN_FAILING_SEEDS) {
    it.fails(`seed ${seed} (known to fail until the engine is fixed)`, () => expectEveryTagOnce(seed), BUILD_LIMIT);
  }
  for (const [seed, check] of Object.entries(REFUSED_BY_PREFLIGHT)) {
    it(
      `seed ${seed} is laid out whole, then refused by the preflight's ${check} alone`,
      () => expectRefusedBy(Number(seed), check),
      BUILD_LIMIT,
    );
  }
  for (const [seed, check] of Object.entries(POCKET_REFUSED)) {
    it(
      `seed ${seed} on the pocket page is refused by the preflight's ${check} alone`,
      () => expectRefusedBy(Number(seed), check, { pageSize: "105x148mm", relaid: true }),
      BUILD_LIMIT,
    );
  }
});

/** Builds a folder of the given chapters and returns its pages' text; the folder is removed after. */
async function buildPages(chapters: { title: string; body: string }[]): Promise<string[]> {
  const work = tempDir("booklet-torture-");
  try {
    // no hyphenation: a word is counted whole, and its two halves could lie on two pages
    writeChapters(path.join(work, "content"), chapters, { hyphenate: false });
    const built = await buildScreen(path.join(work, "content"), path.join(work, "out"), BUILD_LIMIT - 60_000);
    expect(built.code, built.stderr.slice(-2000)).toBe(0);
    return pdfPageTexts(built.pdf!);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// The cases of the same text many times over that Paged.js 0.4.3 gets wrong today (the families chapter is
// refused: preflight finds its paragraph missing; the roll is printed with more names than it has, without
// an error). The engine fix must empty this list: a case in it that passes fails the suite.
const KNOWN_FAILING_CASES: string[] = [];

const REPEATED_CASES: { name: string; title: string; it: string; body: () => string; phrase: string; times: number }[] =
  [
    {
      name: "families",
      title: "One word",
      it: "prints a chapter of 600 times “families” (every 14th followed by a full stop) 600 times",
      body: () => repeatWord("families", 600, 14),
      phrase: "families",
      times: 600,
    },
    {
      name: "roll",
      title: "The roll",
      it: "prints a roll of names, ninety times “Unknown man, killed in Baku on 20 January 1990.” in one paragraph, ninety times",
      body: () => Array.from({ length: 90 }, () => "Unknown man, killed in Baku on 20 January 1990.").join(" "),
      phrase: "Unknown man, killed in Baku on 20 January 1990.",
      times: 90,
    },
  ];

describe("the same text many times over", () => {
  for (const c of REPEATED_CASES) {
    const test = async () => {
      const body = c.body();
      expect(countPhrase([body], c.phrase), "the chapter as written").toBe(c.times);
      const pages = await buildPages([{ title: c.title, body }]);
      expect(countPhrase(pages, c.phrase), "the PDF").toBe(c.times);
    };
    if (KNOWN_FAILING_CASES.includes(c.name))
      it.fails(`${c.it} (known to fail until the engine is fixed)`, test, BUILD_LIMIT);
    else it(c.it, test, BUILD_LIMIT);
  }
});
