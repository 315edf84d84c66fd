// Reading the booklet's page furniture back from the PDF: the contents page and its entries, folios, headings.
import { type InspectedPage, type InspectedPdf, itemsIn, type Link, linesOf, type TextItem } from "./inspect.ts";
import { skeleton } from "./text.ts";

export interface ContentsEntry {
  /** the contents page the entry is printed on */
  page: number;
  title: string;
  /** the page number printed at the right of the entry; null when there is none */
  printed: number | null;
  /** where the entry's link leads; null when it leads nowhere */
  target: number | null;
  /** the link's named destination (the chapter's id) */
  dest?: string;
}

/** A link to a place in the document (a chapter, a section), not to a note or a web address. */
const inDocument = (link: Link): boolean => !link.url && link.dest !== undefined && !link.dest.startsWith("note-");

/**
 * The pages that hold the contents, found by what they do, not by a word of their heading (which is in the
 * booklet's language): the first page whose links lead forward into the document, and the pages after it that
 * do the same, listing places it has not, up to the page its
 * first entry leads to. With the HTML, only links to the ids its contents lists count (`targets`); without it, a page
 * needs links to two places at least, so that a chapter's one cross-reference is not taken for a contents.
 */
export function contentsPages(pdf: InspectedPdf, targets?: readonly string[]): InspectedPage[] {
  const wanted = targets ? new Set(targets) : undefined;
  const isContents = (page: InspectedPage) => {
    const links = page.links.filter((l) => inDocument(l) && (!wanted || wanted.has(l.dest!)));
    const places = new Set(links.map((l) => l.dest));
    return places.size >= (wanted ? 1 : 2) && links.every((l) => l.page === null || l.page > page.number);
  };
  const first = pdf.pages.findIndex(isContents);
  if (first < 0) return [];
  const pages = [pdf.pages[first]];
  // a page after it continues the contents only if it comes before the page the first entry leads to, and
  // lists a place not yet listed: a chapter's cross-reference there is not an entry
  const firstTarget = Math.min(...pdf.pages[first].links.map((l) => l.page ?? Infinity));
  const listed = new Set(placesOf(pdf.pages[first]));
  const continues = (page: InspectedPage) =>
    page.number < firstTarget && isContents(page) && placesOf(page).some((d) => !listed.has(d));
  for (let i = first + 1; i < pdf.pages.length && continues(pdf.pages[i]); i++) {
    pages.push(pdf.pages[i]);
    for (const d of placesOf(pdf.pages[i])) listed.add(d);
  }
  return pages;
}

/** The places in the document a page's links lead to, by their named destinations. */
const placesOf = (page: InspectedPage): string[] => page.links.filter(inDocument).map((l) => l.dest!);

/** Each entry of the contents: the links of the contents pages that lead into the document. */
export function contentsEntries(pdf: InspectedPdf, targets?: readonly string[]): ContentsEntry[] {
  const out: ContentsEntry[] = [];
  for (const page of contentsPages(pdf, targets)) {
    // an entry that wraps may be two link rectangles with one destination: read them together
    const groups: { dest?: string; target: number | null; items: TextItem[] }[] = [];
    for (const link of page.links) {
      if (link.url || link.dest?.startsWith("note-")) continue;
      const prev = groups[groups.length - 1];
      const items = itemsIn(page, link.rect);
      if (prev && prev.dest !== undefined && prev.dest === link.dest) prev.items.push(...items);
      else groups.push({ dest: link.dest, target: link.page, items });
    }
    for (const g of groups) {
      const items = [...new Set(g.items)].filter((i) => i.text.trim() !== "");
      // the number stands at the right of the entry's first line (the template's flex row aligns it with
      // the first baseline), so a title that wraps has words below it: the number is the rightmost number
      const right = Math.max(...items.map((i) => i.x));
      const number = items.find((i) => i.x === right && /^\d+$/.test(i.text.trim()));
      const text = items
        .filter((i) => i !== number)
        .sort((a, b) => b.y - a.y || a.x - b.x)
        .map((i) => i.text)
        .join(" ")
        .replace(/\u00AD/g, "")
        .replace(/\s+/g, " ")
        .trim();
      out.push({
        page: page.number,
        title: text,
        printed: number ? Number(number.text.trim()) : null,
        target: g.target,
        dest: g.dest,
      });
    }
  }
  return out;
}

/**
 * The folio printed on a page: a number alone on the lowest line of the page, in its bottom tenth (the
 * running foot). Undefined on a page without one (the cover, blank pages, the front matter).
 */
export function folioOf(page: InspectedPage): { value: number; item: TextItem } | undefined {
  const lines = linesOf(page).filter((l) => l.text !== "");
  const lowest = lines[lines.length - 1];
  if (!lowest || lowest.y > page.mediaBox.y0 + page.mediaBox.height * 0.1) return undefined;
  if (!/^\d{1,4}$/.test(lowest.text)) return undefined;
  const item = lowest.items.find((i) => i.text.trim() !== "")!;
  return { value: Number(lowest.text), item };
}

/**
 * The text set larger than the page's running text: headings. The running text's size is the size most of
 * the page's characters are set in.
 */
export function headingText(page: InspectedPage, body = runningTextSize([page])): string {
  return page.items
    .filter((i) => i.size > body * 1.15)
    .map((i) => i.text)
    .join(" ");
}

/**
 * The size most characters of these pages are set in: the running text's. Taken over the whole booklet, not
 * one page: a long title on a short page would otherwise be the page's running text.
 */
export function runningTextSize(pages: InspectedPage[]): number {
  const bySize = new Map<number, number>();
  for (const page of pages) {
    for (const i of page.items) {
      const size = Math.round(i.size * 10) / 10;
      bySize.set(size, (bySize.get(size) ?? 0) + i.text.trim().length);
    }
  }
  return [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/** Whether a page shows a heading with this text (whatever its hyphenation, case or line breaks). */
export function pageHasHeading(page: InspectedPage, title: string, body?: number): boolean {
  const want = skeleton(title);
  return want !== "" && skeleton(headingText(page, body)).includes(want);
}
