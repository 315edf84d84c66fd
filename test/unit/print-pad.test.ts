// Padding the page count for saddle stitching: how many pages, where they go, and the check that the print
// version's pages are the screen PDF's.
import { describe, expect, it } from "vitest";
import { BookletError } from "../../src/errors/booklet-error.ts";
import {
  checkSameLayout,
  insertBeforeLastPage,
  NOTES_CSS,
  notesHtml,
  notesId,
  paddingCount,
} from "../../src/render/pad.ts";
import type { PageLayout } from "../../src/render/types.ts";

const page = (number: number, starts: string[] = [], extra: Partial<PageLayout> = {}): PageLayout => ({
  number,
  starts,
  blank: false,
  side: number % 2 ? "right" : "left",
  notes: [],
  ...extra,
});

describe("page-count padding", () => {
  it("adds the fewest pages that make a multiple of 4, 8 or 16", () => {
    for (const padTo of [4, 8, 16]) {
      for (let n = 1; n <= 70; n++) {
        const added = paddingCount(n, padTo);
        expect((n + added) % padTo).toBe(0);
        expect(added).toBeGreaterThanOrEqual(0);
        expect(added).toBeLessThan(padTo);
      }
    }
    expect(paddingCount(38, 4)).toBe(2);
    expect(paddingCount(40, 4)).toBe(0);
    expect(paddingCount(38, 16)).toBe(10);
  });

  it("puts the added pages in front of the section that begins the last page", () => {
    const html = `<body><section class="colophon" id="colophon">c</section>\n<section class="back-cover" id="back-cover">b</section></body>`;
    const out = insertBeforeLastPage({
      html,
      pages: [page(1, ["colophon"]), page(2, ["back-cover"])],
      insert: "<section id=x></section>",
    });
    expect(out).toBe(
      `<body><section class="colophon" id="colophon">c</section>\n<section id=x></section><section class="back-cover" id="back-cover">b</section></body>`,
    );
  });

  it("refuses when the last page begins no section, rather than put the pages somewhere else", () => {
    const html = `<section id="a">long</section>`;
    expect(() => insertBeforeLastPage({ html, pages: [page(1, ["a"]), page(2, [])], insert: "x" })).toThrow(
      BookletError,
    );
  });

  it("makes one section per added page, titled and ruled, or blank", () => {
    const titled = notesHtml({ count: 3, title: "Notes & <more>", pageHeightMm: 210, firstSide: "left" });
    expect(titled.match(/<section /g)).toHaveLength(3);
    expect(titled).toContain(`id="${notesId(3)}"`);
    expect(titled).toContain("Notes &amp; &lt;more&gt;");
    expect(titled.match(/booklet-notes-rule/g)!.length).toBe(3 * Math.floor((210 - 90) / 8));
    // every layout has their style, so that the layout can add them in its page
    expect(NOTES_CSS).toMatch(/\.booklet-notes-page \{[^}]*break-before: page;/);
    // the first takes the back cover's page: it breaks to that page's side
    expect(titled.match(/booklet-notes-first/g)).toHaveLength(1);
    expect(titled).toContain('class="booklet-notes-page booklet-notes-first booklet-notes-from-left"');
    expect(NOTES_CSS).toContain(".booklet-notes-first.booklet-notes-from-left { break-before: left; }");
    expect(notesHtml({ count: 2, pageHeightMm: 210, firstSide: "right" })).toContain("booklet-notes-from-right");
    expect(NOTES_CSS).toContain(".booklet-notes-first.booklet-notes-from-right { break-before: right; }");
    const blank = notesHtml({ count: 2, pageHeightMm: 210, firstSide: "left" });
    expect(blank).not.toContain("notes-title");
    expect(blank.match(/<section /g)).toHaveLength(2);
  });

  it("accepts the print version when it has the screen pages and the added ones before the last", () => {
    const screen = [
      page(1, ["cover"]),
      page(2),
      page(3, ["ch-1"]),
      page(4),
      page(5, ["colophon"]),
      page(6, ["back-cover"]),
    ];
    const print = [...screen.slice(0, 5), page(6, [notesId(1)]), page(7, [notesId(2)]), page(8, ["back-cover"])];
    expect(() => checkSameLayout({ screen, print, added: 2 })).not.toThrow();
  });

  it("refuses a print version whose pages moved, or that lost or gained a page", () => {
    const screen = [page(1, ["cover"]), page(2), page(3, ["ch-1"]), page(4, ["back-cover"])];
    const moved = [page(1, ["cover"]), page(2, ["ch-1"]), page(3), page(4, ["back-cover"])];
    expect(() => checkSameLayout({ screen, print: moved, added: 0 })).toThrow(/page 2 differs/);
    expect(() => checkSameLayout({ screen, print: screen.slice(0, 3), added: 0 })).toThrow(/3 pages/);
    const notesMoved = [
      page(1, ["cover"]),
      page(2),
      page(3, ["ch-1"]),
      page(4),
      page(5, [notesId(1)]),
      page(6, ["back-cover"]),
    ];
    expect(() => checkSameLayout({ screen, print: notesMoved, added: 2 })).toThrow(/added page 1/);
    const otherNotes = [
      ...screen.slice(0, 3),
      page(4, [notesId(1)]),
      page(5, [notesId(2)]),
      page(6, ["back-cover"], { notes: [{ chapter: "x", n: "1" }] }),
    ];
    expect(() => checkSameLayout({ screen, print: otherNotes, added: 2 })).toThrow(/last page differs/);
  });
});
