// End to end: the pages a browser keeps between layouts (render/page-pool.ts). Two editions built one after
// the other in one run are laid out by one renderer process, seen in /proc among this process's descendants,
// where each layout had one of its own before; and each prints the PDF it prints when built alone, in a
// renderer that laid out nothing before, byte for byte (SOURCE_DATE_EPOCH). Then the pool itself: a page
// given back is emptied and taken again; a page closed meanwhile is never handed out.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindOf, processTree } from "../../bench/memory.ts";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { givePageBack, takePage } from "../../src/render/page-pool.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONTENT = path.join(ROOT, "test/fixtures/minimal");

/** Chromium's renderer processes among this process's descendants, sampled until `stop`. */
function watchRenderers(): { stop(): Set<number> } {
  const seen = new Set<number>();
  const sample = () => {
    for (const pid of processTree(process.pid)) if (kindOf(pid) === "renderer") seen.add(pid);
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      return seen;
    },
  };
}

/** The screen PDFs of `years`, built in one run, one edition at a time. */
async function screenPdfs(years: number[]): Promise<Buffer[]> {
  const outDir = tempDir("booklet-page-pool-");
  const results = await build({
    contentDir: CONTENT,
    outDir,
    cwd: ROOT,
    editions: years,
    formats: ["screen"],
    concurrency: 1,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
    log: silentLogger,
  });
  return years.map((year) => {
    const r = results.find((x) => x.edition.year === year)!;
    return fs.readFileSync(path.join(outDir, String(year), r.files.find((f) => f.format === "screen")!.path));
  });
}

describe("editions laid out one after the other", () => {
  let together: Buffer[];
  let alone: Buffer[];
  let renderers: Set<number>;
  beforeAll(async () => {
    const watch = watchRenderers();
    together = await screenPdfs([2027, 2028]);
    renderers = watch.stop();
    alone = [(await screenPdfs([2027]))[0], (await screenPdfs([2028]))[0]];
  }, 300_000);

  it("are laid out by one renderer process", () => {
    expect(renderers.size).toBe(1);
  });

  it("print what each prints alone, byte for byte", () => {
    expect(together[0].equals(together[1])).toBe(false);
    expect(together[0].equals(alone[0])).toBe(true);
    expect(together[1].equals(alone[1])).toBe(true);
  });
});

describe("the pool", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser({ timeoutSeconds: 60 });
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it("hands a page given back out again, emptied, once", async () => {
    const { browser } = session;
    expect(await takePage(browser)).toBeUndefined();
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setContent("<p>laid out</p>");
    givePageBack(browser, { context, page });
    const taken = await takePage(browser);
    expect(taken?.page).toBe(page);
    expect(page.url()).toBe("about:blank");
    expect(await page.evaluate(() => document.body?.textContent ?? "")).toBe("");
    expect(await takePage(browser)).toBeUndefined();
    await context.close();
  });

  it("never hands out a page closed after it was given back", async () => {
    const { browser } = session;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setContent("<p>laid out</p>");
    givePageBack(browser, { context, page });
    // closed once it is emptied, as a crashed renderer's page would be
    await page.waitForFunction(() => document.body?.textContent === "", { timeout: 10_000 });
    await page.close();
    expect(await takePage(browser)).toBeUndefined();
  });
});
