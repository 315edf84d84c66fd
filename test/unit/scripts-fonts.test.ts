// Fonts for every script the content uses, chosen before the browser starts: the booklet's own fonts draw
// Latin (Azerbaijani and Turkish letters too), Cyrillic and Greek; Hangul gets the Korean Noto fonts under the
// booklet's families; a character no font has is an error at its place in the content.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { create } from "fontkitten";
import { describe, expect, it } from "vitest";
import { cmapSource, planFonts, printedCodePoints } from "../../src/document/glyphs.ts";
import { tempDir } from "../helpers/tmp.ts";

const require = createRequire(import.meta.url);
const LIST = [
  "source-serif-4/400.css",
  "source-serif-4/400-italic.css",
  "source-serif-4/600.css",
  "source-sans-3/400.css",
  "source-sans-3/600.css",
];
const page = (text: string) =>
  `<html><head><title>ignored 한</title><style>p::before { content: "→" }</style></head><body><p>${text}</p></body></html>`;
const AZ_TR = "Şəhidlər Xiyabanı, İçərişəhər, Gəncə, ğ ı ç ö ü — Türkçe: İstanbul’da ağaç";
const RU = "Январь 1990 года, «Чёрный январь» — Баку";
const EL = "Ιανουάριος, Αζερμπαϊτζάν";

/** The characters of an @fontsource font file (woff2 or woff), read with the test's own parse of the file. */
function cmap(pkg: string, file: string): Set<number> {
  const dir = path.dirname(require.resolve(`@fontsource/${pkg}/package.json`));
  const font = create(fs.readFileSync(path.join(dir, "files", file)));
  return new Set("characterSet" in font ? font.characterSet : []);
}
const cps = (s: string) => [...s].filter((c) => /\p{L}/u.test(c)).map((c) => c.codePointAt(0)!);

describe("the booklet's own fonts", () => {
  it("draw Azerbaijani and Turkish letters, Cyrillic and Greek in every weight used", () => {
    for (const [pkg, weight] of [
      ["source-serif-4", 400],
      ["source-serif-4", 600],
      ["source-sans-3", 400],
      ["source-sans-3", 600],
    ] as const) {
      const latin = new Set([
        ...cmap(pkg, `${pkg}-latin-${weight}-normal.woff2`),
        ...cmap(pkg, `${pkg}-latin-ext-${weight}-normal.woff2`),
      ]);
      expect(cps(AZ_TR).filter((c) => !latin.has(c))).toEqual([]);
      expect(cps(RU).filter((c) => !cmap(pkg, `${pkg}-cyrillic-${weight}-normal.woff2`).has(c))).toEqual([]);
      expect(cps(EL).filter((c) => !cmap(pkg, `${pkg}-greek-${weight}-normal.woff2`).has(c))).toEqual([]);
      expect(cmap(pkg, `${pkg}-latin-${weight}-normal.woff2`).has(0xd55c)).toBe(false);
    }
  });

  it("need no other font for those scripts", async () => {
    const plan = await planFonts({ list: LIST, language: "ru", html: page(`${AZ_TR} ${RU} ${EL}`), files: [] });
    expect(plan.problems).toEqual([]);
    expect(plan.scripts).toEqual([]);
    expect(plan.css).not.toMatch(/noto/);
  });
});

describe("a script the booklet's fonts do not draw", () => {
  it("is drawn by the Korean fonts declared under each of the booklet's families, for Hangul alone", async () => {
    const plan = await planFonts({ list: LIST, language: "ko", html: page("검은 1월, Qara Yanvar"), files: [] });
    expect(plan.problems).toEqual([]);
    expect(plan.scripts).toEqual([{ name: "Hangul", packages: { serif: "noto-serif-kr", sans: "noto-sans-kr" } }]);
    const rules = plan.css.match(/@font-face\s*\{[^}]*\}/g)!;
    const korean = rules.filter((r) => /noto-s(erif|ans)-kr/.test(r));
    // each of the five faces gets the slices that hold 검, 은 and 월
    const faces = new Set(
      korean.map(
        (r) =>
          `${/font-family: '([^']+)'/.exec(r)![1]} ${/font-weight: (\d+)/.exec(r)![1]} ${/font-style: (\w+)/.exec(r)![1]}`,
      ),
    );
    expect([...faces].sort()).toEqual([
      "Source Sans 3 400 normal",
      "Source Sans 3 600 normal",
      "Source Serif 4 400 italic",
      "Source Serif 4 400 normal",
      "Source Serif 4 600 normal",
    ]);
    for (const r of korean) {
      expect(r).toMatch(
        /font-family: 'Source Serif 4'[\s\S]*noto-serif-kr|font-family: 'Source Sans 3'[\s\S]*noto-sans-kr/,
      );
      // only Hangul: the Korean fonts' slices also hold punctuation the booklet's fonts keep drawing
      const ranges = /unicode-range: ([^;]+)/
        .exec(r)![1]
        .split(",")
        .map((u) =>
          u
            .replace("U+", "")
            .split("-")
            .map((h) => parseInt(h, 16)),
        );
      for (const [lo, hi = lo] of ranges) expect(lo >= 0xac00 && hi <= 0xd7ff).toBe(true);
    }
    // the slices that hold none of the document's syllables are not listed
    expect(korean.length).toBeLessThanOrEqual(3 * 5);
  });

  it("is an error naming the file, line, column, character and the fonts that draw it, when those are not installed", async () => {
    const files = [{ file: "chapters/01.md", text: "---\ntitle: x\n---\nIn Tbilisi: მადლობა.\n" }];
    const [e, ...rest] = (await planFonts({ list: LIST, language: "en", html: page("In Tbilisi: მადლობა."), files }))
      .problems;
    expect(rest).toEqual([]);
    expect(e.kind).toBe("MissingGlyph");
    expect(e.location).toEqual({ file: "chapters/01.md", line: 4, column: 13 });
    expect(e.message).toContain("U+10DB GEORGIAN LETTER MAN (მ), and 5 more characters of Georgian");
    expect(e.message).toContain("npm install @fontsource/noto-serif-georgian @fontsource/noto-sans-georgian");
  });

  it("is an error for a character no font booklet knows has, one for each character", async () => {
    const files = [{ file: "sources.yaml", text: "- id: a\n  title: North ↗ South ↗\n" }];
    const problems = (await planFonts({ list: LIST, language: "en", html: page("North ↗ South ↗ ⌘"), files })).problems;
    expect(problems.map((p) => [p.location, /U\+\w+ [A-Z ]+/.exec(p.message)![0].trim()])).toEqual([
      [{ file: "sources.yaml", line: 2, column: 16 }, "U+2197 NORTH EAST ARROW"],
      [undefined, "U+2318 PLACE OF INTEREST SIGN"],
    ]);
  });

  it("is one error for the characters of a script booklet has no fonts for, naming the script", async () => {
    const sentence = "عيد ميلاد سعيد";
    const files = [{ file: "chapters/01.md", text: `---\ntitle: x\n---\nA greeting: ${sentence}. And ↗.\n` }];
    const problems = (
      await planFonts({ list: LIST, language: "en", html: page(`A greeting: ${sentence}. And ↗.`), files })
    ).problems;
    // the Arabic letters are one problem, at the first of them in the file; the arrow, of no script, its own
    const letters = new Set([...sentence.replace(/ /g, "")]).size;
    expect(
      problems.map((p) => [p.location, /U\+\w+ [A-Z ]+ \(.\)(, and \d+ more characters of \w+)?/.exec(p.message)![0]]),
    ).toEqual([
      [
        { file: "chapters/01.md", line: 4, column: 13 },
        `U+0639 ARABIC LETTER AIN (ع), and ${letters - 1} more characters of Arabic`,
      ],
      [{ file: "chapters/01.md", line: 4, column: 33 }, "U+2197 NORTH EAST ARROW (↗)"],
    ]);
    expect(problems[0].message).toContain("do not have them, and booklet knows no @fontsource font for them");
  });
});

describe("fonts.fallback", () => {
  // Bopomofo, of no script booklet has fonts for, and an arrow of no script: both drawn by Noto Sans JP
  const text = "Zhuyin: ㄅㄆㄇㄈ, and ↗.";
  const files = [{ file: "chapters/01.md", text: `---\ntitle: x\n---\n${text}\n` }];

  it("draws what the booklet's fonts lack with the first package that has it, under the booklet's families", async () => {
    const plan = await planFonts({ list: LIST, fallback: ["noto-sans-jp"], language: "en", html: page(text), files });
    expect(plan.problems).toEqual([]);
    // in the order of their code points: the arrow (U+2197) first
    expect(plan.scripts).toEqual([
      { name: "Other characters", packages: { serif: "noto-sans-jp", sans: "noto-sans-jp" } },
      { name: "Bopomofo", packages: { serif: "noto-sans-jp", sans: "noto-sans-jp" } },
    ]);
    // each of the booklet's faces has the slices that hold them, declared under its own family, weight and
    // style; only those slices, read here from the package's CSS
    const lent = [...plan.css.matchAll(/@font-face\s*\{[^}]*\}/g)]
      .map((m) => m[0])
      .filter((r) => r.includes("noto-sans-jp"));
    const under = new Set(lent.map((r) => /font-family:\s*['"]?([^;'"]+)/.exec(r)![1]));
    expect([...under].sort()).toEqual(["Source Sans 3", "Source Serif 4"]);
    const slices = new Set(lent.map((r) => /noto-sans-jp-(\d+)-\d+-normal\.woff2/.exec(r)![1]));
    const has = (slice: string, cp: number) => cmap("noto-sans-jp", `noto-sans-jp-${slice}-400-normal.woff2`).has(cp);
    for (const cp of [0x3105, 0x2197])
      expect(
        [...slices].some((s) => has(s, cp)),
        cp.toString(16),
      ).toBe(true);
    expect(slices.size).toBeLessThanOrEqual(2);
  });

  it("is not used for characters the booklet's fonts draw, and without it they are problems", async () => {
    const plan = await planFonts({ list: LIST, language: "en", html: page(text), files });
    expect(
      plan.problems.map((p) => /U\+\w+ [A-Z ]+ \(.\)(, and \d+ more characters of \w+)?/.exec(p.message)![0]),
    ).toEqual(["U+2197 NORTH EAST ARROW (↗)", "U+3105 BOPOMOFO LETTER B (ㄅ), and 3 more characters of Bopomofo"]);
    // a listed package that lacks them is named as one that does not have them either
    const lora = await planFonts({ list: LIST, fallback: ["lora"], language: "en", html: page(text), files });
    expect(lora.problems).toHaveLength(2);
    for (const p of lora.problems)
      expect(p.message).toMatch(
        /do not have (it|them), nor @fontsource\/lora of fonts\.fallback, and booklet knows no/,
      );
    const latin = await planFonts({
      list: LIST,
      fallback: ["noto-sans-jp"],
      language: "en",
      html: page("Baku"),
      files,
    });
    expect(latin.scripts).toEqual([]);
    expect(latin.css).not.toContain("noto-sans-jp");
  });
});

describe("a character map read from the woff beside an @fontsource woff2", () => {
  it("is the woff2's own, for every file of the booklet's fonts in the subsets its languages use", () => {
    const files = ["source-serif-4", "source-sans-3"].flatMap((pkg) => {
      const dir = path.join(path.dirname(require.resolve(`@fontsource/${pkg}/package.json`)), "files");
      return fs
        .readdirSync(dir)
        .filter((f) => /-(latin|latin-ext|cyrillic|greek)-\d+-(normal|italic)\.woff2$/.test(f))
        .map((f) => ({ pkg, file: f, full: path.join(dir, f) }));
    });
    expect(files.length).toBeGreaterThan(40);
    for (const { pkg, file, full } of files) {
      const source = cmapSource(full);
      expect(source).toBe(full.replace(/\.woff2$/, ".woff"));
      expect(cmap(pkg, path.basename(source)), file).toEqual(cmap(pkg, file));
    }
  });

  it("is not looked for beside a content's own font, nor when there is no woff", () => {
    const dir = tempDir("booklet-cmap-");
    fs.writeFileSync(path.join(dir, "house.woff2"), "");
    fs.writeFileSync(path.join(dir, "house.woff"), "");
    expect(cmapSource(path.join(dir, "house.woff2"))).toBe(path.join(dir, "house.woff2"));
    const lone = path.join(dir, "node_modules", "@fontsource", "lone", "files", "lone-latin-400-normal.woff2");
    expect(cmapSource(lone)).toBe(lone);
  });
});

describe("the characters a document prints", () => {
  it("are its body's text, entities decoded, without markup, styles, the head or invisible format characters", () => {
    const used = printedCodePoints(
      `<html><head><title>Ж</title></head><body class="ы"><style>p{content:"Щ"}</style><p title="Ю">a&amp;b&#x259;\u00AD\u200B</p><!-- Я --></body></html>`,
    );
    expect([...used].map((c) => String.fromCodePoint(c)).sort()).toEqual(["&", "a", "b", "ə"]);
  });
});

describe("a script's fonts installed beside the content rather than beside booklet", () => {
  it("are found there, and their files served from there", async () => {
    const { fontFile } = await import("../../src/document/fonts.ts");
    // a stand-in for @fontsource/noto-serif-jp and noto-sans-jp: the Korean fonts, which draw kana too
    const project = tempDir();
    const content = path.join(project, "content");
    fs.mkdirSync(content);
    for (const [jp, kr] of [
      ["noto-serif-jp", "noto-serif-kr"],
      ["noto-sans-jp", "noto-sans-kr"],
    ]) {
      const from = path.dirname(require.resolve(`@fontsource/${kr}/package.json`));
      const to = path.join(project, "node_modules/@fontsource", jp);
      fs.mkdirSync(to, { recursive: true });
      for (const f of ["package.json", "metadata.json", "400.css", "600.css"])
        fs.writeFileSync(path.join(to, f), fs.readFileSync(path.join(from, f), "utf8").replaceAll(kr, jp));
      fs.mkdirSync(path.join(to, "files"));
      for (const f of fs.readdirSync(path.join(from, "files")).filter((n) => /-(400|600)-normal\.woff2$/.test(n)))
        fs.symlinkSync(path.join(from, "files", f), path.join(to, "files", f.replace(kr, jp)));
    }
    const plan = await planFonts({
      list: LIST,
      language: "ja",
      html: page("ありがとう"),
      files: [],
      contentDir: content,
    });
    expect(plan.problems).toEqual([]);
    expect(plan.scripts).toEqual([
      { name: "Japanese kana", packages: { serif: "noto-serif-jp", sans: "noto-sans-jp" } },
    ]);
    const url = /url\((\/_fonts\/noto-serif-jp\/files\/[^)]+)\)/.exec(plan.css)![1];
    expect(fontFile(url)).toBe(path.join(project, "node_modules/@fontsource/noto-serif-jp/files", path.basename(url)));
  });
});

describe("Japanese", () => {
  it("is drawn by the Japanese fonts, kana and kanji alike, in a Japanese booklet", async () => {
    const plan = await planFonts({ list: LIST, language: "ja", html: page("黒い一月の記憶、ありがとう。"), files: [] });
    expect(plan.problems).toEqual([]);
    expect(plan.scripts.map((s) => [s.name, s.packages.serif, s.packages.sans])).toEqual([
      ["Han", "noto-serif-jp", "noto-sans-jp"],
      ["Japanese kana", "noto-serif-jp", "noto-sans-jp"],
    ]);
    // every character of the text is in the cmap of a slice the rules load
    const slices = [...plan.css.matchAll(/noto-serif-jp\/files\/([^)]+\.woff2)/g)].map((m) =>
      cmap("noto-serif-jp", m[1]),
    );
    for (const c of cps("黒い一月の記憶ありがとう")) expect(slices.some((set) => set.has(c))).toBe(true);
  });
});
