// In a browser page: the pages a saddle-stitched booklet needs, made in a join's page (join-pad.ts) once the
// back cover is found able to move (pad-refusal.ts), as printPadded asks, on a joined page written out here by
// hand: where they go, how they are numbered, which page each is made like, and each case in which they must
// be left to a second layout, with the page left as it was.
// pad-in-page.test.ts compares a real join's pages with the whole layout's, text and pixels.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { addJoinedPages } from "../../src/render/join-pad.ts";
import { notesHtml } from "../../src/render/pad.ts";
import { whyNotAdded } from "../../src/render/pad-refusal.ts";

let session: BrowserSession;

beforeAll(async () => {
  session = await launchBrowser({ timeoutSeconds: 60 });
});
afterAll(async () => {
  await session?.close();
});

interface Box {
  side: "left" | "right";
  content: string;
  note?: boolean;
  margin?: string;
}

/** A page box as Paged.js writes one, reduced to what the added pages are made from. */
const box = (b: Box, n: number) => `
<div class="pagedjs_page pagedjs_${b.side}_page" id="page-${n}" data-page-number="${n}" style="--x: 1">
  <div class="pagedjs_sheet"><div class="pagedjs_pagebox">
    <div class="pagedjs_margin-top"><div class="pagedjs_margin pagedjs_margin-top-left"><div class="pagedjs_margin-content">${b.margin ?? ""}</div></div></div>
    <div class="pagedjs_area">
      <div class="pagedjs_page_content"><div>${b.content}</div></div>
      <div class="pagedjs_footnote_area"><div class="pagedjs_footnote_content${b.note ? "" : " pagedjs_footnote_empty"}"><div class="pagedjs_footnote_inner_content">${b.note ? "<p>a note of this page</p>" : ""}</div></div></div>
    </div>
  </div></div>
</div>`;

const BOOKLET: Box[] = [
  { side: "right", content: `<section id="front"><h1>Title</h1></section>` },
  { side: "left", content: "<p>The text, with a note.</p>", note: true },
  { side: "right", content: `<section id="ch-1"><p>A chapter.</p></section>` },
  { side: "left", content: "<p>Its second page.</p>" },
  { side: "right", content: "<p>Its third page, with a note.</p>", note: true },
  { side: "left", content: `<section id="back-cover"><p>Back cover</p></section>` },
];

const NOTES = (count: number) => notesHtml({ count, title: "Notes", pageHeightMm: 210, firstSide: "left" });

interface After {
  why: string;
  pages: { id: string; number: string; classes: string; text: string; from?: string; emptyNotes: boolean }[];
  count: string;
}

/** The joined page of `boxes`, `count` pages added in it as printPadded adds them, and its pages after. */
async function added(boxes: Box[], count: number, style = ""): Promise<After> {
  const page = await session.browser.newPage();
  try {
    await page.setContent(
      `<!doctype html><html><head><style>${style}</style></head><body><div class="pagedjs_pages">${boxes.map((b, i) => box(b, i + 1)).join("")}</div></body></html>`,
    );
    const why = (await page.evaluate(whyNotAdded, count)) || (await page.evaluate(addJoinedPages, NOTES(count)));
    return await page.evaluate((why) => {
      const pages = [...document.querySelectorAll<HTMLElement>(".pagedjs_pages > .pagedjs_page")].map((p) => ({
        id: p.id,
        number: p.dataset.pageNumber ?? "",
        classes: p.className,
        text: (p.querySelector(".pagedjs_page_content")?.textContent ?? "").trim(),
        emptyNotes: p.querySelector(".pagedjs_footnote_inner_content")?.childElementCount === 0,
        from: p.querySelector("section")?.id,
      }));
      const count =
        document.querySelector<HTMLElement>(".pagedjs_pages")?.style.getPropertyValue("--pagedjs-page-count") ?? "";
      return { why, pages, count };
    }, why);
  } finally {
    await page.close();
  }
}

describe("pages added in a join's page", () => {
  it("puts them in front of the back cover, on its side first, made like pages without notes, and numbers on", async () => {
    const after = await added(BOOKLET, 2);
    expect(after.why).toBe("");
    expect(after.pages.map((p) => [p.id, p.number])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`page-${n}`, String(n)]),
    );
    expect(after.pages.map((p) => p.from)).toEqual([
      "front",
      undefined,
      "ch-1",
      undefined,
      undefined,
      "booklet-notes-1",
      "booklet-notes-2",
      "back-cover",
    ]);
    expect(after.pages[5].classes).toBe(
      "pagedjs_page pagedjs_left_page pagedjs_named_page pagedjs_booklet-notes_page pagedjs_booklet-notes_first_page",
    );
    expect(after.pages[6].classes).toMatch(
      /^pagedjs_page pagedjs_right_page pagedjs_named_page pagedjs_booklet-notes_page/,
    );
    // made like the nearest page of their side without a note: the text's pages, not the notes of page 5
    expect(after.pages.slice(5, 7).map((p) => [p.text, p.emptyNotes])).toEqual([
      ["Notes", true],
      ["Notes", true],
    ]);
    expect(after.pages[7].text).toBe("Back cover");
    expect(after.count).toBe("8");
  });

  const refusals: [string, Box[], number, RegExp, string?][] = [
    ["an odd number of pages", BOOKLET, 1, /an odd number of pages would put the back cover on the other side/],
    [
      "a back cover that does not begin its page",
      BOOKLET.map((b, i) => (i === 5 ? { ...b, content: "<p>The text's end.</p>" } : b)),
      2,
      /the last page does not begin a section of its own/,
    ],
    [
      "a link to the back cover",
      BOOKLET.map((b, i) => (i === 3 ? { ...b, content: `<p>See the <a href="#back-cover">back cover</a>.</p>` } : b)),
      2,
      /the page of #back-cover is referred to/,
    ],
    [
      "a counter reset on the back cover's page",
      BOOKLET,
      2,
      /a counter is reset on the last page/,
      // the rule Paged.js writes for a counter-reset of the page counter on a page
      `.pagedjs_page[data-page-number="6"] { counter-reset: page 1; }`,
    ],
    [
      "a running element in a margin box",
      BOOKLET.map((b, i) => (i === 3 ? { ...b, margin: "<span>A chapter</span>" } : b)),
      2,
      /a margin box holds a running element/,
    ],
    [
      "no page of a side without notes",
      BOOKLET.map((b, i) => (i === 0 || i === 2 ? { ...b, note: true } : b)),
      2,
      /no right-hand page without notes/,
    ],
  ];

  it.each(refusals)(
    "leaves them to a second layout with %s, and the page as it was",
    async (_, boxes, count, why, style) => {
      const after = await added(boxes, count, style);
      expect(after.why).toMatch(why);
      expect(after.pages.map((p) => p.id)).toEqual(boxes.map((_, i) => `page-${i + 1}`));
      expect(after.pages.some((p) => p.from?.startsWith("booklet-notes"))).toBe(false);
      expect(after.count).toBe("");
    },
  );
});
