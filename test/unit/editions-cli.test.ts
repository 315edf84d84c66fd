import { describe, expect, it } from "vitest";
import { parseEditions } from "../../src/cli.ts";

describe("--edition", () => {
  it("takes a year, a range and a comma list", () => {
    expect(parseEditions("2027")).toEqual([2027]);
    expect(parseEditions("2016-2019")).toEqual([2016, 2017, 2018, 2019]);
    expect(parseEditions("2027,2025, 2026")).toEqual([2025, 2026, 2027]);
    expect(parseEditions("2016-2017,2027")).toEqual([2016, 2017, 2027]);
  });

  it("refuses what is not whole years", () => {
    expect(() => parseEditions("2027.5")).toThrow(/whole years/);
    expect(() => parseEditions("next")).toThrow(/whole years/);
    expect(() => parseEditions("2027-2016")).toThrow(/backwards/);
  });
});
