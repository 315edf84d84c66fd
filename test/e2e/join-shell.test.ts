// End to end: the join's laid-out shell (render/join-shell.ts). A build by chapter that joins parts keeps the
// join document's laid-out page in the layout cache (a first build, whose one run lays every part out, makes
// no join); the next build with one chapter changed joins the parts in it, without a Paged.js run for the
// join, and prints the same PDF as the document laid out whole (pdftotext text of every page, pdftoppm pixels
// of every page). --no-cache never uses a shell; a shell entry that is not whole, or whose page is not what
// it was, is set aside and the join laid out by Paged.js.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { pageCount, pagePixels, pageText } from "../helpers/pages.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Built {
  pdf: string;
  debug: string[];
}

async function buildOnce(contentDir: string, outDir: string, how: { inParts: boolean; cache?: boolean }) {
  const debug: string[] = [];
  const [result] = await build({
    contentDir,
    outDir,
    editions: [2027],
    formats: ["screen"],
    concurrency: 1,
    inParts: how.inParts,
    cache: how.cache ?? true,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
    log: { ...silentLogger, debug: (m) => debug.push(m) },
  });
  const pdf = path.join(outDir, "2027", result.files.find((f) => f.format === "screen")!.path);
  // the PDF kept apart: the next build in the same folder replaces it
  const kept = path.join(tempDir("booklet-shell-pdf-"), "screen.pdf");
  fs.copyFileSync(pdf, kept);
  return { pdf: kept, debug };
}

const usedShell = (b: Built) => b.debug.some((l) => l.includes("no Paged.js run for the join"));
const setAside = (b: Built) => b.debug.some((l) => l.includes("laid-out shell set aside"));
// a Paged.js run of the join (a shell loaded says "shell loaded")
const joinLaidOut = (b: Built) => b.debug.some((l) => /-join: laid out at/.test(l));

/** Every page of `a` has the text and the pixels of the same page of `b`. */
function expectSamePages(a: string, b: string) {
  const n = pageCount(b);
  expect(n).toBeGreaterThan(8);
  expect(pageCount(a)).toBe(n);
  for (let i = 1; i <= n; i++) {
    expect({ page: i, text: pageText(a, i) }).toEqual({ page: i, text: pageText(b, i) });
    expect(pagePixels(a, i).equals(pagePixels(b, i)), `page ${i}`).toBe(true);
  }
}

describe("the join's laid-out shell", () => {
  const content = tempDir("booklet-shell-content-");
  const out = tempDir("booklet-shell-out-");
  const cacheDir = path.join(out, ".cache", "layout");
  const shells = () => fs.readdirSync(cacheDir).filter((e) => e.endsWith(".shell"));
  let cold: Built;
  let coldShells: string[];
  let first: Built;
  let changed: Built;
  let whole: Built;
  beforeAll(async () => {
    fs.cpSync(path.join(ROOT, "test/fixtures/minimal"), content, { recursive: true });
    cold = await buildOnce(content, out, { inParts: true });
    coldShells = shells();
    const file = path.join(content, "chapters", "02-night.md");
    const edit = (from: string, to: string) => fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(from, to));
    edit("The bridge held.", "The new bridge held.");
    first = await buildOnce(content, out, { inParts: true });
    edit("The new bridge held.", "The old bridge held.");
    changed = await buildOnce(content, out, { inParts: true });
    whole = await buildOnce(content, tempDir("booklet-shell-whole-"), { inParts: false });
  });

  it("is kept by the first build that joins parts, which lays the join out with Paged.js", () => {
    // the first build lays every part out in one run and prints it: no join, no shell
    expect(cold.debug.some((l) => l.includes("by chapter: no part in the layout cache"))).toBe(true);
    expect(cold.debug.some((l) => l.includes("printed from its page, without a join"))).toBe(true);
    expect(cold.debug.some((l) => l.includes("-join"))).toBe(false);
    expect(coldShells).toEqual([]);
    expect(usedShell(first)).toBe(false);
    expect(joinLaidOut(first)).toBe(true);
    // the log says which path the build took, and why
    expect(first.debug.some((l) => l.includes("no laid-out shell of the join in the layout cache"))).toBe(true);
    expect(shells()).toHaveLength(1);
    // a rule Paged.js inserted through the CSSOM, in a <style> with no text: written out in the shell
    expect(fs.readFileSync(path.join(cacheDir, shells()[0]), "utf8")).toMatch(
      /<style>\.pagedjs_pages \{ counter-reset: page 0 pages var\(--pagedjs-page-count\)/,
    );
  });

  it("is used by the next build with a chapter changed, whose PDF is the document laid out whole", () => {
    expect(changed.debug.some((l) => /-p2: laid out /.test(l))).toBe(true);
    expect(usedShell(changed)).toBe(true);
    expect(changed.debug.some((l) => l.includes("by chapter: 4 of 5 parts from the layout cache; the other 1"))).toBe(
      true,
    );
    expect(setAside(changed)).toBe(false);
    expect(changed.debug.some((l) => /-join: printed/.test(l))).toBe(true);
    expect(joinLaidOut(changed)).toBe(false);
    expect(execFileSync("pdftotext", [changed.pdf, "-"], { encoding: "utf8" })).toContain("The old bridge held.");
    expectSamePages(changed.pdf, whole.pdf);
  });

  it("is never used with --no-cache, which leaves the cache as it was", async () => {
    const before = fs.readdirSync(cacheDir).sort();
    const uncached = await buildOnce(content, out, { inParts: true, cache: false });
    expect(usedShell(uncached)).toBe(false);
    expect(uncached.debug.some((l) => l.includes("by chapter without the layout cache (--no-cache)"))).toBe(true);
    // every part in one run, printed as it is
    expect(uncached.debug.some((l) => l.includes("printed from its page, without a join"))).toBe(true);
    expect(fs.readdirSync(cacheDir).sort()).toEqual(before);
  });

  it("is set aside when its entry is not whole, or its page not what it was, and kept again", async () => {
    const file = path.join(cacheDir, shells()[0]);
    const entry = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, entry.slice(0, 200));
    const cut = await buildOnce(content, out, { inParts: true });
    expect(usedShell(cut)).toBe(false);
    expect(joinLaidOut(cut)).toBe(true);
    expectSamePages(cut.pdf, whole.pdf);
    // whole again (the join laid out kept it), then an opener that opens no right-hand page any more
    expect(fs.readFileSync(file, "utf8")).toBe(entry);
    fs.writeFileSync(file, entry.replaceAll('data-booklet-opens=\\"1\\"', 'data-booklet-opens=\\"9\\"'));
    expect(fs.readFileSync(file, "utf8")).not.toBe(entry);
    const wrong = await buildOnce(content, out, { inParts: true });
    expect(setAside(wrong)).toBe(true);
    expect(joinLaidOut(wrong)).toBe(true);
    expectSamePages(wrong.pdf, whole.pdf);
    expect(usedShell(await buildOnce(content, out, { inParts: true }))).toBe(true);
  });
});
