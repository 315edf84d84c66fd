// The command line: arguments to one call of build / check / preflight; exit codes 0 ok, 1 content or build
// error, 2 usage error.
import os from "node:os";
import path from "node:path";
import {
  COMMANDS,
  type CommandLine,
  commandHelp,
  commandNamed,
  generalHelp,
  parseCommandLine,
  type Values,
} from "./cli/index.ts";
import { BookletError, didYouMean, errorToJson, formatError } from "./errors/index.ts";
import { createLogger, type Logger } from "./log.ts";
import type { FormatName, PrintOverrides } from "./output/index.ts";
import { count, removeScratchDirs } from "./shared/index.ts";

/** Ctrl-C, a kill, and a closed terminal: each stops a build, a check or the preview cleanly. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** What a command is run with: the parsed line, the logger, and how an error is reported. */
interface Run {
  line: CommandLine;
  values: Values;
  log: Logger;
  editions?: number[];
  report(e: unknown): void;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const verbose = argv.includes("--verbose");
  const report = (e: unknown) =>
    process.stderr.write(`${json ? JSON.stringify(errorToJson(e)) : formatError(e, { verbose })}\n`);
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (e) {
    report(e);
    return 2;
  }
  const answered = await helpOrVersion(line, report);
  if (answered !== undefined) return answered;
  const values = line.values;
  const log = createLogger({
    level: values.quiet ? "quiet" : values.verbose ? "verbose" : "normal",
    json: Boolean(values.json),
  });
  let editions: number[] | undefined;
  try {
    editions = values.edition === undefined ? undefined : parseEditions(String(values.edition));
  } catch (e) {
    report(e);
    return 2;
  }
  const run: Run = { line, values, log, editions, report };
  const signals = handleSignals(line.command!.name, report);
  try {
    return await runCommand(run);
  } catch (e) {
    // the browser closed under the build because of Ctrl-C: that is what was reported, not what followed
    if (signals.interrupted()) return 130;
    report(e);
    if (e instanceof BookletError && e.kind === "Usage") return 2;
    return 1;
  } finally {
    signals.release();
  }
}

/** --help, `booklet help [COMMAND]`, --version and no command at all: answered without running anything. */
async function helpOrVersion(line: CommandLine, report: (e: unknown) => void): Promise<number | undefined> {
  const { command, values, args } = line;
  if (values.version) {
    const { VERSION } = await import("./build.ts");
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command?.name === "help" && args[0] !== undefined) {
    const about = commandNamed(args[0]);
    if (!about) {
      report(
        new BookletError(
          "Usage",
          `booklet help: there is no command "${args[0]}".${didYouMean(
            args[0],
            COMMANDS.map((c) => c.name),
            (c) => `\`booklet help ${c}\``,
          )}`,
        ),
      );
      return 2;
    }
    process.stdout.write(commandHelp(about));
    return 0;
  }
  if (values.help || command?.name === "help") {
    process.stdout.write(command && command.name !== "help" ? commandHelp(command) : generalHelp());
    return 0;
  }
  if (!command) {
    report(new BookletError("Usage", "No command given."));
    process.stderr.write(`\n${generalHelp()}`);
    return 2;
  }
  return undefined;
}

/**
 * Ctrl-C (or a kill) during a build or a check stops it at once: the browser is closed, its profile and any
 * temporary output file removed, and the previous files are left as they were. A listener of its own keeps
 * Node from dying on the spot, so this one must end the process itself (it carried on and wrote the files
 * when the signal came before the browser had started). `booklet dev` handles its own.
 */
function handleSignals(command: string, report: (e: unknown) => void): { interrupted(): boolean; release(): void } {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    removeScratchDirs();
    const by = signal === "SIGINT" ? "Ctrl-C" : signal === "SIGHUP" ? "SIGHUP (the terminal closed)" : signal;
    report(
      new BookletError(
        "Interrupted",
        `Stopped by ${by}${command === "build" ? ": the browser was closed and nothing more was written" : ""}.`,
      ),
    );
    const exit = () => {
      removeScratchDirs();
      process.exit(128 + os.constants.signals[signal]);
    };
    // the browser module is loaded only by a build; a browser that will not close is killed on exit
    setTimeout(exit, 10_000).unref();
    void (command === "build" ? import("./render/index.ts").then((b) => b.closeAllBrowsers()) : Promise.resolve()).then(
      exit,
      exit,
    );
  };
  // a closed terminal (SIGHUP) too: without a handler Node died on the spot, the profile folder left behind
  if (command === "build" || command === "check") for (const s of SIGNALS) process.on(s, onSignal);
  return {
    interrupted: () => interrupted,
    release: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}

async function runCommand(run: Run): Promise<number> {
  switch (run.line.command!.name) {
    case "build":
      return runBuild(run);
    case "check":
      return runCheck(run);
    case "dev":
      return runDev(run);
    case "init":
      return runInit(run);
    default:
      return runPreflight(run);
  }
}

async function runBuild({ values, log, editions }: Run): Promise<number> {
  const { buildChanged } = await import("./build.ts");
  const { FORMATS } = await import("./output/index.ts");
  const output = parseOutputFlags(values as Parameters<typeof parseOutputFlags>[0], FORMATS);
  if (output.print.pdfx) {
    // refuse at once, not after the pages are laid out, when PDF/X cannot be made
    const { checkPdfxSetup } = await import("./pdf/index.ts");
    checkPdfxSetup({ icc: output.print.icc });
  }
  // an edition whose folder is up to date is left as it is; --no-cache makes every one again
  await buildChanged({
    contentDir: contentOf(values),
    outDir: values.out as string | undefined,
    editions,
    languages: values.language as string | undefined,
    log,
    formats: output.formats,
    print: output.print,
    inParts: Boolean(values["by-chapter"]),
    cache: !values["no-cache"],
  });
  return 0;
}

async function runCheck({ values, log, editions }: Run): Promise<number> {
  const { prepare } = await import("./build.ts");
  const languages = await languagesOf(values);
  for (const year of editions ?? [undefined]) {
    for (const language of languages) {
      const r = await prepare({ contentDir: contentOf(values), edition: year, language: language.folder, log });
      const warnings = r.document.warnings.length;
      const which = languages.length > 1 ? `${r.edition.year} ${language.code}` : String(r.edition.year);
      log.info(`check: ${which}: no errors${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`);
    }
  }
  return 0;
}

/** The languages --language names (the base language when not given), checked against the content folder. */
async function languagesOf(values: Values) {
  const { loadConfig, pickLanguages } = await import("./config/index.ts");
  const contentDir = path.resolve(contentOf(values));
  return pickLanguages(contentDir, loadConfig({ contentDir }).config.language, values.language as string | undefined);
}

async function runDev({ values, log, editions }: Run): Promise<number> {
  if (editions && editions.length > 1)
    throw new BookletError("Usage", "booklet dev previews one edition; give one year to --edition.");
  const port = values.port as string | undefined;
  if (port !== undefined && !/^\d{1,5}$/.test(port))
    throw new BookletError("Usage", `--port takes a port number such as 4170; got "${port}".`);
  const { dev, DEFAULT_PORT } = await import("./dev/index.ts");
  const languages = await languagesOf(values);
  if (languages.length > 1)
    throw new BookletError("Usage", "booklet dev previews one language; give one to --language.");
  const session = await dev({
    contentDir: contentOf(values),
    edition: editions?.[0],
    language: languages[0].folder,
    port: port === undefined ? DEFAULT_PORT : Number(port),
    log,
  });
  // runs until Ctrl-C
  await new Promise<void>((resolve) => {
    for (const s of SIGNALS) process.once(s, () => resolve());
  });
  await session.close();
  return 0;
}

async function runInit({ line, values, log }: Run): Promise<number> {
  const [dir, ...rest] = line.args;
  if (!dir || rest.length > 0)
    throw new BookletError(
      "Usage",
      "booklet init takes one folder: booklet init DIR --title TITLE --event-date YYYY-MM-DD.",
    );
  if (!values.title || !values["event-date"])
    throw new BookletError("Usage", "booklet init needs --title and --event-date (the day commemorated, YYYY-MM-DD).");
  const { init } = await import("./init/index.ts");
  const r = init({
    dir,
    title: String(values.title),
    eventDate: String(values["event-date"]),
    language: values.language as string | undefined,
  });
  log.info(`wrote ${count(r.files.length, "file")} into ${dir}: ${r.files.join(", ")}`);
  log.info(
    `next: cd ${dir} && npm install && npm run build (the ${r.firstEdition} edition), or npm run dev to preview while you write`,
  );
  return 0;
}

async function runPreflight({ line, values }: Run): Promise<number> {
  const { preflightCommand } = await import("./preflight/index.ts");
  return preflightCommand({
    args: line.args,
    html: values.html as string | undefined,
    print: Boolean(values.print),
    pdfx: values.pdfx as boolean | undefined,
    contentDir: contentOf(values),
    json: Boolean(values.json),
    verbose: Boolean(values.verbose),
  });
}

function contentOf(values: Values): string {
  return (values.content as string | undefined) ?? "content";
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
export function parseOutputFlags(
  values: { formats?: string; marks?: boolean; duplex?: string; creep?: string; pdfx?: boolean; icc?: string },
  FORMATS: readonly FormatName[],
): { formats?: FormatName[]; print: PrintOverrides } {
  let formats: FormatName[] | undefined;
  if (values.formats !== undefined) {
    const names = values.formats
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(FORMATS as readonly string[]).includes(n));
    if (unknown.length || names.length === 0)
      throw new BookletError("Usage", `--formats takes a list of ${FORMATS.join(", ")}; got "${values.formats}".`);
    formats = FORMATS.filter((f) => names.includes(f));
  }
  const print: PrintOverrides = {};
  if (values.marks) print.marks = true;
  if (values.duplex !== undefined) {
    if (values.duplex !== "short-edge" && values.duplex !== "long-edge")
      throw new BookletError("Usage", `--duplex takes short-edge or long-edge; got "${values.duplex}".`);
    print.duplex = values.duplex;
  }
  if (values.creep !== undefined) {
    const mm = Number(values.creep);
    if (!/^\d+(\.\d+)?$/.test(values.creep) || mm > 5)
      throw new BookletError("Usage", `--creep takes millimetres from 0 to 5, such as 0.8; got "${values.creep}".`);
    print.creep = mm;
  }
  if (values.icc !== undefined && !values.pdfx)
    throw new BookletError("Usage", "--icc names the profile for --pdfx; add --pdfx.");
  if (values.pdfx) {
    if (formats && !formats.includes("print"))
      throw new BookletError("Usage", "--pdfx converts the print PDF; add print to --formats.");
    print.pdfx = true;
    print.icc = values.icc;
  }
  return { formats, print };
}
