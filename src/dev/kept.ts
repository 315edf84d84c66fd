// The preview's pages as the reader's browser laid them out, kept in the layout cache's folder between
// sessions (<out>/.cache/layout/preview/): a preview started again, or a page opened again, on a version that
// browser has laid out before shows those pages at once, then lays the document out in the background and
// compares (shell.js). The build's own entries cannot stand in: Chromium laid them out with the print bleed.
// An entry is found by a hash of what the pages depend on, as the build's are (layout-cache.ts: the HTML, the
// stylesheets and the files they load, Paged.js and its fixes, booklet's page code), with the preview's frame
// script and the browser that laid them out (its user agent and pixel ratio): another browser, another zoom
// or any changed input makes another key.
import fs from "node:fs";
import path from "node:path";
import { packagePath } from "../paths.ts";
import { openLayoutCache, partKey, writeEntry } from "../render/index.ts";

/** A version of the document the preview serves (server.ts, DevDocument). */
interface Version {
  version: number;
  html: string;
  styles: Map<string, string>;
}

export interface KeptPages {
  /** the pages that browser laid out for that version, as HTML for this origin; undefined when none are kept */
  read(doc: Version, browser: string, origin: string): string | undefined;
  /** keeps the pages that browser laid out (HTML of this origin); false when they are not (not pages, a folder
   * that cannot be written) */
  write(doc: Version, browser: string, origin: string, html: string): boolean;
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

export function keptPages(args: {
  dir: string;
  contentDir: string;
  generator: string;
  warn?: (line: string) => void;
}): KeptPages {
  const { dir, contentDir } = args;
  // a folder that cannot be written says so once a session, not at every save
  let warned = false;
  const keyOf = (doc: Version, browser: string) => {
    const cache = openLayoutCache({
      dir,
      styles: doc.styles,
      contentDir,
      browserVersion: `${FORMAT}\0${browser}`,
      generator: args.generator,
      checked: false,
    });
    return partKey(cache, `${PREVIEW_CODE}\0${doc.html}`, contentDir);
  };
  const base = (doc: Version, origin: string) => `${origin}/v${doc.version}/`;
  return {
    read(doc, browser, origin) {
      const key = keyOf(doc, browser);
      const entry = readEntry(path.join(dir, `${key}.json`), key);
      return entry?.split(DOC).join(base(doc, origin)).split(ORIGIN).join(`${origin}/`);
    },
    write(doc, browser, origin, html) {
      if (!html.includes("pagedjs_pages") || html.includes(DOC) || html.includes(ORIGIN)) return false;
      const portable = html.split(base(doc, origin)).join(DOC).split(`${origin}/`).join(ORIGIN);
      // an origin left (not followed by a slash) would name a server that is gone
      if (portable.includes(origin)) return false;
      const key = keyOf(doc, browser);
      const error = writeEntry({ dir, common: "" }, key, `${key}.json`, { key, html: portable });
      if (error && !warned)
        args.warn?.(`the preview's pages could not be kept in ${dir} (${error.message}): it lays them out as before`);
      warned ||= error !== undefined;
      if (error) return false;
      dropOldest(dir);
      return true;
    },
  };
}

function readEntry(file: string, key: string): string | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(file, "utf8")) as { key?: unknown; html?: unknown };
    // not whole, or not this key's (a file copied in by hand): laid out again
    if (entry.key !== key || typeof entry.html !== "string" || !entry.html.includes("pagedjs_pages")) return undefined;
    return entry.html;
  } catch {
    return undefined;
  }
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
