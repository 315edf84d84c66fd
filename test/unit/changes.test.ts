import { describe, expect, it } from "vitest";
import type { DataTable } from "../../src/content/types.ts";
import { changeReport, figureChanges, textHunks } from "../../src/output/changes.ts";

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
