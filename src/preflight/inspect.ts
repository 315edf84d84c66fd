// Reads a PDF back into a plain structure that the checks and the tests read: pages, text, links, fonts,
// images, transparency, outline and metadata. pdf.js reads what is drawn (pdfjs.ts); pdf-lib the dictionaries.
import {
  PDFArray,
  PDFBool,
  PDFDict,
  type PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFRef,
  PDFStream,
  PDFString,
} from "pdf-lib";
import { loadPdf, nameOf, numberOf, pageTransparency, textOf } from "../pdf/index.ts";
import type { SizedBox } from "../shared/index.ts";
import { type FlowRun, type ImageUse, readDrawing, type TextItem } from "./pdfjs.ts";

export type { FlowRun, ImageUse, TextItem };

export interface Link {
  rect: SizedBox;
  /** the named destination ("note-…", "ch-01-road"), when the link uses one */
  dest?: string;
  url?: string;
  /** the 1-based page the link leads to; null when it leads nowhere in this file */
  page: number | null;
}

export interface FontUse {
  /** the base font name without its subset tag */
  name: string;
  /** as written in the file, with the subset tag ("AAAAAA+SourceSerif4-Regular") */
  baseFont: string;
  /** Type0, TrueType, Type1, Type3, MMType1, CIDFontType0/2 (a Type0 font's descendant) */
  subtype: string;
  embedded: boolean;
}

export interface InspectedPage {
  /** 1-based */
  number: number;
  mediaBox: SizedBox;
  cropBox?: SizedBox;
  trimBox?: SizedBox;
  bleedBox?: SizedBox;
  /** the page's text in drawing order, a newline where pdf.js ends a line */
  text: string;
  items: TextItem[];
  /**
   * The text in reading order without artifacts (running heads, folios, note calls, generated text) and
   * labels (list and note numbers): null when the page has no structure tree (an untagged PDF).
   */
  flow: FlowRun[] | null;
  links: Link[];
  fonts: FontUse[];
  images: ImageUse[];
  /** why the page uses transparency (empty when it does not) */
  transparency: string[];
}

export interface OutlineEntry {
  title: string;
  /** 1-based page, null when the entry leads nowhere */
  page: number | null;
  /** 1 for a top-level bookmark */
  level: number;
}

export interface InspectedPdf {
  pageCount: number;
  pages: InspectedPage[];
  /** every bookmark, depth first, with its level */
  outline: OutlineEntry[];
  info: { title?: string; author?: string; subject?: string; keywords?: string; creator?: string; producer?: string };
  /** the catalog's /Lang */
  lang?: string;
  /** /MarkInfo /Marked true and a /StructTreeRoot */
  tagged: boolean;
  /** every named destination (Chromium writes one per element id a link points to) and its 1-based page */
  destinations: Record<string, number | null>;
}

export interface InspectOptions {
  /**
   * Read a page's drawing operators so that each of its text items names its font: on every page (true),
   * or on the pages whose fonts the function picks (a fallback font: which characters it drew). They are
   * always read on pages that hold images (their placed size needs them); elsewhere they cost a second
   * pass over the fonts, about as long as reading the text.
   */
  fontsOfItems?: boolean | ((fonts: FontUse[]) => boolean);
}

/** Reads a PDF; throws when the bytes are not a PDF either library can read. */
export async function inspectPdf(bytes: Uint8Array, options: InspectOptions = {}): Promise<InspectedPdf> {
  // pdf.js reads every page's text in its thread while pdf-lib reads the dictionaries here: the pages whose
  // drawing operators are needed are known only then, and are read again with them (few or none)
  const reading = readDrawing(bytes, []);
  // awaited below, once pdf-lib has read the file; a file pdf-lib refuses is the error reported
  reading.catch(() => undefined);
  const lib = await loadPdf(bytes, { ignoreEncryption: true, throwOnInvalidObject: false });
  const libPages = lib.getPages();
  const pageNumbers = new Map<string, number>(libPages.map((p, i) => [p.ref.toString(), i + 1]));
  const dests = destinationResolver(lib, pageNumbers);
  const pages = libPages.map((p, i) => dictionariesOf(p, i + 1, dests));
  // the drawing operators: where there are images to place, and where the caller wants each item's font
  const wanted = (fonts: FontUse[]) =>
    typeof options.fontsOfItems === "function" ? options.fontsOfItems(fonts) : Boolean(options.fontsOfItems);
  const operatorPages = pages.filter((p) => p.hasImages || wanted(p.fonts)).map((p) => p.number);
  const drawn = await reading;
  if (drawn.length !== pages.length) throw new Error(`pdf.js read ${drawn.length} pages, pdf-lib ${pages.length}`);
  if (operatorPages.length > 0) {
    const again = await readDrawing(bytes, operatorPages, { only: true });
    for (const n of operatorPages) drawn[n - 1] = again[n - 1];
  }
  return {
    pageCount: pages.length,
    pages: pages.map(({ hasImages: _, ...page }, i) => ({
      ...page,
      items: drawn[i].items,
      flow: drawn[i].flow,
      text: drawn[i].items.map((t) => t.text + (t.eol ? "\n" : "")).join(""),
      images: drawn[i].images,
    })),
    outline: readOutline(lib, dests),
    info: {
      title: lib.getTitle(),
      author: lib.getAuthor(),
      subject: lib.getSubject(),
      keywords: lib.getKeywords(),
      creator: lib.getCreator(),
      producer: lib.getProducer(),
    },
    lang: textOf(lib.catalog.lookup(PDFName.of("Lang"))),
    tagged: isTagged(lib),
    destinations: Object.fromEntries(dests.names().map((n) => [n, dests.page(PDFString.of(n))])),
  };
}

// ------------------------------------------------------------------------------------------------ pages

interface Destinations {
  /** the 1-based page a destination (a name, a string, an explicit array, a dict with /D) leads to */
  page(dest: PDFObject | undefined): number | null;
  names(): string[];
}

/**
 * Named destinations live in the catalog's /Dests dictionary (PDF 1.1) or in its /Names /Dests name tree;
 * Chromium writes the name tree, one entry per element id that a link points to.
 */
function destinationResolver(lib: PDFDocument, pageNumbers: Map<string, number>): Destinations {
  const named = new Map<string, PDFObject>();
  const oldStyle = lib.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [k, v] of oldStyle?.entries() ?? []) named.set(k.decodeText(), v);
  const walk = (node: PDFDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const names = node.lookupMaybe(PDFName.of("Names"), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = textOf(names.lookup(i));
      if (key !== undefined) named.set(key, names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of("Kids"), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(lib.catalog.lookupMaybe(PDFName.of("Names"), PDFDict)?.lookupMaybe(PDFName.of("Dests"), PDFDict), 0);

  const page = (dest: PDFObject | undefined, depth = 0): number | null => {
    if (!dest || depth > 4) return null;
    const resolved = dest instanceof PDFRef ? lib.context.lookup(dest) : dest;
    if (resolved instanceof PDFName || resolved instanceof PDFString || resolved instanceof PDFHexString) {
      const target = named.get(resolved.decodeText());
      return target ? page(target, depth + 1) : null;
    }
    if (resolved instanceof PDFDict) return page(resolved.get(PDFName.of("D")), depth + 1);
    if (resolved instanceof PDFArray && resolved.size() > 0) {
      const first = resolved.get(0);
      if (first instanceof PDFRef) return pageNumbers.get(first.toString()) ?? null;
      // a remote go-to names its page by number, 0-based
      if (first instanceof PDFNumber) return first.asNumber() + 1;
    }
    return null;
  };
  return { page: (d) => page(d), names: () => [...named.keys()] };
}

/** What pdf-lib reads of a page: boxes, links, fonts, transparency, whether it holds images. */
function dictionariesOf(
  libPage: PDFPage,
  number: number,
  dests: Destinations,
): Omit<InspectedPage, "text" | "items" | "images" | "flow"> & { hasImages: boolean } {
  const node = libPage.node;
  const resources = node.Resources();
  const boxOf = (key: string) => {
    const arr = node.lookupMaybe(PDFName.of(key), PDFArray);
    return arr
      ? box(arr.asArray().map((o) => numberOf(o instanceof PDFRef ? node.context.lookup(o) : o) ?? 0))
      : undefined;
  };
  const mediaBox = libPage.getMediaBox();
  return {
    number,
    mediaBox: box([mediaBox.x, mediaBox.y, mediaBox.x + mediaBox.width, mediaBox.y + mediaBox.height]),
    cropBox: boxOf("CropBox"),
    trimBox: boxOf("TrimBox"),
    bleedBox: boxOf("BleedBox"),
    links: readLinks(node, dests),
    fonts: resources ? collectFonts(resources) : [],
    transparency: pageTransparency(libPage),
    hasImages: resources !== undefined && hasImages(resources),
  };
}

/** The page's link annotations, with where each leads: a /Dest, or a GoTo or URI action. */
function readLinks(node: PDFPage["node"], dests: Destinations): Link[] {
  const annots = node.lookupMaybe(PDFName.of("Annots"), PDFArray);
  const out: Link[] = [];
  for (let i = 0; annots && i < annots.size(); i++) {
    const a = annots.lookupMaybe(i, PDFDict);
    if (!a || nameOf(a.get(PDFName.of("Subtype"))) !== "Link") continue;
    const rect = a.lookupMaybe(PDFName.of("Rect"), PDFArray);
    if (!rect) continue;
    let dest: PDFObject | undefined = a.get(PDFName.of("Dest"));
    let url: string | undefined;
    const action = a.lookupMaybe(PDFName.of("A"), PDFDict);
    if (!dest && action) {
      const kind = nameOf(action.get(PDFName.of("S")));
      if (kind === "GoTo") dest = action.get(PDFName.of("D"));
      if (kind === "URI") url = textOf(action.lookup(PDFName.of("URI")));
    }
    const resolvedDest = dest instanceof PDFRef ? node.context.lookup(dest) : dest;
    const name =
      resolvedDest instanceof PDFName || resolvedDest instanceof PDFString || resolvedDest instanceof PDFHexString
        ? resolvedDest.decodeText()
        : undefined;
    out.push({
      rect: box(rect.asArray().map((o) => numberOf(o) ?? 0)),
      dest: name,
      url,
      page: dest ? dests.page(dest) : null,
    });
  }
  return out;
}

/** Whether any image XObject is reachable from these resources (also through form XObjects). */
function hasImages(resources: PDFDict, depth = 0): boolean {
  if (depth > 8) return false;
  const xobjects = resources.lookupMaybe(PDFName.of("XObject"), PDFDict);
  for (const [, ref] of xobjects?.entries() ?? []) {
    const x = resources.context.lookup(ref);
    if (!(x instanceof PDFStream)) continue;
    const sub = nameOf(x.dict.get(PDFName.of("Subtype")));
    if (sub === "Image") return true;
    const inner = sub === "Form" ? x.dict.lookupMaybe(PDFName.of("Resources"), PDFDict) : undefined;
    if (inner && inner !== resources && hasImages(inner, depth + 1)) return true;
  }
  return false;
}

function box(r: number[]): SizedBox {
  const x0 = Math.min(r[0], r[2]);
  const x1 = Math.max(r[0], r[2]);
  const y0 = Math.min(r[1], r[3]);
  const y1 = Math.max(r[1], r[3]);
  return { x0, y0, x1, y1, width: x1 - x0, height: y1 - y0 };
}

/** "ABCDEF+SourceSerif4-Regular" → "SourceSerif4-Regular" */
export function stripSubset(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, "");
}

// ------------------------------------------------------------------------------------------------ fonts

/** Every font a page's resources hold, also inside its form XObjects and Type 3 glyph procedures. */
function collectFonts(resources: PDFDict): FontUse[] {
  const out = new Map<string, FontUse>();
  const seen = new Set<PDFDict>();
  const visit = (res: PDFDict | undefined) => {
    if (!res || seen.has(res)) return;
    seen.add(res);
    const fonts = res.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = res.context.lookup(ref);
      if (!(font instanceof PDFDict)) continue;
      const use = describeFont(font);
      out.set(`${use.baseFont}/${use.subtype}/${use.embedded}`, use);
      if (use.subtype === "Type3") visit(font.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
    const xobjects = res.lookupMaybe(PDFName.of("XObject"), PDFDict);
    for (const [, ref] of xobjects?.entries() ?? []) {
      const x = res.context.lookup(ref);
      if (x instanceof PDFStream && nameOf(x.dict.get(PDFName.of("Subtype"))) === "Form")
        visit(x.dict.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
  };
  visit(resources);
  return [...out.values()];
}

function describeFont(font: PDFDict): FontUse {
  const subtype = nameOf(font.get(PDFName.of("Subtype"))) ?? "unknown";
  const baseFont = nameOf(font.get(PDFName.of("BaseFont"))) ?? nameOf(font.get(PDFName.of("Name"))) ?? "(unnamed)";
  let descriptorHolder: PDFDict = font;
  let reported = subtype;
  if (subtype === "Type0") {
    const descendant = font.lookupMaybe(PDFName.of("DescendantFonts"), PDFArray)?.lookup(0);
    if (descendant instanceof PDFDict) {
      descriptorHolder = descendant;
      // a Type0 font is as embedded as its one descendant; report the descendant's kind when it is Type 3-like
      reported = "Type0";
    }
  }
  const descriptor = descriptorHolder.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
  // Type 3 glyphs are content streams inside the file: "embedded", but printers reject them (a separate check)
  const embedded =
    subtype === "Type3" ||
    Boolean(descriptor && ["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.has(PDFName.of(k))));
  return { name: stripSubset(baseFont), baseFont, subtype: reported, embedded };
}

// ------------------------------------------------------------------------------------------------ document

/** The bookmarks, depth first: /Outlines /First, each entry's /First (children) and /Next (sibling). */
function readOutline(lib: PDFDocument, dests: Destinations): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const seen = new Set<PDFDict>();
  const walk = (first: PDFDict | undefined, level: number) => {
    for (
      let item = first;
      item && !seen.has(item) && out.length < 10_000;
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict)
    ) {
      seen.add(item);
      let dest = item.get(PDFName.of("Dest"));
      const action = item.lookupMaybe(PDFName.of("A"), PDFDict);
      if (!dest && action && nameOf(action.get(PDFName.of("S"))) === "GoTo") dest = action.get(PDFName.of("D"));
      out.push({ title: textOf(item.lookup(PDFName.of("Title"))) ?? "", page: dests.page(dest), level });
      walk(item.lookupMaybe(PDFName.of("First"), PDFDict), level + 1);
    }
  };
  walk(lib.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict), 1);
  return out;
}

function isTagged(lib: PDFDocument): boolean {
  const markInfo = lib.catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
  const marked = markInfo?.lookup(PDFName.of("Marked"));
  return marked instanceof PDFBool && marked.asBoolean() && lib.catalog.has(PDFName.of("StructTreeRoot"));
}

// ------------------------------------------------------------------------------------------------ queries

/**
 * The text items that lie inside a rectangle (grown by `slack` pt on every side): their baseline from start
 * to end, so that the text that follows a footnote call on its line is not taken for part of the call.
 */
export function itemsIn(page: InspectedPage, rect: SizedBox, slack = 1): TextItem[] {
  return page.items.filter(
    (i) =>
      i.text.trim() !== "" &&
      i.x >= rect.x0 - slack &&
      i.x + i.width <= rect.x1 + slack &&
      i.y >= rect.y0 - slack &&
      i.y <= rect.y1 + slack,
  );
}

/** The page's text as lines: items grouped by baseline (within `tolerance` pt), top to bottom, left to right. */
export function linesOf(page: InspectedPage, tolerance = 2): { y: number; text: string; items: TextItem[] }[] {
  const sorted = page.items.filter((i) => i.text !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; items: TextItem[] }[] = [];
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.y - item.y) <= tolerance);
    if (line) line.items.push(item);
    else lines.push({ y: item.y, items: [item] });
  }
  return lines.map((l) => {
    const items = l.items.sort((a, b) => a.x - b.x);
    return {
      y: l.y,
      items,
      text: items
        .map((i) => i.text)
        .join("")
        .replace(/\s+/g, " ")
        .trim(),
    };
  });
}
