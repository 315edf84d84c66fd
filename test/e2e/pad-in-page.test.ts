// End to end: the pages a saddle-stitched booklet needs in front of its back cover, added in the layout's own
// page after the layout (page-handlers.js, bookletAddPages), print what the document laid out a second time
// with those pages in its HTML prints (the way they were made before, and still are when they cannot be added
// in the page): the same pages, the same text on each, read back with pdftotext, and the same pixels from the
// last chapter to the back cover, rendered with pdftoppm; and so do a layout by chapter whose one run lays out
// every part, and the join of its parts from the layout cache, where the pages are made in the join's page.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import { layoutCss, padOptions, printSettings } from "../../src/output/formats.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { insertBeforeLastPage, lastSide, notesHtml } from "../../src/render/pad.ts";
import { paginate } from "../../src/render/paginate.ts";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import type { PadOptions, Paginated } from "../../src/render/types.ts";
import { pageCount, pagePixels, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const SHIPPED = path.resolve(import.meta.dirname, "../../content");

let session: BrowserSession;
let server: LocalServer;
let n = 0;

/** The shipped booklet with a short last chapter (so that it needs pages added) and `css` of its own. */
function content(
  css = "",
  afterword = "A short chapter, so that the booklet needs pages before its back cover.",
): string {
  const dir = tempDir("booklet-pad-content-");
  fs.cpSync(SHIPPED, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "chapters", "08-afterword.md"),
    `---\ntitle: Afterword\norder: 8\n---\n\n${afterword}\n`,
  );
  if (css) {
    fs.mkdirSync(path.join(dir, "templates", "styles"), { recursive: true });
    fs.writeFileSync(path.join(dir, "templates", "styles", "zz-test.css"), css);
  }
  return dir;
}

/** The content laid out as the build lays it out, with `pad`, or with `html` instead of its own. */
async function layOut(
  contentDir: string,
  how: { pad?: PadOptions; html?: string; log?: string[]; byChapter?: { cacheDir: string } },
) {
  const { config, document } = await prepare({ contentDir, outDir: path.join(contentDir, "out"), edition: 2027 });
  const settings = { ...printSettings(config, undefined), padTo: 8 as const, notesTitle: "Notes" };
  const extra = layoutCss(config, settings);
  const paginated = await paginate({
    browser: session.browser,
    server,
    key: `pad${++n}`,
    doc: {
      html: how.html ?? document.html,
      styles: new Map([...document.styles, ["/_styles/zz-extra.css", extra]]),
      contentDir: config.contentDir,
    },
    extraStylesheet: "_styles/zz-extra.css",
    timeouts: { paginate: 300, print: 120 },
    epochMs: Date.UTC(2027, 0, 1),
    log: (l) => how.log?.push(l),
    pad: how.pad,
    // by chapter, with the layout cache in cacheDir: one run lays out every part not in it (2 cores here)
    ...(how.byChapter && {
      inParts: true,
      parallel: 2,
      cache: { dir: how.byChapter.cacheDir, generator: "booklet test" },
    }),
  });
  const pdf = path.join(tempDir("booklet-pad-pdf-"), "layout.pdf");
  fs.writeFileSync(pdf, paginated.pdf);
  return { paginated, pdf, html: document.html, pad: padOptions(config, document, settings) };
}

beforeAll(async () => {
  session = await launchBrowser({ timeoutSeconds: 60 });
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
  await session?.close();
});

describe("pages added in the layout's page", () => {
  let inPage: { paginated: Paginated; pdf: string };
  let again: { paginated: Paginated; pdf: string };
  let unpadded: Paginated;
  let pad: PadOptions;
  const log: string[] = [];
  let dir: string;
  // by chapter from an empty layout cache, which the join's layouts then take every part from
  const cacheDir = tempDir("booklet-pad-cache-");
  let byChapter: { paginated: Paginated; pdf: string };
  const byChapterLog: string[] = [];

  beforeAll(async () => {
    dir = content();
    const first = await layOut(dir, {});
    unpadded = first.paginated;
    pad = first.pad;
    inPage = await layOut(dir, { pad, log });
    // the document laid out again with the pages in its HTML, as the formats stage does when they cannot be
    // added in the page
    const pages = unpadded.pages;
    const notes = notesHtml({
      count: inPage.paginated.padded?.added ?? 0,
      title: first.pad.title,
      pageHeightMm: first.pad.pageHeightMm,
      firstSide: lastSide(pages),
    });
    again = await layOut(dir, { html: insertBeforeLastPage({ html: first.html, pages, insert: notes }) });
    byChapter = await layOut(dir, { pad, log: byChapterLog, byChapter: { cacheDir } });
  });

  it("adds them in one layout, and says the layout without them", () => {
    const n = unpadded.pages.length;
    expect(n % 8, `the booklet has ${n} pages, already a multiple of 8`).not.toBe(0);
    expect(inPage.paginated.padded?.added).toBe(8 - (n % 8));
    expect(inPage.paginated.pages).toEqual(unpadded.pages);
    expect(inPage.paginated.padded?.pages).toHaveLength(n + (8 - (n % 8)));
    // one layout in the page: none of a second document
    expect(log.filter((l) => / laid out at /.test(l))).toHaveLength(1);
    expect(log.join("\n")).not.toMatch(/not added in the page/);
  });

  it("prints the pages the document laid out again with them prints, word for word", () => {
    const pages = pageCount(again.pdf);
    expect(pageCount(inPage.pdf)).toBe(pages);
    for (let i = 1; i <= pages; i++)
      expect({ page: i, text: pageText(inPage.pdf, i) }).toEqual({ page: i, text: pageText(again.pdf, i) });
    expect(pageText(inPage.pdf, unpadded.pages.length)).toMatch(/Notes/);
  });

  it("adds them in the page of a layout by chapter whose one run lays out every part", () => {
    expect(byChapterLog.join("\n")).toMatch(/every part in one run: printed from its page/);
    expect(byChapter.paginated.padded?.added).toBe(inPage.paginated.padded?.added);
    const pages = pageCount(inPage.pdf);
    expect(pageCount(byChapter.pdf)).toBe(pages);
    for (let i = unpadded.pages.length - 2; i <= pages; i++)
      expect({ page: i, text: pageText(byChapter.pdf, i) }).toEqual({ page: i, text: pageText(inPage.pdf, i) });
  });

  it("adds them in a join's page, laid out or loaded, when the parts come from the layout cache", async () => {
    // the layout by chapter above laid every part out in one run and printed its page: these join the parts
    const pages = pageCount(inPage.pdf);
    const back = inPage.paginated.padded?.pages.length ?? 0;
    for (const join of [/the join laid out with Paged.js/, /no Paged.js run for the join/]) {
      const log: string[] = [];
      const joined = await layOut(dir, { pad, log, byChapter: { cacheDir } });
      expect(log.join("\n")).toMatch(/all \d+ parts from the layout cache, none laid out/);
      expect(log.join("\n")).toMatch(join);
      expect(log.join("\n")).not.toMatch(/not added in the page/);
      expect(joined.paginated.pages).toEqual(inPage.paginated.pages);
      expect(joined.paginated.padded).toEqual(inPage.paginated.padded);
      expect(pageCount(joined.pdf)).toBe(pages);
      for (let i = 1; i <= pages; i++)
        expect({ page: i, text: pageText(joined.pdf, i) }).toEqual({ page: i, text: pageText(inPage.pdf, i) });
      // the page before the added ones, each added page and the back cover
      for (let i = unpadded.pages.length - 1; i <= back; i++)
        expect(pagePixels(joined.pdf, i).equals(pagePixels(inPage.pdf, i)), `page ${i}`).toBe(true);
    }
  });

  it("has the same pixels from the last chapter's opening to the back cover", () => {
    const pages = pageCount(again.pdf);
    // the page on which the last section before the back cover begins (the colophon)
    const from = unpadded.pages.filter((p) => p.starts.length > 0 && !p.starts.includes("back-cover")).pop()?.number;
    expect(from).toBeGreaterThan(1);
    for (let i = Math.min(from ?? 1, pages - 10); i <= pages; i++)
      expect(pagePixels(inPage.pdf, i).equals(pagePixels(again.pdf, i)), `page ${i}`).toBe(true);
  });
});

describe("pages that cannot be added in the page", () => {
  it("leaves them to a second layout when the back cover would change sides, and prints the layout as it is", async () => {
    // a back cover on a right-hand page: an odd number of pages before it, and an odd number to add
    const log: string[] = [];
    const dir = content(".back-cover { break-before: right; }\n");
    const { paginated, pad, pdf } = await layOut(dir, {});
    const padded = await layOut(dir, { pad: { ...pad, padTo: 4 }, log });
    expect(paginated.pages.length % 2).toBe(1);
    expect(padded.paginated.padded).toBeUndefined();
    expect(log.join("\n")).toMatch(
      /1 page not added in the page, left to the formats stage: an odd number of pages would put the back cover on the other side/,
    );
    expect(pageCount(padded.pdf)).toBe(paginated.pages.length);
    expect(pageText(padded.pdf, pageCount(pdf))).toBe(pageText(pdf, pageCount(pdf)));
  });

  it("leaves them to a second layout when something links to the back cover, whose page number would change", async () => {
    const log: string[] = [];
    const dir = content("", "A short chapter, which links to the [back cover](#back-cover).");
    const first = await layOut(dir, {});
    const padded = await layOut(dir, { pad: first.pad, log });
    expect(padded.paginated.padded).toBeUndefined();
    expect(log.join("\n")).toMatch(
      /not added in the page, left to the formats stage: the page of #back-cover is referred to/,
    );
    expect(pageCount(padded.pdf)).toBe(first.paginated.pages.length);
  });
});
