// End to end: booklet.yaml's fonts.fallback draws what the booklet's typefaces lack (Bopomofo, which booklet
// has no fonts for, and two symbols) with an installed @fontsource package, under the booklet's families. The
// build passes its preflight, and its PDF, read back with Poppler, has the text and embeds the package's font.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { readFonts } from "../helpers/pdf-read.ts";
import { tempDir } from "../helpers/tmp.ts";

const GOOD = path.resolve(import.meta.dirname, "../fixtures/bad/_good");
const LINE = "Zhuyin: ㄅㄆㄇㄈ, an arrow ↗ and a star ★.";
let pdf: string;
const notices: string[] = [];

beforeAll(async () => {
  const dir = tempDir("booklet-fallback-");
  const content = path.join(dir, "content");
  fs.cpSync(GOOD, content, { recursive: true });
  fs.appendFileSync(path.join(content, "chapters", "02-second.md"), `\n\n${LINE}\n`);
  // the @fontsource/ prefix may be written or not
  fs.appendFileSync(path.join(content, "booklet.yaml"), 'fonts:\n  fallback: ["@fontsource/noto-sans-jp"]\n');
  const [result] = await build({
    contentDir: content,
    outDir: path.join(dir, "out"),
    editions: [2027],
    formats: ["screen"],
    env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
    log: { ...silentLogger, info: (m) => notices.push(m) },
  });
  pdf = path.join(dir, "out", "2027", result.files[0].path);
});

describe("fonts.fallback", () => {
  it("says which characters each package draws", () => {
    expect(notices).toContain("Bopomofo: drawn with @fontsource/noto-sans-jp");
    expect(notices).toContain("Other characters: drawn with @fontsource/noto-sans-jp");
  });

  it("prints the characters, read back with pdftotext", () => {
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text.replace(/\s+/g, " ")).toContain(LINE);
  });

  it("embeds the package's font beside the booklet's own, none of them a Type 3 or system font", () => {
    const fonts = readFonts(pdf);
    expect(fonts.some((f) => f.name.startsWith("NotoSansJP"))).toBe(true);
    expect(fonts.filter((f) => !/^(SourceSerif4|SourceSans3|NotoSansJP)/.test(f.name))).toEqual([]);
    expect(fonts.filter((f) => !f.embedded || f.type === "Type 3")).toEqual([]);
  });
});
