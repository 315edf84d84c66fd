// The command line: arguments to one call of build / check / preflight; exit codes 0 ok, 1 content or build
// error, 2 usage error.
import os from "node:os";
import { parseArgs } from "node:util";
import { BookletError, BookletErrors } from "./errors/booklet-error.ts";
import { errorToJson, formatError } from "./errors/reporter.ts";
import { createLogger } from "./log.ts";
import { removeTemporaryFiles } from "./output/write.ts";
import type { FormatName, PrintOverrides } from "./output/formats.ts";

const HELP = `booklet — Markdown chapters, data tables and sources to a print-ready commemorative booklet

Usage:
  booklet build [options]        build the booklet PDF into output/<year>/
  booklet check [options]        check the content without rendering; report every problem
  booklet dev [options]          preview in your browser at http://127.0.0.1:4170/; rebuilds and
                                 reloads the pages on every save
  booklet init DIR --title TITLE --event-date YYYY-MM-DD [--language TAG]
                                 a new booklet project in DIR (new or empty), ready to build
  booklet preflight FILE.pdf [--print] [--html FILE] [--json]
                                 read a PDF back and check it: fonts, footnotes, contents, folios,
                                 chapters on right-hand pages; exit 1 when a check fails
  booklet --help | --version

Options:
  --content DIR      the content folder (default: content)
  --out DIR          the folder for the year folders (default: output)
  --edition YEARS    the anniversary edition(s) to build: 2027, 2016-2027 or 2025,2027
                     (default: the next anniversary on or after today or SOURCE_DATE_EPOCH)
  --formats LIST     the files to build: screen,print,imposed,html (default: all four)
  --marks            crop marks outside the print PDF's bleed; fold and trim marks on the imposed sheets
  --duplex EDGE      how the printer turns the imposed sheets: short-edge or long-edge
  --creep MM         creep for thick booklets: the innermost sheet's pages move MM toward the spine
  --pdfx             convert the print PDF to PDF/X-1a with Ghostscript (needs --icc)
  --icc FILE         the print shop's CMYK output profile (.icc) for --pdfx
                     (--marks, --duplex and --creep override booklet.yaml's print: section)
  --port N           booklet dev: the port on 127.0.0.1 (default: 4170)
  --print            booklet preflight: the print checks too (page count, trim and bleed boxes, 300 dpi
                     images; no transparency with --pdfx), sizes from the --content folder's booklet.yaml
  --html FILE        booklet preflight: the HTML the PDF was made from, to find text left out
                     (default: the web edition beside the PDF, <slug>-<year>.html, when there is one)
  --quiet            show only errors
  --verbose          show the browser's messages and, on an error, the stack
  --json             write one JSON object per event (and errors as JSON)

Exit codes: 0 success, 1 a content or build error, 2 a usage error.
`;

/** Ctrl-C, a kill, and a closed terminal: each stops a build, a check or the preview cleanly. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        content: { type: "string", default: "content" },
        out: { type: "string" },
        edition: { type: "string" },
        formats: { type: "string" },
        marks: { type: "boolean" },
        duplex: { type: "string" },
        creep: { type: "string" },
        pdfx: { type: "boolean" },
        icc: { type: "string" },
        port: { type: "string" },
        print: { type: "boolean", default: false },
        html: { type: "string" },
        title: { type: "string" },
        "event-date": { type: "string" },
        language: { type: "string" },
        quiet: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`${formatError(new BookletError("Usage", (e as Error).message))}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    const { VERSION } = await import("./build.ts");
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = positionals[0];
  const log = createLogger({ level: values.quiet ? "quiet" : values.verbose ? "verbose" : "normal", json: values.json });
  const report = (e: unknown) => {
    if (values.json) process.stderr.write(JSON.stringify(errorToJson(e)) + "\n");
    else process.stderr.write(formatError(e, { verbose: values.verbose }) + "\n");
  };

  let editions: number[] | undefined;
  if (values.edition !== undefined) {
    try {
      editions = parseEditions(values.edition);
    } catch (e) {
      report(e);
      return 2;
    }
  }
  const edition = editions?.[0];

  // Ctrl-C (or a kill) during a build or a check stops it at once: the browser is closed, its profile and
  // any temporary output file removed, and the previous files are left as they were. A listener of its own
  // keeps Node from dying on the spot, so this one must end the process itself (it carried on and wrote the
  // files when the signal came before the browser had started). `booklet dev` handles its own.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    removeTemporaryFiles();
    const by = signal === "SIGINT" ? "Ctrl-C" : signal === "SIGHUP" ? "SIGHUP (the terminal closed)" : signal;
    report(new BookletError("Interrupted", `Stopped by ${by}${command === "build" ? ": the browser was closed and nothing more was written" : ""}.`));
    const exit = () => {
      removeTemporaryFiles();
      process.exit(128 + os.constants.signals[signal]);
    };
    // the browser module is loaded only by a build; a browser that will not close is killed on exit
    setTimeout(exit, 10_000).unref();
    void (command === "build" ? import("./render/browser.ts").then((b) => b.closeAllBrowsers()) : Promise.resolve()).then(exit, exit);
  };
  const handlesSignals = command === "build" || command === "check";
  // a closed terminal (SIGHUP) too: without a handler Node died on the spot, the profile folder left behind
  if (handlesSignals) for (const s of SIGNALS) process.on(s, onSignal);
  try {
    switch (command) {
      case "build": {
        const { build } = await import("./build.ts");
        const { FORMATS } = await import("./output/formats.ts");
        const output = parseOutputFlags(values, FORMATS);
        if (output.print.pdfx) {
          // refuse at once, not after the pages are laid out, when PDF/X cannot be made
          const { checkPdfxSetup } = await import("./pdf/pdfx.ts");
          checkPdfxSetup({ icc: output.print.icc });
        }
        await build({ contentDir: values.content!, outDir: values.out, editions, log, formats: output.formats, print: output.print });
        return 0;
      }
      case "check": {
        const { prepare } = await import("./build.ts");
        for (const year of editions ?? [undefined]) {
          const r = await prepare({ contentDir: values.content!, edition: year, log });
          log.info(`check: ${r.edition.year}: no errors${r.document.warnings.length ? `, ${r.document.warnings.length} warning(s)` : ""}`);
        }
        return 0;
      }
      case "dev": {
        if (editions && editions.length > 1) throw new BookletError("Usage", "booklet dev previews one edition; give one year to --edition.");
        if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) throw new BookletError("Usage", `--port takes a port number such as 4170; got "${values.port}".`);
        const { dev, DEFAULT_PORT } = await import("./dev/dev.ts");
        const session = await dev({ contentDir: values.content!, edition, port: values.port === undefined ? DEFAULT_PORT : Number(values.port), log });
        // runs until Ctrl-C
        await new Promise<void>((resolve) => {
          for (const s of SIGNALS) process.once(s, () => resolve());
        });
        await session.close();
        return 0;
      }
      case "init": {
        const dir = positionals[1];
        if (!dir || positionals.length > 2) throw new BookletError("Usage", "booklet init takes one folder: booklet init DIR --title TITLE --event-date YYYY-MM-DD.");
        if (!values.title || !values["event-date"]) throw new BookletError("Usage", "booklet init needs --title and --event-date (the day commemorated, YYYY-MM-DD).");
        const { init } = await import("./init/init.ts");
        const r = init({ dir, title: values.title, eventDate: values["event-date"], language: values.language });
        log.info(`wrote ${r.files.length} files into ${dir}: ${r.files.join(", ")}`);
        log.info(`next: cd ${dir} && booklet build (the ${r.firstEdition} edition), or booklet dev to preview while you write`);
        return 0;
      }
      case "preflight": {
        const { preflightCommand } = await import("./preflight/command.ts");
        return await preflightCommand({ args: positionals.slice(1), html: values.html, print: values.print, pdfx: values.pdfx, contentDir: values.content!, json: values.json, verbose: values.verbose });
      }
      case undefined:
        report(new BookletError("Usage", "No command given."));
        process.stderr.write("\n" + HELP);
        return 2;
      default:
        report(new BookletError("Usage", `Unknown command "${command}".`));
        return 2;
    }
  } catch (e) {
    // the browser closed under the build because of Ctrl-C: that is what was reported, not what followed
    if (interrupted) return 130;
    report(e);
    if (e instanceof BookletError && e.kind === "Usage") return 2;
    if (e instanceof BookletError || e instanceof BookletErrors) return 1;
    return 1;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}

/** "2027", "2016-2027" or "2025,2027" to a sorted list of years; anything else is a usage error. */
export function parseEditions(text: string): number[] {
  const years = new Set<number>();
  for (const part of text.split(",").map((p) => p.trim())) {
    const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a) throw new BookletError("Usage", `--edition ${part}: the range runs backwards; write ${b}-${a}.`);
      if (b - a > 200) throw new BookletError("Usage", `--edition ${part}: more than 200 editions in one run.`);
      for (let y = a; y <= b; y++) years.add(y);
    } else if (/^\d{4}$/.test(part)) years.add(Number(part));
    else throw new BookletError("Usage", `--edition takes whole years: 2027, 2016-2027 or 2025,2027; got "${part}".`);
  }
  return [...years].sort((x, y) => x - y);
}

/** --formats, --marks, --duplex, --creep, --pdfx and --icc to build options; a wrong value is a usage error. */
export function parseOutputFlags(values: { formats?: string; marks?: boolean; duplex?: string; creep?: string; pdfx?: boolean; icc?: string }, FORMATS: readonly FormatName[]): { formats?: FormatName[]; print: PrintOverrides } {
  let formats: FormatName[] | undefined;
  if (values.formats !== undefined) {
    const names = values.formats.split(",").map((f) => f.trim()).filter(Boolean);
    const unknown = names.filter((n) => !(FORMATS as readonly string[]).includes(n));
    if (unknown.length || names.length === 0) throw new BookletError("Usage", `--formats takes a list of ${FORMATS.join(", ")}; got "${values.formats}".`);
    formats = FORMATS.filter((f) => names.includes(f));
  }
  const print: PrintOverrides = {};
  if (values.marks) print.marks = true;
  if (values.duplex !== undefined) {
    if (values.duplex !== "short-edge" && values.duplex !== "long-edge") throw new BookletError("Usage", `--duplex takes short-edge or long-edge; got "${values.duplex}".`);
    print.duplex = values.duplex;
  }
  if (values.creep !== undefined) {
    const mm = Number(values.creep);
    if (!/^\d+(\.\d+)?$/.test(values.creep) || mm > 5) throw new BookletError("Usage", `--creep takes millimetres from 0 to 5, such as 0.8; got "${values.creep}".`);
    print.creep = mm;
  }
  if (values.icc !== undefined && !values.pdfx) throw new BookletError("Usage", "--icc names the profile for --pdfx; add --pdfx.");
  if (values.pdfx) {
    if (formats && !formats.includes("print")) throw new BookletError("Usage", "--pdfx converts the print PDF; add print to --formats.");
    print.pdfx = true;
    print.icc = values.icc;
  }
  return { formats, print };
}
