// Aligns two texts, each kept as a skeleton (text.ts) with a map back to where every letter came from, and
// returns the places where they differ: first word by word, which anchors the alignment where a reader would
// (a lost paragraph is lost whole, not matched letter by letter against the next one), then letter by letter
// inside each stretch of words that differ, so that one missing letter, one repeated word and one word out
// of order are each found, however long the text or however often it repeats itself. Whitespace, hyphenation
// and line ends make no difference: the skeleton has none of them, and a word broken at a line end whose
// pieces the word alignment does not match is matched again letter by letter.
import { diffArrays } from "diff";
import { skeleton } from "./text.ts";

/** A text as the alignment sees it: its letters, and for each letter the piece and offset it came from. */
export interface Stream {
  letters: string[];
  /** index into `pieces` of each letter */
  piece: number[];
  /** offset of each letter in its piece's text */
  offset: number[];
  /** the index of the first letter of each word */
  words: number[];
  pieces: string[];
  /** the last piece ended inside a word, at a hyphen */
  brokenWord?: boolean;
}

export function emptyStream(): Stream {
  return { letters: [], piece: [], offset: [], words: [], pieces: [] };
}

/** Where a word ends: white space, and the dashes and slashes after which a browser may break a line. */
const BREAK = /[\s\u2010-\u2015\u2212/-]/u;

/** Adds a piece of text to the stream; returns the piece's index. */
export function addPiece(stream: Stream, text: string): number {
  const index = stream.pieces.push(text) - 1;
  let at = 0;
  // a word broken at the end of the last piece (a page that ends "fam-") goes on in this one
  let boundary = !stream.brokenWord;
  const chars = [...text];
  chars.forEach((char, i) => {
    if (BREAK.test(char) && !(isHyphen(char) && lineEndsAfter(chars, i))) boundary = true;
    // a glyph that maps to no character (a ligature, in the PDF) stays as a letter of its own: see
    // onlyUnmappedLigatures()
    for (const letter of char === "\u0000" ? char : letterOf(char)) {
      if (boundary) stream.words.push(stream.letters.length);
      boundary = false;
      stream.letters.push(letter);
      stream.piece.push(index);
      stream.offset.push(at);
    }
    at += char.length;
  });
  let last = chars.length - 1;
  while (last >= 0 && /\s/.test(chars[last])) last--;
  stream.brokenWord = last > 0 && isHyphen(chars[last]) && /[\p{L}\p{N}]/u.test(chars[last - 1]);
  return index;
}

/**
 * skeleton() of one character, remembered: a document has a few hundred distinct characters and hundreds of
 * thousands of them, and Unicode normalisation and four regular expressions each time were most of the time a
 * 44-page PDF's alignment took.
 */
const letters = new Map<string, string>();
function letterOf(char: string): string {
  let letter = letters.get(char);
  if (letter === undefined) {
    letter = skeleton(char);
    letters.set(char, letter);
  }
  return letter;
}

/** A hyphen or soft hyphen, which joins a word broken at a line's end. */
function isHyphen(char: string): boolean {
  return char === "-" || char === "\u00AD" || char === "\u2010";
}

/** Whether only white space, and a line end, follow chars[i] before the next word. */
function lineEndsAfter(chars: string[], i: number): boolean {
  for (let k = i + 1; k < chars.length; k++) {
    if (chars[k] === "\n") return true;
    if (!/\s/.test(chars[k])) return false;
  }
  return true;
}

/** One place where the texts differ: letters [from, to) of each side (an empty range on one side). */
export interface Difference {
  want: { from: number; to: number };
  got: { from: number; to: number };
}

/** Differences closer than this many equal letters are one: a garbled word is one finding, not three. */
const JOIN = 12;
/** Equal words fewer than this between two changed stretches: one stretch, for the letter alignment. */
const ABSORB = 3;
/** Letters that may differ within one stretch of differing words before it is taken as one difference. */
const LETTER_EDITS = 400;

/**
 * The differences between what the document says (`want`) and what the PDF holds (`got`), in order.
 * Undefined when they differ in more than `maxEdits` words: too far apart to align.
 */
export function differences(want: Stream, got: Stream, maxEdits: number): Difference[] | undefined {
  const forward = aligned(want, got, maxEdits);
  if (!forward || forward.every(pure)) return forward;
  // A shortest alignment is not unique where the text repeats a word: aligned from the start, a lost
  // paragraph's first words match the next paragraph's ("The [photograph …] | The [board]"). Aligned from
  // the end, the text after a loss anchors it; the reading with fewer, purer differences is the one a
  // reader would give.
  const n = { want: want.letters.length, got: got.letters.length };
  const backward = aligned(reversed(want), reversed(got), maxEdits)
    ?.map((d) => ({
      want: { from: n.want - d.want.to, to: n.want - d.want.from },
      got: { from: n.got - d.got.to, to: n.got - d.got.from },
    }))
    .reverse();
  const score = (ds: Difference[]) => ds.length * 2 + ds.filter((d) => !pure(d)).length;
  return backward && score(backward) < score(forward) ? backward : forward;
}

/** Only missing text, or only extra text. */
function pure(d: Difference): boolean {
  return d.want.from === d.want.to || d.got.from === d.got.to;
}

/** The stream read from its end: its letters, their origins and its words in reverse. */
function reversed(s: Stream): Stream {
  const n = s.letters.length;
  const ends = s.words.map((_, i) => s.words[i + 1] ?? n);
  return {
    letters: [...s.letters].reverse(),
    piece: [...s.piece].reverse(),
    offset: [...s.offset].reverse(),
    words: ends.map((end) => n - end).reverse(),
    pieces: s.pieces,
  };
}

function aligned(want: Stream, got: Stream, maxEdits: number): Difference[] | undefined {
  const changes = diffArrays(wordsOf(want), wordsOf(got), { maxEditLength: maxEdits });
  if (!changes) return undefined;
  const out: Difference[] = [];
  let w = 0;
  let g = 0;
  let open: { w: number; g: number } | undefined;
  const close = () => {
    if (open) out.push(...letterDifferences(want, got, letterRange(want, open.w, w), letterRange(got, open.g, g)));
    open = undefined;
  };
  for (const change of changes) {
    const n = change.count ?? change.value.length;
    if (!change.added && !change.removed) {
      // a few equal words between two changes are aligned again with them, letter by letter: in a text
      // that repeats itself, the word alignment may put a word broken by a page on either side of them
      if (n > ABSORB) close();
      w += n;
      g += n;
      continue;
    }
    open ??= { w, g };
    if (change.removed) w += n;
    else g += n;
  }
  close();
  return out;
}

function wordsOf(s: Stream): string[] {
  return s.words.map((start, i) => s.letters.slice(start, s.words[i + 1] ?? s.letters.length).join(""));
}

/** Letters [from, to) of words [first, end). */
function letterRange(s: Stream, first: number, end: number): { from: number; to: number } {
  const at = (word: number) => (word < s.words.length ? s.words[word] : s.letters.length);
  return { from: at(first), to: at(end) };
}

/** The letter-by-letter differences within one stretch of words that differ. */
function letterDifferences(
  want: Stream,
  got: Stream,
  w0: { from: number; to: number },
  g0: { from: number; to: number },
): Difference[] {
  const a = want.letters.slice(w0.from, w0.to);
  const b = got.letters.slice(g0.from, g0.to);
  // a stretch whose letters differ in many places is one difference (a lost paragraph, a repeated page)
  const changes = diffArrays(a, b, { maxEditLength: LETTER_EDITS });
  if (!changes) return [{ want: w0, got: g0 }];
  const out: Difference[] = [];
  let w = w0.from;
  let g = g0.from;
  let open: Difference | undefined;
  for (const change of changes) {
    const n = change.count ?? change.value.length;
    if (!change.added && !change.removed) {
      w += n;
      g += n;
      // a difference does not run on into another block of the document: each is named by its own
      if (open && (n >= JOIN || want.piece[w - 1] !== want.piece[open.want.from])) open = undefined;
      continue;
    }
    if (!open) {
      open = { want: { from: w, to: w }, got: { from: g, to: g } };
      out.push(open);
    }
    if (change.removed) w += n;
    else g += n;
    open.want.to = w;
    open.got.to = g;
  }
  return out;
}

/**
 * The words of a piece around letters [from, to) of the stream, with the letters in between marked:
 * “of the fami[li]es in”. An empty range marks the place between two letters: “of the [] families”.
 */
export function quote(stream: Stream, from: number, to: number, words = 4): string {
  const at = Math.min(from, stream.letters.length - 1);
  if (at < 0) return "";
  const piece = stream.piece[at];
  const text = stream.pieces[piece];
  // character offsets in the piece: the first letter in the range, and the end of the last one
  const start = from < stream.letters.length && stream.piece[from] === piece ? stream.offset[from] : text.length;
  let end = start;
  for (let i = from; i < to && stream.piece[i] === piece; i++) end = stream.offset[i] + 1;
  // the punctuation that closes the last word marked goes with it: “[Survey, p. 17.]”
  if (to > from) while (end < text.length && /[^\p{L}\p{N}\s]/u.test(text[end])) end++;
  const before = text
    .slice(0, start)
    .split(/(?<=\s)/)
    .slice(-words)
    .join("");
  const after = text
    .slice(end)
    .split(/(?=\s)/)
    .slice(0, words)
    .join("");
  const clean = (s: string) => s.replace(/\u00AD/g, "").replace(/\s+/g, " ");
  const mid = to > from ? text.slice(start, end) : "";
  const head = clean(before).trimStart();
  const tail = clean(after).trimEnd();
  // a place between two words is marked between them: “the families [] through”
  if (!mid && head.endsWith(" ") && !tail.startsWith(" ")) return `${head}[] ${tail}`;
  return `${head}[${clean(mid)}]${tail}`;
}

/**
 * A difference that is only ligatures the PDF's text layer maps to no character (“o\u0000ce” for “office”):
 * the text is on the page, and text.extractable reports the unreadable glyph.
 */
export function onlyUnmappedLigatures(want: Stream, got: Stream, d: Difference): boolean {
  const w = want.letters.slice(d.want.from, d.want.to).join("");
  const g = got.letters.slice(d.got.from, d.got.to).join("");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Chromium maps a ligature's letters to NUL
  return /^\u0000+$/.test(g) && /^(?:ffi|ffl|ff|fi|fl)+$/.test(w);
}
