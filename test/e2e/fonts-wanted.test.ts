// Only the font faces for the characters a page may print are loaded before its layout (patch 103,
// page-handlers.js bookletFontWanted); a face that text needs after all is loaded when it is met, and the
// document is then laid out again with every face loaded first (page-run.ts, layOut). Built by the real
// build() in Chromium and read back with Poppler.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { tempDir } from "../helpers/tmp.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/notes-rule");
const EPOCH = "1767225600"; // 2026-01-01

/** notes-rule's booklet built, with `css` as a stylesheet of its own: the PDF's text and fonts, the debug log. */
async function built(name: string, css?: string) {
  const dir = tempDir();
  const content = path.join(dir, "content");
  fs.cpSync(FIXTURE, content, { recursive: true });
  if (css) {
    fs.mkdirSync(path.join(content, "templates", "styles"), { recursive: true });
    fs.writeFileSync(path.join(content, "templates", "styles", `${name}.css`), css);
  }
  const debug: string[] = [];
  const [result] = await build({
    contentDir: content,
    outDir: path.join(dir, "out"),
    editions: [2026],
    formats: ["screen"],
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH },
    log: { ...silentLogger, debug: (m) => debug.push(m) },
    concurrency: 1,
  });
  const screen = result.files.find((f) => f.format === "screen")!;
  const pdf = path.join(path.dirname(result.manifestPath), screen.path);
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" })
    .split("\n")
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ""));
  return { text, fonts, debug: debug.join("\n") };
}

describe("the font faces loaded before the layout", () => {
  it("are those the text needs: a booklet in English is laid out once, in its own fonts", async () => {
    const { text, fonts, debug } = await built("plain");
    expect(text).toContain("The mill by the weir");
    expect(debug).toMatch(/paginate \S+: laid out at/);
    expect(debug).not.toContain("laid out again with every font face");
    // of each face of Source Serif 4 and Source Sans 3 (latin, latin-ext, cyrillic, greek, vietnamese…), the
    // latin slice alone: the fixture's text is plain English
    const [, first, of] = /(\d+) of (\d+) font faces loaded first/.exec(debug) ?? [];
    expect(Number(of)).toBeGreaterThanOrEqual(40);
    expect(Number(first)).toBeGreaterThan(0);
    expect(Number(first)).toBeLessThanOrEqual(Number(of) / 4);
    expect(fonts.every((f) => /^Source(Serif4|Sans3)/.test(f))).toBe(true);
  });

  it("and a face no text has but a list's Greek numbering needs: laid out again with every face, no fallback font", async () => {
    // the markers α. β. are the counter style's: no text of the booklet, nor of its stylesheets, has them
    const { text, fonts, debug } = await built("greek", "ul { list-style-type: lower-greek; }\n");
    // the face of Source Serif 4's Greek slice (U+0370–03FF), which the text left out
    expect(debug).toMatch(
      /laid out again with every font face loaded first: text needed Source Serif 4 400 normal \(U\+370-/,
    );
    expect(text).toMatch(/α\.\s+from the county town/);
    expect(text).toMatch(/β\.\s+from the market town/);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => /^Source(Serif4|Sans3)/.test(f))).toBe(true);
  });
});
