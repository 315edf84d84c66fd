// The report's text and JSON, and `booklet preflight` on the command line: exit codes and what it prints.
import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../../src/cli.ts";
import { htmlBeside, preflightCommand } from "../../../src/preflight/command.ts";
import { preflight, type Report } from "../../../src/preflight/index.ts";
import { formatReport, reportToJson } from "../../../src/preflight/report.ts";
import { tempDir } from "../../helpers/tmp.ts";
import { makePdf } from "./make-pdf.ts";

let dir: string;
let file: string;
let report: Report;

beforeAll(async () => {
  dir = tempDir("booklet-preflight-");
  file = path.join(dir, "test-2030.pdf");
  fs.writeFileSync(file, await makePdf({ tagged: true }));
  report = await preflight({ pdf: file, expected: { fontFamilies: ["Source Serif 4"] } });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the report", () => {
  it("fails the hand-made PDF on what is wrong with it: its font, its note on another page, its folio", () => {
    expect(report.passed).toBe(false);
    const failedIds = [...new Set(report.findings.filter((f) => f.status === "fail").map((f) => f.id))];
    // Helvetica, not embedded and not a booklet family, on both pages; the link "7" on page 1 leads to
    // its note on page 2; the "7" at the foot of page 1 reads as its folio
    expect(failedIds).toEqual(["fonts.embedded", "fonts.no-fallback", "footnotes.same-page", "folios.match"]);
    expect(report.counts).toMatchObject({ fail: 4, problems: 6 });
  });

  it("prints one line per failed check with its pages, and a summary", () => {
    const text = formatReport(report, { cwd: dir });
    const lines = text.split("\n");
    expect(lines[0]).toBe("preflight test-2030.pdf: 2 pages");
    expect(lines[1]).toBe(
      "  ✗ fonts.embedded (pages 1, 2): page 1: the font Helvetica (Type1) is not embedded (and 1 more)",
    );
    expect(lines[2]).toMatch(
      /^ {2}✗ fonts\.no-fallback \(pages 1, 2\): page 1: “Hello preflight 7” is set in Helvetica, a font the booklet does not declare/,
    );
    expect(lines[3]).toBe(
      "  ✗ footnotes.same-page (page 1): page 1: footnote 7 is called here but its note is on page 2",
    );
    expect(lines[4]).toBe("  ✗ folios.match (page 1): page 1 is numbered 7");
    expect(lines.at(-1)).toMatch(
      /^FAILED: 4 checks failed \(6 problems\), 3 passed, 4 skipped on 2 pages in \d+\.\d\d s$/,
    );
    expect(lines).toHaveLength(6);
  });

  it("lists every check with --verbose", () => {
    const text = formatReport(report, { cwd: dir, verbose: true });
    expect(text).toContain("    page 2: the font Helvetica (Type1) is not embedded");
    expect(text).toContain("✓ fonts.no-type3: no Type 3 font");
    expect(text).toContain("- text.complete: no HTML document");
  });

  it("gives the findings as JSON", () => {
    const json = JSON.parse(JSON.stringify(reportToJson(report)));
    expect(json).toMatchObject({ file, pages: 2, passed: false });
    expect(json.findings).toContainEqual({
      id: "fonts.embedded",
      status: "fail",
      page: 2,
      message: "page 2: the font Helvetica (Type1) is not embedded",
    });
  });
});

describe("booklet preflight", () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => out.push(String(s)) > 0);
    const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => err.push(String(s)) > 0);
    try {
      return { code: await main(argv), out: out.join(""), err: err.join("") };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  };

  it("exits 1 with the report and B601 when a check fails", async () => {
    const r = await run(["preflight", file, "--content", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("✗ fonts.embedded (pages 1, 2)");
    expect(r.err).toContain("error B601 PreflightFailed");
    expect(r.err).toContain("fonts.embedded");
  });

  it("writes the report as JSON with --json", async () => {
    const r = await run(["preflight", file, "--json", "--content", dir]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out.trim().split("\n")[0])).toMatchObject({ passed: false, pages: 2 });
    expect(JSON.parse(r.err.trim())).toMatchObject({ code: "B601" });
  });

  it("exits 2 on a usage error", async () => {
    expect((await run(["preflight"])).code).toBe(2);
    expect((await run(["preflight", file, file])).code).toBe(2);
    expect((await run(["preflight", file, "--pdfx"])).code).toBe(2);
    expect((await run(["preflight", file, "--html", path.join(dir, "missing.html")])).code).toBe(2);
    // --print takes its sizes from booklet.yaml, and this folder has none
    expect((await run(["preflight", file, "--print", "--content", dir])).code).toBe(2);
  });

  it("exits 1 with B602 when the file is not a PDF", async () => {
    const notPdf = path.join(dir, "notes.txt");
    fs.writeFileSync(notPdf, "hello");
    const r = await run(["preflight", notPdf]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("B602 PdfUnreadable");
    expect((await run(["preflight", path.join(dir, "absent.pdf")])).err).toContain("there is no such file");
  });

  it("exits 0 when every check passes", async () => {
    // a page with a drawing and no text: no font, nothing to fail
    const doc = await PDFDocument.create();
    doc.addPage([420, 595]).drawRectangle({ x: 10, y: 10, width: 100, height: 100 });
    const blank = path.join(dir, "blank.pdf");
    fs.writeFileSync(blank, await doc.save());
    const out: string[] = [];
    const stream = { write: (s: string) => out.push(s) > 0 } as unknown as NodeJS.WritableStream;
    expect(await preflightCommand({ args: [blank], contentDir: dir, out: stream })).toBe(0);
    expect(out.join("")).toMatch(/^preflight .*blank\.pdf: 1 page\npassed: \d+ passed, \d+ skipped on 1 page in/);
  });

  it("finds the HTML edition beside the PDF", () => {
    expect(htmlBeside(file)).toBeUndefined();
    fs.writeFileSync(path.join(dir, "test-2030.html"), "<p>x</p>");
    expect(htmlBeside(file)).toBe(path.join(dir, "test-2030.html"));
    expect(htmlBeside(path.join(dir, "test-2030-print.pdf"))).toBe(path.join(dir, "test-2030.html"));
    fs.rmSync(path.join(dir, "test-2030.html"));
  });
});
