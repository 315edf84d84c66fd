// The command line: each command's own help, and a clear answer with the closest valid word for a mistake.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandHelp, generalHelp, OPTIONS } from "../../src/cli/commands.ts";
import { parseCommandLine } from "../../src/cli/parse.ts";

const BIN = path.resolve(import.meta.dirname, "../../bin/booklet.js");
const booklet = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, CI: "1" } });
const usage = (argv: string[]) => {
  try {
    parseCommandLine(argv);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe("the command line", () => {
  it("suggests the closest flag of the command for a misspelt one", () => {
    expect(usage(["build", "--edtion", "2027"])).toBe(
      "Unknown option --edtion for booklet build. Did you mean --edition?",
    );
    expect(usage(["preflight", "--prnt", "x.pdf"])).toBe(
      "Unknown option --prnt for booklet preflight. Did you mean --print?",
    );
    expect(usage(["build", "--colour"])).toBe("Unknown option --colour for booklet build.");
  });

  it("refuses a flag that belongs to another command, naming the command that takes it", () => {
    expect(usage(["init", "x", "--marks", "--pdfx"])).toBe(
      "booklet init does not take --marks; it is an option of booklet build.",
    );
    expect(usage(["check", "--port", "4000"])).toBe(
      "booklet check does not take --port; it is an option of booklet dev.",
    );
  });

  it("suggests the closest command", () => {
    expect(usage(["biuld"])).toBe('Unknown command "biuld". Did you mean `booklet build`?');
    expect(usage(["frobnicate"])).toBe('Unknown command "frobnicate".');
  });

  it("reads a command's own options and its words", () => {
    const line = parseCommandLine(["preflight", "out.pdf", "--print", "--content", "c"]);
    expect(line.command?.name).toBe("preflight");
    expect(line.args).toEqual(["out.pdf"]);
    expect(line.values).toMatchObject({ print: true, content: "c" });
  });

  it("has help for every command that lists exactly its options", () => {
    for (const c of COMMANDS) {
      const text = commandHelp(c);
      for (const name of Object.keys(OPTIONS)) {
        const listed = new RegExp(`^  --${name}\\b`, "m").test(text);
        expect(listed, `${c.name} --${name}`).toBe(
          c.options.includes(name) || ["quiet", "verbose", "json", "help", "version"].includes(name),
        );
      }
    }
    expect(generalHelp()).toContain("booklet help COMMAND");
  });

  it("answers help and mistakes with the right exit codes", () => {
    const help = booklet("help", "build");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^booklet build — /);
    expect(booklet("build", "--help").stdout).toBe(help.stdout);
    const wrong = booklet("build", "--edtion", "2027");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Did you mean --edition?");
    expect(wrong.stderr).not.toContain("To specify a positional argument");
    expect(booklet("help", "buidl").status).toBe(2);
  });
});
