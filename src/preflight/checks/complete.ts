// Every word once: the text of every paragraph, heading, list item, table cell, caption and note of the HTML
// document, in reading order, aligned letter by letter with the text the PDF holds, so that one missing
// letter, one repeated word and one word out of order are each found. Paged.js can silently lose text it
// cannot lay out (pagedjs issue 274) or repeat text that occurs twice in a paragraph.
//
// The PDF's side is its tagged structure tree (inspect.ts, FlowRun): the document's order, whatever the
// drawing order, with page furniture left out and the notes area told apart, so the running text and the
// notes are compared as two texts, each in its order.
import {
  addPiece,
  type Difference,
  differences,
  emptyStream,
  onlyUnmappedLigatures,
  quote,
  type Stream,
} from "../align.ts";
import { type Check, outcome, skipped } from "../finding.ts";
import type { TextBlock } from "../html.ts";
import type { InspectedPdf } from "../inspect.ts";

const ID = "text.complete";
/** More differences than this many letters are not aligned one by one: the texts are too far apart. */
const MAX_EDITS = 20_000;
/** At most this many differences are listed; the rest are counted. */
const LISTED = 12;

interface Side {
  want: Stream;
  got: Stream;
  /** the block of each piece of `want` */
  blocks: TextBlock[];
  /** the page of each piece of `got` */
  pages: number[];
}

export const complete: Check = (pdf, context) => {
  const expected = context.expected;
  if (!expected) return skipped(ID, "no HTML document to compare with (booklet preflight --html FILE)");
  if (pdf.pages.some((p) => p.flow === null))
    return skipped(ID, "the PDF is not tagged, so its text cannot be read in the document's order");
  const body = side(
    expected.blocks.filter((b) => b.kind !== "note"),
    pdf,
    false,
  );
  const notes = side(
    expected.blocks.filter((b) => b.kind === "note"),
    pdf,
    true,
  );
  const failures = [
    ...compare(body, "the running text", context.sourceRoot),
    ...compare(notes, "the notes", context.sourceRoot),
  ];
  const letters = body.want.letters.length + notes.want.letters.length;
  const shown = failures.slice(0, LISTED);
  if (failures.length > LISTED)
    shown.push({ page: undefined, message: `and ${failures.length - LISTED} more differences` });
  return outcome(
    ID,
    shown,
    `every letter of the HTML's ${expected.blocks.length} blocks of text is in the PDF once, in order (${letters} letters)`,
  );
};

/** The document's blocks and the PDF's runs of one kind (running text or notes) as two streams. */
function side(blocks: TextBlock[], pdf: InspectedPdf, notes: boolean): Side {
  const s: Side = { want: emptyStream(), got: emptyStream(), blocks, pages: [] };
  for (const block of blocks) addPiece(s.want, block.segments.join(""));
  for (const page of pdf.pages) {
    const text = (page.flow ?? [])
      .filter((r) => r.note === notes)
      .map((r) => r.text)
      .join("");
    addPiece(s.got, text);
    s.pages.push(page.number);
  }
  return s;
}

function compare(s: Side, what: string, sourceRoot: string | undefined): { page?: number; message: string }[] {
  const found = differences(s.want, s.got, MAX_EDITS);
  if (!found)
    return [
      {
        message: `${what} of the PDF differs from the document's in more than ${MAX_EDITS} letters: ${firstDifference(s)}`,
      },
    ];
  return found.filter((d) => !onlyUnmappedLigatures(s.want, s.got, d)).map((d) => describe(s, d, sourceRoot));
}

/** One difference, named by the page, the block's file and line, and the words around it on each side. */
function describe(s: Side, d: Difference, sourceRoot: string | undefined): { page: number; message: string } {
  const page =
    s.pages[
      s.got.piece[Math.max(0, Math.min(d.got.from - (d.got.to > d.got.from ? 0 : 1), s.got.letters.length - 1))]
    ] ?? 1;
  const wantAt = Math.max(
    0,
    Math.min(d.want.to > d.want.from ? d.want.from : d.want.from - 1, s.want.letters.length - 1),
  );
  const block = s.blocks[s.want.piece[wantAt]];
  const where = block ? placeOf(block, sourceRoot) : "";
  const want = quote(s.want, d.want.from, d.want.to);
  const got = quote(s.got, d.got.from, d.got.to);
  const missing = d.got.to === d.got.from;
  const extra = d.want.to === d.want.from;
  const text = missing
    ? `missing from the PDF${where}: the document has “${want}”`
    : extra
      ? `printed in the PDF but not in the document (a repeat, or text out of place)${where}: the PDF reads “${got}”, the document “${want}”`
      : `not as in the document${where}: the document has “${want}”, the PDF “${got}”`;
  return { page, message: `page ${page}: text ${text}` };
}

/** " in chapters/01-road.md:12 (a paragraph)" or " in #contents (a list item)". */
function placeOf(block: TextBlock, sourceRoot: string | undefined): string {
  const kind =
    block.kind === "note"
      ? "a footnote"
      : block.kind === "cell"
        ? "a table cell"
        : block.kind === "heading"
          ? "a heading"
          : block.kind === "item"
            ? "a list item"
            : block.kind === "caption"
              ? "a caption"
              : block.kind === "paragraph"
                ? "a paragraph"
                : `<${block.tag}>`;
  if (block.source) return ` in ${sourceRoot ? `${sourceRoot}/` : ""}${block.source} (${kind})`;
  return block.within ? ` in #${block.within} (${kind})` : ` (${kind})`;
}

/** Where two streams stop agreeing, for texts too far apart to align. */
function firstDifference(s: Side): string {
  let i = 0;
  while (i < s.want.letters.length && i < s.got.letters.length && s.want.letters[i] === s.got.letters[i]) i++;
  const block = s.blocks[s.want.piece[Math.min(i, s.want.letters.length - 1)]];
  const page = s.pages[s.got.piece[Math.min(i, s.got.letters.length - 1)]];
  return `they part on page ${page ?? 1}${block ? placeOf(block, undefined) : ""}, at “${quote(s.want, i, i + 1)}”`;
}
