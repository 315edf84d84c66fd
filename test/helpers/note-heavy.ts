// Note-heavy test content: chapters of paragraphs, long and short notes, two calls on one line, tables,
// quotations and lists, each paragraph and note marked at its start and its end with a unique word, so that
// a PDF's text (read back with pdftotext) shows what was lost or printed twice.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/minimal");
const WORDS = (
  "the river board council clerk gauge reading night water street bridge town market cellar quay boat " +
  "family house roof weir mill meadow church winter summer report survey record evening morning hour " +
  "rose fell stood held came went kept found wrote said gave took made along through under over before " +
  "after between during against about from with into upon while because although whose which their"
).split(" ");

/** A seeded generator (mulberry32): the same seed gives the same content. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds chapters piece by piece; every piece of text gets a start and an end marker. */
export class ChapterWriter {
  markers: string[] = [];
  private notes: string[] = [];
  private body: string[] = [];
  private n = 0;
  constructor(
    private readonly prefix: string,
    private readonly rnd: () => number = random(1),
  ) {}

  words(count: number): string {
    return Array.from({ length: count }, () => WORDS[Math.floor(this.rnd() * WORDS.length)]).join(" ");
  }

  /** A unique word: z, the kind (p paragraph, n note), the prefix, a number. */
  private marker(kind: string): string {
    const m = `z${kind}${this.prefix}x${String(++this.n).padStart(4, "0")}q`;
    this.markers.push(m);
    return m;
  }

  /** A marked run of words: "START words END". */
  text(words: number, kind = "p"): string {
    return `${this.marker(kind)} ${this.words(words)} ${this.marker(kind)}`;
  }

  /** A note of `words` words (in `paras` paragraphs), defined at the chapter's end; returns its call. */
  note(words: number, paras = 1): string {
    const label = `n${this.notes.length + 1}`;
    const per = Math.max(3, Math.floor(words / paras));
    const parts = Array.from({ length: paras }, () => this.text(per, "n"));
    this.notes.push(`[^${label}]: ${parts.join("\n\n    ")}`);
    return `[^${label}]`;
  }

  add(block: string): this {
    this.body.push(block);
    return this;
  }

  /** A paragraph whose calls come after the given numbers of words. */
  paragraph(words: number, calls: { at: number; call: string }[] = []): this {
    const start = this.marker("p");
    const parts: string[] = [start];
    let done = 0;
    for (const c of [...calls].sort((a, b) => a.at - b.at)) {
      parts.push(this.words(Math.max(0, c.at - done)) + c.call);
      done = Math.max(done, c.at);
    }
    parts.push(this.words(Math.max(1, words - done)), this.marker("p"));
    return this.add(parts.join(" "));
  }

  markdown(title: string, order: number): string {
    return `---\ntitle: ${title}\nshort: ${title}\norder: ${order}\n---\n${this.body.join("\n\n")}\n\n${this.notes.join("\n\n")}\n`;
  }
}

/** One random note-heavy chapter: long explanatory notes, two calls on one line, tables, quotations, lists. */
export function randomChapter(w: ChapterWriter, rnd: () => number, blocks: number, longer = false): void {
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
  // explanatory notes: a third long; `longer`: some of them longer than half a page, in several paragraphs
  const noteWords = () => {
    const r = rnd();
    return longer && r < 0.1 ? int(300, 700) : r < (longer ? 0.4 : 0.35) ? int(90, 260) : int(6, 30);
  };
  const paras = () => (longer ? (rnd() < 0.3 ? int(2, 4) : 1) : rnd() < 0.2 ? 2 : 1);
  for (let i = 0; i < blocks; i++) {
    const kind = rnd();
    if (kind < 0.55) {
      const words = int(40, 140);
      const calls = Array.from({ length: int(0, 3) }, () => ({
        at: int(3, words - 2),
        call: w.note(noteWords(), paras()),
      }));
      // two calls side by side on one line, a long note's and a short one's
      if (rnd() < 0.3)
        calls.push({ at: int(3, words - 2), call: `${w.note(int(120, 260))} ${w.words(1)}${w.note(int(5, 14))}` });
      w.paragraph(words, calls);
    } else if (kind < 0.7) {
      w.add(`> ${w.text(int(25, 70))}${rnd() < 0.6 ? w.note(noteWords()) : ""}`);
    } else if (kind < 0.85) {
      w.add(
        Array.from(
          { length: int(2, 5) },
          () => `- ${w.text(int(6, 30))}${rnd() < 0.4 ? w.note(noteWords()) : ""}`,
        ).join("\n"),
      );
    } else {
      const rows = Array.from(
        { length: int(2, 7) },
        () => `| ${w.text(int(1, 3))} | ${w.text(int(2, 8))}${rnd() < 0.3 ? w.note(int(6, 40)) : ""} |`,
      );
      w.add(`| Item | What was recorded |\n|---|---|\n${rows.join("\n")}`);
    }
  }
}

/**
 * A content folder: the minimal fixture's configuration, sources and data, with the given chapters in place
 * of its own. Returns the folder; the caller removes it.
 */
export function noteProject(dir: string, chapters: string[]): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ["booklet.yaml", "sources.yaml", "cover.png"])
    fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  fs.cpSync(path.join(FIXTURE, "data"), path.join(dir, "data"), { recursive: true });
  fs.mkdirSync(path.join(dir, "chapters"), { recursive: true });
  chapters.forEach((md, i) => {
    fs.writeFileSync(path.join(dir, "chapters", `${String(i + 1).padStart(2, "0")}-part.md`), md);
  });
  return dir;
}

/** A random note-heavy project of `count` chapters; returns its folder and every marker in it. */
export function randomNoteProject(
  dir: string,
  seed: number,
  count = 3,
  longer = false,
): { dir: string; markers: string[] } {
  const rnd = random(seed);
  const markers: string[] = [];
  const chapters = Array.from({ length: count }, (_, i) => {
    const w = new ChapterWriter(`${seed}c${i + 1}`, rnd);
    randomChapter(w, rnd, 8 + Math.floor(rnd() * 10), longer);
    markers.push(...w.markers);
    return w.markdown(`Part ${i + 1}`, i + 1);
  });
  return { dir: noteProject(dir, chapters), markers };
}

/** The PDF's text by Poppler, with soft hyphens, hyphens at line ends and all spaces taken out. */
export function pdfWords(pdfFile: string): string {
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return text
    .replace(/\u00AD/g, "")
    .replace(/[-\u2010\u2011]\s*\n/g, "")
    .replace(/\s+/g, " ");
}

/** Markers not printed exactly once: [marker, times printed]. */
export function miscounted(text: string, markers: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const m of text.match(/z[pn]\w+?x\d{4}q/g) ?? []) counts.set(m, (counts.get(m) ?? 0) + 1);
  return markers.map((m): [string, number] => [m, counts.get(m) ?? 0]).filter(([, c]) => c !== 1);
}

// the torture generator's tags: "qx" and three letters (test/fixtures/notes-side-by-side)
const TAG = /qx[bcdghjkmnprstvwz]{3}/g;

/** Every tag written in a content folder's chapters and data tables, with the number of times written. */
export function tagsOf(dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sub of ["chapters", "data"].filter((d) => fs.existsSync(path.join(dir, d)))) {
    for (const f of fs.readdirSync(path.join(dir, sub)).filter((n) => /\.(md|csv)$/.test(n))) {
      for (const m of fs.readFileSync(path.join(dir, sub, f), "utf8").match(TAG) ?? [])
        counts.set(m, (counts.get(m) ?? 0) + 1);
    }
  }
  return counts;
}

/** Tags not printed as often as written: [tag, times printed]. */
export function miscountedTags(text: string, written: Map<string, number>): [string, number][] {
  const printed = new Map<string, number>();
  for (const m of text.match(TAG) ?? []) printed.set(m, (printed.get(m) ?? 0) + 1);
  return [...written].filter(([t, n]) => printed.get(t) !== n).map(([t]): [string, number] => [t, printed.get(t) ?? 0]);
}
