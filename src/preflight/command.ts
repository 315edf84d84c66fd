// `booklet preflight FILE.pdf [--print] [--html FILE] [--json]`: the report on stdout, B601 when a check fails.
import fs from "node:fs";
import path from "node:path";
import { loadConfig, pageSizeMm } from "../config/index.ts";
import { fontFamiliesOf } from "../document/index.ts";
import { BookletError } from "../errors/index.ts";
import { type PreflightOptions, preflight } from "./preflight.ts";
import { formatReport, reportToJson } from "./report.ts";

export interface PreflightCommand {
  /** the positionals after `preflight`: exactly one PDF */
  args: string[];
  html?: string;
  print?: boolean;
  pdfx?: boolean;
  /** the content folder: its booklet.yaml gives the print sizes, its templates the font families */
  contentDir: string;
  json?: boolean;
  verbose?: boolean;
  out?: NodeJS.WritableStream;
}

/** Returns 0 when every check passed; throws PreflightFailed (exit 1) when one failed, Usage (exit 2) on bad arguments. */
export async function preflightCommand(options: PreflightCommand): Promise<number> {
  const out = options.out ?? process.stdout;
  if (options.args.length !== 1)
    throw new BookletError(
      "Usage",
      `booklet preflight takes one PDF file: booklet preflight FILE.pdf [--print] [--html FILE] [--json]${options.args.length ? `; got ${options.args.join(" ")}` : ""}.`,
    );
  if (options.pdfx && !options.print)
    throw new BookletError("Usage", "--pdfx asks for the print checks of a PDF/X file; add --print.");
  const file = options.args[0];
  let html: string | undefined;
  // the web edition that `booklet build` writes beside the PDF serves when --html is not given
  const htmlFile = options.html ?? htmlBeside(file);
  if (htmlFile !== undefined && options.html === undefined) html = fs.readFileSync(htmlFile, "utf8");
  if (options.html !== undefined) {
    try {
      html = fs.readFileSync(options.html, "utf8");
    } catch (e) {
      throw new BookletError(
        "Usage",
        `--html names ${options.html}, which cannot be read: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : (e as Error).message}.`,
      );
    }
  }
  const hasConfig = fs.existsSync(path.join(options.contentDir, "booklet.yaml"));
  const expected: NonNullable<PreflightOptions["expected"]> = {
    fontFamilies: fontFamiliesOf(hasConfig ? options.contentDir : undefined),
  };
  if (options.print) {
    // the sizes the print PDF was made with: booklet.yaml's page size and print: section
    if (!hasConfig)
      throw new BookletError(
        "Usage",
        `--print takes the trim size and bleed from booklet.yaml, and ${options.contentDir} has none; pass --content DIR.`,
      );
    const config = loadConfig({ contentDir: options.contentDir }).config;
    expected.trim = pageSizeMm(config.pageSize);
    expected.bleed = config.print.bleed;
    expected.pageMultiple = config.print.padTo;
    expected.pdfx = Boolean(options.pdfx);
  }
  const report = await preflight({ pdf: file, html, print: options.print, expected });
  report.html = htmlFile;
  out.write(
    options.json
      ? `${JSON.stringify(reportToJson(report))}\n`
      : `${formatReport(report, { verbose: options.verbose })}\n`,
  );
  if (!report.passed) {
    const failed = [...new Set(report.findings.filter((f) => f.status === "fail").map((f) => f.id))];
    throw new BookletError(
      "PreflightFailed",
      `${failed.length} check${failed.length === 1 ? "" : "s"} failed: ${failed.join(", ")} (the report above names the pages).`,
      { location: { file } },
    );
  }
  return 0;
}

/** output/2027/slug-2027.pdf (or slug-2027-print.pdf) → output/2027/slug-2027.html, when it exists. */
export function htmlBeside(pdfFile: string): string | undefined {
  const base = pdfFile.replace(/\.pdf$/i, "");
  return [`${base}.html`, `${base.replace(/-print$/, "")}.html`].find((f) => f !== pdfFile && fs.existsSync(f));
}
