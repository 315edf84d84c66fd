// pdf.js (legacy build, Node 20) in one worker thread per process, started on first use and kept while idle.
// Why a thread: booklet runs through tsx, whose loader is several times slower than plain Node at loading
// pdf.js's two 2 MB modules; the thread runs without tsx, and reads the text while pdf-lib reads the
// dictionaries in this one. pdf.js is loaded once, in that thread only.

import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { packagePath } from "../paths.ts";

export interface TextItem {
  text: string;
  /** the baseline's start, in pt from the bottom left */
  x: number;
  y: number;
  width: number;
  /** the font size in pt (the text matrix's vertical scale) */
  size: number;
  /** the base font name without its subset tag ("SourceSerif4-Regular"), when known */
  font?: string;
  /** pdf.js marks the last item of a line */
  eol: boolean;
}

/** A run of the page's text in reading order (the tagged structure tree's), with where it lies. */
export interface FlowRun {
  text: string;
  /** in the page's notes area */
  note: boolean;
  /** the role of the structure element of the block it is in: "H1" … "H6", "P", "LI", "TD" */
  block?: string;
}

export interface ImageUse {
  /** the resource or pdf.js object name */
  name: string;
  pixelWidth: number;
  pixelHeight: number;
  /** the size it is drawn at, in pt */
  placedWidth: number;
  placedHeight: number;
  /** pixels per inch at the placed size, in each direction */
  dpiX: number;
  dpiY: number;
}

export interface DrawnPage {
  items: TextItem[];
  /** the page's text in the structure tree's order, null when the PDF is not tagged */
  flow: FlowRun[] | null;
  images: ImageUse[];
}

interface Reply {
  id?: number;
  ready?: boolean;
  pages?: DrawnPage[];
  error?: string;
}

let reader:
  | { worker: Worker; pending: Map<number, { resolve(p: DrawnPage[]): void; reject(e: Error): void }> }
  | undefined;
let nextId = 1;

function start() {
  const worker = new Worker(pathToFileURL(packagePath("src", "preflight", "pdfjs-reader.mjs")), { execArgv: [] });
  const pending = new Map<number, { resolve(p: DrawnPage[]): void; reject(e: Error): void }>();
  const current = { worker, pending };
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    if (reader === current) reader = undefined;
  };
  worker.on("message", (m: Reply) => {
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    // an idle thread does not keep the process alive
    if (pending.size === 0) worker.unref();
    if (!p) return;
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.pages ?? []);
  });
  worker.on("error", (e) => fail(e));
  worker.on("exit", (code) => fail(new Error(`the pdf.js thread stopped (exit code ${code})`)));
  worker.unref();
  return current;
}

/** Starts the thread now, so that pdf.js loads while the caller does other work. */
export function warmUp(): void {
  reader ??= start();
}

/**
 * What each page draws: its text items (with their fonts on the pages in `operatorPages`, whose drawing
 * operators are read) and its placed images (found only on those pages). With `only`, just the pages in
 * `operatorPages` are read, and the others come back empty.
 */
export function readDrawing(
  bytes: Uint8Array,
  operatorPages: number[],
  options: { only?: boolean } = {},
): Promise<DrawnPage[]> {
  reader ??= start();
  const { worker, pending } = reader;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    // a copy of its own, which the thread takes over: a Buffer's slice() is a view of the same memory (often
    // Node's shared pool), and handing that over would empty the caller's bytes while it still reads them
    const copy = new Uint8Array(bytes);
    worker.postMessage({ id, bytes: copy, operatorPages, only: options.only === true }, [copy.buffer]);
  });
}
