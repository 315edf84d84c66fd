// Serves one booklet document to pagedjs-cli from 127.0.0.1, as booklet's own server serves it to Chromium but
// without its Content-Security-Policy: pagedjs-cli injects Paged.js as an inline script, which that policy refuses.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fontFile } from "../src/document/fonts.ts";
import { contentFile, typeOf } from "../src/shared/serve.ts";

export async function serveDocument(doc: {
  html: string;
  styles: Map<string, string>;
  contentDir: string;
}): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { "content-type": type });
      res.end(body);
    };
    if (p === "/doc/" || p === "/doc/index.html") return send("text/html; charset=utf-8", doc.html);
    const style = doc.styles.get(p.replace(/^\/doc/, ""));
    if (style !== undefined) return send("text/css; charset=utf-8", style);
    const font = fontFile(p);
    if (font && fs.existsSync(font)) return send(typeOf(font), fs.readFileSync(font));
    const file = p.startsWith("/doc/") ? contentFile(p.slice("/doc".length), doc.contentDir) : undefined;
    if (file) return send(file.type, file.bytes);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/doc/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
