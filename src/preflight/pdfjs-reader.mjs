// Reads what a PDF draws with pdf.js, in a worker thread: each page's text items and its images' placement.
// Plain JavaScript on purpose: the thread runs without tsx, so that pdf.js loads as Node loads it rather than
// through tsx's much slower loader; see pdfjs.ts, which starts this thread.

import { createRequire } from "node:module";
import path from "node:path";
import { parentPort } from "node:worker_threads";

// The legacy build's core-js replaces Array.prototype.push on V8 before 12.2 (Node 20), for a bug that only
// array-likes of length 2^32 and over meet; its push, written in JavaScript, was the reader's hottest function.
// pdf.js never pushes onto such an object: the engine's own push is put back once pdf.js has loaded.
const enginePush = Object.getOwnPropertyDescriptor(Array.prototype, "push");

// pdf.js runs its own "worker" in this thread when it is handed the worker module: one copy of each half,
// both from the legacy build (Node 20)
globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
Object.defineProperty(Array.prototype, "push", enginePush);
const { OPS } = pdfjs;
const require = createRequire(import.meta.url);
const standardFontDataUrl =
  path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;

parentPort.on("message", async (request) => {
  try {
    const only = request.only ? new Set(request.operatorPages) : undefined;
    const pages = await read(request.bytes, new Set(request.operatorPages), only);
    parentPort.postMessage({ id: request.id, pages });
  } catch (e) {
    parentPort.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });

/** Each page's drawing; with `only`, just those pages' (the others are empty). */
async function read(bytes, operatorPages, only) {
  const doc = await pdfjs.getDocument({
    data: bytes,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl,
  }).promise;
  try {
    // every page at once: pdf.js answers each request through its message queue
    return await Promise.all(
      Array.from({ length: doc.numPages }, async (_, i) => {
        if (only && !only.has(i + 1)) return { items: [], flow: null, images: [] };
        const page = await doc.getPage(i + 1);
        try {
          return await readPage(page, operatorPages.has(i + 1));
        } finally {
          page.cleanup();
        }
      }),
    );
  } finally {
    await doc.destroy();
  }
}

async function readPage(page, withOperators) {
  const [content, tree, ops] = await Promise.all([
    page.getTextContent({ includeMarkedContent: true }),
    page.getStructTree(),
    withOperators ? page.getOperatorList() : undefined,
  ]);
  // a text item names its font by pdf.js's internal name; the font object, with the font's real name,
  // reaches this side only when the operators were read
  const fontName = (loaded) => {
    if (!ops) return undefined;
    try {
      const name = page.commonObjs.get(loaded)?.name;
      return name ? name.replace(/^[A-Z]{6}\+/, "") : undefined;
    } catch {
      return undefined;
    }
  };
  const items = [];
  for (const raw of content.items) {
    if (!("str" in raw)) continue;
    const t = raw.transform;
    items.push({
      text: raw.str,
      x: t[4],
      y: t[5],
      width: raw.width,
      size: Math.hypot(t[2], t[3]),
      font: fontName(raw.fontName),
      eol: raw.hasEOL,
    });
  }
  return { items, flow: tree ? readingFlow(content.items, tree) : null, images: ops ? placedImages(page, ops) : [] };
}

/** Structure roles inside a block: a run in one of them belongs to the block around it. */
const INLINE_ROLES = new Set(["Span", "Link", "Note", "Reference", "Quote", "Code", "Lbl", "NonStruct", "Annot"]);

/** The marker of the notes area (page-handlers.js, MarkNoteAreas): a private-use subtag of its /Lang. */
const NOTES_LANG = /-x-fn$/i;

/**
 * The page's text as the tagged structure tree orders it, the document's own order whatever the drawing
 * order: each run says whether it lies in the notes area. What the tree does not hold is left out: artifacts
 * (running heads, folios, note calls, anything aria-hidden, generated text such as contents page numbers)
 * and labels (list and note numbers, /Lbl), none of which is text of the HTML document.
 */
function readingFlow(rawItems, tree) {
  // the text of each marked-content sequence; a nested sequence without an id belongs to the one around it
  const byId = new Map();
  const order = [];
  const stack = [];
  for (const raw of rawItems) {
    if (raw.type === "beginMarkedContent" || raw.type === "beginMarkedContentProps") stack.push(raw.id ?? null);
    else if (raw.type === "endMarkedContent") stack.pop();
    else if ("str" in raw) {
      const id = stack.findLast((x) => x);
      if (!id) continue;
      if (!byId.has(id)) {
        byId.set(id, []);
        order.push(id);
      }
      byId.get(id).push(raw.str + (raw.hasEOL ? "\n" : ""));
    }
  }
  const flow = [];
  const placed = new Set();
  // each run also names the structure element of the block it is in (H2, P, LI, TD …), not an inline one
  const walk = (node, note, label, block) => {
    if (node.type === "content") {
      placed.add(node.id);
      if (!label && byId.has(node.id)) flow.push({ text: byId.get(node.id).join(""), note, block });
      // an image holds no text, but it is a block of the page's flow all the same (a heading's next block)
      else if (block === "Figure") flow.push({ text: "", note, block });
      return;
    }
    const inNote = note || NOTES_LANG.test(node.lang ?? "");
    const inBlock = node.role && !INLINE_ROLES.has(node.role) ? node.role : block;
    for (const child of node.children ?? []) walk(child, inNote, label || node.role === "Lbl", inBlock);
  };
  walk(tree, false, false, undefined);
  // marked content the tree does not reach (none in Chromium's files, but a PDF may have it): in drawing order
  for (const id of order) if (!placed.has(id)) flow.push({ text: byId.get(id).join(""), note: false });
  return flow;
}

// [x y 1] · m · n: m applied first
function multiply(m, n) {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** Walks the operators with a CTM stack: an image is drawn into the unit square of the CTM. */
function placedImages(page, ops) {
  const IDENTITY = [1, 0, 0, 1, 0, 0];
  const out = [];
  const stack = [];
  let ctm = IDENTITY;
  const place = (name, w, h, m) => {
    const placedWidth = Math.hypot(m[0], m[1]);
    const placedHeight = Math.hypot(m[2], m[3]);
    out.push({
      name,
      pixelWidth: w,
      pixelHeight: h,
      placedWidth,
      placedHeight,
      dpiX: placedWidth > 0 ? (w * 72) / placedWidth : Infinity,
      dpiY: placedHeight > 0 ? (h * 72) / placedHeight : Infinity,
    });
  };
  const sizeOf = (objId) => {
    try {
      const img = (objId.startsWith("g_") ? page.commonObjs : page.objs).get(objId);
      return img?.width && img.height ? img : undefined;
    } catch {
      return undefined;
    }
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const args = ops.argsArray[i] ?? [];
    switch (ops.fnArray[i]) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.transform:
        ctm = multiply(args, ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(args[0], ctm);
        break;
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.paintImageXObject:
        place(args[0], args[1], args[2], ctm);
        break;
      case OPS.paintInlineImageXObject:
        if (args[0]?.width && args[0].height) place("inline", args[0].width, args[0].height, ctm);
        break;
      case OPS.paintImageXObjectRepeat: {
        const [objId, scaleX, scaleY, positions] = args;
        const img = sizeOf(objId);
        for (let k = 0; img && k + 1 < (positions?.length ?? 0); k += 2)
          place(objId, img.width, img.height, multiply([scaleX, 0, 0, scaleY, positions[k], positions[k + 1]], ctm));
        break;
      }
      default:
        break;
    }
  }
  return out;
}
