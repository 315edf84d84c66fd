// @font-face rules for the self-hosted @fontsource fonts, each subset with its unicode-range.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The URL prefix under which the local server serves @fontsource packages. */
export const FONT_PREFIX = "/_fonts/";

/** A font file to load: package (without @fontsource/) and CSS file: "source-serif-4/400-italic.css". */
export function fontPackageDir(pkg: string): string {
  return path.dirname(require.resolve(`@fontsource/${pkg}/package.json`));
}

/**
 * Reads the @fontsource CSS files named in `list` and rewrites their relative URLs to the server's.
 * Only woff2 is kept: Chromium reads it, and one format keeps the self-contained HTML small.
 */
export function fontFaceCss(list: string[]): string {
  const out: string[] = [];
  for (const entry of list) {
    const [pkg, file] = entry.split("/");
    const css = fs.readFileSync(path.join(fontPackageDir(pkg), file), "utf8");
    out.push(
      css
        .replace(/url\(\.\/files\/([^)]+?\.woff2)\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/g, `url(${FONT_PREFIX}${pkg}/files/$1) format('woff2')`)
        .replace(/url\(\.\/files\//g, `url(${FONT_PREFIX}${pkg}/files/`)
        .replace(/font-display:\s*swap;/g, "font-display: block;"),
    );
  }
  return out.join("\n");
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
