// The commands and their options, once: the parser takes from here what each command accepts, and the help
// texts are written from it.

export interface OptionSpec {
  type: "string" | "boolean";
  /** the value's name in the help ("DIR") */
  value?: string;
  help: string;
  short?: string;
}

export interface CommandSpec {
  name: string;
  /** what follows the command's name in its usage line */
  usage: string;
  summary: string;
  /** the options it takes besides the global ones */
  options: string[];
  /** further lines for its own help */
  more?: string;
}

export const OPTIONS: Record<string, OptionSpec> = {
  content: { type: "string", value: "DIR", help: "the content folder (default: content)" },
  out: { type: "string", value: "DIR", help: "the folder for the year folders (default: output)" },
  edition: {
    type: "string",
    value: "YEARS",
    help: "the anniversary edition(s): 2027, 2016-2027 or 2025,2027 (default: the next anniversary on or after today or SOURCE_DATE_EPOCH)",
  },
  "by-chapter": {
    type: "boolean",
    help: "lay the document out chapter by chapter (in parallel with more than two cores), keeping each chapter's pages in the layout cache (<out>/.cache/layout/)",
  },
  "no-cache": {
    type: "boolean",
    help: "with --by-chapter: lay every chapter out again, neither reading nor writing the layout cache",
  },
  formats: { type: "string", value: "LIST", help: "the files to build: screen,print,imposed,html (default: all four)" },
  marks: {
    type: "boolean",
    help: "crop marks outside the print PDF's bleed; fold and trim marks on the imposed sheets",
  },
  duplex: { type: "string", value: "EDGE", help: "how the printer turns the imposed sheets: short-edge or long-edge" },
  creep: {
    type: "string",
    value: "MM",
    help: "creep for thick booklets: the innermost sheet's pages move MM toward the spine",
  },
  pdfx: {
    type: "boolean",
    help: "convert the print PDF to PDF/X-1a with Ghostscript (needs --icc); with preflight, check for it",
  },
  icc: { type: "string", value: "FILE", help: "the print shop's CMYK output profile (.icc) for --pdfx" },
  port: { type: "string", value: "N", help: "the port on 127.0.0.1 (default: 4170)" },
  print: {
    type: "boolean",
    help: "the print checks too (page count, trim and bleed boxes, 300 dpi images), sizes from --content's booklet.yaml",
  },
  html: {
    type: "string",
    value: "FILE",
    help: "the HTML the PDF was made from, to compare its text (default: the web edition beside the PDF)",
  },
  title: { type: "string", value: "TITLE", help: "the booklet's title" },
  "event-date": { type: "string", value: "YYYY-MM-DD", help: "the day commemorated" },
  language: {
    type: "string",
    value: "TAG",
    help: "init: the booklet's language, a BCP 47 tag such as en, az, de (default: en); build, check, dev: the language to build, a folder of content/languages/ or the base language, a list (de,az) or all (default: the base language)",
  },
  quiet: { type: "boolean", help: "show only errors" },
  verbose: { type: "boolean", help: "show the browser's messages and, on an error, the stack" },
  json: { type: "boolean", help: "write one JSON object per event (and errors as JSON)" },
  help: { type: "boolean", short: "h", help: "show this help" },
  version: { type: "boolean", short: "v", help: "show booklet's version" },
};

/** Options every command takes. */
export const GLOBAL = ["quiet", "verbose", "json", "help", "version"];

export const COMMANDS: CommandSpec[] = [
  {
    name: "build",
    usage: "[--content DIR] [--out DIR] [--edition YEARS] [--language LANGS] [--formats LIST] [print options]",
    summary: "build the booklet's PDFs and web edition into output/<year>/ (output/<year>/<lang>/ with translations)",
    options: [
      "content",
      "out",
      "edition",
      "language",
      "formats",
      "marks",
      "duplex",
      "creep",
      "pdfx",
      "icc",
      "by-chapter",
      "no-cache",
    ],
    more: "--marks, --duplex and --creep override booklet.yaml's print: section.",
  },
  {
    name: "check",
    usage: "[--content DIR] [--edition YEARS] [--language LANGS]",
    summary: "check the content without rendering; report every problem at once",
    options: ["content", "edition", "language"],
  },
  {
    name: "dev",
    usage: "[--content DIR] [--edition YEAR] [--language LANG] [--port N]",
    summary: "a live preview on 127.0.0.1 that rebuilds and reloads on every save",
    options: ["content", "edition", "language", "port"],
  },
  {
    name: "init",
    usage: "DIR --title TITLE --event-date YYYY-MM-DD [--language TAG]",
    summary: "a new booklet project in DIR (new or empty), ready to build",
    options: ["title", "event-date", "language"],
  },
  {
    name: "preflight",
    usage: "FILE.pdf [--print [--pdfx]] [--html FILE] [--content DIR]",
    summary: "read a PDF back and check it: fonts, notes, contents, folios, every word; exit 1 when a check fails",
    options: ["print", "pdfx", "html", "content"],
  },
  { name: "help", usage: "[COMMAND]", summary: "this help, or a command's own", options: [] },
];

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

const EXIT = "Exit codes: 0 success, 1 a content or build error, 2 a usage error, 130 interrupted.";

function optionLines(names: string[]): string {
  const rows = names.map((n) => [`--${n}${OPTIONS[n].value ? ` ${OPTIONS[n].value}` : ""}`, OPTIONS[n].help]);
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`).join("\n");
}

export function generalHelp(): string {
  const rows = COMMANDS.map((c) => `  booklet ${c.name.padEnd(10)}${c.summary}`).join("\n");
  return `booklet — Markdown chapters, data tables and sources to a print-ready commemorative booklet

Usage: booklet COMMAND [options]

Commands:
${rows}

Options of every command:
${optionLines(GLOBAL)}

\`booklet help COMMAND\` or \`booklet COMMAND --help\` shows a command's own options.
${EXIT}
`;
}

export function commandHelp(spec: CommandSpec): string {
  return `booklet ${spec.name} — ${spec.summary}

Usage: booklet ${spec.name} ${spec.usage}
${spec.options.length ? `\nOptions:\n${optionLines(spec.options)}\n` : ""}${spec.more ? `\n${spec.more}\n` : ""}
Options of every command:
${optionLines(GLOBAL)}

${EXIT}
`;
}
