// @font-face rules for the self-hosted @fontsource fonts, each subset with its unicode-range.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The URL prefix under which the local server serves @fontsource packages. */
export const FONT_PREFIX = "/_fonts/";

/** Packages found beside the content folder rather than beside booklet (see fontPackageDir). */
const foundElsewhere = new Map<string, string>();

/**
 * The folder of an @fontsource package (its name without @fontsource/). Looked for beside booklet first,
 * then, when a content folder is given, from that folder up: a project that needs a font booklet does not
 * ship (Korean, Japanese) installs it beside its own content, even when booklet itself is installed elsewhere.
 */
export function fontPackageDir(pkg: string, contentDir?: string): string {
  const known = foundElsewhere.get(pkg);
  if (known) return known;
  try {
    return path.dirname(require.resolve(`@fontsource/${pkg}/package.json`));
  } catch (e) {
    if (!contentDir) throw e;
    const dir = path.dirname(createRequire(path.join(contentDir, "package.json")).resolve(`@fontsource/${pkg}/package.json`));
    foundElsewhere.set(pkg, dir);
    return dir;
  }
}

/** Whether an @fontsource package is installed where booklet finds it. */
export function fontInstalled(pkg: string, contentDir?: string): boolean {
  try {
    fontPackageDir(pkg, contentDir);
    return true;
  } catch {
    return false;
  }
}

/** One @font-face rule of an @fontsource package, read from its CSS. */
export interface FontFace {
  pkg: string;
  family: string;
  weight: number;
  style: string;
  /** the woff2 file on disk */
  file: string;
  /** inclusive code point ranges; the whole of Unicode when the rule has no unicode-range */
  ranges: [number, number][];
  /** the rule itself, its url() rewritten to the local server's */
  css: string;
}

const ALL: [number, number][] = [[0, 0x10ffff]];

/** The @font-face rules of one CSS file of a package ("source-serif-4", "400-italic.css"). */
export function readFaces(pkg: string, cssFile: string, contentDir?: string): FontFace[] {
  const dir = fontPackageDir(pkg, contentDir);
  const css = fs.readFileSync(path.join(dir, cssFile), "utf8");
  const faces: FontFace[] = [];
  for (const m of css.matchAll(/(?:\/\*[^*]*\*\/\s*)?@font-face\s*\{[^}]*\}/g)) {
    const rule = m[0];
    const woff2 = /url\(\.\/files\/([^)]+?\.woff2)\)/.exec(rule)?.[1];
    if (!woff2) continue;
    const range = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
    faces.push({
      pkg,
      family: /font-family:\s*['"]([^'"]+)['"]/.exec(rule)?.[1] ?? pkg,
      weight: Number(/font-weight:\s*(\d+)/.exec(rule)?.[1] ?? 400),
      style: /font-style:\s*(\w+)/.exec(rule)?.[1] ?? "normal",
      file: path.join(dir, "files", woff2),
      ranges: range ? parseRanges(range) : ALL,
      css: rewriteUrls(rule, pkg),
    });
  }
  return faces;
}

/** "U+0000-00FF,U+0131" → [[0, 255], [305, 305]] */
export function parseRanges(text: string): [number, number][] {
  return text.split(",").flatMap((part) => {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    if (!m) return [];
    if (m[1].includes("?")) return [[parseInt(m[1].replace(/\?/g, "0"), 16), parseInt(m[1].replace(/\?/g, "f"), 16)] as [number, number]];
    const lo = parseInt(m[1], 16);
    return [[lo, m[2] ? parseInt(m[2], 16) : lo] as [number, number]];
  });
}

/** Only woff2 is kept: Chromium reads it, and one format keeps the self-contained HTML small. */
function rewriteUrls(rule: string, pkg: string): string {
  return rule
    .replace(/url\(\.\/files\/([^)]+?\.woff2)\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/g, `url(${FONT_PREFIX}${pkg}/files/$1) format('woff2')`)
    .replace(/url\(\.\/files\//g, `url(${FONT_PREFIX}${pkg}/files/`)
    .replace(/font-display:\s*swap;/g, "font-display: block;");
}

/** The faces of the @fontsource CSS files named in `list` ("source-serif-4/400.css"). */
export function fontListFaces(list: string[], contentDir?: string): FontFace[] {
  return list.flatMap((entry) => {
    const [pkg, file] = entry.split("/");
    return readFaces(pkg, file, contentDir);
  });
}

/** Reads the @fontsource CSS files named in `list` and rewrites their relative URLs to the server's. */
export function fontFaceCss(list: string[]): string {
  return fontListFaces(list).map((f) => f.css).join("\n\n");
}

/** A package's metadata.json: its category ("serif", "sans-serif" …), weights and styles. */
export function fontMetadata(pkg: string, contentDir?: string): { family: string; category: string; weights: number[]; styles: string[] } {
  return JSON.parse(fs.readFileSync(path.join(fontPackageDir(pkg, contentDir), "metadata.json"), "utf8"));
}

/** Maps a server path under FONT_PREFIX to the file on disk, or undefined when it is not a font file. */
export function fontFile(urlPath: string): string | undefined {
  if (!urlPath.startsWith(FONT_PREFIX)) return undefined;
  const rest = urlPath.slice(FONT_PREFIX.length);
  const m = /^([a-z0-9-]+)\/files\/([a-z0-9-]+\.woff2?)$/.exec(rest);
  if (!m) return undefined;
  try {
    return path.join(fontPackageDir(m[1]), "files", m[2]);
  } catch {
    return undefined;
  }
}
