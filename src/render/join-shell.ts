// The join document's laid-out page (parts.ts, joinDocument), kept in the layout cache as a "shell": the
// page as Paged.js left it, with its generated styles and the openers' pages, and what checkOpeners found.
// The join document holds only the head and the parts' opening tags, so it is the same when a chapter's text
// changes: the next build loads the shell as a static page, without Paged.js's script (about 0.6 s) nor its
// reading of the stylesheets and fonts (0.8 to 2 s), and puts the parts' pages in as after a layout.
// Its key is a part's (partKey: the stylesheets, fonts, Paged.js, browser and booklet) over the join
// document's HTML, with this module's code: a shell made another way is never read.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { packagePath } from "../paths.ts";
import { type LayoutCache, partKey, writeEntry } from "./layout-cache.ts";

export interface JoinShell {
  /** the laid-out page's HTML, its URLs made independent of the server's origin and the run's key */
  html: string;
  /** what checkOpeners found in it: "" when the parts can be joined */
  problem: string;
}

// Paged.js writes the stylesheets' URLs absolute (Sheet.replaceUrls): the run's origin (a port of this
// build's server) and key, written in the shell as these, and made the loading run's again (shellPage)
const DOC = "booklet-shell:doc/";
const ORIGIN = "booklet-shell:origin/";
// this module's source, which shapes the shell: in its key, the same under tsx and compiled (dist/ is one bundle)
const OWN_CODE = fs.readFileSync(packagePath("src", "render", "join-shell.ts"));

/** The shell's key: the join document's HTML and the extra stylesheet, over what every part's key holds. */
export function shellKey(cache: LayoutCache, html: string, extraStylesheet: string, contentDir: string): string {
  return partKey(cache, `join-shell\0${OWN_CODE.toString("hex")}\0${extraStylesheet}\0${html}`, contentDir);
}

// not .json: the parts' entries are the folder's .json files
const fileOf = (cache: LayoutCache, key: string) => path.join(cache.dir, `${key}.shell`);

/** The shell kept under `key`; undefined when there is none, or it is not whole (the join is laid out). */
export function readShell(cache: LayoutCache, key: string): JoinShell | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(fileOf(cache, key), "utf8")) as Partial<JoinShell> & { key?: string };
    if (entry.key !== key || typeof entry.html !== "string" || typeof entry.problem !== "string") return undefined;
    if (!entry.html.includes("pagedjs_pages")) return undefined;
    return { html: entry.html, problem: entry.problem };
  } catch {
    return undefined;
  }
}

/**
 * The laid-out join document's page kept as a shell, before any part's pages are put in; nothing kept (false)
 * when the page cannot be written down as it is (captureShell), or the cache's folder cannot be written.
 */
export async function keepShell(args: {
  page: Page;
  cache: LayoutCache;
  key: string;
  /** what checkOpeners found in the page */
  problem: string;
  origin: string;
  runKey: string;
  warn?: (line: string) => void;
}): Promise<boolean> {
  const { page, origin, runKey, problem } = args;
  const html = await page.evaluate(captureShell);
  if (html === undefined || html.includes(DOC) || html.includes(ORIGIN)) return false;
  const portable = html.split(`${origin}/${runKey}/`).join(DOC).split(`${origin}/`).join(ORIGIN);
  // an origin left (not followed by a slash) would name a server that is gone
  if (portable.includes(origin)) return false;
  const error = writeEntry(
    args.cache,
    args.key,
    path.basename(fileOf(args.cache, args.key)),
    { key: args.key, html: portable, problem },
    args.warn,
  );
  return error === undefined;
}

/** The shell's HTML for a run of this server and key. */
export function shellPage(shell: JoinShell, origin: string, runKey: string): string {
  return shell.html.split(DOC).join(`${origin}/${runKey}/`).split(ORIGIN).join(`${origin}/`);
}

/**
 * Runs in the laid-out page: its HTML as it is, scripts left out, or undefined when a style element holds
 * other rules than its text says. Paged.js and its handlers write their rules through the CSSOM into an
 * empty <style> (the page counters, the counter resets of page numbers): those are written out as text.
 */
export function captureShell(): string | undefined {
  const copy = document.documentElement.cloneNode(true) as HTMLElement;
  const live = [...document.querySelectorAll("style")];
  const copies = [...copy.querySelectorAll("style")];
  if (live.length !== copies.length) return undefined;
  for (const [i, style] of live.entries()) {
    const rules = style.sheet ? [...style.sheet.cssRules].map((r) => r.cssText) : [];
    const text = style.textContent ?? "";
    if (text.trim() === "") {
      copies[i].textContent = rules.join("\n");
      continue;
    }
    // a sheet whose text is its rules: parsed again, it has as many (an @import, rules added: not kept)
    const again = new CSSStyleSheet();
    try {
      again.replaceSync(text);
    } catch {
      return undefined;
    }
    if (again.cssRules.length !== rules.length) return undefined;
  }
  for (const script of copy.querySelectorAll("script")) script.remove();
  const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : "";
  return `${doctype}${copy.outerHTML}`;
}
