// Soft hyphens stay out of the PDF's text layer: Chromium marks each one it draws with an ActualText of
// U+00AD, which pdftotext (and search, copy, screen readers) read inside the word. After post-processing, a
// word reads whole, and a word broken at a line's end reads with the hyphen drawn there at most.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postprocess } from "../../src/pdf/postprocess.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { tempDir } from "../helpers/tmp.ts";

const WORDS = ["January", "commemoration", "remembrance", "Azerbaijani", "anniversary"];
const SHY = (w: string) => w.replace(/(?<=^.{2,}?)(?=(?:.{3})+$)/g, "\u00AD");
// the same words over and over, in a column narrow enough that some break at a soft hyphen, some not
const TEXT = Array.from({ length: 12 }, () => WORDS.map(SHY).join(" ")).join(" ");
const HTML = `<!doctype html><html lang="en"><body><p style="width: 31mm; font-size: 11pt; text-align: justify; hyphens: manual">${TEXT}</p></body></html>`;

let session: BrowserSession;
let raw: Uint8Array;
let dir: string;

beforeAll(async () => {
  session = await launchBrowser({ timeoutSeconds: 60 });
  const page = await session.browser.newPage();
  await page.setContent(HTML);
  raw = await page.pdf({ width: "80mm", height: "200mm", tagged: true, printBackground: true });
  await page.close();
  dir = tempDir();
});
afterAll(async () => {
  await session?.close();
});

function pdftotext(bytes: Uint8Array, name: string, ...args: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", [...args, file, "-"], { encoding: "utf8" });
}

describe("a soft hyphen in the PDF's text", () => {
  it("is in Chromium's own PDF, inside words and at line ends", () => {
    const text = pdftotext(raw, "raw.pdf");
    expect(text).toContain("Janu\u00ADary");
    // at a line's end, the soft hyphen and then the hyphen drawn there (U+2010 or "-", by the font's map)
    expect(text).toMatch(/\u00AD[-\u2010]\n/);
  });

  it("is gone after post-processing: words read whole, a broken word with its line-end hyphen at most", async () => {
    const pdf = await postprocess({
      pdf: raw,
      trim: { width: 80, height: 200 },
      metadata: { title: "t", keywords: [], language: "en", creator: "test", producer: "test", date: new Date(0) },
    });
    for (const mode of [[], ["-raw"], ["-layout"]]) {
      const text = pdftotext(pdf, "done.pdf", ...mode);
      expect(text).not.toMatch(/[\u00AD\u200B\u2060]/);
      // lines joined where a word was broken at a hyphen: the words as written, in order
      const words = text
        .replace(/[-\u2010]\n\s*/g, "")
        .split(/\s+/)
        .filter(Boolean);
      expect(words).toEqual(Array.from({ length: 12 }, () => WORDS).flat());
    }
    // in the layout's own lines, some words were broken at a line end and read with a hyphen there
    expect(pdftotext(pdf, "done.pdf", "-layout")).toMatch(/\p{L}[-\u2010]\n/u);
  });
});
