// End to end: a booklet Paged.js 0.4.3 cannot lay out whole. A paragraph whose first line holds an image
// taller than the page is left out, silently (pagedjs issue 274): the build must fail in its preflight,
// name the missing text, and write nothing.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";
import { PreflightFailure } from "../../src/preflight/index.ts";

const CONTENT = path.resolve(import.meta.dirname, "../fixtures/dropped");
const OUT = path.resolve(import.meta.dirname, "../.tmp/e2e-dropped");
const PREVIOUS = path.join(OUT, "2027", "tall-gauge-2027.pdf");
let error: unknown;

beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  // the last good build's file, which a failed build must leave as it is
  fs.mkdirSync(path.dirname(PREVIOUS), { recursive: true });
  fs.writeFileSync(PREVIOUS, "%PDF-1.7 the previous build");
  error = await build({
    contentDir: CONTENT,
    outDir: OUT,
    editions: [2027],
    formats: ["screen"],
    log: silentLogger,
    concurrency: 1,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
});

describe("content that Paged.js drops", () => {
  it("fails the build with B601 PreflightFailed", () => {
    expect(error).toBeInstanceOf(PreflightFailure);
    expect((error as PreflightFailure).code).toBe("B601");
  });

  it("reports the paragraph that is missing from the PDF, and only that", () => {
    const report = (error as PreflightFailure).report;
    const failed = report.findings.filter((f) => f.status === "fail");
    expect(failed.map((f) => f.id)).toEqual(["text.complete"]);
    // the chapter's file and the paragraph's line, from the content folder as the build was given it
    expect(failed[0].message).toMatch(
      /^page \d+: text missing from the PDF in test\/fixtures\/dropped\/chapters\/01-gauge\.md:8 \(a paragraph\): the document has “\[The photograph of the board, taken from the towpath/,
    );
    // the paragraphs around it are there
    const text = report.inspected.pages.map((p) => p.text).join(" ");
    expect(text).toContain("a plank of oak");
    expect(text).toContain("The board was re");
    expect(text).not.toContain("tide line");
    expect((error as PreflightFailure).message).toContain("✗ text.complete");
  });

  it("writes nothing and leaves the previous file as it was", () => {
    expect(fs.readdirSync(path.dirname(PREVIOUS))).toEqual(["tall-gauge-2027.pdf"]);
    expect(fs.readFileSync(PREVIOUS, "utf8")).toBe("%PDF-1.7 the previous build");
  });
});
