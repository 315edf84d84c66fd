// Reading pdf-lib's objects: plain values out of PDF objects, and the one walk that finds transparency on a
// page. The stage that reads PDFs back (src/preflight) uses them too, through this stage's index.
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFStream,
  PDFString,
} from "pdf-lib";

/** A name's text without its slash ("Transparency"), or undefined for any other object. */
export function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}

export function numberOf(o: PDFObject | undefined): number | undefined {
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

/** A text string's text (literal or hex), or undefined for any other object. */
export function textOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
}

const isTransparencyGroup = (dict: PDFDict) =>
  nameOf(dict.lookupMaybe(PDFName.of("Group"), PDFDict)?.get(PDFName.of("S"))) === "Transparency";

/**
 * Every use of transparency on a page (ISO 32000-1, 11), each said once: a transparency group, a constant
 * alpha below 1, a blend mode other than Normal, a soft mask in a graphics state or on an image, in the page's
 * resources and in those of the forms and patterns it draws. PDF/X-1a:2001 is PDF 1.3, which has none of
 * these; Ghostscript would flatten such a page into one bitmap.
 */
export function pageTransparency(page: PDFPage): string[] {
  const found = new Set<string>();
  const seen = new Set<PDFObject>();
  const visit = (res: PDFDict | undefined) => {
    if (!res || seen.has(res)) return;
    seen.add(res);
    graphicsStates(res, found);
    for (const [name, x] of xobjects(res)) {
      if (seen.has(x)) continue;
      seen.add(x);
      const subtype = nameOf(x.dict.get(PDFName.of("Subtype")));
      if (subtype === "Image" && imageHasAlpha(x)) found.add(`an image with an alpha channel (${name})`);
      if (subtype !== "Form") continue;
      if (isTransparencyGroup(x.dict)) found.add(`a transparency group (form ${name})`);
      visit(x.dict.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
    for (const [, ref] of res.lookupMaybe(PDFName.of("Pattern"), PDFDict)?.entries() ?? []) {
      const p = res.context.lookup(ref);
      const dict = p instanceof PDFStream ? p.dict : p instanceof PDFDict ? p : undefined;
      visit(dict?.lookupMaybe(PDFName.of("Resources"), PDFDict));
    }
  };
  if (isTransparencyGroup(page.node)) found.add("a transparency group (the page)");
  visit(page.node.Resources());
  return [...found];
}

/** Opacity, blend modes and soft masks set by the resources' graphics states (ExtGState). */
function graphicsStates(res: PDFDict, found: Set<string>): void {
  for (const [key, ref] of res.lookupMaybe(PDFName.of("ExtGState"), PDFDict)?.entries() ?? []) {
    const gs = res.context.lookup(ref);
    if (!(gs instanceof PDFDict)) continue;
    const where = `(graphics state ${key.decodeText()})`;
    for (const k of ["CA", "ca"]) {
      const v = numberOf(gs.lookup(PDFName.of(k)));
      if (v !== undefined && v < 1) found.add(`opacity ${v} ${where}`);
    }
    const bm = gs.lookup(PDFName.of("BM"));
    const modes = (bm instanceof PDFArray ? bm.asArray() : bm ? [bm] : []).map((m) => m.toString());
    if (modes.length && !modes.some((m) => m === "/Normal" || m === "/Compatible"))
      found.add(`blend mode ${modes.join(" ")} ${where}`);
    const mask = gs.lookup(PDFName.of("SMask"));
    if (mask && nameOf(mask) !== "None") found.add(`a soft mask ${where}`);
  }
}

function xobjects(res: PDFDict): [string, PDFStream][] {
  const out: [string, PDFStream][] = [];
  for (const [key, ref] of res.lookupMaybe(PDFName.of("XObject"), PDFDict)?.entries() ?? []) {
    const x = res.context.lookup(ref);
    if (x instanceof PDFStream) out.push([key.decodeText(), x]);
  }
  return out;
}

function imageHasAlpha(image: PDFStream): boolean {
  const inData = numberOf(image.dict.lookup(PDFName.of("SMaskInData")));
  return image.dict.has(PDFName.of("SMask")) || (inData !== undefined && inData !== 0);
}
