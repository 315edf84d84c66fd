// A layout that runs out of time says how far it got and where to look, and never contradicts itself: pages
// laid out before the first chapter (the cover, the title page) are not "before the first page was done".
import type { Browser } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { BookletError } from "../../src/errors/index.ts";
import { explain } from "../../src/render/page-faults.ts";

const LAYING_OUT = { name: "paginate", doing: "laying out the pages with Paged.js" };

function timedOut(progress: { pages: number; chapter?: string; title?: string }, stage = LAYING_OUT): string {
  const e = explain(new BookletError("StageTimeout", "timed out"), {
    stage,
    progress,
    browser: { connected: true } as Browser,
    timeouts: { paginate: 2, print: 60 },
    contentDir: "/nonexistent",
  });
  expect(e).toBeInstanceOf(BookletError);
  return (e as BookletError).message;
}

describe("a layout that ran out of time", () => {
  it("before any page names the stylesheets", () => {
    const m = timedOut({ pages: 0 });
    expect(m).toMatch(/within 2 s\. It stopped before the first page was done: look at the stylesheets/);
    expect(m).not.toMatch(/had laid out/);
  });

  it("after pages of the front matter only says how many, and to look at what follows them", () => {
    const m = timedOut({ pages: 3 });
    expect(m).toMatch(/within 2 s: it had laid out 3 pages\. Look at what follows those pages, for what Paged\.js/);
    expect(m).not.toMatch(/before the first page was done/);
    // the cover is a section of booklet's own, not a chapter: named as a section, with no chapter file
    const cover = timedOut({ pages: 3, chapter: "cover" });
    expect(cover).toMatch(
      /it had laid out 3 pages, the last of them in the section cover\. Look at what follows those pages/,
    );
    expect(cover).not.toMatch(/chapter/);
  });

  it("in a chapter names the chapter", () => {
    const m = timedOut({ pages: 12, chapter: "ch-02-night", title: "The night" });
    expect(m).toMatch(
      /it had laid out 12 pages, the last of them in the chapter "The night" \(ch-02-night\)\. Look in that chapter/,
    );
  });

  it("before the layout began says the browser is slow", () => {
    const m = timedOut({ pages: 0 }, { name: "paginate", doing: "loading Paged.js into the page" });
    expect(m).toMatch(/did not finish loading Paged\.js into the page within 2 s\. The browser is slow or stuck/);
  });
});
