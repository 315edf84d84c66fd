import { describe, expect, it } from "vitest";
import { anniversaryDate, computeEdition, defaultEditionYear, ordinal } from "../../src/config/edition.ts";

describe("edition values", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [23, "23rd"],
    [37, "37th"],
    [101, "101st"],
    [111, "111th"],
    [112, "112th"],
    [113, "113th"],
  ])("writes %i as %s in English", (n, expected) => {
    expect(ordinal(n, "en")).toBe(expected);
    expect(ordinal(n, "en-GB")).toBe(expected);
  });

  it("lets a language supply its own ordinal forms", () => {
    expect(ordinal(37, "fr")).toBe("37e");
    // the catalogue's ordinal is masculine, as "anniversaire" is: 1er anniversaire
    expect(ordinal(1, "fr")).toBe("1er");
    expect(ordinal(5, "az", { other: "{n}-ci" })).toBe("5-ci");
  });

  it("computes the 37th anniversary edition for 2027", () => {
    const e = computeEdition({
      eventDate: "1990-01-20",
      year: 2027,
      language: "en-GB",
      firstEdition: 2026,
      printDate: "2026-11-21",
    });
    expect(e).toMatchObject({
      year: 2027,
      anniversary: 37,
      ordinal: "37th",
      years: 37,
      date: "2027-01-20",
      number: 2,
      numberOrdinal: "2nd",
    });
    expect(e.dateText).toBe("20 January 2027");
  });

  it("defaults to the next anniversary on or after the build date", () => {
    expect(defaultEditionYear("1990-01-20", "2026-11-21")).toBe(2027);
    expect(defaultEditionYear("1990-01-20", "2027-01-19")).toBe(2027);
    expect(defaultEditionYear("1990-01-20", "2027-01-20")).toBe(2027);
    expect(defaultEditionYear("1990-01-20", "2027-01-21")).toBe(2028);
  });

  it("refuses a year that is not after the event", () => {
    expect(() =>
      computeEdition({ eventDate: "1990-01-20", year: 1990, language: "en", printDate: "2026-01-01" }),
    ).toThrow(/not after the event/);
    expect(() =>
      computeEdition({ eventDate: "1990-01-20", year: 1989, language: "en", printDate: "2026-01-01" }),
    ).toThrow(/not after the event/);
    expect(() =>
      computeEdition({ eventDate: "1990-01-20", year: 2027.5, language: "en", printDate: "2026-01-01" }),
    ).toThrow(/whole year/);
  });

  it("keeps 29 February on 28 February in common years", () => {
    expect(anniversaryDate("1992-02-29", 2027)).toBe("2027-02-28");
    expect(anniversaryDate("1992-02-29", 2028)).toBe("2028-02-29");
  });
});
