// The command line: arguments to one call of build / check / preflight; exit codes 0 ok, 1 content or build
// error, 2 usage error.
import { parseArgs } from "node:util";
import { BookletError, BookletErrors } from "./errors/booklet-error.ts";
import { errorToJson, formatError } from "./errors/reporter.ts";
import { createLogger } from "./log.ts";
import { removeTemporaryFiles } from "./output/write.ts";

const HELP = `booklet — Markdown chapters, data tables and sources to a print-ready commemorative booklet

Usage:
  booklet build [options]        build the booklet PDF into output/<year>/
  booklet check [options]        check the content without rendering; report every problem
  booklet --help | --version

Options:
  --content DIR      the content folder (default: content)
  --out DIR          the folder for the year folders (default: output)
  --edition YEARS    the anniversary edition(s) to build: 2027, 2016-2027 or 2025,2027
                     (default: the next anniversary on or after today or SOURCE_DATE_EPOCH)
  --quiet            show only errors
  --verbose          show the browser's messages and, on an error, the stack
  --json             write one JSON object per event (and errors as JSON)

Exit codes: 0 success, 1 a content or build error, 2 a usage error.
`;

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

  const onSignal = () => {
    removeTemporaryFiles();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    switch (command) {
      case "build": {
        const { build } = await import("./build.ts");
        await build({ contentDir: values.content!, outDir: values.out, editions, log });
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
      case undefined:
        report(new BookletError("Usage", "No command given."));
        process.stderr.write("\n" + HELP);
        return 2;
      default:
        report(new BookletError("Usage", `Unknown command "${command}".`));
        return 2;
    }
  } catch (e) {
    report(e);
    if (e instanceof BookletError && e.kind === "Usage") return 2;
    if (e instanceof BookletError || e instanceof BookletErrors) return 1;
    return 1;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
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
