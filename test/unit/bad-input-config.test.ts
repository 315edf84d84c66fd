// A wrong booklet.yaml says what is wrong in the editor's words: a key given with a value of the wrong kind
// is not called missing, and an unknown key is shown at its name with the key it was probably meant to be.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { thrownErrors } from "../helpers/errors.ts";
import { MINIMAL_CONFIG, tempProject } from "../helpers/tmp.ts";

function errorsOf(yaml: string) {
  const dir = tempProject({ "booklet.yaml": yaml });
  return thrownErrors(() => loadConfig({ contentDir: dir }));
}

describe("a key of booklet.yaml with a value of the wrong kind", () => {
  it("is reported as the wrong kind, with the value given, not as a missing key", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}hyphenate: sometimes\n`);
    expect(e.kind).toBe("ConfigInvalid");
    expect(e.message).toBe('`hyphenate`: expected true or false, but it is the text "sometimes".');
    expect(e.location).toMatchObject({ line: 6, column: 12 });
  });

  it("is reported inside a nested mapping too", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}timeouts:\n  paginate: [1]\n`);
    expect(e.message).toBe("`timeouts.paginate`: expected a number, but it is a list.");
    expect(e.location?.line).toBe(7);
  });

  it("still calls a key that is not there missing", () => {
    const [e] = errorsOf(MINIMAL_CONFIG.replace("slug: a-test\n", ""));
    expect(e.message).toBe("`slug`: expected text: the key is required.");
  });
});

describe("an unknown key of booklet.yaml", () => {
  it("is reported at the key's name and suggests the known key it was probably meant to be", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}pagesize: A4\n`);
    expect(e.kind).toBe("ConfigUnknownKey");
    expect(e.location).toMatchObject({ line: 6, column: 1 });
    expect(e.message).toMatch(/Did you mean `pageSize`\?/);
  });

  it("suggests a key of a nested mapping from that mapping", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}timeouts:\n  paginat: 5\n`);
    expect(e.message).toMatch(/`timeouts\.paginat`.*Did you mean `paginate`\?/);
  });

  it("suggests nothing when no key is close", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}colour: red\n`);
    expect(e.message).not.toMatch(/Did you mean/);
  });
});

describe("notes: and publisher: in booklet.yaml", () => {
  it("refuses a rule for notes that does not exist, naming the three", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}notes: per-paragrph\n`);
    expect(e.kind).toBe("ConfigInvalid");
    expect(e.message).toBe(
      '`notes`: expected one of "per-citation", "per-sentence", "per-paragraph", but it is the text "per-paragrph". Did you mean "per-paragraph"?',
    );
    expect(e.location).toMatchObject({ line: 6, column: 8 });
  });

  it("suggests notes for a misspelt key", () => {
    const [e] = errorsOf(`${MINIMAL_CONFIG}note: per-paragraph\n`);
    expect(e.kind).toBe("ConfigUnknownKey");
    expect(e.message).toMatch(/Did you mean `notes`\?/);
  });

  it("reads a booklet.yaml without a publisher, and takes one note per citation when notes is not given", () => {
    const dir = tempProject({ "booklet.yaml": MINIMAL_CONFIG.replace("publisher: The Test Press\n", "") });
    try {
      const { config } = loadConfig({ contentDir: dir });
      expect(config.publisher).toBeUndefined();
      expect(config.notes).toBe("per-citation");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
