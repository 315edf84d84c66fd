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
  --edition YEAR     the anniversary edition to build (default: the next anniversary)
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

  let edition: number | undefined;
  if (values.edition !== undefined) {
    if (!/^\d{4}$/.test(values.edition)) {
      report(new BookletError("Usage", `--edition takes a year such as 2027; got "${values.edition}".`));
      return 2;
    }
    edition = Number(values.edition);
  }

  const onSignal = () => {
    removeTemporaryFiles();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    switch (command) {
      case "build": {
        const { build } = await import("./build.ts");
        await build({ contentDir: values.content!, outDir: values.out, editions: edition === undefined ? undefined : [edition], log });
        return 0;
      }
      case "check": {
        const { prepare } = await import("./build.ts");
        const r = await prepare({ contentDir: values.content!, edition, log });
        log.info(`check: no errors${r.document.warnings.length ? `, ${r.document.warnings.length} warning(s)` : ""}`);
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
