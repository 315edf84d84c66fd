// The small pieces several stages share (src/shared): one definition each, so one test each.
import { describe, expect, it } from "vitest";
import { lineColumn, slugify } from "../../src/shared/text.ts";

describe("lineColumn", () => {
  it("counts lines and columns from 1, the column in the offset's own line", () => {
    const text = "ab\ncd\r\nef";
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 1)).toEqual({ line: 1, column: 2 });
    expect(lineColumn(text, 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumn(text, text.indexOf("f"))).toEqual({ line: 3, column: 2 });
  });
});

describe("slugify", () => {
  it("keeps Latin letters and digits, drops accents and turns every other run into one hyphen", () => {
    expect(slugify("01-the-road")).toBe("01-the-road");
    expect(slugify("  Ağdam, 1990 — Şuşa ")).toBe("agdam-1990-susa");
    expect(slugify("Память")).toBe("");
  });
});
