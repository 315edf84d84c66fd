import { describe, expect, it } from "vitest";
import type { DataTable } from "../../src/content/types.ts";
import { CATALOGUES, createMessages } from "../../src/i18n/messages.ts";
import { changeReport, figureChanges, textHunks, unpreparedReport } from "../../src/output/changes.ts";

const table = (rows: [string, string, number][]): DataTable => ({
  name: "toll",
  file: "toll.csv",
  columns: [
    { key: "measure", label: "Measure", type: "text" },
    { key: "source", label: "Source", type: "source" },
    { key: "value", label: "Figure", type: "number" },
  ],
  rows: rows.map(([measure, source, value], i) => ({
    values: { measure, source, value },
    file: "toll.csv",
    line: i + 2,
  })),
  measures: {},
  layer: "base",
});

describe("the change report", () => {
  it("lists chapters added, removed and changed, with the words that changed", () => {
    const report = changeReport({
      previous: {
        year: 2026,
        ordinal: "36th",
        chapters: [
          { id: "foreword", title: "Foreword", markdown: "The 36th anniversary.\n\nSame." },
          { id: "ch-old", title: "Old", markdown: "x" },
          { id: "ch-a", title: "A", markdown: "a" },
        ],
        tables: new Map(),
        starts: new Map([["ch-a", 7]]),
      },
      current: {
        year: 2027,
        ordinal: "37th",
        chapters: [
          { id: "foreword", title: "Foreword", markdown: "The 37th anniversary.\n\nSame." },
          { id: "ch-a", title: "A", markdown: "a" },
          { id: "ch-new", title: "New", markdown: "y" },
        ],
        tables: new Map(),
        starts: new Map([
          ["ch-a", 9],
          ["foreword", 5],
        ]),
      },
    });
    expect(report).toMatch(/against 2026/);
    expect(report).toMatch(/- added: \*\*New\*\*/);
    expect(report).toMatch(/- removed: \*\*Old\*\*/);
    expect(report).toMatch(/- changed: \*\*Foreword\*\*/);
    expect(report).toMatch(/\[-36th-\] \{\+37th\+\}/);
    expect(report).toMatch(/\| A \| 9 \| 7 \(moved\) \|/);
    expect(report).not.toMatch(/changed: \*\*A\*\*/);
  });

  it("lists the figures that changed, row by row", () => {
    const lines = figureChanges(
      new Map([
        [
          "toll",
          table([
            ["killed", "a", 131],
            ["injured", "a", 744],
          ]),
        ],
      ]),
      new Map([
        [
          "toll",
          table([
            ["killed", "a", 132],
            ["missing", "b", 4],
          ]),
        ],
      ]),
    );
    expect(lines).toEqual([
      "- toll: measure=killed, source=a: value 131 → 132",
      "- toll: added row measure=missing, source=b",
      "- toll: removed row measure=injured, source=a",
    ]);
  });

  it("shows added and removed paragraphs", () => {
    expect(textHunks("One.\n\nTwo.", "One.\n\nTwo.\n\nThree.")).toEqual(["added: Three."]);
    expect(textHunks("One.\n\nTwo.", "Two.")).toEqual(["removed: One."]);
  });

  it("says when there is nothing to compare with", () => {
    expect(changeReport({ current: { year: 1991, ordinal: "1st", chapters: [], tables: new Map() } })).toMatch(
      /no earlier edition/,
    );
  });
});

describe("the change report in the booklet's language", () => {
  const edition = (year: number, chapters: [string, string, string][], rows: [string, string, number][]) => ({
    year,
    anniversary: year - 1990,
    ordinal: `${year - 1990}`,
    chapters: chapters.map(([id, title, markdown]) => ({ id, title, markdown })),
    tables: new Map([["toll", table(rows)]]),
    starts: new Map([["ch-a", year - 2018]]),
  });
  // eight passages rewritten between unchanged ones, six shown: "and 2 more"
  const paragraphs = (word: string) => Array.from({ length: 8 }, (_, i) => `Same ${i}.\n\n${word} ${i}.`).join("\n\n");
  const report = (language: string) =>
    changeReport({
      messages: createMessages({ language }),
      previous: edition(
        2026,
        [
          ["ch-a", "A", paragraphs("Old")],
          ["ch-b", "B", "b"],
        ],
        [["killed", "a", 131]],
      ),
      current: edition(
        2027,
        [
          ["ch-a", "A", paragraphs("New")],
          ["ch-b", "B", "b"],
        ],
        [
          ["killed", "a", 131],
          ["injured", "a", 744],
        ],
      ),
    });

  it("is worded by the catalogue, whole phrases with the language's plurals, in every shipped language", () => {
    const az = report("az");
    expect(az).toContain("# 2027 nəşrində dəyişikliklər (37 ildönümü), 2026 nəşri ilə müqayisədə");
    expect(az).toContain("## Fəsillər");
    expect(az).toContain("- dəyişib: **A**");
    expect(az).toContain("- dəyişməyib: B");
    expect(az).toContain("- … və daha 2 dəyişmiş hissə");
    expect(az).toContain("| fəsil | səhifə | əvvəl |");
    expect(az).toContain("| A | 9 | 8 (yeri dəyişib) |");
    expect(az).toContain("- toll: sətir əlavə edilib: measure=injured, source=a");
    const ru = report("ru");
    expect(ru).toContain("# Изменения в издании 2027 года (37-я годовщина) по сравнению с 2026 годом");
    expect(ru).toContain("- … и ещё 2 изменённых фрагмента");
    // no English word is left in any shipped language's report ("page" is French too)
    for (const language of Object.keys(CATALOGUES).filter((l) => l !== "en"))
      expect(report(language)).not.toMatch(
        /\b(Changes|against|Chapters|changed|unchanged|added|removed|Figures|more|chapter|before|moved)\b/,
      );
    expect(report("en")).toContain("- … and 2 more changed passages");
  });

  it("says in the language when the previous edition could not be prepared", () => {
    const text = unpreparedReport(edition(2027, [], []), 2026, "B201", createMessages({ language: "de" }));
    expect(text).toBe(
      "# Änderungen in der Ausgabe 2027 (37 Jahrestag)\n\nDie Ausgabe 2026 konnte nicht zum Vergleich vorbereitet werden: B201\n",
    );
  });
});
