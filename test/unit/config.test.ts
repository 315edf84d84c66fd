import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { formatError } from "../../src/errors/reporter.ts";
import { thrownErrors } from "../helpers/errors.ts";
import { MINIMAL_CONFIG, tempProject } from "../helpers/tmp.ts";

describe("booklet.yaml", () => {
  it("fills defaults", () => {
    const dir = tempProject({ "booklet.yaml": MINIMAL_CONFIG });
    const { config } = loadConfig({ contentDir: dir });
    expect(config).toMatchObject({ title: "A Test", pageSize: "A5", hyphenate: true, keywords: [] });
  });

  it("names the file, line and key of a wrong value", () => {
    const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG}pageSize: B7\n` });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(e.kind).toBe("ConfigInvalid");
    expect(e.location).toMatchObject({ file: path.join(dir, "booklet.yaml"), line: 6 });
    expect(e.message).toMatch(/pageSize.*"A5", "A4", "Letter", "6x9"/);
  });

  it("reports a date that is not a calendar date at its line", () => {
    const dir = tempProject({ "booklet.yaml": MINIMAL_CONFIG.replace("1990-01-20", "1990-02-30") });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(e.location?.line).toBe(4);
    expect(e.message).toMatch(/eventDate/);
  });

  it("reports an unknown key, and a missing one, all at once", () => {
    const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG.replace("slug: a-test\n", "")}colour: red\n` });
    const errors = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(errors.map((e) => e.kind).sort()).toEqual(["ConfigInvalid", "ConfigUnknownKey"]);
    expect(errors.find((e) => e.kind === "ConfigUnknownKey")!.location?.line).toBe(5);
    expect(errors.find((e) => e.kind === "ConfigInvalid")!.message).toMatch(/slug.*required/);
  });

  it("reports every misspelt key, each at its line with the closest key", () => {
    const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG}titel: A\nlanguag: en\nprint:\n  bleeed: 3\n` });
    const errors = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(errors.map((e) => e.message)).toEqual([
      "Unknown key `titel` in booklet.yaml. Did you mean `title`?",
      "Unknown key `languag` in booklet.yaml. Did you mean `language`?",
      "Unknown key `print.bleeed` in booklet.yaml. Did you mean `bleed`?",
    ]);
    expect(errors.map((e) => e.location?.line)).toEqual([6, 7, 9]);
  });

  it("reports a YAML syntax error with its line and a code frame", () => {
    const dir = tempProject({ "booklet.yaml": "title: A\npublisher: [unclosed\neventDate: 1990-01-20\n" });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(e.kind).toBe("ConfigYamlSyntax");
    expect(e.location?.line).toBeGreaterThanOrEqual(2);
    const text = formatError(e, { cwd: dir });
    expect(text).toMatch(/B102/);
    expect(text).toMatch(/booklet\.yaml:\d+/);
    expect(text).toMatch(/\|/);
    expect(text).not.toMatch(/at .*\.ts:/); // no stack trace for an editor's mistake
  });

  it("says where it looked when there is no booklet.yaml", () => {
    const dir = tempProject({ "x.txt": "" });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(e.kind).toBe("ConfigNotFound");
  });
});

describe("the edition cascade of booklet.yaml", () => {
  it("lets an edition override a key, and says so", () => {
    const dir = tempProject({
      "booklet.yaml": `${MINIMAL_CONFIG}accentColor: '#111111'\n`,
      "editions/2027/booklet.yaml": "subtitle: The 2027 edition\naccentColor: '#222222'\n",
    });
    const said: string[] = [];
    const { config } = loadConfig({
      contentDir: dir,
      editionDir: path.join(dir, "editions/2027"),
      onOverride: (k) => said.push(k),
    });
    expect(config.subtitle).toBe("The 2027 edition");
    expect(config.accentColor).toBe("#222222");
    // a key the base does not have is set by the edition too
    expect(said).toEqual(["subtitle", "accentColor"]);
  });

  it("refuses a key overridden with another type, naming both files", () => {
    const dir = tempProject({
      "booklet.yaml": `${MINIMAL_CONFIG}keywords: [a, b]\n`,
      "editions/2027/booklet.yaml": "keywords: just one\n",
    });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir, editionDir: path.join(dir, "editions/2027") }));
    expect(e.kind).toBe("ConfigInvalid");
    expect(e.message).toContain(path.join(dir, "booklet.yaml"));
    expect(e.message).toContain(path.join(dir, "editions/2027/booklet.yaml"));
    expect(e.location).toMatchObject({ file: path.join(dir, "editions/2027/booklet.yaml"), line: 1 });
  });

  it("reports a wrong value from an edition in the edition's file", () => {
    const dir = tempProject({ "booklet.yaml": MINIMAL_CONFIG, "editions/2027/booklet.yaml": "\npageSize: A9\n" });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir, editionDir: path.join(dir, "editions/2027") }));
    expect(e.location).toMatchObject({ file: path.join(dir, "editions/2027/booklet.yaml"), line: 2 });
  });
});

describe("ordinal forms", () => {
  it("takes a language's ordinal forms from booklet.yaml into the edition", async () => {
    const { prepare } = await import("../../src/build.ts");
    const dir = tempProject({
      "booklet.yaml": `${MINIMAL_CONFIG.replace("language: en-GB", "language: az")}ordinals:\n  other: "{n}-ci"\n`,
      "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nThe {{edition.ordinal}} anniversary.\n",
    });
    const p = await prepare({ contentDir: dir, edition: 2027 });
    expect(p.edition.ordinal).toBe("37-ci");
    expect(p.document.chapters[0].markdown).toContain("The 37-ci anniversary.");
  });

  it("refuses a form without the number in it, at its line", () => {
    const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG}ordinals:\n  other: th\n` });
    const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
    expect(e.kind).toBe("ConfigInvalid");
    expect(e.location?.line).toBe(7);
  });
});
