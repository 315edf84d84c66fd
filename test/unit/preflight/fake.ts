// Hand-made inspected PDFs for the checks' unit tests: only what a test sets differs from a good A5 page.

import type { FontUse, ImageUse, InspectedPage, InspectedPdf, Link, TextItem } from "../../../src/preflight/inspect.ts";
import type { SizedBox as Box } from "../../../src/shared/geometry.ts";

export const A5 = { width: 419.528, height: 595.276 };

export function box(x0: number, y0: number, x1: number, y1: number): Box {
  return { x0, y0, x1, y1, width: x1 - x0, height: y1 - y0 };
}

export function item(text: string, x: number, y: number, size = 9.5, font?: string): TextItem {
  return { text, x, y, width: text.length * size * 0.5, size, font, eol: false };
}

export const serif: FontUse = {
  name: "SourceSerif4-Regular",
  baseFont: "AAAAAA+SourceSerif4-Regular",
  subtype: "Type0",
  embedded: true,
};

export function page(number: number, over: Partial<InspectedPage> = {}): InspectedPage {
  const items = over.items ?? [];
  return {
    number,
    mediaBox: box(0, 0, A5.width, A5.height),
    trimBox: box(0, 0, A5.width, A5.height),
    bleedBox: box(0, 0, A5.width, A5.height),
    text: items.map((i) => i.text).join("\n"),
    items,
    flow: null,
    links: [] as Link[],
    fonts: [serif],
    images: [] as ImageUse[],
    transparency: [],
    ...over,
  };
}

export function pdf(pages: InspectedPage[], over: Partial<InspectedPdf> = {}): InspectedPdf {
  return { pageCount: pages.length, pages, outline: [], info: {}, tagged: true, destinations: {}, ...over };
}

/** A folio at the foot of a page, as the booklet prints it. */
export function folio(n: number | string): TextItem {
  return item(String(n), 372, 25, 7.5);
}

export const context = { fontFamilies: ["Source Serif 4", "Source Sans 3"] };
