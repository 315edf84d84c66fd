// One reporter: a catalogued error with its location, code frame, hint and cause chain, the stack only with
// --verbose; an error that is not catalogued (a bug of booklet's) is still reported as Internal B999.
import { describe, expect, it } from "vitest";
import { BookletError, BookletErrors } from "../../src/errors/booklet-error.ts";
import { catalogue } from "../../src/errors/catalogue.ts";
import { errorToJson, formatError } from "../../src/errors/reporter.ts";
import { STACK_LINE } from "../fixtures/bad/corpus.ts";

const chained = () =>
  new BookletError("TemplateRuntime", "The helper failed.", {
    location: { file: "/c/chapters/01-a.md", line: 2, column: 3 },
    sourceText: "a\nbcdef\ng\n",
    cause: new Error("inner reason\nsecond line"),
  });

describe("the reporter", () => {
  it("prints the code, name, location, code frame, hint and the cause chain, and no stack", () => {
    const text = formatError(chained(), { cwd: "/c" });
    expect(text).toContain("error B308 TemplateRuntime: A template failed while it was filled in");
    expect(text).toContain("  at chapters/01-a.md:2:3");
    expect(text).toMatch(/> 2 \| bcdef\n\s+\|\s+\^/);
    expect(text).toContain(`what to do: ${catalogue.TemplateRuntime.hint}`);
    expect(text).toContain("caused by: inner reason");
    expect(text).not.toContain("second line");
    expect(text).not.toMatch(STACK_LINE);
  });

  it("adds the stacks with --verbose", () => {
    expect(formatError(chained(), { verbose: true })).toMatch(STACK_LINE);
  });

  it("reports an error that is not catalogued as Internal B999, with what to do and no stack", () => {
    const text = formatError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(text).toContain("error B999 Internal: booklet failed unexpectedly");
    expect(text).toContain("Cannot read properties of undefined (reading 'x')");
    expect(text).toContain(`what to do: ${catalogue.Internal.hint}`);
    expect(text).not.toMatch(STACK_LINE);
    expect(formatError(new TypeError("x"), { verbose: true })).toMatch(STACK_LINE);
  });

  it("gives --json every error with its code, name, hint and location", () => {
    const json = errorToJson(
      new BookletErrors([chained(), new BookletError("SourceNeverCited", "unused", { severity: "warning" })]),
    ) as { errors: Record<string, unknown>[] };
    expect(json.errors).toEqual([
      expect.objectContaining({
        severity: "error",
        code: "B308",
        name: "TemplateRuntime",
        hint: catalogue.TemplateRuntime.hint,
        location: { file: "/c/chapters/01-a.md", line: 2, column: 3 },
      }),
      expect.objectContaining({ severity: "warning", code: "B209", name: "SourceNeverCited" }),
    ]);
    expect(errorToJson(new Error("bug"))).toMatchObject({
      code: "B999",
      name: "Internal",
      hint: catalogue.Internal.hint,
    });
  });
});
