// A PDF's pages read back with Poppler: how many, one page's text, one page's pixels.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "./tmp.ts";

export const pageCount = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);

export const pageText = (pdf: string, n: number) =>
  execFileSync("pdftotext", ["-layout", "-f", String(n), "-l", String(n), pdf, "-"], { encoding: "utf8" });

/** one page as a greyscale PGM at 50 dpi */
export function pagePixels(pdf: string, n: number): Buffer {
  const dir = tempDir("booklet-pixels-");
  execFileSync("pdftoppm", ["-r", "50", "-gray", "-f", String(n), "-l", String(n), "-singlefile", pdf, `${dir}/p`]);
  return fs.readFileSync(path.join(dir, "p.pgm"));
}
