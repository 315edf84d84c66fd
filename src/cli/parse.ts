// The command line read against the command's own options: an unknown flag is answered with the closest one
// the command takes, a flag of another command is refused by name, and both are usage errors (exit 2).
import { parseArgs } from "node:util";
import { BookletError, closest, didYouMean } from "../errors/index.ts";
import { COMMANDS, type CommandSpec, commandNamed, GLOBAL, OPTIONS } from "./commands.ts";

export type Values = Record<string, string | boolean | undefined>;

export interface CommandLine {
  /** the command's spec; undefined when none was given */
  command?: CommandSpec;
  values: Values;
  /** the words after the command's name */
  args: string[];
}

type ParseOptions = Record<string, { type: "string" | "boolean"; short?: string }>;

function optionsOf(names: string[]): ParseOptions {
  return Object.fromEntries(
    names.map((n) => [n, { type: OPTIONS[n].type, ...(OPTIONS[n].short ? { short: OPTIONS[n].short } : {}) }]),
  );
}

export function parseCommandLine(argv: string[]): CommandLine {
  // first loosely, to find the command and every flag given, known or not
  const loose = parseArgs({
    args: argv,
    options: optionsOf(Object.keys(OPTIONS)),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const name = loose.positionals[0];
  const command = name === undefined ? undefined : commandNamed(name);
  if (name !== undefined && !command) {
    throw new BookletError(
      "Usage",
      `Unknown command "${name}".${didYouMean(
        name,
        COMMANDS.map((c) => c.name),
        (c) => `\`booklet ${c}\``,
      )}`,
    );
  }
  const allowed = [...(command?.options ?? []), ...GLOBAL];
  for (const token of loose.tokens ?? []) {
    if (token.kind !== "option") continue;
    refuseOption(token.name, token.rawName, command, allowed);
  }
  // then strictly, with the command's options only: values of the right kind
  let strict: ReturnType<typeof parseArgs>;
  try {
    strict = parseArgs({ args: argv, options: optionsOf(allowed), strict: true, allowPositionals: true });
  } catch (e) {
    throw new BookletError("Usage", (e as Error).message.split(". To specify")[0]);
  }
  return { command, values: strict.values as Values, args: strict.positionals.slice(1) };
}

/** An option that is not one of the command's: unknown (with the closest), or another command's. */
function refuseOption(name: string, raw: string, command: CommandSpec | undefined, allowed: string[]): void {
  if (allowed.includes(name)) return;
  const where = command ? `booklet ${command.name}` : "booklet without a command";
  if (!(name in OPTIONS)) {
    const like = closest(name, allowed) ?? closest(name, Object.keys(OPTIONS));
    throw new BookletError("Usage", `Unknown option ${raw} for ${where}.${like ? ` Did you mean --${like}?` : ""}`);
  }
  const takers = COMMANDS.filter((c) => c.options.includes(name)).map((c) => `booklet ${c.name}`);
  throw new BookletError("Usage", `${where} does not take --${name}; it is an option of ${takers.join(" and ")}.`);
}
