// A local HTTP server on 127.0.0.1 that serves one booklet document and nothing outside the project.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fontFile } from "../document/index.ts";
import { contentFile, PAGE_HANDLERS, TYPES, typeOf } from "../shared/index.ts";
import { pagedPolyfill } from "./pagedjs.ts";

/** What one document needs: its HTML, its stylesheets, and the folder its relative files come from. */
export interface ServedDocument {
  html: string;
  styles: Map<string, string>;
  contentDir: string;
}

export interface LocalServer {
  origin: string;
  /** serve a document under /<key>/ (several editions can be served at once) */
  publish(key: string, doc: ServedDocument): string;
  unpublish(key: string): void;
  /** requests that found nothing, for the error report */
  misses: string[];
  close(): Promise<void>;
}

export async function startServer(): Promise<LocalServer> {
  const docs = new Map<string, ServedDocument>();
  const misses: string[] = [];
  let csp = "default-src 'none'";
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store", "content-security-policy": csp });
      res.end(body);
    };
    let p: string;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      // a malformed %-escape in a path the page asks for: not found, never an exception that ends the build
      misses.push(url.pathname);
      return send(404, "text/plain", "not found");
    }
    // the browser asks every site for its icon; the document has none, and the 404 would be logged on every
    // build as the page's error "Failed to load resource": no content, and no miss
    if (p === "/favicon.ico") return send(204, "text/plain", "");
    if (p === "/_pagedjs/paged.polyfill.js") return send(200, TYPES[".js"], pagedPolyfill());
    if (p === "/_booklet/page-handlers.js") return send(200, TYPES[".js"], fs.readFileSync(PAGE_HANDLERS));
    const font = fontFile(p);
    if (font && fs.existsSync(font)) return send(200, typeOf(font), fs.readFileSync(font));
    const m = /^\/([^/]+)(\/.*)$/.exec(p);
    const doc = m ? docs.get(m[1]) : undefined;
    if (doc && m) {
      const rest = m[2];
      if (rest === "/" || rest === "/index.html") return send(200, TYPES[".html"], doc.html);
      const style = doc.styles.get(rest);
      if (style !== undefined) return send(200, TYPES[".css"], style);
      const file = contentFile(rest, doc.contentDir);
      if (file) return send(200, file.type, file.bytes);
    }
    misses.push(p);
    send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  // The browser's own guard behind the content checks: the page runs only Paged.js and booklet's handlers
  // (added by URL, no inline script, no event handler, no eval) and loads only from this server, so that a
  // script or a remote reference that got past the checks (a value inserted with {{{…}}}) does nothing.
  csp = [
    "default-src 'none'",
    `script-src ${origin}/_pagedjs/ ${origin}/_booklet/`,
    // Paged.js writes its page styles into <style> elements; templates use style="…"
    `style-src ${origin} 'unsafe-inline'`,
    `img-src ${origin} data:`,
    `font-src ${origin} data:`,
    // Paged.js fetches the stylesheets it rewrites
    `connect-src ${origin}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return {
    origin,
    misses,
    publish(key, doc) {
      docs.set(key, doc);
      return `${origin}/${key}/`;
    },
    unpublish(key) {
      docs.delete(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // a browser that stopped answering in the middle of a request keeps its connection open for ever,
        // and close() waits for every connection: the build is over, so they are all closed now
        server.closeAllConnections();
      }),
  };
}
