// The print options on the real booklet: crop marks outside the bleed, long-edge duplex (backs turned 180°),
// creep (inner pages moved toward the spine), fold and trim marks; and the build's own dates without
// SOURCE_DATE_EPOCH.
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, build } from "../../src/build.ts";
import { MINIMAL_CONFIG, MINIMAL_SOURCES, tempDir, tempProject } from "../helpers/tmp.ts";
import { boxes, folio, greyRegion, MM, type PageText, readText, words } from "./print-pdf.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const TRIM = { width: 148 * MM, height: 210 * MM };
const BLEED = 3 * MM;
const CREEP_MM = 2;

let out: string;
let dir: string;
let result: BuildResult;
let started: number;
let print: PageText[];
let imposed: PageText[];
let total: number;
// the shipped booklet has a translation: each language's files go to <year>/<lang>/, named with it
const file = (suffix: string) => path.join(dir, `black-january-2027-en-GB${suffix}`);

beforeAll(async () => {
  out = tempDir("booklet-print-options-");
  const env = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  started = Date.now();
  [result] = await build({
    contentDir: CONTENT,
    outDir: out,
    editions: [2027],
    env,
    formats: ["print", "imposed"],
    print: { marks: true, duplex: "long-edge", creep: CREEP_MM },
  });
  dir = path.join(out, "2027", "en-GB");
  print = await readText(new Uint8Array(fs.readFileSync(file("-print.pdf"))));
  imposed = await readText(new Uint8Array(fs.readFileSync(file("-imposed.pdf"))));
  total = print.length;
});

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe("print options on the real booklet", () => {
  it("writes only the formats asked for, padded to a multiple of 4", () => {
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith("black-january"))
        .sort(),
    ).toEqual(["black-january-2027-en-GB-imposed.pdf", "black-january-2027-en-GB-print.pdf"]);
    expect(total % 4).toBe(0);
    expect(total - result.pages.length).toBeLessThan(4);
  });

  it("gives the print PDF room for crop marks outside the bleed: the bleed and trim boxes stay exact", async () => {
    for (const p of await boxes(new Uint8Array(fs.readFileSync(file("-print.pdf"))))) {
      const slug = p.bleed.x;
      expect(slug).toBeGreaterThan(5 * MM);
      expect(p.bleed.y).toBeCloseTo(slug, 3);
      expect(p.media.width).toBeCloseTo(TRIM.width + 2 * BLEED + 2 * slug, 3);
      expect(p.media.height).toBeCloseTo(TRIM.height + 2 * BLEED + 2 * slug, 3);
      expect(p.bleed.width).toBeCloseTo(TRIM.width + 2 * BLEED, 3);
      expect(p.bleed.height).toBeCloseTo(TRIM.height + 2 * BLEED, 3);
      expect(p.trim.x).toBeCloseTo(slug + BLEED, 3);
      expect(p.trim.width).toBeCloseTo(TRIM.width, 3);
      expect(p.trim.height).toBeCloseTo(TRIM.height, 3);
    }
  });

  it("draws the crop marks on the trim lines, outside the bleed, and keeps the cover's colour inside it", async () => {
    const [b] = await boxes(new Uint8Array(fs.readFileSync(file("-print.pdf"))));
    const { media, bleed, trim } = b;
    const g = greyRegion(
      file("-print.pdf"),
      1,
      300,
      { x: 0, y: 0, width: media.width, height: media.height },
      media.height,
    );
    const hair = 0.3; // half a line's width, and a pixel, around a mark
    // the bottom-left corner: a vertical mark below the bleed on the trim's left edge, a horizontal one left of it
    expect(g.darkest(trim.x - hair, 0.5 * MM, trim.x + hair, bleed.y - 1.5 * MM)).toBeLessThan(128);
    expect(g.darkest(0.5 * MM, trim.y - hair, bleed.x - 1.5 * MM, trim.y + hair)).toBeLessThan(128);
    // the top-right corner likewise
    const right = trim.x + trim.width;
    const top = trim.y + trim.height;
    expect(
      g.darkest(right - hair, bleed.y + bleed.height + 1.5 * MM, right + hair, media.height - 0.5 * MM),
    ).toBeLessThan(128);
    expect(g.darkest(bleed.x + bleed.width + 1.5 * MM, top - hair, media.width - 0.5 * MM, top + hair)).toBeLessThan(
      128,
    );
    // no mark reaches into the bleed: the 0.8 mm just outside it is paper white on every side
    expect(
      g.darkest(bleed.x - 0.8 * MM, bleed.y - 0.8 * MM, bleed.x - 0.3 * MM, bleed.y + bleed.height + 0.8 * MM),
    ).toBe(255);
    expect(g.darkest(bleed.x, bleed.y - 0.8 * MM, bleed.x + bleed.width, bleed.y - 0.3 * MM)).toBe(255);
    // away from the marks the margin is white, and the bleed is the cover's colour to its edge
    expect(g.darkest(0.5 * MM, media.height / 2 - 20, bleed.x - 0.5 * MM, media.height / 2 + 20)).toBe(255);
    expect(g.at(bleed.x + 0.5 * MM, media.height / 2)).toBeLessThan(100);
    expect(g.at(bleed.x + bleed.width - 0.5 * MM, bleed.y + 0.5 * MM)).toBeLessThan(100);
  });

  it("turns every back 180° for long-edge duplex and keeps the saddle-stitch order, read back from the folios", () => {
    const W = 297 * MM;
    const H = 210 * MM;
    expect(imposed).toHaveLength(total / 2);
    let folios = 0;
    for (let k = 0; k < total / 4; k++) {
      const sides: [string, number, number][] = [
        ["front", total - 2 * k, 2 * k + 1],
        ["back", 2 * k + 2, total - 2 * k - 1],
      ];
      for (const [s, [side, left, right]] of sides.entries()) {
        const items = imposed[2 * k + s].items;
        const turned = side === "back";
        for (const it of items)
          expect(turned ? it.a < 0 && it.d < 0 : it.a > 0 && it.d > 0, `sheet ${k + 1} ${side}: "${it.str}"`).toBe(
            true,
          );
        // a turned side shows its left page on the sheet's right half, upside down
        const halves = turned ? [right, left] : [left, right];
        halves.forEach((page, half) => {
          const mine = items.filter((it) => (it.x < W / 2 ? 0 : 1) === half);
          expect(words(mine), `sheet ${k + 1} ${side}, page ${page}`).toBe(words(print[page - 1].items));
          const f = folio(mine, turned ? H : 0, turned);
          const src = print[page - 1];
          expect(f).toBe(folio(src.items, (src.height - TRIM.height) / 2));
          if (f !== undefined) {
            expect(f).toBe(String(page));
            folios++;
          }
        });
      }
    }
    expect(folios).toBeGreaterThan(total / 2);
  });

  it("moves each sheet's pages toward the spine by its share of the creep, the innermost by all of it", () => {
    const sheets = total / 4;
    const W = 297 * MM;
    const mx = (W - 2 * TRIM.width) / 2;
    let measured = 0;
    for (let k = 0; k < sheets; k++) {
      const c = (CREEP_MM * MM * k) / (sheets - 1);
      // the front only (upright): page n-2k on the left half, 2k+1 on the right
      const sideItems = imposed[2 * k].items;
      for (const [page, origin, towardSpine] of [
        [total - 2 * k, mx, +1],
        [2 * k + 1, mx + TRIM.width, -1],
      ] as const) {
        const src = print[page - 1];
        const trimX = (src.width - TRIM.width) / 2;
        const mine = sideItems.filter((i) => i.x < W / 2 === (origin === mx));
        expect(mine.map((i) => i.str)).toEqual(src.items.map((i) => i.str));
        mine.forEach((it, j) => {
          expect(it.x - origin - (src.items[j].x - trimX), `sheet ${k + 1}, page ${page}, "${it.str}"`).toBeCloseTo(
            towardSpine * c,
            2,
          );
          measured++;
        });
      }
    }
    expect(measured).toBeGreaterThan(100);
  });

  it("marks the fold at the spine and, with creep, the fore-edge trim of the inner sheets", () => {
    const W = 297 * MM;
    const H = 210 * MM;
    const sheets = total / 4;
    // the outermost sheet's back holds the inside covers, white pages: only marks can be dark there
    const outer = greyRegion(file("-imposed.pdf"), 2, 300, { x: 0, y: 0, width: W, height: H }, H);
    expect(outer.darkest(W / 2 - 0.3, H - 5 * MM, W / 2 + 0.3, H - 0.5 * MM)).toBeLessThan(128);
    expect(outer.darkest(W / 2 - 0.3, 0.5 * MM, W / 2 + 0.3, 5 * MM)).toBeLessThan(128);
    expect(outer.darkest(W / 2 + 3 * MM, H - 5 * MM, W / 2 + 10 * MM, H - 0.5 * MM)).toBe(255);
    // the innermost sheet is cut by the whole creep from each side
    const inner = greyRegion(file("-imposed.pdf"), 2 * sheets - 1, 300, { x: 0, y: 0, width: W, height: H }, H);
    const cut = (W - 2 * TRIM.width) / 2 + CREEP_MM * MM;
    expect(inner.darkest(cut - 0.3, H - 5 * MM, cut + 0.3, H - 0.5 * MM)).toBeLessThan(128);
    expect(inner.darkest(W - cut - 0.3, 0.5 * MM, W - cut + 0.3, 5 * MM)).toBeLessThan(128);
  });

  it("dates the files with the build's time when SOURCE_DATE_EPOCH is not set", async () => {
    for (const f of ["-print.pdf", "-imposed.pdf"]) {
      const doc = await PDFDocument.load(new Uint8Array(fs.readFileSync(file(f))), { updateMetadata: false });
      const created = doc.getCreationDate()!.getTime();
      // PDF dates have whole seconds
      expect(created).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
      expect(created).toBeLessThanOrEqual(Date.now());
      expect(doc.context.trailerInfo.ID).toBeUndefined();
    }
  });
});

describe("padding after a blank page", () => {
  it("keeps the blank page a back cover on a left-hand page needs, and adds the pages after it", async () => {
    // a short booklet: two one-page chapters (each opens on a right-hand page), the sources after the second
    // on its page, the colophon on the left-hand page after it, then a blank right-hand page before the back
    // cover: ten pages
    const content = tempProject({
      "booklet.yaml": MINIMAL_CONFIG,
      "sources.yaml": MINIMAL_SOURCES,
      "chapters/01-one.md":
        "---\ntitle: The one chapter\norder: 1\n---\nA first paragraph, after a source.[^a]\n\nA second one.[^b]\n\n[^a]: [@src-a]\n[^b]: [@src-b]\n",
      "chapters/02-two.md":
        "---\ntitle: The other chapter\norder: 2\n---\nA paragraph of the second chapter.[@src-a]\n",
    });
    const outDir = tempDir("booklet-print-blank-");
    try {
      const [r] = await build({
        contentDir: content,
        outDir,
        editions: [2027],
        formats: ["screen", "print"],
        print: { notesTitle: "Notes" },
      });
      const n = r.pages.length;
      // the case under test: the page before the back cover is blank
      expect(r.pages[n - 2].blank).toBe(true);
      expect(r.pages[n - 1].starts).toContain("back-cover");
      const added = (4 - (n % 4)) % 4;
      expect(added).toBeGreaterThan(0);
      for (const suffix of [".pdf", "-print.pdf"]) {
        const pages = await readText(
          new Uint8Array(fs.readFileSync(path.join(outDir, "2027", `a-test-2027${suffix}`))),
        );
        expect(pages).toHaveLength(n + added);
        expect(words(pages[n - 2].items), `${suffix}: the blank page stays blank`).toBe("");
        for (let k = 0; k < added; k++) expect(words(pages[n - 1 + k].items)).toBe("Notes");
        expect(words(pages[n + added - 1].items)).toContain("A Test");
        expect(words(pages[n - 3].items)).toMatch(/Colophon/);
      }
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
      fs.rmSync(content, { recursive: true, force: true });
    }
  });
});
