// The small pieces several stages share (src/shared): one definition each, so one test each.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ownFontList } from "../../src/document/font-list.ts";
import { removeScratchDir, removeScratchDirs, scratchDir } from "../../src/shared/scratch.ts";
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

describe("scratch folders", () => {
  it("are named by the process, and the ones still in use are removed when a signal stops the build", () => {
    const a = scratchDir("booklet-scratch-");
    const b = scratchDir("booklet-scratch-");
    fs.writeFileSync(path.join(b, "in.pdf"), "x");
    expect(path.basename(a)).toMatch(new RegExp(`^booklet-scratch-${process.pid}-[A-Za-z0-9]{6}$`));
    removeScratchDir(a);
    expect(fs.existsSync(a)).toBe(false);
    expect(fs.existsSync(b)).toBe(true);
    removeScratchDirs();
    expect(fs.existsSync(b)).toBe(false);
  });
});

describe("ownFontList", () => {
  it("reads the content's own templates/fonts.txt without comments or blank lines, and not the shipped one", () => {
    const read = () => "# faces\n@fontsource/a/400.css  # body\n\n@fontsource/b/700.css\n";
    const content = path.resolve("/c/content");
    expect(ownFontList(path.join(content, "templates", "fonts.txt"), content, read)).toEqual([
      "@fontsource/a/400.css",
      "@fontsource/b/700.css",
    ]);
    expect(ownFontList(path.resolve("/booklet/templates/fonts.txt"), content, read)).toEqual([]);
    expect(ownFontList(path.join(content, "templates-old", "fonts.txt"), content, read)).toEqual([]);
    expect(ownFontList(undefined, content, read)).toEqual([]);
  });
});
