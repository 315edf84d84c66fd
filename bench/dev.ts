// The preview's rebuild, measured as an editor lives it: from writing a chapter file to the pages ready in a browser.

import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { type DevEvents, type DevSession, dev } from "../src/dev/dev.ts";
import { launchBrowser } from "../src/render/browser.ts";

export interface DevMeasurement {
  pages: number;
  /** file write → pages ready, after an edit of one chapter's text (that chapter laid out again) */
  chapterEdits: number[];
  /** the same edit, with the mode the page used (a chapter whose page count changed is laid out in full) */
  modes: string[];
  /** the part of it spent preparing the document (Node) */
  prepareMs: number[];
  /** the part of it spent laying out in the page */
  layoutMs: number[];
  /**
   * file write → pages ready after an edit that changes the chapter's page count (paragraphs added, then taken
   * out again), with the mode the page used and the page count after it; absent in runs before it was measured
   */
  lengthEdits?: { ms: number; mode: string; pages: number }[];
  /** file write → pages ready when the whole document is laid out again (a stylesheet edit) */
  fullRelayout: number[];
  /** per save: the event sent to the page (after the save), and from its arrival: the new version fetched, laid out, drawn */
  steps: { sent: number; fetched: number; laidOut: number; painted: number }[];
  /** the background checks: the chapter laid out alone against the whole document */
  checks: { same: number; differed: number };
  /**
   * a new preview's page opened → pages ready, in turn: laid out (the kept pages removed), then from the pages
   * the session before kept (kept.ts); absent in runs before it was measured
   */
  reopened?: { ms: number; mode: string }[];
}

async function next<K extends keyof DevEvents>(session: DevSession, name: K, seconds = 60): Promise<DevEvents[K]> {
  const [value] = await once(session.events as never, name, { signal: AbortSignal.timeout(seconds * 1000) });
  return value as DevEvents[K];
}

/**
 * Waits for the background check that follows a save laid out by chapter, and counts what it found: the next
 * edit waits for it, which an editor's next save would cancel. A save laid out in full has none: the wait is
 * dropped, so that its time-out is not an unhandled rejection later in the run.
 */
async function counted(check: Promise<DevEvents["check"]>, mode: string, checks: DevMeasurement["checks"]) {
  if (mode !== "chapter") {
    check.catch(() => undefined);
    return;
  }
  const c = await check;
  checks[c.same ? "same" : "differed"]++;
}

export async function measureDev(options: {
  contentDir: string;
  work: string;
  chapter: string;
  edits: number;
  lengthEdits: number;
  fullEdits: number;
  /** how many times the preview is started again with its kept pages, and as many without */
  reopens: number;
}): Promise<DevMeasurement> {
  const root = path.join(options.work, "dev");
  fs.rmSync(root, { recursive: true, force: true });
  fs.cpSync(options.contentDir, path.join(root, "content"), { recursive: true });
  let session = await dev({ contentDir: "content", cwd: root, port: 0 });
  const browser = await launchBrowser({ timeoutSeconds: 30 });
  const out: DevMeasurement = {
    pages: 0,
    chapterEdits: [],
    modes: [],
    prepareMs: [],
    layoutMs: [],
    lengthEdits: [],
    fullRelayout: [],
    steps: [],
    checks: { same: 0, differed: 0 },
  };
  try {
    const page = await browser.browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    const first = next(session, "ready");
    await page.goto(session.url);
    out.pages = (await first).pages;
    // an editor reads before the first save: the page has loaded its spare frame by then
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const file = path.join(root, "content", "chapters", options.chapter);
    const original = fs.readFileSync(file, "utf8");
    // the start of the text, after the front matter's closing ---
    const firstParagraph = original.indexOf("\n", original.indexOf("\n---", 3) + 1) + 1;
    for (let i = 0; i < options.edits; i++) {
      // a word changed in the chapter's text, as an editor's save: the pages keep their count
      const text = `${original.slice(0, firstParagraph)}Revision ${i + 1}. ${original.slice(firstParagraph)}`;
      const rebuilt = next(session, "rebuilt");
      const ready = next(session, "ready");
      const check = next(session, "check");
      const t0 = performance.now();
      fs.writeFileSync(file, text);
      const r = await ready;
      out.chapterEdits.push(performance.now() - t0);
      out.modes.push(r.mode);
      out.prepareMs.push((await rebuilt).ms);
      out.layoutMs.push(r.layoutMs);
      if (r.steps)
        out.steps.push({
          sent: r.sentAfterChangeMs ?? NaN,
          fetched: r.steps.fetched,
          laidOut: r.steps.laidOut,
          painted: r.steps.painted,
        });
      await counted(check, r.mode, out.checks);
    }
    // paragraphs added to the chapter, then taken out: the pages after it move on, then back
    const added = "A paragraph added by the benchmark, to make the chapter longer by a page or two. ".repeat(12);
    for (let i = 0; i < options.lengthEdits; i++) {
      const text =
        i % 2
          ? original
          : original.slice(0, firstParagraph) + `${added}\n\n`.repeat(4) + original.slice(firstParagraph);
      const ready = next(session, "ready");
      const check = next(session, "check");
      const t0 = performance.now();
      fs.writeFileSync(file, text);
      const r = await ready;
      out.lengthEdits?.push({ ms: performance.now() - t0, mode: r.mode, pages: r.pages });
      await counted(check, r.mode, out.checks);
    }
    // a stylesheet edit: every page is laid out again, the reader's place kept
    const css = path.join(root, "content", "templates", "styles", "zz-bench.css");
    fs.mkdirSync(path.dirname(css), { recursive: true });
    for (let i = 0; i < options.fullEdits; i++) {
      const ready = next(session, "ready");
      const t0 = performance.now();
      fs.writeFileSync(css, `/* bench ${i} */\n.chapter-title { letter-spacing: ${i % 2 ? 0.001 : 0}em; }\n`);
      await ready;
      out.fullRelayout.push(performance.now() - t0);
    }
    // the preview started again and its page opened, as an editor does the next morning: laid out, then from
    // the pages that layout kept
    out.reopened = [];
    const keptDir = path.join(root, "output", ".cache", "layout", "preview");
    for (let i = 0; i < 2 * options.reopens; i++) {
      const fromKept = i % 2 === 1;
      await session.close();
      if (!fromKept) fs.rmSync(keptDir, { recursive: true, force: true });
      session = await dev({ contentDir: "content", cwd: root, port: 0 });
      const ready = next(session, "ready");
      // laid out: its pages kept for the next round; from the kept pages: their background check over
      const after = next(session, fromKept ? "check" : "kept");
      const t0 = performance.now();
      await page.goto(session.url);
      const r = await ready;
      out.reopened.push({ ms: performance.now() - t0, mode: r.mode });
      await after;
    }
  } finally {
    await session.close();
    await browser.close();
  }
  return out;
}
