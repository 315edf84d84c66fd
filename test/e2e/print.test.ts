// Print production on the real booklet: two builds of all four formats with SOURCE_DATE_EPOCH, read back —
// exact boxes, the bleed, the padding before the back cover, the imposition order, byte-identical files, and
// a web edition that loads nothing from outside itself. The second build runs beside busy loops on every
// core: a slow machine must not change the output (under a load average of about 18, one build in three had
// written its screen and print PDFs with their tagged structure tree in another order).

import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, build } from "../../src/build.ts";
import { findTransparency } from "../../src/pdf/pdfx.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import { tempDir } from "../helpers/tmp.ts";
import { boxes, folio, greyRegion, MM, type PageText, readText, words } from "./print-pdf.ts";

const SHIPPED = path.resolve(import.meta.dirname, "../../content");
const EPOCH = 1768867200; // 2026-01-20T00:00:00Z
const PAD_TO = 8;
// the shipped booklet and one chapter more: alone it has 32 pages, a multiple of every padding there is
let CONTENT: string;
// A5 and the default bleed of 3 mm, from the specification rather than from the code
const TRIM = { width: 148 * MM, height: 210 * MM };
const BLEED = 3 * MM;

let session: BrowserSession;
let server: LocalServer;
let result: BuildResult;
let outA: string;
let outB: string;
let dirA: string;
let t: { screen: PageText[]; print: PageText[]; imposed: PageText[] };
// the shipped booklet has a translation, so each language's files go to <year>/<lang>/ with the language in their names
const NAME = "black-january-2027-en-GB";
const file = (dir: string, suffix: string) => path.join(dir, `${NAME}${suffix}`);
const read = (f: string) => new Uint8Array(fs.readFileSync(f));
let manifest: {
  pagesAdded: number;
  files: { path: string; format: string; pages: number; sha256: string }[];
  print: Record<string, unknown>;
};
/** pages before padding, from the screen layout */
let n: number;
let added: number;

/** Busy loops, four for each core, for as long as the second build takes. */
function busyLoops(): ChildProcess[] {
  return Array.from({ length: 4 * os.availableParallelism() }, () =>
    spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }),
  );
}

beforeAll(async () => {
  CONTENT = tempDir("booklet-print-content-");
  fs.cpSync(SHIPPED, CONTENT, { recursive: true });
  fs.writeFileSync(
    path.join(CONTENT, "chapters", "08-afterword.md"),
    "---\ntitle: Afterword\norder: 8\n---\n\nA short chapter, so that the booklet needs pages before its back cover.\n",
  );
  session = await launchBrowser({ timeoutSeconds: 30 });
  server = await startServer();
  outA = tempDir("booklet-print-a-");
  outB = tempDir("booklet-print-b-");
  const options = {
    contentDir: CONTENT,
    editions: [2027],
    env: { ...process.env, SOURCE_DATE_EPOCH: String(EPOCH) },
    session,
    server,
    print: { padTo: PAD_TO as 8, notesTitle: "Notes" },
  };
  [result] = await build({ ...options, outDir: outA });
  const loops = busyLoops();
  try {
    await build({ ...options, outDir: outB });
  } finally {
    for (const loop of loops) loop.kill("SIGKILL");
  }
  dirA = path.join(outA, "2027", "en-GB");
  manifest = JSON.parse(fs.readFileSync(path.join(dirA, "manifest.json"), "utf8"));
  n = result.pages.length;
  added = (PAD_TO - (n % PAD_TO)) % PAD_TO;
  t = {
    screen: await readText(read(file(dirA, ".pdf"))),
    print: await readText(read(file(dirA, "-print.pdf"))),
    imposed: await readText(read(file(dirA, "-imposed.pdf"))),
  };
});

afterAll(async () => {
  await server?.close();
  await session?.close();
  for (const d of [outA, outB]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("print production on the real booklet", () => {
  it("writes the screen, print, imposed and HTML files side by side, and the pages added in the manifest", () => {
    expect(fs.readdirSync(dirA).sort()).toEqual([
      `${NAME}-imposed.pdf`,
      `${NAME}-print.pdf`,
      `${NAME}.html`,
      `${NAME}.pdf`,
      "changes.md",
      "manifest.json",
    ]);
    expect(manifest.pagesAdded).toBe(added);
    const pages = Object.fromEntries(manifest.files.map((f) => [f.format, f.pages]));
    expect(pages).toEqual({ screen: n + added, print: n + added, imposed: (n + added) / 2, html: 0 });
    expect(manifest.print).toMatchObject({
      padTo: PAD_TO,
      bleedMm: 3,
      duplex: "short-edge",
      notesTitle: "Notes",
      pdfx: null,
    });
  });

  it("crops the screen PDF to the trim and gives the print PDF exact boxes: trim plus bleed, TrimBox the trim", async () => {
    const close = (a: { x: number; y: number; width: number; height: number }, b: typeof a) => {
      for (const k of ["x", "y", "width", "height"] as const) expect(a[k]).toBeCloseTo(b[k], 3);
    };
    const screen = await boxes(read(file(dirA, ".pdf")));
    expect(screen).toHaveLength(n + added);
    for (const p of screen) for (const b of [p.media, p.crop, p.bleed, p.trim]) close(b, { x: 0, y: 0, ...TRIM });
    const print = await boxes(read(file(dirA, "-print.pdf")));
    expect(print).toHaveLength(n + added);
    const full = { x: 0, y: 0, width: TRIM.width + 2 * BLEED, height: TRIM.height + 2 * BLEED };
    for (const p of print) {
      close(p.media, full);
      close(p.bleed, full);
      close(p.trim, { x: BLEED, y: BLEED, ...TRIM });
      expect(p.rotation).toBe(0);
    }
  });

  it("prints the same pages as the screen PDF, word for word", () => {
    expect(t.print).toHaveLength(t.screen.length);
    t.screen.forEach((page, i) => {
      expect(words(t.print[i].items), `page ${i + 1}`).toBe(words(page.items));
    });
  });

  it("puts the text where the screen PDF has it, relative to the trim (within Chromium's rounding, 0.3 mm)", () => {
    let compared = 0;
    t.screen.forEach((page, i) => {
      page.items.forEach((it, j) => {
        const p = t.print[i].items[j];
        expect(p.str).toBe(it.str);
        expect(Math.abs(p.x - BLEED - it.x), `page ${i + 1} "${it.str}"`).toBeLessThan(0.3 * MM);
        expect(Math.abs(p.y - BLEED - it.y), `page ${i + 1} "${it.str}"`).toBeLessThan(0.3 * MM);
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(1000);
  });

  it("uses no transparency on any page of the print PDF (PDF/X-1a could not hold it)", async () => {
    expect(await findTransparency(read(file(dirA, "-print.pdf")))).toEqual([]);
  });

  it("runs the covers' background into the bleed, and nothing else", () => {
    const f = file(dirA, "-print.pdf");
    const h = TRIM.height + 2 * BLEED;
    const corners = (page: number) => {
      const g = greyRegion(f, page, 150, { x: 0, y: 0, width: TRIM.width + 2 * BLEED, height: h }, h);
      // 1 mm from each corner of the sheet: inside the bleed, outside the trim
      return [
        g.at(1 * MM, 1 * MM),
        g.at(TRIM.width + 2 * BLEED - 1 * MM, 1 * MM),
        g.at(1 * MM, h - 1 * MM),
        g.at(TRIM.width + 2 * BLEED - 1 * MM, h - 1 * MM),
      ];
    };
    for (const v of corners(1)) expect(v).toBeLessThan(100); // the accent colour, #6b1d1d, is dark
    for (const v of corners(n + added)) expect(v).toBeLessThan(100);
    for (const v of corners(2)) expect(v).toBe(255); // a white page stays white to the edge
  });

  it("adds the pages in front of the back cover, titled Notes, and leaves every folio as it was", () => {
    expect(added, `the booklet has ${n} pages, already a multiple of ${PAD_TO}: nothing to pad`).toBeGreaterThan(0);
    for (const pages of [t.screen, t.print]) {
      expect(pages).toHaveLength(n + added);
      for (let k = 0; k < added; k++) expect(words(pages[n - 1 + k].items), `added page ${n + k}`).toBe("Notes");
      expect(words(pages[n - 1].items)).toBe("Notes");
      expect(words(pages[n - 2].items)).not.toBe("Notes");
    }
    // the back cover is still the last page: its text is the back-cover section's
    const backCover = /<section class="back-cover"[\s\S]*?<\/section>/
      .exec(result.document.html)![0]
      .replace(/<[^>]+>/g, " ")
      .replace(/&[a-z]+;|&#\d+;/g, " ");
    const last = words(t.screen[n + added - 1].items).split(" ");
    expect(last.length).toBeGreaterThan(3);
    for (const w of last) expect(backCover).toContain(w.replace(/[·]/g, ""));
    // the folio of every numbered page is its place in the file
    let numbered = 0;
    t.screen.forEach((p, i) => {
      const f = folio(p.items, 0);
      if (f !== undefined) {
        expect(f, `page ${i + 1}`).toBe(String(i + 1));
        numbered++;
      }
    });
    expect(numbered).toBeGreaterThan(n / 2);
  });

  it("imposes the booklet two-up on A4 landscape in saddle-stitch order, read back from each half's folio", () => {
    const total = n + added;
    const sides = t.imposed;
    expect(sides).toHaveLength(total / 2);
    const W = 297 * MM;
    const H = 210 * MM;
    let folios = 0;
    for (let k = 0; k < total / 4; k++) {
      const expected = [
        [total - 2 * k, 2 * k + 1],
        [2 * k + 2, total - 2 * k - 1],
      ];
      for (const [s, [left, right]] of expected.entries()) {
        const side = sides[2 * k + s];
        expect(side.width).toBeCloseTo(W, 2);
        expect(side.height).toBeCloseTo(H, 2);
        // short-edge duplex: every side reads the right way up
        for (const it of side.items)
          expect(it.a > 0 && it.d > 0, `sheet ${k + 1} ${s ? "back" : "front"}: "${it.str}" is turned`).toBe(true);
        for (const [half, page] of [
          [0, left],
          [1, right],
        ]) {
          const items = side.items.filter((it) => (it.x < W / 2 ? 0 : 1) === half);
          expect(words(items), `sheet ${k + 1} ${s ? "back" : "front"}, ${half ? "right" : "left"}: page ${page}`).toBe(
            words(t.print[page - 1].items),
          );
          const f = folio(items, (H - TRIM.height) / 2);
          expect(f).toBe(folio(t.print[page - 1].items, BLEED));
          if (f !== undefined) {
            expect(f).toBe(String(page));
            folios++;
          }
        }
      }
    }
    // most of the booklet's own pages were read back by their folio (the added Notes pages have none)
    expect(folios).toBeGreaterThan(n / 2);
  });

  it("builds every file byte for byte the same a second time, the machine's cores kept busy, with the dates of SOURCE_DATE_EPOCH", async () => {
    const dirB = path.join(outB, "2027", "en-GB");
    const formats = [`${NAME}.pdf`, `${NAME}-print.pdf`, `${NAME}-imposed.pdf`, `${NAME}.html`];
    for (const f of formats) {
      const a = crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(dirA, f)))
        .digest("hex");
      const b = crypto
        .createHash("sha256")
        .update(fs.readFileSync(path.join(dirB, f)))
        .digest("hex");
      expect(b, f).toBe(a);
      expect(manifest.files.find((m) => m.path === f)?.sha256).toBe(a);
    }
    // every file of the edition, the manifest and the change report too: no time of the build in them
    expect(fs.readdirSync(dirB).sort()).toEqual(fs.readdirSync(dirA).sort());
    for (const f of fs.readdirSync(dirA))
      expect(fs.readFileSync(path.join(dirB, f)).equals(fs.readFileSync(path.join(dirA, f))), f).toBe(true);
    const ids = new Set<string>();
    for (const f of formats.filter((f) => f.endsWith(".pdf"))) {
      const doc = await PDFDocument.load(read(path.join(dirA, f)), { updateMetadata: false });
      expect(doc.getCreationDate()?.getTime(), f).toBe(EPOCH * 1000);
      expect(doc.getModificationDate()?.getTime(), f).toBe(EPOCH * 1000);
      const id = String(doc.context.trailerInfo.ID);
      expect(id, f).toMatch(/<[0-9A-F]{32}>/i);
      ids.add(id);
    }
    // each file has its own stable ID
    expect(ids.size).toBe(3);
  });

  it("writes a self-contained web edition that loads nothing from outside itself and has its notes at the chapters' ends", async () => {
    const html = fs.readFileSync(file(dirA, ".html"), "utf8");
    expect(html).not.toMatch(/<link\b|<script\b/i);
    expect(html.match(/\burl\((?!data:)[^)]*\)/g) ?? []).toEqual([]);
    expect(html.match(/\bsrc="(?!data:)[^"]*"/g) ?? []).toEqual([]);
    const context = await session.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      await page.setRequestInterception(true);
      page.on("request", (req) => {
        requests.push(req.url());
        if (req.url().startsWith("file:") || req.url().startsWith("data:")) void req.continue();
        else void req.abort("blockedbyclient");
      });
      const url = `file://${file(dirA, ".html")}`;
      await page.goto(url, { waitUntil: "load" });
      const state = await page.evaluate(async () => {
        await document.fonts.ready;
        const faces = [...document.fonts];
        const refs = [...document.querySelectorAll<HTMLAnchorElement>("a.fn-ref")];
        return {
          fonts: faces.map((f) => `${f.family} ${f.weight} ${f.style}: ${f.status}`),
          // the faces the text is set in: the serif body and the sans headings, in their weights
          serif:
            document.fonts.check('400 16px "Source Serif 4"', "Azərbaycan ş ğ ı ç ö ü") &&
            faces.some((f) => f.family.includes("Source Serif 4") && f.status === "loaded"),
          sans: faces.some((f) => f.family.includes("Source Sans 3") && f.status === "loaded"),
          images: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).length,
          spans: document.querySelectorAll("span.fn").length,
          refs: refs.length,
          broken: refs.filter((r) => {
            const note = document.getElementById(r.hash.slice(1));
            const back = note?.querySelector<HTMLAnchorElement>("a.fn-back");
            // the note is in the notes after the call's own chapter, and links back to the call
            return (
              !note ||
              note.closest("section") !== r.closest("section") ||
              !note.closest("aside.notes") ||
              back?.hash !== `#${r.id}`
            );
          }).length,
          notesPerChapter: [...document.querySelectorAll("section.chapter")].map((s) => [
            s.id,
            s.querySelectorAll("aside.notes li").length,
          ]),
        };
      });
      // the one request is the file itself: fonts and images come from inside it
      expect(requests.filter((u) => !u.startsWith("data:"))).toEqual([url]);
      expect(state.fonts.filter((f) => f.endsWith("error"))).toEqual([]);
      expect(state.serif).toBe(true);
      expect(state.sans).toBe(true);
      expect(state.images).toBe(0);
      expect(state.spans).toBe(0);
      expect(state.broken).toBe(0);
      const chapters = [result.document.foreword, ...result.document.chapters].filter((c) => c !== undefined);
      expect(state.refs).toBe(chapters.reduce((s, c) => s + c.notes, 0));
      expect(Object.fromEntries(state.notesPerChapter)).toEqual(
        Object.fromEntries(chapters.map((c) => [c.id, c.notes])),
      );
    } finally {
      await context.close();
    }
  });
});
