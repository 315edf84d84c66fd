// Chromium names the structure elements that a table's cells point to (/ID, "node00000002", and each cell's
// /Headers) in an order that depends on how its renderer happened to run: on a busy machine two builds of
// the same booklet came out with the same tree but its header cells numbered otherwise, so not byte for
// byte the same. The names are given again here in the tree's own order, depth first, with every
// reference to them and the /IDTree that maps them.
import { PDFArray, PDFDict, type PDFDocument, PDFName, type PDFObject, PDFRef, PDFString } from "pdf-lib";
import { textOf } from "./objects.ts";

export function canonicalStructureIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (!root) return;
  const elements = structureElements(doc, root);
  const renamed = new Map<string, string>();
  for (const el of elements) {
    const id = textOf(el.get(PDFName.of("ID")));
    if (id === undefined || renamed.has(id)) continue;
    const name = `node${String(renamed.size + 1).padStart(8, "0")}`;
    renamed.set(id, name);
    el.set(PDFName.of("ID"), PDFString.of(name));
  }
  if (renamed.size === 0) return;
  for (const el of elements) renameHeaders(doc, el, renamed);
  // the name tree from /ID to element, flat and in the new order
  const names: PDFObject[] = [];
  for (const el of elements) {
    const id = textOf(el.get(PDFName.of("ID")));
    if (id !== undefined) names.push(PDFString.of(id), doc.context.getObjectRef(el) ?? el);
  }
  removeTree(doc, root.get(PDFName.of("IDTree")));
  root.set(PDFName.of("IDTree"), doc.context.register(doc.context.obj({ Names: names })));
}

/** Chromium's name tree, node by node: pdf-lib writes every object it holds, referred to or not. */
function removeTree(doc: PDFDocument, node: PDFObject | undefined): void {
  if (!(node instanceof PDFRef)) return;
  const dict = doc.context.lookup(node);
  const kids = dict instanceof PDFDict ? dict.lookup(PDFName.of("Kids")) : undefined;
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) removeTree(doc, kids.get(i));
  doc.context.delete(node);
}

/** Every structure element under the root, depth first, in the order of each element's /K. */
function structureElements(doc: PDFDocument, root: PDFDict): PDFDict[] {
  const out: PDFDict[] = [];
  const seen = new Set<PDFDict>();
  const visit = (obj: PDFObject | undefined) => {
    const value = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
    if (value instanceof PDFArray) for (let i = 0; i < value.size(); i++) visit(value.get(i));
    else if (value instanceof PDFDict && !seen.has(value) && value.get(PDFName.of("S"))) {
      seen.add(value);
      out.push(value);
      visit(value.get(PDFName.of("K")));
    }
  };
  visit(root.get(PDFName.of("K")));
  return out;
}

/** A cell's /Headers, in its attributes (/A, a dictionary or an array of them), by their new names. */
function renameHeaders(doc: PDFDocument, el: PDFDict, renamed: Map<string, string>): void {
  const attrs = el.lookup(PDFName.of("A"));
  const dicts =
    attrs instanceof PDFArray ? attrs.asArray().map((a) => (a instanceof PDFRef ? doc.context.lookup(a) : a)) : [attrs];
  for (const dict of dicts) {
    if (!(dict instanceof PDFDict)) continue;
    const headers = dict.lookup(PDFName.of("Headers"));
    if (!(headers instanceof PDFArray)) continue;
    for (let i = 0; i < headers.size(); i++) {
      const name = renamed.get(textOf(headers.get(i)) ?? "");
      if (name) headers.set(i, PDFString.of(name));
    }
  }
}
