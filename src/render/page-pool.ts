// Pages kept open between the layouts of one browser: a layout that ended well gives its page back, and the
// next layout of the run (another edition, the print version, a layout made again, a by-chapter join after
// its run) loads its document into it. That renderer is not started again and has Paged.js's script
// compiled and the fonts decoded already: a layout of the shipped booklet in such a page took 1.0–1.25 s
// where one in a new page took 1.45–1.55 s, and its print 0.25 s instead of 0.37 s. The price is memory:
// a renderer that has laid out before holds more until V8 collects it, and a garbage collection forced in
// the blank page cost as much as the page saved (README, Performance).
// A page whose layout failed is closed, never given back: it may still be busy, or its browser broken.
import type { Browser, BrowserContext, Page } from "puppeteer-core";

/** A page of a browser context of its own (its own renderer, so that layouts run in parallel). */
export interface PooledPage {
  context: BrowserContext;
  page: Page;
}

/** The pages given back, by browser; each ready for its next document once its `emptied` has settled. */
const idle = new WeakMap<Browser, { held: PooledPage; emptied: Promise<unknown> }[]>();

/**
 * A page laid out before and given back, or undefined: its last document has been unloaded (givePageBack),
 * and it still asks the local server for everything (the request interception stays on).
 */
export async function takePage(browser: Browser): Promise<PooledPage | undefined> {
  const pool = idle.get(browser) ?? [];
  for (let next = pool.pop(); next; next = pool.pop()) {
    const empty = await next.emptied.then(
      () => true,
      () => false,
    );
    if (empty && !next.held.page.isClosed()) return next.held;
    await next.held.context.close().catch(() => undefined);
  }
  return undefined;
}

/**
 * A page whose layout ended well, kept for the next: its document is unloaded now (a blank page keeps the
 * renderer, not the laid-out pages' memory), not waited for here but by the next takePage.
 */
export function givePageBack(browser: Browser, held: PooledPage): void {
  if (!browser.connected || held.page.isClosed()) return;
  const pool = idle.get(browser) ?? [];
  idle.set(browser, pool);
  const emptied = held.page.goto("about:blank", { timeout: 10_000 });
  emptied.catch(() => undefined);
  pool.push({ held, emptied });
}
