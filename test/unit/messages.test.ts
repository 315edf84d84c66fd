// The fixed text in every shipped language: ordinals from CLDR's rules checked against the languages' own
// rules over 1–120, catalogues complete, messages of booklet.yaml over them, and the fallback to English.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeEdition, ordinal } from "../../src/config/edition.ts";
import { loadConfig } from "../../src/config/load.ts";
import { CATALOGUES, createMessages, MESSAGE_IDS, messageProblem } from "../../src/i18n/messages.ts";
import { thrownErrors } from "../helpers/errors.ts";
import { MINIMAL_CONFIG, tempProject } from "../helpers/tmp.ts";

const ONE_TO_120 = Array.from({ length: 120 }, (_, i) => i + 1);

/** The Azerbaijani words of a number up to 999: the suffix follows the vowels of the last one. */
function azerbaijaniWords(n: number): string {
  const units = ["", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz"];
  const tens = ["", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan"];
  const hundreds = Math.floor(n / 100);
  const words = [
    hundreds > 1 ? units[hundreds] : "",
    hundreds ? "yüz" : "",
    tens[Math.floor(n / 10) % 10],
    units[n % 10],
  ];
  return words.filter(Boolean).join(" ");
}

/** Four-way vowel harmony: the suffix -ci/-cı/-cu/-cü takes the last vowel's frontness and rounding. */
function azerbaijaniOrdinal(n: number): string {
  const vowel = [...azerbaijaniWords(n)].reverse().find((c) => "aıoueəiöü".includes(c))!;
  const suffix = "aı".includes(vowel) ? "cı" : "eəi".includes(vowel) ? "ci" : "ou".includes(vowel) ? "cu" : "cü";
  return `${n}-${suffix}`;
}

function englishOrdinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** Each shipped language's ordinal of n, written from its grammar, not from CLDR. */
const EXPECTED: Record<string, (n: number) => string> = {
  en: englishOrdinal,
  az: azerbaijaniOrdinal,
  // the masculine form; phrases write their own endings (37-я годовщина)
  ru: (n) => `${n}-й`,
  tr: (n) => `${n}.`,
  de: (n) => `${n}.`,
  fr: (n) => (n === 1 ? "1er" : `${n}e`),
  ko: (n) => `제${n}`,
};

describe("ordinals", () => {
  it("spells the Azerbaijani numbers the task names as their words say", () => {
    const named =
      "1-ci, 2-ci, 3-cü, 4-cü, 5-ci, 6-cı, 7-ci, 8-ci, 9-cu, 10-cu, 20-ci, 30-cu, 36-cı, 40-cı, 50-ci, 60-cı, 70-ci, 80-ci, 90-cı, 100-cü";
    const numbers = named.split(", ").map((s) => Number(s.split("-")[0]));
    expect(numbers.map(azerbaijaniOrdinal).join(", ")).toBe(named);
    expect(numbers.map((n) => ordinal(n, "az")).join(", ")).toBe(named);
  });

  it.each(Object.keys(EXPECTED))("writes every ordinal from 1 to 120 right in %s", (language) => {
    const wrong = ONE_TO_120.map((n) => [ordinal(n, language), EXPECTED[language](n)]).filter(
      ([got, want]) => got !== want,
    );
    expect(wrong).toEqual([]);
  });

  it("uses a region's catalogue for a regional tag (az-Latn-AZ, en-GB)", () => {
    expect(ordinal(36, "az-Latn-AZ")).toBe("36-cı");
    expect(ordinal(112, "en-GB")).toBe("112th");
  });

  it("keeps the ordinals: key of booklet.yaml over the catalogue", () => {
    expect(ordinal(37, "az", { other: "{n}." })).toBe("37.");
  });

  it("puts whole phrases together in each language", () => {
    const edition = (language: string) =>
      computeEdition({ eventDate: "1990-01-20", year: 2027, language, firstEdition: 2026, printDate: "2026-11-21" });
    const phrase = (language: string, id: "cover.edition" | "titlePage.occasion") => {
      const e = edition(language);
      return createMessages({ language, values: { n: e.anniversary, ordinal: e.ordinal, date: e.dateText } }).format(
        id,
      );
    };
    expect(phrase("en-GB", "cover.edition")).toBe("37th anniversary · 20 January 2027");
    expect(phrase("az", "cover.edition")).toBe("37-ci ildönümü · 20 yanvar 2027");
    expect(phrase("ru", "cover.edition")).toMatch(/^37-я годовщина · 20 января 2027/);
    expect(phrase("ru", "titlePage.occasion")).toBe("Памятное издание к 37-й годовщине");
    expect(phrase("de", "cover.edition")).toBe("37. Jahrestag · 20. Januar 2027");
    expect(phrase("fr", "titlePage.occasion")).toBe("Livret commémoratif pour le 37e anniversaire");
    expect(phrase("tr", "cover.edition")).toBe("37. yıl dönümü · 20 Ocak 2027");
    expect(phrase("ko", "titlePage.occasion")).toBe("37주년 기념 책자");
  });

  it("writes the French edition number in the feminine (1re, 2e édition)", () => {
    const m = createMessages({ language: "fr", values: { ordinal: "37e", date: "20 janvier 2027", number: 2 } });
    expect(m.format("colophon.editionInSeries")).toBe(
      "Édition du 37e anniversaire, pour le 20 janvier 2027\u202f; 2e édition de ce livret.",
    );
    expect(m.format("colophon.editionInSeries", { number: 1 })).toMatch(/; 1re édition/);
  });
});

describe("quotation marks", () => {
  it("quote a source's title as each language does", () => {
    const quoted = (language: string) => createMessages({ language }).format("citation.title", { title: "X" });
    expect(["en", "de", "fr", "ru", "az", "tr", "ko"].map(quoted)).toEqual([
      "“X,”",
      "„X“,",
      "«\u202fX\u202f»,",
      "«X»,",
      "«X»,",
      "“X”,",
      "「X」,",
    ]);
  });
});

describe("catalogues", () => {
  it.each(Object.keys(CATALOGUES))(
    "%s has every message, each valid and using only the values booklet gives",
    (language) => {
      const catalogue = CATALOGUES[language];
      expect(Object.keys(catalogue).sort()).toEqual([...MESSAGE_IDS].sort());
      const problems = MESSAGE_IDS.map((id) => [id, messageProblem(catalogue[id], language)]).filter(
        ([, p]) => p !== undefined,
      );
      expect(problems).toEqual([]);
    },
  );

  it("falls back to English for a language without a catalogue, and says which phrases", () => {
    const m = createMessages({ language: "ka" });
    expect(m.fallback).toBe(true);
    expect(m.format("contents.title")).toBe("Contents");
    expect(m.format("ordinal", { n: 22 })).toBe("22nd");
    expect(m.missing).toContain("contents.title");
    const given = createMessages({ language: "ka", overrides: { "contents.title": "სარჩევი" } });
    expect(given.format("contents.title")).toBe("სარჩევი");
    expect(given.missing).not.toContain("contents.title");
  });
});

describe("messages: in booklet.yaml", () => {
  it("override a catalogue's message, with the booklet's plural rules", () => {
    const dir = tempProject({
      "booklet.yaml":
        MINIMAL_CONFIG.replace("en-GB", "de") +
        'messages:\n  contents.title: Inhaltsverzeichnis\n  pdf.keyword: "{n, plural, one {# Jahr} other {# Jahre}}"\n',
    });
    const { config } = loadConfig({ contentDir: dir });
    const m = createMessages({ language: config.language, overrides: config.messages });
    expect(m.format("contents.title")).toBe("Inhaltsverzeichnis");
    expect(m.format("sources.title")).toBe("Quellen");
    expect(m.format("pdf.keyword", { n: 1 })).toBe("1 Jahr");
    expect(m.format("pdf.keyword", { n: 37 })).toBe("37 Jahre");
  });

  it("answer a misspelt id with the closest one, at its line", () => {
    const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG}messages:\n  contents.titel: Inhalt\n` });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(e.kind).toBe("ConfigUnknownKey");
    expect(e.message).toMatch(/messages\.contents\.titel.*Did you mean `contents\.title`/);
    expect(e.location).toMatchObject({ file: path.join(dir, "booklet.yaml"), line: 7 });
  });

  it("refuse a message that is not MessageFormat or uses a value booklet does not give, at its line", () => {
    const dir = tempProject({
      "booklet.yaml":
        MINIMAL_CONFIG +
        'messages:\n  cover.edition: "{n, selectordinal, one {#st}"\n  pdf.subject: "{anniversary} anniversary"\n',
    });
    const errors = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(errors.map((e) => [e.kind, e.location?.line])).toEqual([
      ["ConfigInvalid", 7],
      ["ConfigInvalid", 8],
    ]);
    expect(errors[0].message).toMatch(/messages\.cover\.edition.*not ICU MessageFormat/);
    expect(errors[1].message).toMatch(/\{anniversary\}, which booklet does not give/);
  });
});
