import { describe, expect, it } from "vitest";
import type { Content } from "../../src/content/types.ts";
import { createHandlebars, runTemplate } from "../../src/document/handlebars.ts";
import { templateSet } from "../../src/document/templates.ts";
import { az } from "../../src/i18n/catalogues/az.ts";
import { hyphenateHtml, hyphenationNotice, hyphenatorFor } from "../../src/markdown/hyphenate.ts";
import { azSyllables } from "../../src/markdown/hyphenate-az.ts";

const shown = (html: string) => html.replace(/\u00AD/g, "~");

describe("build-time hyphenation", () => {
  it("hyphenates the words of running text", () => {
    expect(shown(hyphenateHtml("<p>The catalogue lists every recording.</p>", "en-GB"))).toBe(
      "<p>The cata~logue lists every re~cord~ing.</p>",
    );
  });

  it("leaves web addresses, linked or not, and code alone", () => {
    const url = "https://archive.example.org/collections/broadcasts";
    const html = `<p>At <a href="${url}">${url}</a>, ${url}/recordings and <code>catalogue_recordings</code>: recordings.</p>`;
    expect(shown(hyphenateHtml(html, "en-GB"))).toBe(html.replace(/: recordings/, ": re~cord~ings"));
  });

  it("leaves headings alone", () => {
    expect(hyphenateHtml("<h2>Remembrance</h2>", "en-GB")).toBe("<h2>Remembrance</h2>");
  });
});

describe("hyphenation in every language booklet ships", () => {
  it("divides Russian, Turkish, German and French words by their patterns", () => {
    const cases: [string, string, string][] = [
      ["ru", "<p>государственный</p>", "<p>го~су~дар~ствен~ный</p>"],
      ["tr", "<p>anıtlarımızdan</p>", "<p>anıt~la~rı~mız~dan</p>"],
      ["de", "<p>Gedenkveranstaltung</p>", "<p>Ge~denk~ver~an~stal~tung</p>"],
      ["fr", "<p>commémoration</p>", "<p>com~mé~mo~ra~tion</p>"],
    ];
    for (const [language, html, want] of cases)
      expect([language, shown(hyphenateHtml(html, language))]).toEqual([language, want]);
  });

  it("divides Azerbaijani words between their syllables: one consonant goes with the next vowel, of two or three the last", () => {
    const words: Record<string, string> = {
      qardaşlıq: "qar~daş~lıq",
      Azərbaycan: "Azər~bay~can",
      müəllimlər: "mü~əl~lim~lər",
      göstəricilər: "gös~tə~ri~ci~lər",
      çağırışlar: "ça~ğı~rış~lar",
      şəhidlər: "şə~hid~lər",
      Xiyabanı: "Xi~ya~ba~nı",
      İçərişəhər: "İçə~ri~şə~hər",
      türklərin: "türk~lə~rin",
      saatlarla: "sa~at~lar~la",
      dövlət: "döv~lət",
      ölkəmizin: "öl~kə~mi~zin",
      // short words, and a single letter at either end, are never divided
      ölkə: "ölkə",
      ailə: "ailə",
      ataları: "ata~la~rı",
    };
    for (const [word, want] of Object.entries(words))
      expect([word, shown(hyphenateHtml(`<p>${word}</p>`, "az"))]).toEqual([word, `<p>${want}</p>`]);
    expect(azSyllables("müəllim")).toEqual(["mü", "əl", "lim"]);
  });

  it("leaves Azerbaijani markup and entities alone", () => {
    expect(shown(hyphenateHtml(`<p class="qardaşlıq">Bakı&hellip; <em>qardaşlıq</em></p>`, "az-Latn"))).toBe(
      `<p class="qardaşlıq">Bakı&hellip; <em>qar~daş~lıq</em></p>`,
    );
  });

  it("does not divide Korean, Japanese or Chinese, and says so in the log's words", () => {
    for (const language of ["ko", "ja", "zh-Hant"]) {
      expect(hyphenatorFor(language)).toBeNull();
      expect(hyphenationNotice(language)).toMatch(/words are not hyphenated/);
    }
    expect(hyphenateHtml("<p>대한민국의 기념일</p>", "ko")).toBe("<p>대한민국의 기념일</p>");
    for (const language of ["en-GB", "az", "ru", "tr", "de", "fr"]) expect(hyphenationNotice(language)).toBeUndefined();
    expect(hyphenationNotice("xx")).toMatch(/no hyphenation patterns/);
  });
});

describe("the catalogue's justified prose", () => {
  it("is hyphenated where a template asks ({{t … hyphenate=true}}), a heading's word never", () => {
    const content = {
      dir: "/nonexistent",
      tables: new Map(),
      sources: new Map(),
      charts: new Map(),
    } as unknown as Content;
    const run = (hyphenate?: (t: string) => string) =>
      runTemplate(
        createHandlebars({
          content,
          templates: templateSet("/nonexistent"),
          language: "az",
          charts: new Map(),
          hyphenate,
        }),
        {
          file: "t.hbs",
          firstLine: 1,
          text: '{{t "sources.intro" hyphenate=true}}|{{t "contents.title"}}',
          fileText: "",
        },
        {},
      );
    const [intro, heading] = run((t) => hyphenateHtml(t, "az")).split("|");
    expect(intro).toContain("mətn\u00ADlər\u00ADdən");
    expect(intro.replace(/\u00AD/g, "")).toBe(az["sources.intro"]);
    expect(heading).toBe("Mündəricat");
    // with hyphenate: false in booklet.yaml the build gives no hyphenator: the text stays whole
    expect(run()).not.toContain("\u00AD");
  });
});
