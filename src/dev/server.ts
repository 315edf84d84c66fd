// The preview's HTTP server: 127.0.0.1 only; the shell page, the document with Paged.js, server-sent events.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fontFile } from "../document/index.ts";
import { BookletError } from "../errors/index.ts";
import { packagePath } from "../paths.ts";
import { captureShell, loaded, pagedPolyfill, setPageReferences } from "../render/index.ts";
import { contentFile, PAGE_HANDLERS, TYPES, typeOf } from "../shared/index.ts";
import type { DevDocument } from "./changes.ts";
import type { Kept, KeptPages } from "./kept.ts";

const CLIENT = packagePath("src", "dev", "client");
// the build's own code that sets the page references of a join of laid-out parts: the page runs it when it has
// put a chapter's new pages in (shell.js, chapterOnly), as the build runs it in a join's page; and that writes
// a laid-out page down, and waits for a kept one's fonts, as the build keeps and loads a join's page
const JOIN_SCRIPT = `window.bookletJoin = { setPageReferences: ${setPageReferences}, capture: ${captureShell}, loaded: ${loaded} };\n`;
// the largest laid-out document the page may give to keep (a 32-page booklet's is about 0.5 MB)
const MAX_KEPT = 64 * 1024 * 1024;

// the browser loads nothing from elsewhere, as in a build (styles: Paged.js writes <style> elements)
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export type { DevDocument } from "./changes.ts";

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
  /** the pages the reader's browser laid out before, kept between sessions (none kept when undefined) */
  kept?(): KeptPages | undefined;
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
  const state: ServerState = {
    options,
    contentDir: path.resolve(options.contentDir),
    // this run's mark in the URLs of cached files
    run: Date.now().toString(36),
    clients: new Set<http.ServerResponse>(),
    port: options.port,
  };
  const server = http.createServer((req, res) => answer(state, req, res));
  const clients = state.clients;
  // an SSE comment every 20 s keeps the stream open through idle time
  const keepAlive = setInterval(() => {
    for (const c of clients) c.write(": keep-alive\n\n");
  }, 20_000);
  keepAlive.unref();
  await listen(server, options.port);
  const port = (server.address() as AddressInfo).port;
  state.port = port;
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

interface ServerState {
  options: DevServerOptions;
  contentDir: string;
  run: string;
  /** pages connected to the event stream */
  clients: Set<http.ServerResponse>;
  /** the port listened on (known once listening, when 0 was asked for) */
  port: number;
}

/** One request: where it may come from, then what it asks for. */
interface Asked {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** the decoded path */
  path: string;
  send(status: number, type: string, body: string | Buffer, headers?: Record<string, string>): void;
}

function answer(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse) {
  const send: Asked["send"] = (status, type, body, headers = {}) => {
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
  if (host !== `127.0.0.1:${state.port}` && host !== `localhost:${state.port}`)
    return send(403, "text/plain", "booklet dev answers only at 127.0.0.1");
  const url = new URL(req.url ?? "/", `http://${host}`);
  let p: string;
  try {
    p = decodeURIComponent(url.pathname);
  } catch {
    return send(400, "text/plain", "bad path");
  }
  const asked: Asked = { req, res, url, path: p, send };
  if (p === "/_dev/events" && req.method === "GET") return openEvents(state, asked);
  if (p === "/_dev/report" && req.method === "POST") return receiveReport(state, asked, host);
  if (p === "/_dev/kept" && req.method === "POST") return receiveKept(state, asked, host);
  if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "read only");
  if (serveFixed(asked) || serveVersion(state, asked)) return;
  send(404, "text/plain", "not found");
}

/** The page's event stream: the current state first, then every broadcast. */
function openEvents(state: ServerState, { req, res }: Asked) {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-store",
    connection: "keep-alive",
  });
  res.write(`event: state\ndata: ${JSON.stringify(state.options.state())}\n\n`);
  state.clients.add(res);
  req.on("close", () => state.clients.delete(res));
}

/** What the page reports (pages ready, a layout that failed), from the preview's own pages only. */
function receiveReport(state: ServerState, asked: Asked, host: string) {
  readBody(asked, host, 65536, (body) => {
    try {
      state.options.onReport(JSON.parse(body));
      asked.send(204, "text/plain", "");
    } catch {
      asked.send(400, "text/plain", "not JSON");
    }
  });
}

/** Pages the page laid out, to keep for that version and browser (`/_dev/kept?v=…&browser=…`). */
function receiveKept(state: ServerState, asked: Asked, host: string) {
  const doc = state.options.document(Number(asked.url.searchParams.get("v")));
  const browser = asked.url.searchParams.get("browser");
  const kept = state.options.kept?.();
  if (!doc || !browser || !kept) return asked.send(404, "text/plain", "not kept");
  readBody(asked, host, MAX_KEPT, (html) => {
    let written = false;
    try {
      written = kept.write(doc, browser, `http://${host}`, html);
    } catch {
      // keeping pages is a saving of time only: the preview goes on without it
    }
    if (written) asked.send(204, "text/plain", "");
    else asked.send(422, "text/plain", "not kept");
  });
}

/** A POST's body, from the preview's own pages only, up to `limit` characters. */
function readBody({ req, send }: Asked, host: string, limit: number, then: (body: string) => void) {
  if (req.headers.origin && req.headers.origin !== `http://${host}`)
    return send(403, "text/plain", "not from the preview");
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => {
    body += chunk;
    if (body.length > limit) req.destroy();
  });
  req.on("end", () => then(body));
}

/** The files that do not change while the server runs: the shell, its scripts, Paged.js, the fonts. */
function serveFixed({ url, path: p, send }: Asked): boolean {
  if (p === "/favicon.ico") send(204, "image/x-icon", "");
  else if (p === "/" || p === "/index.html") sendHtml(send, fs.readFileSync(path.join(CLIENT, "shell.html"), "utf8"));
  else {
    // cached by the browser, which then also keeps Paged.js compiled; each run of the server has URLs of its own
    const cached = { "cache-control": "private, max-age=86400, immutable" };
    const ofRun = url.searchParams.has("run") ? cached : {};
    const client = /^\/_dev\/(shell\.js|frame\.js|screen\.css|shell\.css)$/.exec(p);
    const font = fontFile(p);
    if (client) send(200, TYPES[path.extname(client[1])], fs.readFileSync(path.join(CLIENT, client[1])), ofRun);
    else if (p === "/_pagedjs/paged.polyfill.js") send(200, TYPES[".js"], pagedPolyfill(), ofRun);
    else if (p === "/_booklet/page-handlers.js") send(200, TYPES[".js"], fs.readFileSync(PAGE_HANDLERS), ofRun);
    else if (p === "/_booklet/join.js") send(200, TYPES[".js"], JOIN_SCRIPT, ofRun);
    else if (font && fs.existsSync(font)) send(200, typeOf(font), fs.readFileSync(font), cached);
    else return false;
  }
  return true;
}

/**
 * A version of the document under /v<version>/: the page, its stylesheets, the content's files; with
 * ?kept=<browser>, the pages that browser laid out for it before, if they are kept.
 */
function serveVersion(state: ServerState, { req, url, path: p, send }: Asked): boolean {
  const m = /^\/v(\d+)(\/.*)$/.exec(p);
  if (!m) return false;
  const doc = state.options.document(Number(m[1]));
  const rest = m[2];
  const page = rest === "/" || rest === "/index.html";
  const browser = url.searchParams.get("kept");
  if (!doc) send(410, "text/plain", "this version is gone: the page loads the current one");
  else if (page && browser !== null) {
    const kept = readKept(state, doc, browser, `http://${req.headers.host}`);
    // another version's pages: the page lays that chapter out in them before it shows them
    const chapter: Record<string, string> = kept?.chapter
      ? { "x-booklet-kept-chapter": encodeURIComponent(kept.chapter) }
      : {};
    if (kept) sendHtml(send, withKeptScripts(kept.html, state.run), chapter);
    else send(404, "text/plain", "no pages kept for this version and browser");
  } else if (page) sendHtml(send, withPreviewScripts(doc.html, state.run));
  else {
    const style = doc.styles.get(rest);
    const file = style === undefined ? contentFile(rest, state.contentDir) : undefined;
    if (style !== undefined) send(200, TYPES[".css"], style);
    else if (file) send(200, file.type, file.bytes);
    else return false;
  }
  return true;
}

/** The pages kept for that version and browser; undefined when there are none, or they cannot be read. */
function readKept(state: ServerState, doc: DevDocument, browser: string, origin: string): Kept | undefined {
  try {
    return state.options.kept?.()?.read(doc, browser, origin);
  } catch {
    return undefined;
  }
}

const sendHtml = (send: Asked["send"], body: string, headers: Record<string, string> = {}) =>
  send(200, TYPES[".html"], body, { "content-security-policy": CSP, ...headers });

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "EADDRINUSE"
          ? new BookletError(
              "Usage",
              `Port ${port} on 127.0.0.1 is in use (another booklet dev?); choose another with --port.`,
              { cause: e },
            )
          : new BookletError("Internal", `The preview server could not start: ${e.message}`, { cause: e }),
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/** The document as the build paginates it, plus what the preview needs, before its stylesheets. */
function withPreviewScripts(html: string, run: string): string {
  return inHead(html, [
    `<script src="/_dev/frame.js?run=${run}"></script>`,
    `<script src="/_pagedjs/paged.polyfill.js?run=${run}"></script>`,
    `<script src="/_booklet/page-handlers.js?run=${run}"></script>`,
    `<script src="/_booklet/join.js?run=${run}"></script>`,
    // media=screen: Paged.js leaves it out of the pages; it only lays the pages out on a grey desk
    `<link rel="stylesheet" media="screen" href="/_dev/screen.css?run=${run}">`,
  ]);
}

/**
 * Pages kept as laid out (their scripts left out, the desk's stylesheet kept): the frame's script and the
 * join's, for the shell to find the frame and to put a chapter's new pages in later; no Paged.js.
 */
function withKeptScripts(html: string, run: string): string {
  return inHead(html, [
    `<script src="/_dev/frame.js?run=${run}"></script>`,
    `<script src="/_booklet/join.js?run=${run}"></script>`,
  ]);
}

function inHead(html: string, elements: string[]): string {
  const head = elements.join("");
  const m = /<head[^>]*>/i.exec(html);
  return m ? html.slice(0, m.index + m[0].length) + head + html.slice(m.index + m[0].length) : head + html;
}
