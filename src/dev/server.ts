// The preview's HTTP server: 127.0.0.1 only; the shell page, the document with Paged.js, server-sent events.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fontFile } from "../document/fonts.ts";
import { BookletError } from "../errors/booklet-error.ts";
import { packagePath } from "../paths.ts";
import { pagedPolyfill } from "../render/pagedjs.ts";
import { contentFile, PAGE_HANDLERS, TYPES, typeOf } from "../shared/serve.ts";

const CLIENT = packagePath("src", "dev", "client");

// the browser loads nothing from elsewhere, as in a build (styles: Paged.js writes <style> elements)
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** One version of the document, as the browser asks for it under /v<version>/. */
export interface DevDocument {
  version: number;
  html: string;
  styles: Map<string, string>;
}

export interface DevServerOptions {
  /** 0 for any free port */
  port: number;
  /** images and other files of the document come from here, and from nowhere else */
  contentDir: string;
  /** that version, or undefined when it is no longer kept */
  document(version: number): DevDocument | undefined;
  /** the first event a page receives: the current version, or the current error */
  state(): Record<string, unknown>;
  /** what the page reports: pages ready, a layout that failed */
  onReport(report: Record<string, unknown>): void;
}

export interface DevServer {
  url: string;
  port: number;
  broadcast(event: string, data: unknown): void;
  /** pages connected for live reload */
  clients(): number;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const contentDir = path.resolve(options.contentDir);
  // this run's mark in the URLs of cached files
  const run = Date.now().toString(36);
  const clients = new Set<http.ServerResponse>();
  let port = options.port;
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        ...headers,
      });
      res.end(body);
    };
    // a page of another site cannot reach this server through a name that resolves to 127.0.0.1
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      return send(403, "text/plain", "booklet dev answers only at 127.0.0.1");
    const url = new URL(req.url ?? "/", `http://${host}`);
    let p: string;
    try {
      p = decodeURIComponent(url.pathname);
    } catch {
      return send(400, "text/plain", "bad path");
    }
    const html = (body: string) => send(200, TYPES[".html"], body, { "content-security-policy": CSP });

    if (p === "/_dev/events" && req.method === "GET") {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(`event: state\ndata: ${JSON.stringify(options.state())}\n\n`);
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    if (p === "/_dev/report" && req.method === "POST") {
      if (req.headers.origin && req.headers.origin !== `http://${host}`)
        return send(403, "text/plain", "not from the preview");
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
        if (body.length > 65536) req.destroy();
      });
      req.on("end", () => {
        try {
          options.onReport(JSON.parse(body));
          send(204, "text/plain", "");
        } catch {
          send(400, "text/plain", "not JSON");
        }
      });
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "read only");

    if (p === "/favicon.ico") return send(204, "image/x-icon", "");
    if (p === "/" || p === "/index.html") return html(fs.readFileSync(path.join(CLIENT, "shell.html"), "utf8"));
    // files that do not change while the server runs: cached by the browser, which then also keeps
    // Paged.js compiled; each run of the server has URLs of its own
    const cached = { "cache-control": "private, max-age=86400, immutable" };
    const client = /^\/_dev\/(shell\.js|frame\.js|screen\.css|shell\.css)$/.exec(p);
    if (client)
      return send(
        200,
        TYPES[path.extname(client[1])],
        fs.readFileSync(path.join(CLIENT, client[1])),
        url.searchParams.has("run") ? cached : {},
      );
    if (p === "/_pagedjs/paged.polyfill.js")
      return send(200, TYPES[".js"], pagedPolyfill(), url.searchParams.has("run") ? cached : {});
    if (p === "/_booklet/page-handlers.js")
      return send(200, TYPES[".js"], fs.readFileSync(PAGE_HANDLERS), url.searchParams.has("run") ? cached : {});
    const font = fontFile(p);
    if (font && fs.existsSync(font)) return send(200, typeOf(font), fs.readFileSync(font), cached);

    const m = /^\/v(\d+)(\/.*)$/.exec(p);
    if (m) {
      const doc = options.document(Number(m[1]));
      if (!doc) return send(410, "text/plain", "this version is gone: the page loads the current one");
      const rest = m[2];
      if (rest === "/" || rest === "/index.html") return html(withPreviewScripts(doc.html, run));
      const style = doc.styles.get(rest);
      if (style !== undefined) return send(200, TYPES[".css"], style);
      const file = contentFile(rest, contentDir);
      if (file) return send(200, file.type, file.bytes);
    }
    send(404, "text/plain", "not found");
  });
  // an SSE comment every 20 s keeps the stream open through idle time
  const keepAlive = setInterval(() => {
    for (const c of clients) c.write(": keep-alive\n\n");
  }, 20_000);
  keepAlive.unref();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new BookletError(
              "Usage",
              `Port ${options.port} on 127.0.0.1 is in use (another booklet dev?); choose another with --port.`,
              { cause: e },
            )
          : new BookletError("Internal", `The preview server could not start: ${e.message}`, { cause: e }),
      ),
    );
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    broadcast(event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const c of clients) c.write(message);
    },
    clients: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        for (const c of clients) c.end();
        clients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The document as the build paginates it, plus what the preview needs, before its stylesheets. */
function withPreviewScripts(html: string, run: string): string {
  const head = [
    `<script src="/_dev/frame.js?run=${run}"></script>`,
    `<script src="/_pagedjs/paged.polyfill.js?run=${run}"></script>`,
    `<script src="/_booklet/page-handlers.js?run=${run}"></script>`,
    // media=screen: Paged.js leaves it out of the pages; it only lays the pages out on a grey desk
    `<link rel="stylesheet" media="screen" href="/_dev/screen.css?run=${run}">`,
  ].join("");
  const m = /<head[^>]*>/i.exec(html);
  return m ? html.slice(0, m.index + m[0].length) + head + html.slice(m.index + m[0].length) : head + html;
}
