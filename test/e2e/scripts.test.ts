// Booklets in other scripts, built end to end: a Russian one (Cyrillic, with a Greek quotation and an
// Azerbaijani name), a Korean one (Hangul) and a Japanese one (kana and kanji). Their PDFs are read back with Poppler: the text is what the
// content says, no soft hyphen is in it, and every font is the booklet's own or its script's, none a
// system fallback.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ko } from "../../src/i18n/catalogues/ko.ts";
import { readFonts } from "../helpers/pdf-read.ts";
import { type Built, bookletFacts, buildAndInspect } from "./booklet-facts.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");

const pdftotext = (file: string, ...args: string[]) =>
  execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" });

/** Text without whitespace or hyphens: lines joined wherever a word was broken, as a reader would read it. */
const flat = (s: string) => s.replace(/[\s\-\u2010]+/g, "");

/** Every text file of a fixture, for what its booklet must print. */
function fixtureText(dir: string): string {
  const files = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
  return files(dir)
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
}

/** The facts every booklet's PDF shows (booklet-facts.ts) about a fixture's edition 2027, built once. */
type Facts = Omit<ReturnType<Parameters<typeof bookletFacts>[1]>, "language" | "contentDir">;

/** Builds the fixture named after its language before the block's tests, which read it through `built()`. */
function fixtureBooklet(language: string, facts: Facts): { content: string; built: () => Built } {
  const content = path.join(FIXTURES, language);
  let built: Built;
  beforeAll(async () => {
    built = await buildAndInspect(language, content, 2027);
  });
  bookletFacts(
    () => built,
    () => ({ ...facts, language, contentDir: content }),
  );
  return { content, built: () => built };
}

/** Every sentence is in the text (read across line breaks), and no soft hyphen or unmapped glyph is. */
function expectPrinted(text: string, sentences: string[]): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what Chromium writes for a glyph it cannot map
  expect(text).not.toMatch(/[\u00AD\u0000\uFFFD]/);
  for (const sentence of sentences) expect(flat(text)).toContain(flat(sentence));
}

/** The fonts not of these families, not embedded, or Type 3 (a bitmap stand-in). */
const foreignFonts = (file: string, families: RegExp) =>
  readFonts(file).filter((f) => !families.test(f.name) || !f.embedded || f.type === "Type 3");

describe("a Russian booklet", () => {
  const { content, built } = fixtureBooklet("ru", {
    title: "Наводнение в Ольховом Плёсе: Тестовая брошюра, 14–15 марта 1952 года",
    author: "Тестовые материалы брошюры",
    subject: "Брошюра для проверки кириллицы, переносов и шрифтов.",
    keywords: ["Ольховый Плёс", "наводнение"],
  });

  it("prints its text as written, read back with pdftotext: Cyrillic, Greek and Azerbaijani letters, no soft hyphen", () => {
    expectPrinted(pdftotext(built().pdfPath), [
      "Ольховый Плёс вырос там, где старая дорога переходила реку вброд, а позднее — по мосту о пяти каменных арках.",
      "Бо́льшую часть своей истории город жил с рекой в согласии",
      "Паромщик Гасан Мәммәдов, чья семья пришла с востока, говорил по-гречески: «Τα πάντα ρει», — всё течёт.",
      "После полуночи вода перелилась через набережную, и жители ушли в верхний город.",
      "Самые ранние записи велись в книге при мостовой заставе; управление переписало их в 1921 году.",
      "Уровень воды у моста в Ольховом Плёсе, каждые шесть часов (выдуманные данные).",
      "Отчёт о мартовском паводке и речных водомерах",
      // two rows of the table
      "15 марта 06:00 475 мост наивысший уровень",
      "14 марта 18:00 168 мельничная плотина поднимается быстро",
    ]);
  });

  it("ends the sentence after the edition's date (“2027 г.”) with one full stop", () => {
    const text = pdftotext(built().pdfPath).replace(/\s+/g, " ");
    expect(text).toContain("издана к 15 марта 2027 г.");
    expect(text).toContain("наводнения, 15 марта 2027 г. Всё, что в ней сказано");
    expect(text).not.toMatch(/г(\.\.|…)/);
  });

  it("writes changes.md in Russian, from the catalogue", () => {
    const report = fs.readFileSync(path.join(path.dirname(built().result.manifestPath), "changes.md"), "utf8");
    expect(report.split("\n")[0]).toBe("# Изменения в издании 2027 года (75-я годовщина) по сравнению с 2026 годом");
    expect(report).toContain("## С какой страницы начинается каждая глава");
  });

  it("hyphenates Russian words at line ends, and they read whole", () => {
    const layout = pdftotext(built().pdfPath, "-layout");
    const broken = [...layout.matchAll(/([\p{Script=Cyrillic}-]+)[-\u2010]\n\s*(\p{Script=Cyrillic}+)/gu)].map((m) =>
      (m[1] + m[2]).replace(/-/g, ""),
    );
    expect(broken.length).toBeGreaterThan(0);
    // a word joined again is one the content has (one written with a hyphen, по-гречески, without it)
    const words = new Set(
      fixtureText(content)
        .replace(/(?<=\p{L})-(?=\p{L})/gu, "")
        .match(/\p{Script=Cyrillic}+/gu),
    );
    expect(broken.filter((w) => !words.has(w))).toEqual([]);
  });

  it("uses Source Serif 4 and Source Sans 3 alone, embedded, per pdffonts", () => {
    expect(readFonts(built().pdfPath).length).toBeGreaterThan(0);
    expect(foreignFonts(built().pdfPath, /^(SourceSerif4|SourceSans3)/)).toEqual([]);
  });
});

describe("a Korean booklet", () => {
  const { content, built } = fixtureBooklet("ko", {
    title: "앨더 리치 홍수: 시험용 소책자, 1952년 3월 14–15일",
    author: "소책자 시험 자료",
    subject: "한글 글꼴과 줄바꿈을 시험하는 소책자입니다.",
    keywords: ["앨더 리치", "홍수"],
  });

  it("prints its Hangul as written, read back with pdftotext", () => {
    expectPrinted(pdftotext(built().pdfPath), [
      "앨더 리치는 옛길이 여울을 건너던 자리에, 그리고 나중에는 다섯 개의 돌 아치로 된 다리가 놓인 자리에 자라난 마을이다.",
      "기록에는 거의 십 년마다 홍수가 있었지만, 장터까지 물이 올라온 적은 한 번도 없었다.",
      "신문은 그 밤을 “기억보다 더 멀리 온 물”이라고 불렀다.",
      "가장 오래된 기록은 다리 옆 통행료 징수소의 장부에 적혀 있었다.",
      "이 표현은 신문의 것이다. 소책자는 더 나은 말을 찾지 못해 그대로 쓴다.",
      "앨더 리치 다리의 수위 기록, 여섯 시간마다 (지어낸 자료).",
      "3월 홍수와 수위계에 관한 보고서",
      // a row of the table
      "3월 15일 06:00 475 다리 가장 높음",
    ]);
  });

  it("breaks lines between words, never inside one, and hyphenates nothing", () => {
    const raw = pdftotext(built().pdfPath, "-raw");
    const strip = (w: string) => w.replace(/[^\p{Script=Hangul}]/gu, "");
    // the words of the chapters, and of the table's cells (a CSV line holds several)
    // and the fixed text of the templates, from the Korean catalogue (Contents, Sources, …)
    // (the edition is printed 제2판, and read here without its digits)
    const fixed = Object.values(ko)
      .join(" ")
      .replace(/제\{number\}/g, "제")
      .replace(/\{[^{}]*\}/g, " ");
    const words = new Set(
      `${fixtureText(content)} ${fixed}`
        .split(/[\s,]+/)
        .map(strip)
        .filter(Boolean),
    );
    const printed = raw.split(/\s+/).map(strip).filter(Boolean);
    expect(printed.length).toBeGreaterThan(100);
    expect(printed.filter((w) => !words.has(w))).toEqual([]);
    expect(raw).not.toMatch(/\p{Script=Hangul}[-\u2010]\n/u);
  });

  it("draws Hangul with Noto Serif KR and Noto Sans KR, the rest with Source Serif 4 and Source Sans 3, all embedded, per pdffonts", () => {
    const fonts = readFonts(built().pdfPath);
    expect(foreignFonts(built().pdfPath, /^(SourceSerif4|SourceSans3|NotoSerifKR|NotoSansKR)/)).toEqual([]);
    for (const family of ["SourceSerif4", "NotoSerifKR", "NotoSansKR"])
      expect(fonts.some((f) => f.name.startsWith(family))).toBe(true);
  });
});

describe("a Japanese booklet", () => {
  const content = path.join(FIXTURES, "ja");
  let built: Built;
  beforeAll(async () => {
    built = await buildAndInspect("ja", content, 2027);
  });

  bookletFacts(
    () => built,
    () => ({
      title: "榛の浅瀬の洪水: 試験用の冊子、1952年3月14日〜15日",
      author: "冊子試験資料",
      subject: "日本語の書体と改行を試す冊子です。",
      keywords: ["榛の浅瀬", "洪水"],
      language: "ja",
      contentDir: content,
    }),
  );

  it("prints its kana and kanji as written, read back with pdftotext", () => {
    const text = pdftotext(built.pdfPath);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what Chromium writes for a glyph it cannot map
    expect(text).not.toMatch(/[\u00AD\u0000\uFFFD]/);
    for (const sentence of [
      "榛の浅瀬は、古い街道が川を歩いて渡った場所に、のちには五つの石のアーチからなる橋が架かった場所に育った町である。",
      "最も古い記録は、橋のそばの通行料徴収所の帳簿に書かれていた。",
      "新聞はその夜を「記憶よりも遠くまで来た水」と呼んだ。",
      "この言い方は新聞のものである。冊子はこれよりよい言葉を見つけられず、そのまま使う。",
      "榛の浅瀬の橋の水位記録、六時間ごと（架空の資料）。",
      "3月の洪水と水位計に関する報告書",
      // the fixed text, from the Japanese catalogue
      "75周年記念冊子",
      "目次",
      "奥付",
    ])
      expect(flat(text)).toContain(flat(sentence));
    expect(flat(text)).toContain(flat("3月15日 06:00 475 橋 最高水位"));
  });

  it("joins a paragraph's source lines without a space, breaks between characters and hyphenates nothing", () => {
    const raw = pdftotext(built.pdfPath, "-raw");
    // the source breaks these sentences after 架かった場所に and 数尺しか離れて; the PDF's lines elsewhere
    const joined = raw.replace(/\n/g, "");
    expect(joined).toContain("架かった場所に育った町である。");
    expect(joined).toContain("数尺しか離れていなかった。");
    // lines break between characters: some line of the text ends inside a sentence, between two kana or kanji
    expect(raw).toMatch(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]\n[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
    );
    expect(raw).not.toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][-\u2010]\n/u);
  });

  it("writes changes.md in Japanese, from the catalogue", () => {
    const report = fs.readFileSync(path.join(path.dirname(built.result.manifestPath), "changes.md"), "utf8");
    expect(report.split("\n")[0]).toBe("# 2027年版の変更点（75周年）、2026年版との比較");
    expect(report).toContain("- 変更なし：水が来る前、その夜");
    expect(report).toContain("## 各章の開始ページ");
    expect(report).toContain("| 章 | ページ | 以前 |");
    expect(report).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("draws kana and kanji with Noto Serif JP and Noto Sans JP, the rest with Source Serif 4 and Source Sans 3, all embedded, per pdffonts", () => {
    const fonts = readFonts(built.pdfPath);
    expect(
      fonts.filter(
        (f) => !/^(SourceSerif4|SourceSans3|NotoSerifJP|NotoSansJP)/.test(f.name) || !f.embedded || f.type === "Type 3",
      ),
    ).toEqual([]);
    for (const family of ["SourceSerif4", "NotoSerifJP", "NotoSansJP"])
      expect(fonts.some((f) => f.name.startsWith(family))).toBe(true);
  });
});
