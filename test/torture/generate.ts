// The torture test's generator: from a seed, a whole content folder of three note-heavy chapters of the
// kind historians write (long and short notes, citations, tables that run over pages, lists, quotations,
// an image, a code block, the same sentence many times), in which every piece of text carries a tag of its
// own. The checker (check.ts) then counts the tags in the PDF: each must be printed exactly as often as it
// was written. The same seed always gives the same folder.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

/** What a tagged piece of text is: what the layout engine handles differently. */
export type TagKind =
  | "foreword"
  | "paragraph"
  | "list-bullet"
  | "list-numbered"
  | "quote"
  | "code"
  | "table-data"
  | "table-markdown"
  | "caption"
  | "repeated"
  | "note-short"
  | "note-long"
  | "citation";

export interface TagRecord {
  tag: string;
  kind: TagKind;
  /** how many times it is written, and so must be printed (more than 1 for repeated text) */
  count: number;
  /** the file it is written in, relative to the content folder, and its 1-based line there */
  file: string;
  line: number;
}

export interface Generated {
  seed: number;
  dir: string;
  /** in the order they are written: foreword, chapters in order (body, then notes), data tables */
  tags: TagRecord[];
}

// A tag is "qx" and three letters. Five letters: the build's hyphenation leaves words under six letters
// whole (src/markdown/hyphenate.ts, minWordLength 6), so a tag is never split over two lines, whether
// hyphenation is on or off. No English word holds "qx"; no f, i or l (ligatures), and no q or x after
// the prefix, so that a tag can be found in any text with one regular expression.
const TAG_LETTERS = "bcdghjkmnprstvwz";
export const TAG_PATTERN = new RegExp(`qx[${TAG_LETTERS}]{3}`, "g");

/** mulberry32: a small seeded PRNG, enough for test data (not for anything secret). */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

// ------------------------------------------------------------------ words of a historian's prose

const SUBJECTS = [
  "the district council",
  "the commission of inquiry",
  "witnesses heard in the spring of 1991",
  "the city's newspapers",
  "the surviving minutes",
  "relatives of the dead",
  "the military prosecutor",
  "foreign correspondents",
  "the parish registers",
  "later historians",
  "the hospital's admission books",
  "the ministry's own report",
  "a schoolteacher from the old town",
  "the port authority",
  "the emergency committee",
  "two deputies of the republic's parliament",
  "the telegraph office",
];
const VERBS = [
  "recorded",
  "disputed",
  "described at length",
  "left no trace of",
  "confirmed",
  "reported",
  "estimated",
  "passed over in silence",
  "returned several times to",
  "gave a different account of",
  "set down in writing",
  "could not agree on",
  "later revised",
];
const OBJECTS = [
  "the movement of troops along the seafront",
  "the number of those killed on the night",
  "the curfew that followed",
  "the funerals held on the hill above the bay",
  "the closing of the radio station",
  "the names of the wounded",
  "the hours before the tanks arrived",
  "the barricades on the road from the airport",
  "the statements of the garrison's officers",
  "the lists kept at the central hospital",
  "the letters sent abroad in the following week",
  "the order that declared a state of emergency",
  "the fate of the missing",
];
const CLAUSES = [
  "although the figures differ from one account to the next",
  "as the archive of the ministry shows",
  "in the weeks that followed",
  "according to a letter written at the time",
  "which is why the question has never been settled",
  "and no document of the period contradicts it",
  "though the original has not been found",
  "as far as the surviving papers allow us to say",
  "a point to which the inquiry returned more than once",
  "without naming its own sources",
];
const OPENERS = [
  "",
  "",
  "",
  "In January 1990, ",
  "At first, ",
  "Even so, ",
  "By the morning, ",
  "In the same way, ",
  "It is clear that ",
];

const HEADINGS = [
  "The evidence",
  "What the sources say",
  "The night",
  "Afterwards",
  "The records",
  "The inquiry",
  "Memory and silence",
  "The lists",
];
const CHAPTER_TITLES = [
  "Before the night",
  "The night and the morning",
  "Counting the dead",
  "The inquiry and its papers",
  "The archive",
  "Remembering",
];

// ------------------------------------------------------------------ the tags

class Tagger {
  private used = new Set<string>();
  readonly records: Omit<TagRecord, "file" | "line">[] = [];
  constructor(private rng: Rng) {}

  make(kind: TagKind, count = 1): string {
    let tag: string;
    do {
      tag = `qx${Array.from({ length: 3 }, () => this.rng.pick([...TAG_LETTERS])).join("")}`;
    } while (this.used.has(tag));
    this.used.add(tag);
    this.records.push({ tag, kind, count });
    return tag;
  }
}

// ------------------------------------------------------------------ sentences, notes and blocks

interface Chapter {
  body: string[];
  notes: string[];
  noteCount: number;
}

/** One sentence of prose with a tag somewhere among its words (never first: a tag is not capitalised). */
function sentence(rng: Rng, tagger: Tagger, kind: TagKind, tag = tagger.make(kind)): string {
  const words = [rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS)];
  if (rng.chance(0.6)) words.push(rng.pick(CLAUSES));
  if (rng.chance(0.25)) words.push("and", rng.pick(OBJECTS));
  const flat = words.join(" ").split(" ");
  flat.splice(rng.int(1, flat.length), 0, tag);
  const text = rng.pick(OPENERS) + flat.join(" ");
  return `${text.charAt(0).toUpperCase() + text.slice(1)}.`;
}

const sentences = (rng: Rng, tagger: Tagger, kind: TagKind, n: number) =>
  Array.from({ length: n }, () => sentence(rng, tagger, kind)).join(" ");

/** Wraps text at about 100 columns, as an editor would. */
function wrap(text: string, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > 100) {
      lines.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A citation: plain, with a tagged locator, or of two sources. */
function citation(rng: Rng, tagger: Tagger, ids: string[]): string {
  const id = rng.pick(ids);
  const r = rng.next();
  if (r < 0.4) return `[@${id}]`;
  if (r < 0.85) return `[@${id}, p. ${rng.int(2, 300)} ${tagger.make("citation")}]`;
  const other = ids.find((x) => x !== id)!;
  return `[@${id}; @${other}]`;
}

/**
 * A note's text: short (a sentence), of a few sentences, long (two paragraphs), or very long (three
 * paragraphs, 300 to 500 words: more than half an A5 page of notes, which Paged.js must split).
 */
function noteText(rng: Rng, tagger: Tagger, ids: string[]): string[] {
  const r = rng.next();
  if (r < 0.45) return [sentence(rng, tagger, "note-short") + (rng.chance(0.4) ? citation(rng, tagger, ids) : "")];
  const [paragraphs, lo, hi] = r < 0.78 ? [1, 2, 4] : r < 0.9 ? [2, 3, 6] : [3, 5, 8];
  return Array.from(
    { length: paragraphs },
    () => sentences(rng, tagger, "note-long", rng.int(lo, hi)) + (rng.chance(0.5) ? citation(rng, tagger, ids) : ""),
  );
}

/** Defines a note at the chapter's end and returns its call. */
function note(rng: Rng, tagger: Tagger, ch: Chapter, ids: string[]): string {
  const label = `n${++ch.noteCount}`;
  const paragraphs = noteText(rng, tagger, ids);
  ch.notes.push("");
  paragraphs.forEach((p, i) => {
    if (i > 0) ch.notes.push("");
    // the note's later paragraphs, and every continued line, indented: they belong to the note
    const lines = wrap(i === 0 ? `[^${label}]: ${p}` : p, "    ");
    ch.notes.push(...(i === 0 ? lines : lines.map((l, j) => (j === 0 ? `    ${l}` : l))));
  });
  return `[^${label}]`;
}

/** What ends a sentence in the body: nothing, a note, a citation, or two note calls close together. */
function callAfter(rng: Rng, tagger: Tagger, ch: Chapter, ids: string[]): string {
  const r = rng.next();
  if (r < 0.4) return "";
  if (r < 0.65) return note(rng, tagger, ch, ids);
  if (r < 0.8) return citation(rng, tagger, ids);
  // two calls on one line: side by side, or a note then a citation
  return note(rng, tagger, ch, ids) + (rng.chance(0.6) ? note(rng, tagger, ch, ids) : citation(rng, tagger, ids));
}

function paragraph(rng: Rng, tagger: Tagger, ch: Chapter, ids: string[]): string[] {
  const n = rng.pick([1, 2, 3, 4, 5, 8]);
  const parts = Array.from({ length: n }, () => sentence(rng, tagger, "paragraph") + callAfter(rng, tagger, ch, ids));
  return wrap(parts.join(" "));
}

function list(rng: Rng, tagger: Tagger, ch: Chapter, ids: string[], numbered: boolean): string[] {
  const kind = numbered ? "list-numbered" : "list-bullet";
  const out: string[] = [];
  const n = rng.int(3, 8);
  for (let i = 1; i <= n; i++) {
    const text = sentences(rng, tagger, kind, rng.int(1, 3)) + (rng.chance(0.3) ? callAfter(rng, tagger, ch, ids) : "");
    out.push(...wrap(`${numbered ? `${i}.` : "-"} ${text}`, numbered ? "   " : "  "));
  }
  return out;
}

function quote(rng: Rng, tagger: Tagger, _ch: Chapter, ids: string[]): string[] {
  const text = sentences(rng, tagger, "quote", rng.int(2, 6)) + citation(rng, tagger, ids);
  return wrap(text).map((l) => `> ${l}`);
}

function codeBlock(rng: Rng, tagger: Tagger): string[] {
  const n = rng.int(3, 10);
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `1990-01-${String(rng.int(10, 31))} ${String(i + 1).padStart(2, "0")} ${tagger.make("code")} entry ${rng.int(100, 999)}`,
  );
  return ["```", ...rows, "```"];
}

function markdownTable(rng: Rng, tagger: Tagger): string[] {
  const n = rng.int(8, 30);
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `| ${i + 1} | ${rng.pick(["Yasamal", "Nasimi", "Sabail", "Narimanov", "Khatai"])} | ${rng.pick(OBJECTS)} ${tagger.make("table-markdown")} |`,
  );
  return ["| No. | District | What the register says |", "|---:|---|---|", ...rows];
}

function repeated(rng: Rng, tagger: Tagger): string[] {
  const n = rng.int(5, 30);
  const text = sentence(rng, tagger, "repeated", tagger.make("repeated", n));
  return wrap(Array.from({ length: n }, () => text).join(" "));
}

// ------------------------------------------------------------------ data tables and the image

interface Files {
  [rel: string]: string | Buffer;
}

function dataTable(rng: Rng, tagger: Tagger, name: string, files: Files): string[] {
  const n = rng.int(20, 50);
  const lines = ["date,district,count,remark"];
  for (let i = 0; i < n; i++) {
    const remark = `${rng.pick(OBJECTS)} ${tagger.make("table-data")}${rng.chance(0.3) ? `, ${rng.pick(CLAUSES)}` : ""}`;
    lines.push(
      `1990-01-${rng.int(10, 31)},${rng.pick(["Yasamal", "Nasimi", "Sabail"])},${rng.int(0, 400)},"${remark}"`,
    );
  }
  files[`data/${name}.csv`] = `${lines.join("\n")}\n`;
  files[`data/${name}.yaml`] = [
    "caption: Entries of the register, day by day (invented for the torture test).",
    "columns:",
    "  - { key: date, label: Date, type: date }",
    "  - { key: district, label: District }",
    "  - { key: count, label: Count, type: integer, align: right }",
    "  - { key: remark, label: Remark }",
    "",
  ].join("\n");
  return [`{{table "${name}"}}`];
}

/** A small PNG (grey stripes), written without a library: a stored image only has to be valid. */
export function png(width: number, height: number, rng: Rng): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    const shade = 80 + ((y >> 3) % 2) * 120 + rng.int(0, 20);
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = (shade + x) & 0xff;
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function image(rng: Rng, tagger: Tagger, files: Files, name: string): string[] {
  files[`images/${name}.png`] = png(rng.int(160, 320), rng.int(90, 200), rng);
  return [`![A plate of the register](images/${name}.png)`, "", ...wrap(`*${sentence(rng, tagger, "caption")}*`)];
}

// ------------------------------------------------------------------ the folder

const SOURCES = ["gazette-1990", "inquiry-1991", "memoir", "letters"];

function chapter(rng: Rng, tagger: Tagger, files: Files, order: number, options: GenerateOptions): string {
  const ch: Chapter = { body: [], notes: [], noteCount: 0 };
  const blocks: string[][] = [];
  const count = rng.int(8, 14);
  for (let b = 0; b < count; b++) {
    const r = rng.next();
    if (r < 0.5) blocks.push(paragraph(rng, tagger, ch, SOURCES));
    else if (r < 0.57) blocks.push([`## ${rng.pick(HEADINGS)}`]);
    else if (r < 0.64) blocks.push(list(rng, tagger, ch, SOURCES, false));
    else if (r < 0.71) blocks.push(list(rng, tagger, ch, SOURCES, true));
    else if (r < 0.78) blocks.push(quote(rng, tagger, ch, SOURCES));
    else if (r < 0.83) blocks.push(markdownTable(rng, tagger));
    else if (r < 0.88) blocks.push(dataTable(rng, tagger, `register-${order}-${b}`, files));
    else if (r < 0.92) blocks.push(codeBlock(rng, tagger));
    // without repeated text, the block is drawn all the same (into a tagger of its own) and left out, so
    // that the rest of the chapter is the one the seed gives with it
    else if (options.repeated === false) repeated(rng, new Tagger(rng));
    else blocks.push(repeated(rng, tagger));
  }
  // every chapter has an image somewhere, and the first a data table, so that every kind is exercised
  blocks.splice(rng.int(1, blocks.length), 0, image(rng, tagger, files, `plate-${order}`));
  if (order === 1) blocks.splice(rng.int(1, blocks.length), 0, dataTable(rng, tagger, `register-${order}`, files));
  const title = CHAPTER_TITLES[(order - 1 + rng.int(0, 2)) % CHAPTER_TITLES.length];
  const front = ["---", `title: ${title}`, `short: ${title}`, `order: ${order}`, "---"];
  return [...front, ...blocks.flatMap((b, i) => (i ? ["", ...b] : b)), ...ch.notes, ""].join("\n");
}

const CONFIG = (
  subtitle: string,
  hyphenate: boolean,
  pageSize = "A5",
  fontSize?: number,
) => `# Generated by test/torture/generate.ts: invented text for the torture test.
title: The Torture Test
subtitle: ${subtitle}
publisher: Booklet torture test
language: en-GB
eventDate: 1990-01-20
firstEdition: 2026
pageSize: ${pageSize}
slug: torture
hyphenate: ${hyphenate}
${fontSize ? `fonts:\n  size: ${fontSize}\n` : ""}`;

const SOURCES_YAML = `# Invented sources for the torture test.
- id: gazette-1990
  type: article-newspaper
  title: The night on the seafront
  short-title: Gazette 1990
  publisher: The Evening Gazette
  issued: { date-parts: [[1990, 1, 22]] }
- id: inquiry-1991
  type: report
  title: Report of the commission of inquiry into the events of January
  short-title: Inquiry 1991
  publisher: The Commission of Inquiry
  issued: { date-parts: [[1991, 6]] }
- id: memoir
  type: book
  title: A Winter in the Old Town
  short-title: Memoir
  author: [{ family: Aliyeva, given: Sevda }]
- id: letters
  type: manuscript
  title: Letters from the old town, January and February 1990
  short-title: Letters
  publisher: Private collection
`;

export interface GenerateOptions {
  /** hyphenation of the generated booklet; by default chosen by the seed, so that both are tried */
  hyphenate?: boolean;
  /** fewer chapters than three, for a smaller reproduction: the chapters written are the same as with three */
  chapters?: 1 | 2 | 3;
  /** false: leave the paragraphs of one sentence many times out, to see what the notes alone lose */
  repeated?: boolean;
  /** booklet.yaml's pageSize (A5 by default): a preset's name or a custom size, "105x148mm" */
  pageSize?: string;
  /** booklet.yaml's fonts.size in points (by default the page's: 9.5 on A5): another measure, other breaks */
  fontSize?: number;
}

/** Writes the folder for `seed` into `dir` (which must not exist or be empty) and lists its tags. */
export function generateTorture(seed: number, dir: string, options: GenerateOptions = {}): Generated {
  const rng = prng(seed);
  const tagger = new Tagger(rng);
  const hyphenate = options.hyphenate ?? rng.chance(0.5);
  const files: Files = {
    "booklet.yaml": CONFIG(`Seed ${seed}`, hyphenate, options.pageSize, options.fontSize),
    "sources.yaml": SOURCES_YAML,
  };
  files["foreword.md"] =
    wrap(sentences(rng, tagger, "foreword", rng.int(3, 6))).join("\n") +
    "\n\n" +
    wrap(sentences(rng, tagger, "foreword", rng.int(2, 5))).join("\n") +
    "\n";
  for (let order = 1; order <= (options.chapters ?? 3); order++)
    files[`chapters/0${order}-part.md`] = chapter(rng, tagger, files, order, options);
  writeFiles(dir, files);
  return { seed, dir, tags: locate(tagger, files) };
}

function writeFiles(dir: string, files: Files): void {
  for (const [rel, body] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body);
  }
}

/**
 * The file and line where every tag is first written, found in the written text, and the tags in the order
 * they are written (files in the order of `files`, then lines): the checker names a lost tag's neighbours.
 */
function locate(tagger: Tagger, files: Files): TagRecord[] {
  const where = new Map<string, { file: string; line: number; order: number }>();
  for (const [file, body] of Object.entries(files)) {
    if (typeof body !== "string") continue;
    body.split("\n").forEach((text, i) => {
      for (const m of text.matchAll(TAG_PATTERN))
        if (!where.has(m[0])) where.set(m[0], { file, line: i + 1, order: where.size });
    });
  }
  const located = tagger.records.map((r) => {
    const w = where.get(r.tag);
    if (!w) throw new Error(`generator: tag ${r.tag} (${r.kind}) was made but not written`);
    return { ...r, ...w };
  });
  return located.sort((a, b) => a.order - b.order).map(({ order: _, ...r }) => r);
}

/** A content folder of the given chapters and nothing else: the fixed cases of repeated text. */
export function writeChapters(
  dir: string,
  chapters: { title: string; body: string }[],
  options: { hyphenate: boolean },
): void {
  const files: Files = { "booklet.yaml": CONFIG("Repeated text", options.hyphenate), "sources.yaml": SOURCES_YAML };
  chapters.forEach((c, i) => {
    files[`chapters/0${i + 1}-part.md`] = ["---", `title: ${c.title}`, `order: ${i + 1}`, "---", c.body, ""].join("\n");
  });
  writeFiles(dir, files);
}

/** `word` written `n` times, every `stopEvery`th followed by a full stop, the rest by a space; wrapped. */
export function repeatWord(word: string, n: number, stopEvery: number): string {
  const words = Array.from({ length: n }, (_, i) => ((i + 1) % stopEvery === 0 ? `${word}.` : word));
  return wrap(words.join(" ")).join("\n");
}
