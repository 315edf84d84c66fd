// booklet init then booklet build, as a user runs them: the scaffold builds at once into a PDF.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.ts";

const BIN = path.resolve(import.meta.dirname, "../../bin/booklet.js");
const root = tempDir("booklet-init-e2e-");
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "1", SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 21) / 1000) },
  });

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("booklet init, then booklet build", () => {
  it("scaffolds a project that builds into a PDF at once, and refuses to scaffold over it", async () => {
    const init = run(
      ["init", "memorial", "--title", "The Flood of 1953", "--event-date", "1953-02-01", "--language", "en-GB"],
      root,
    );
    expect(init.stderr).toMatch(/wrote 8 files into memorial/);
    expect(init.status).toBe(0);
    const dir = path.join(root, "memorial");

    const again = run(["init", "memorial", "--title", "Another", "--event-date", "1953-02-01"], root);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    expect(fs.readFileSync(path.join(dir, "content", "booklet.yaml"), "utf8")).toContain('title: "The Flood of 1953"');

    const build = run(["build", "--formats", "screen"], dir);
    expect(build.stderr).not.toMatch(/warning|error/i);
    expect(build.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "output", "2027", "manifest.json"), "utf8"));
    const file = path.join(dir, "output", "2027", "the-flood-of-1953-2027.pdf");
    const pdf = await PDFDocument.load(fs.readFileSync(file), { updateMetadata: false });
    expect(pdf.getPageCount()).toBeGreaterThan(0);
    expect(pdf.getPageCount()).toBe(manifest.files.find((f: { format: string }) => f.format === "screen").pages);
    expect(manifest.chapters.map((c: { id: string }) => c.id)).toContain("ch-01-the-day");
    // the chapter's text is in the PDF, with the table's figure and the edition's anniversary
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\u00ad/g, "");
    expect(text).toMatch(/74th anniversary/);
    expect(text).toContain("Wreaths laid");
    // the "Sources" heading starts the page that holds its text (it once ended page 5 alone)
    const pages = text.split("\f");
    const sources = pages.findIndex((p) => /^Sources$/m.test(p) && !/^Contents$/m.test(p));
    expect(sources).toBeGreaterThan(0);
    expect(pages[sources].replace(/\s+/g, " ")).toContain("Every statement of fact");
  });
});
