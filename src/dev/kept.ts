// The preview's pages as the reader's browser laid them out, kept in the layout cache's folder between
// sessions (<out>/.cache/layout/preview/): a preview started again, or a page opened again, on a version that
// browser has laid out before shows those pages at once, then lays the document out in the background and
// compares (shell.js). The build's own entries cannot stand in: Chromium laid them out with the print bleed.
// An entry is found by a hash of what the pages depend on, as the build's are (layout-cache.ts: the HTML, the
// stylesheets and the files they load, Paged.js and its fixes, booklet's page code), with the preview's frame
// script and the browser that laid them out (its user agent and pixel ratio): another browser, another zoom
// or any changed input makes another key.
// A version not kept may still differ from the last one that browser kept by one chapter's text, changed
// while no preview ran: those pages are given with that chapter's id, for the page to lay that chapter out
// alone in them, as after a save (changes.ts), before it shows them.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { packagePath } from "../paths.ts";
import { openLayoutCache, partKey, writeEntry } from "../render/index.ts";
import { classifyChange, type DevDocument, type PartHtml } from "./changes.ts";

/** Pages kept, as HTML for this origin; `chapter`: they are another version's, which differs by that chapter. */
export interface Kept {
  html: string;
  chapter?: string;
}

export interface KeptPages {
  /** the pages that browser laid out for that version, or for one that differs by a chapter; or undefined */
  read(doc: DevDocument, browser: string, origin: string): Kept | undefined;
  /** keeps the pages that browser laid out (HTML of this origin); false when they are not (not pages, a folder
   * that cannot be written) */
  write(doc: DevDocument, browser: string, origin: string, html: string): boolean;
}

// a new format of entry: the old entries are never read
const FORMAT = "booklet-preview-1";
// the preview's own code that shapes the pages (Paged.js's settings in the frame, the desk's stylesheet)
const PREVIEW_CODE = ["frame.js", "screen.css"]
  .map((f) => fs.readFileSync(packagePath("src", "dev", "client", f), "utf8"))
  .join("\0");
// Paged.js writes the stylesheets' URLs absolute (the server's origin, the version's folder): written in an
// entry as these, and made the reading session's again
const DOC = "booklet-kept:doc/";
const ORIGIN = "booklet-kept:origin/";
// each entry is a whole document's pages (about 0.5 MB for 32 pages, 5 MB for 300): the oldest go beyond
// this many, or beyond this size in all (the newest is always kept)
const KEEP = 24;
const KEEP_BYTES = 64 * 1024 * 1024;

interface Folder {
  dir: string;
  contentDir: string;
  generator: string;
  warn?: (line: string) => void;
}

export function keptPages(folder: Folder): KeptPages {
  // a folder that cannot be written says so once a session, not at every save
  let warned = false;
  return {
    read(doc, browser, origin) {
      const { key, common } = keyOf(folder, doc, browser);
      const entry: (Entry & { chapter?: string }) | undefined =
        readEntry(path.join(folder.dir, `${key}.json`), key) ?? nextTo(doc, latestFile(folder, browser), common);
      if (!entry) return undefined;
      const html = entry.html.split(DOC).join(base(doc, origin)).split(ORIGIN).join(`${origin}/`);
      return { html, chapter: entry.chapter };
    },
    write(doc, browser, origin, html) {
      const portable = portableHtml(html, doc, origin);
      if (portable === undefined) return false;
      const error = writeVersion(folder, doc, browser, portable);
      if (error && !warned)
        folder.warn?.(
          `the preview's pages could not be kept in ${folder.dir} (${error.message}): it lays them out as before`,
        );
      warned ||= error !== undefined;
      if (error) return false;
      dropOldest(folder.dir);
      return true;
    },
  };
}

/**
 * The key of a version's pages, and the hash of what every version's pages share with them (the stylesheets
 * and the files they load, Paged.js, booklet, the browser): another version's pages are given only when that
 * is the same.
 */
function keyOf(folder: Folder, doc: DevDocument, browser: string): { key: string; common: string } {
  const cache = openLayoutCache({
    dir: folder.dir,
    styles: doc.styles,
    contentDir: folder.contentDir,
    browserVersion: `${FORMAT}\0${browser}`,
    generator: folder.generator,
    checked: false,
  });
  return { key: partKey(cache, `${PREVIEW_CODE}\0${doc.html}`, folder.contentDir), common: cache.common };
}

const base = (doc: DevDocument, origin: string) => `${origin}/v${doc.version}/`;

/** The last entry kept for a browser, whatever its version, is named in this file. */
const latestFile = (folder: Folder, browser: string) =>
  path.join(folder.dir, `${crypto.createHash("sha256").update(browser).digest("hex")}.latest`);

/** Laid-out pages with their URLs made independent of the server's origin; undefined when they cannot be. */
function portableHtml(html: string, doc: DevDocument, origin: string): string | undefined {
  if (!html.includes("pagedjs_pages") || html.includes(DOC) || html.includes(ORIGIN)) return undefined;
  const portable = html.split(base(doc, origin)).join(DOC).split(`${origin}/`).join(ORIGIN);
  // an origin left (not followed by a slash) would name a server that is gone
  return portable.includes(origin) ? undefined : portable;
}

/** The version's entry, with its document's parts (for nextTo), and the browser's latest; why not, if not. */
function writeVersion(folder: Folder, doc: DevDocument, browser: string, html: string): Error | undefined {
  const { key, common } = keyOf(folder, doc, browser);
  const parts = doc.chapters && {
    html: doc.html,
    styles: [...doc.styles],
    chapters: doc.chapters.map(own),
    foreword: doc.foreword && own(doc.foreword),
  };
  const cache = { dir: folder.dir, common: "" };
  const error = writeEntry(cache, key, `${key}.json`, { key, common, html, parts });
  if (!error) writeEntry(cache, key, path.basename(latestFile(folder, browser)), { key });
  return error;
}

const own = ({ id, html }: PartHtml): PartHtml => ({ id, html });

interface Entry {
  html: string;
  common?: string;
  /** the version's document, when the preview knew its chapters */
  parts?: { html: string; styles: [string, string][]; chapters: PartHtml[]; foreword?: PartHtml };
}

function readEntry(file: string, key: string): Entry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Entry> & { key?: unknown };
    // not whole, or not this key's (a file copied in by hand): laid out again
    if (entry.key !== key || typeof entry.html !== "string" || !entry.html.includes("pagedjs_pages")) return undefined;
    return { html: entry.html, common: entry.common, parts: entry.parts };
  } catch {
    return undefined;
  }
}

/**
 * The browser's last kept pages, when their version differs from `doc` by one chapter's text only (the same
 * stylesheets, fonts, Paged.js and booklet: `common`; the same chapters in the same order): with that
 * chapter's id.
 */
function nextTo(doc: DevDocument, latestFile: string, common: string): (Entry & { chapter: string }) | undefined {
  if (!doc.chapters) return undefined;
  let key: unknown;
  try {
    key = (JSON.parse(fs.readFileSync(latestFile, "utf8")) as { key?: unknown }).key;
  } catch {
    return undefined;
  }
  if (typeof key !== "string" || !/^[0-9a-f]{64}$/.test(key)) return undefined;
  const entry = readEntry(path.join(path.dirname(latestFile), `${key}.json`), key);
  const parts = entry?.parts;
  if (!entry || entry.common !== common || !parts || !Array.isArray(parts.chapters) || !Array.isArray(parts.styles))
    return undefined;
  const change = classifyChange({
    before: { ...parts, styles: new Map(parts.styles) },
    after: { ...doc, chapters: doc.chapters },
  });
  return change.kind === "chapter" ? { ...entry, chapter: change.id } : undefined;
}

/** Keeps the folder to its newest entries (KEEP, KEEP_BYTES): every save of a chapter makes one. */
function dropOldest(dir: string): void {
  try {
    const entries = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => ({ file: path.join(dir, name), stat: fs.statSync(path.join(dir, name)) }))
      .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
    let bytes = 0;
    for (const [i, { file, stat }] of entries.entries()) {
      bytes += stat.size;
      if (i > 0 && (i >= KEEP || bytes > KEEP_BYTES)) fs.rmSync(file, { force: true });
    }
  } catch {
    // another preview removed one first: the folder is only kept smaller
  }
}
