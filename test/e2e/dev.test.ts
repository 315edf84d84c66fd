// booklet dev in the real browser: load, edit a chapter, see the change; break booklet.yaml, see the error over
// the pages, fix it, see the pages again.

import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevEvents, type DevSession, dev } from "../../src/dev/dev.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { tempDir } from "../helpers/tmp.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/dev");
let root: string;
let session: DevSession;
let browser: BrowserSession;
let page: Page;

const chapter = (name: string) => path.join(root, "content", "chapters", name);
const edit = (file: string, fn: (text: string) => string) => fs.writeFileSync(file, fn(fs.readFileSync(file, "utf8")));

/** The next event of that kind, within a time limit. */
async function next<K extends keyof DevEvents>(name: K, seconds = 30): Promise<DevEvents[K]> {
  const [value] = await once(session.events as never, name, { signal: AbortSignal.timeout(seconds * 1000) });
  return value as DevEvents[K];
}

/** The first event of that kind, from now on, that `matches`, within a time limit. */
function until<K extends keyof DevEvents>(name: K, matches: (e: DevEvents[K]) => boolean, seconds = 60) {
  const events = session.events as unknown as NodeJS.EventEmitter;
  return new Promise<DevEvents[K]>((resolve, reject) => {
    const timer = setTimeout(() => {
      events.off(name, listener);
      reject(new Error(`no ${name} event as expected within ${seconds} s`));
    }, seconds * 1000);
    const listener = (e: DevEvents[K]) => {
      if (!matches(e)) return;
      clearTimeout(timer);
      events.off(name, listener);
      resolve(e);
    };
    events.on(name, listener);
  });
}

/** What the reader sees: the text of the pages (without soft hyphens), and the error panel. */
const view = () =>
  page.evaluate(() => {
    const dev = (window as unknown as { bookletDev: { shownDocument(): Document | null; shownVersion(): number } })
      .bookletDev;
    const doc = dev.shownDocument();
    const pages = doc ? [...doc.querySelectorAll(".pagedjs_page")] : [];
    const overlay = document.getElementById("overlay")!;
    return {
      version: dev.shownVersion(),
      pages: pages.length,
      text: pages
        .map((p) => p.textContent ?? "")
        .join("\n")
        .replace(/\u00ad/g, ""),
      overlay: overlay.hidden
        ? null
        : { where: [...overlay.querySelectorAll(".where")].map((e) => e.textContent), text: overlay.textContent ?? "" },
    };
  });

/**
 * The contents' entries in the shown pages: the number each shows (the page counter its ::after resets, as
 * Paged.js and the join set it) and the page its chapter begins on.
 */
const contents = () =>
  page.evaluate(() => {
    const doc = (window as unknown as { bookletDev: { shownDocument(): Document } }).bookletDev.shownDocument();
    const pages = [...doc.querySelectorAll(".pagedjs_page")];
    return [...doc.querySelectorAll<HTMLAnchorElement>(".toc a[href^='#']")].map((a) => {
      const id = decodeURIComponent(a.getAttribute("href")!.slice(1));
      const target = doc.getElementById(id);
      const reset = doc.defaultView!.getComputedStyle(a, "::after").counterReset;
      return {
        id,
        shown: Number(/(\d+)$/.exec(reset)?.[1] ?? Number.NaN),
        page: target ? pages.findIndex((p) => p.contains(target)) + 1 : 0,
      };
    });
  });

beforeAll(async () => {
  root = tempDir("booklet-dev-");
  fs.cpSync(FIXTURE, path.join(root, "content"), { recursive: true });
  session = await dev({ contentDir: "content", cwd: root, port: 0 });
  browser = await launchBrowser({ timeoutSeconds: 30 });
  page = await browser.browser.newPage();
  await page.setViewport({ width: 900, height: 800 });
});

afterAll(async () => {
  await session?.close();
  await browser?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("booklet dev in the browser", () => {
  it("serves on 127.0.0.1 and lays the pages out in the page", async () => {
    expect(session.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const ready = next("ready");
    await page.goto(session.url);
    const r = await ready;
    expect(r.mode).toBe("initial");
    const v = await view();
    expect(v.pages).toBe(r.pages);
    expect(v.pages).toBeGreaterThan(4);
    expect(v.text).toContain("The second chapter is the one the test edits.");
    expect(v.overlay).toBeNull();
  });

  it("shows an edit to a chapter: that chapter laid out again, as a layout of the whole document would", async () => {
    const before = await view();
    const ready = next("ready");
    const check = next("check");
    edit(chapter("02-noon.md"), (t) =>
      t.replace("Its first paragraph is short.", "Its first paragraph is short. A sentence written during the test."),
    );
    const r = await ready;
    expect(r.version).toBe(before.version + 1);
    expect(r.mode).toBe("chapter");
    expect(r.sinceChangeMs).toBeGreaterThan(0);
    const v = await view();
    expect(v.text).toContain("A sentence written during the test.");
    expect(v.pages).toBe(before.pages);
    // the page then lays out the whole document and compares it with what it shows
    const c = await check;
    expect(c).toMatchObject({ version: r.version, same: true, differences: [] });
  });

  it("follows every save of a chapter saved by rename, as vim and JetBrains editors save, and the saves after it", async () => {
    const file = chapter("02-noon.md");
    // the editor's save: a new file written beside the chapter, renamed over it (a new inode)
    const renameSave = (text: string) => {
      fs.writeFileSync(`${file}___jb_tmp___`, text);
      fs.renameSync(`${file}___jb_tmp___`, file);
    };
    const saves: [string, (text: string) => void][] = [
      ["Saved by rename, first.", renameSave],
      ["Written in place, second.", (text) => fs.writeFileSync(file, text)],
      ["Written in place, third.", (text) => fs.writeFileSync(file, text)],
    ];
    for (const [sentence, save] of saves) {
      const before = await view();
      const ready = next("ready");
      save(
        fs
          .readFileSync(file, "utf8")
          .replace("Its first paragraph is short.", `Its first paragraph is short. ${sentence}`),
      );
      const r = await ready;
      expect(r.version, sentence).toBe(before.version + 1);
      expect((await view()).text).toContain(sentence);
    }
  });

  it("lays out only a chapter whose length changes: the pages after it move on, the contents numbered anew, the reader kept on their chapter", async () => {
    await page.evaluate(() => {
      const doc = (window as unknown as { bookletDev: { shownDocument(): Document } }).bookletDev.shownDocument();
      const target = doc.querySelector(".pagedjs_page [id='ch-03-evening']")!.closest(".pagedjs_page") as HTMLElement;
      doc.defaultView!.scrollTo(0, target.offsetTop + 40);
    });
    const before = await view();
    const numbersBefore = await contents();
    const ready = next("ready");
    const check = next("check", 60);
    const paragraph =
      "A long paragraph added to the first chapter, to push the chapters after it onto later pages. ".repeat(12);
    // several pages more: more than the blank page before the next chapter can take
    edit(chapter("01-morning.md"), (t) =>
      t.replace("It has a second paragraph", `${`${paragraph}\n\n`.repeat(8)}It has a second paragraph`),
    );
    const r = await ready;
    expect(r.mode).toBe("chapter");
    const v = await view();
    expect(v.pages).toBeGreaterThan(before.pages);
    expect((v.pages - before.pages) % 2).toBe(0);
    expect(v.text).toContain("A long paragraph added to the first chapter");
    expect(v.text).toContain("The third chapter closes the booklet.");
    // each chapter's number in the contents is the page it now begins on, and the later ones moved on
    const numbers = await contents();
    expect(numbers.map((n) => n.shown)).toEqual(numbers.map((n) => n.page));
    const evening = (list: typeof numbers) => list.find((n) => n.id === "ch-03-evening")!.shown;
    expect(evening(numbers)).toBe(evening(numbersBefore) + v.pages - before.pages);
    // the page at the top of the window is still the first page of the third chapter
    const top = await page.evaluate(() => {
      const doc = (window as unknown as { bookletDev: { shownDocument(): Document } }).bookletDev.shownDocument();
      const y = doc.defaultView!.scrollY;
      const p = [...doc.querySelectorAll<HTMLElement>(".pagedjs_page")].find((e) => e.offsetTop + e.offsetHeight > y)!;
      return p.querySelector("[id='ch-03-evening']") !== null;
    });
    expect(top).toBe(true);
    // the whole document laid out in the background has the same pages, page numbers and contents' numbers
    expect(await check).toMatchObject({ version: r.version, same: true, differences: [] });
  });

  it("shows a YAML error over the last good pages, with the file and line, and brings the pages back when it is fixed", async () => {
    const config = path.join(root, "content", "booklet.yaml");
    const good = fs.readFileSync(config, "utf8");
    const before = await view();
    const failed = next("failed");
    // line 3: an unclosed quote
    fs.writeFileSync(config, good.replace("publisher: The Test Press", 'publisher: "The Test Press'));
    const f = await failed;
    expect(f.errors[0]).toMatchObject({ code: "B102", file: path.join("content", "booklet.yaml") });
    await page.waitForFunction(() => !document.getElementById("overlay")!.hidden, { timeout: 30_000 });
    let v = await view();
    expect(v.overlay?.where[0]).toMatch(new RegExp(`^content/booklet\\.yaml:${f.errors[0].line}(:\\d+)?$`));
    // where the quote opens, or where YAML finds that it never closes
    expect(f.errors[0].line).toBeGreaterThanOrEqual(3);
    expect(v.overlay?.text).toContain("booklet.yaml is not valid YAML");
    // the last good pages are still there, under the error
    expect(v.pages).toBe(before.pages);
    expect(v.text).toContain("The third chapter closes the booklet.");

    const rebuilt = next("rebuilt");
    fs.writeFileSync(config, good);
    expect((await rebuilt).change.kind).toBe("none");
    await page.waitForFunction(() => document.getElementById("overlay")!.hidden, { timeout: 30_000 });
    v = await view();
    expect(v.overlay).toBeNull();
    expect(v.pages).toBe(before.pages);
    expect(v.text).toContain("A sentence written during the test.");
  });

  it("keeps the pages this browser laid out: a new preview shows them at once, checks them, and lays out what changed", async () => {
    // a chapter edited: the whole layout that checks its pages is kept
    const version = (await view()).version + 1;
    const kept = until("kept", (k) => k.version === version);
    const ready = next("ready");
    edit(chapter("02-noon.md"), (t) =>
      t.replace("Its first paragraph is short.", "Its first paragraph is short. Kept for the next session."),
    );
    const edited = await ready;
    expect(edited).toMatchObject({ mode: "chapter", version });
    await kept;
    const before = await view();
    const numbersBefore = await contents();
    await session.close();

    // a new preview of the same content: the kept pages, as they were, then checked against a new layout
    session = await dev({ contentDir: "content", cwd: root, port: 0 });
    const restored = next("ready");
    const checked = until("check", (c) => c.of === "kept");
    await page.goto(session.url);
    expect((await restored).mode).toBe("kept");
    const shown = await view();
    expect(shown.pages).toBe(before.pages);
    expect(shown.text).toBe(before.text);
    expect(shown.text).toContain("Kept for the next session.");
    expect(await contents()).toEqual(numbersBefore);
    expect(await checked).toMatchObject({ same: true, differences: [] });

    // an edit on the kept pages: that chapter laid out alone, as on pages laid out in this session
    const again = next("ready");
    const check = until("check", (c) => c.of === "chapter");
    edit(chapter("02-noon.md"), (t) => t.replace("Kept for the next session.", "Edited on the kept pages."));
    expect((await again).mode).toBe("chapter");
    expect((await view()).text).toContain("Edited on the kept pages.");
    expect(await check).toMatchObject({ same: true, differences: [] });

    // the same version in this browser at another zoom: laid out, not taken from what was kept
    await page.setViewport({ width: 900, height: 800, deviceScaleFactor: 2 });
    try {
      const zoomed = next("ready");
      await page.reload();
      expect((await zoomed).mode).toBe("initial");
    } finally {
      await page.setViewport({ width: 900, height: 800 });
    }

    // a chapter's text changed while no preview ran: the pages kept last, that chapter laid out in them
    await session.close();
    edit(chapter("02-noon.md"), (t) => t.replace("Edited on the kept pages.", "Changed while no preview ran."));
    session = await dev({ contentDir: "content", cwd: root, port: 0 });
    const changed = next("ready");
    const changedCheck = until("check", (c) => c.of === "chapter");
    const keptChanged = next("kept", 90);
    await page.goto(session.url);
    expect(await changed).toMatchObject({ mode: "kept", chapter: "ch-02-noon" });
    expect((await view()).text).toContain("Changed while no preview ran.");
    expect(await changedCheck).toMatchObject({ same: true, differences: [] });

    // a stylesheet changed while no preview ran: laid out, not taken from what was kept
    await keptChanged;
    await session.close();
    const css = path.join(root, "content", "templates", "styles", "zz-test.css");
    fs.mkdirSync(path.dirname(css), { recursive: true });
    fs.writeFileSync(css, ".chapter-title { letter-spacing: 0.01em; }\n");
    session = await dev({ contentDir: "content", cwd: root, port: 0 });
    const styled = next("ready");
    const keptStyled = next("kept");
    await page.goto(session.url);
    expect((await styled).mode).toBe("initial");
    expect((await view()).text).toContain("Changed while no preview ran.");

    // kept pages that are not what a layout gives (here, edited by hand): shown, found out, laid out again
    await keptStyled;
    await session.close();
    const folder = path.join(root, "output", ".cache", "layout", "preview");
    const newest = fs
      .readdirSync(folder)
      .filter((name) => name.endsWith(".json"))
      .map((name) => path.join(folder, name))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    // the sentence as the pages hold it: hyphenation puts soft hyphens in its words
    const sentence = new RegExp([..."Changed while no preview ran"].map((c) => `${c}\u00ad?`).join(""), "g");
    expect(fs.readFileSync(newest, "utf8")).toMatch(sentence);
    edit(newest, (t) => t.replaceAll(sentence, "Words never written"));
    session = await dev({ contentDir: "content", cwd: root, port: 0 });
    const wrong = next("ready");
    const found = until("check", (c) => c.of === "kept");
    await page.goto(session.url);
    expect((await wrong).mode).toBe("kept");
    expect(await found).toMatchObject({ same: false });
    const v = await view();
    expect(v.text).toContain("Changed while no preview ran.");
    expect(v.text).not.toContain("Words never written.");
  });

  it("starts on content that does not build, shows why, and shows the pages once it is fixed", async () => {
    const other = tempDir("booklet-dev-broken-");
    fs.cpSync(FIXTURE, path.join(other, "content"), { recursive: true });
    const chapterFile = path.join(other, "content", "chapters", "03-evening.md");
    const good = fs.readFileSync(chapterFile, "utf8");
    fs.writeFileSync(chapterFile, good.replace("[@src-a]", "[@no-such-source]"));
    const broken = await dev({ contentDir: "content", cwd: other, port: 0 });
    const tab = await browser.browser.newPage();
    try {
      await tab.goto(broken.url);
      await tab.waitForFunction(() => !document.getElementById("overlay")!.hidden, { timeout: 30_000 });
      const where = await tab.evaluate(() =>
        [...document.querySelectorAll("#overlay .where")].map((e) => e.textContent),
      );
      expect(where[0]).toMatch(/^content\/chapters\/03-evening\.md:\d+/);
      const readyEvent = once(broken.events as never, "ready", { signal: AbortSignal.timeout(30_000) });
      fs.writeFileSync(chapterFile, good);
      const [ready] = await readyEvent;
      expect((ready as DevEvents["ready"]).mode).toBe("initial");
      const shown = await tab.evaluate(() => ({
        overlay: !document.getElementById("overlay")!.hidden,
        text: (window as unknown as { bookletDev: { shownDocument(): Document } }).bookletDev.shownDocument().body
          .textContent,
      }));
      expect(shown.overlay).toBe(false);
      expect(shown.text).toContain("The third chapter closes the booklet.");
    } finally {
      await tab.close();
      await broken.close();
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
