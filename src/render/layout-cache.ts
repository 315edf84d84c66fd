// The laid-out pages of each part of a document (parts.ts), kept in a folder between builds: a chapter that
// did not change is not laid out again, in the next build, the next edition or another language.
// An entry is found by a hash of everything its pages depend on: the part's HTML, the stylesheets, the files
// they and the HTML load (fonts, images), the patched Paged.js, booklet's page script, the browser's version
// and booklet's, and the code of booklet's that lays a part out and takes its pages apart (parts, paginate).
// Nothing in an entry is trusted past a changed input, since any change makes another key.
// Each entry is written to a temporary file in the folder, then renamed: two builds sharing the folder read
// a whole entry or none. The folder can be deleted at any time; a temporary file that a killed build left is
// removed by the next build that opens the folder.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fontFile } from "../document/index.ts";
import { packagePath } from "../paths.ts";
import { isRunning } from "../pid.ts";
import { contentFile, PAGE_HANDLERS, writeWhole } from "../shared/index.ts";
import { pagedPolyfill } from "./pagedjs.ts";
import type { PageBox } from "./parts.ts";

/** What a part's layout gives: its pages as HTML, and what Paged.js said it left out. */
export interface CachedPart {
  pages: PageBox[];
  dropped: string[];
  /** the warnings its layout gave (Paged.js lost text, and the part was laid out again) */
  warnings: string[];
}

export interface LayoutCache {
  dir: string;
  /** the hash the inputs of every part share (stylesheets, fonts, Paged.js, browser, booklet) */
  common: string;
}

// a new format of entry: the old entries are never read
const FORMAT = "booklet-layout-5";
// booklet's code that shapes a part's pages (the refs and strings of a part in a run, the page's own styles):
// the sources of src/render's parts and paginate modules, which the package ships and dist/ is compiled from
// (bin/fresh.js runs dist/ only when it was), the same under tsx and compiled
const LAYOUT_CODE = ["parts.ts", "paginate.ts"].map((f) => packagePath("src", "render", f));

/** The cache in `dir` for a document of these stylesheets, laid out by this browser and this booklet. */
export function openLayoutCache(args: {
  dir: string;
  styles: Map<string, string>;
  contentDir: string;
  browserVersion: string;
  generator: string;
  checked: boolean;
}): LayoutCache {
  const hash = crypto.createHash("sha256");
  for (const part of [FORMAT, args.generator, args.browserVersion, String(args.checked)]) hash.update(`${part}\0`);
  hash.update(pagedPolyfill());
  for (const file of [PAGE_HANDLERS, ...LAYOUT_CODE]) hash.update(fs.readFileSync(file));
  for (const [name, css] of [...args.styles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`${name}\0${css}\0`);
    hashReferences(hash, css, args.contentDir);
  }
  removeLeftOvers(args.dir);
  return { dir: args.dir, common: hash.digest("hex") };
}

/** The temporary files of builds that were killed while they wrote an entry (writePart names them). */
function removeLeftOvers(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^\.[0-9a-f]+\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** The key of a part: the common inputs, the part's HTML and the files it loads. */
export function partKey(cache: LayoutCache, html: string, contentDir: string): string {
  const hash = crypto.createHash("sha256").update(cache.common).update(html);
  hashReferences(hash, html, contentDir);
  return hash.digest("hex");
}

export function readPart(cache: LayoutCache, key: string): CachedPart | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(path.join(cache.dir, `${key}.json`), "utf8")) as CachedPart & {
      key?: string;
    };
    // an entry that is not whole, or not this key's (a file copied in by hand): laid out again
    if (entry.key !== key || ![entry.pages, entry.dropped, entry.warnings].every(Array.isArray)) return undefined;
    return { pages: entry.pages, dropped: entry.dropped, warnings: entry.warnings };
  } catch {
    return undefined;
  }
}

/** Keeps a part's pages; a cache that cannot be written (a full disk, a read-only folder) is only not kept. */
export function writePart(cache: LayoutCache, key: string, part: CachedPart, warn?: (line: string) => void): void {
  writeEntry(cache, key, `${key}.json`, { key, ...part }, warn);
}

/**
 * An entry of the cache written whole or not at all, as the file `name` (writePart, join-shell.ts, the
 * preview's kept.ts); undefined when written, else why not (and `warn` told).
 */
export function writeEntry(
  cache: LayoutCache,
  key: string,
  name: string,
  entry: object,
  warn?: (line: string) => void,
): Error | undefined {
  const tmp = path.join(cache.dir, `.${key}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
  const error = writeWhole(path.join(cache.dir, name), tmp, JSON.stringify(entry));
  if (error)
    warn?.(`the layout cache ${cache.dir} could not be written (${error.message}): the next build lays out again`);
  return error;
}

/**
 * The entries a build of this process is making, by folder and key: an edition built at the same time as
 * another waits for the other's layout of a chapter they share, rather than lay it out too.
 */
const making = new Map<string, Promise<unknown>>();

export interface Claim<T> {
  /** the entry another build of this process is making, to wait for (undefined when that build could not) */
  other?: Promise<T | undefined>;
  /** this build's entry, made or not (undefined: the waiting builds make it themselves); once */
  settle(entry: T | undefined): void;
}

/** Claims the making of an entry for this build, or gives the making of another build to wait for. */
export function claimEntry<T>(cache: LayoutCache, key: string): Claim<T> {
  const id = `${cache.dir}\0${key}`;
  const other = making.get(id) as Promise<T | undefined> | undefined;
  if (other) return { other, settle: () => undefined };
  let resolve: ((entry: T | undefined) => void) | undefined;
  const mine = new Promise<T | undefined>((r) => {
    resolve = r;
  });
  making.set(id, mine);
  return {
    settle(entry) {
      if (making.get(id) === mine) making.delete(id);
      resolve?.(entry);
      resolve = undefined;
    },
  };
}

/**
 * Every file a text asks for by url(…), src="…" or href="…" that booklet's server would serve (a font, a file
 * of the content folder), hashed with its path: a replaced image or font changes the key.
 */
function hashReferences(hash: crypto.Hash, text: string, contentDir: string): void {
  const refs = new Set<string>();
  for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)|\b(?:src|href)="([^"#][^"]*)"/g))
    refs.add(m[1] ?? m[2]);
  for (const ref of [...refs].sort()) {
    const rest = ref.startsWith("/") ? ref : `/${ref}`;
    const font = fontFile(rest);
    const bytes =
      font && fs.existsSync(font) ? fileBytes(font) : (contentFile(rest, contentDir)?.bytes ?? Buffer.alloc(0));
    hash.update(`${ref}\0`).update(bytes);
  }
}

// fonts are large and shared by every part and build of a run: read once per process, checked by size and time
const seen = new Map<string, { size: number; mtimeMs: number; bytes: Buffer }>();

function fileBytes(file: string): Buffer {
  const stat = fs.statSync(file);
  const known = seen.get(file);
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.bytes;
  const bytes = crypto.createHash("sha256").update(fs.readFileSync(file)).digest();
  seen.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, bytes });
  return bytes;
}
