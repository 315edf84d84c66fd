// What the build's server (src/render/server.ts) and the preview's (src/dev/server.ts) serve alike: booklet's
// page script, the content types, and the files of the content folder a document asks for.
import fs from "node:fs";
import path from "node:path";
import { contentRef } from "../files.ts";
import { packagePath } from "../paths.ts";

export const PAGE_HANDLERS = packagePath("src", "render", "page-handlers.js");

/** Content types of the files a booklet's pages load. */
export const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".gif": "image/gif",
};

export const typeOf = (file: string) => TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";

/**
 * A file of the content folder that a document asks for by its path under the document: "/images/a.png",
 * "/_content/images/a.png", or "/_styles/fonts/a.ttf" (a url() in a stylesheet, which the browser resolves from
 * the stylesheet's own path: it names a file of the content folder, as the checks read it). Undefined when
 * there is none to serve: never a file outside the folder, whether the path climbs out of it or a symbolic
 * link inside it leads out (src/files.ts).
 */
export function contentFile(rest: string, contentDir: string): { type: string; bytes: Buffer } | undefined {
  const rel = `.${rest.replace(/^\/(_content|_styles)(?=\/)/, "")}`;
  const r = contentRef(rel, contentDir);
  return "file" in r ? { type: typeOf(rel), bytes: fs.readFileSync(r.file) } : undefined;
}
