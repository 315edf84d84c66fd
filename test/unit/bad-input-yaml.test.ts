// YAML syntax errors point where the editor fixes them: an unclosed quote or bracket at its opening, not at
// the end of the file where the parser gives up.
import { describe, expect, it } from "vitest";
import { parseYaml, unclosedOpener } from "../../src/shared/yaml.ts";
import { thrownError } from "../helpers/errors.ts";

function syntaxError(text: string) {
  return thrownError(() => parseYaml(text, "x.yaml", "DataYamlSyntax"));
}

describe("an unclosed quote or bracket in YAML", () => {
  it("is reported at the quote that opens it, not at the end of the file", () => {
    const e = syntaxError('- id: a\n  publisher: "The Archive\n  title: T\n\n- id: b\n  title: U\n');
    expect(e.location).toMatchObject({ line: 2, column: 14 });
    expect(e.message).toMatch(/The " opened here is never closed/);
  });

  it("is reported at the bracket that opens it", () => {
    const e = syntaxError("title: A\nkeywords: [one, two\nslug: a\n");
    expect(e.location).toMatchObject({ line: 2, column: 11 });
  });

  it("is not confused by an apostrophe in a plain value or a quote in a comment", () => {
    expect(unclosedOpener("a: don't\n# it's\nb: 'r\n", 100)).toBe(19);
  });

  it("leaves a bracket that is closed on a line not indented enough to the parser's own position", () => {
    const e = syntaxError("a:\n  b: [1,\n2]\n");
    expect(e.message).not.toMatch(/never closed/);
  });
});

describe("aliases in YAML", () => {
  it("to an anchor not set before them are a syntax error at the alias, not an uncaught ReferenceError", () => {
    const e = syntaxError("title: A\n<<: *base\n");
    expect(e.location).toMatchObject({ line: 2, column: 5 });
    expect(e.message).toMatch(/Unresolved alias/);
  });

  it("that expand too far are a syntax error, not an uncaught exception", () => {
    const ten = (name: string, of: string) => `${name}: &${name} [${Array(10).fill(of).join(", ")}]\n`;
    expect(syntaxError(ten("a", "x") + ten("b", "*a") + ten("c", "*b") + ten("d", "*c")).message).toMatch(/alias/i);
  });

  it("to the list they are inside are refused: the loaders would walk the value for ever", () => {
    expect(syntaxError("keywords: &k [a, *k]\n").message).toMatch(/never end/);
  });
});
