// A Handlebars syntax error is reported at the file's own line and column (a chapter's, after its front
// matter), in words an editor understands, and a broken partial does not hide the other problems.
import { describe, expect, it } from "vitest";
import type { Content } from "../../src/content/types.ts";
import { createHandlebars, runTemplate } from "../../src/document/handlebars.ts";
import { templateSet } from "../../src/document/templates.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { thrownError } from "../helpers/errors.ts";
import { tempProject } from "../helpers/tmp.ts";

const content = { dir: "/nonexistent", tables: new Map(), sources: new Map(), charts: new Map() } as unknown as Content;

/** Runs `text` as the body of a chapter whose body starts on line 5 of its file. */
function errorOf(text: string) {
  const hb = createHandlebars({ content, templates: templateSet("/nonexistent"), language: "en", charts: new Map() });
  return thrownError(() =>
    runTemplate(
      hb,
      { file: "chapters/01-a.md", firstLine: 5, text, fileText: `---\ntitle: A\norder: 1\n---\n${text}` },
      {},
    ),
  );
}

describe("a Handlebars syntax error in a chapter", () => {
  it("names the chapter's line and the column of the lone closing brace", () => {
    const e = errorOf('Text.\n\nThe report counts {{figure "t" "m" source="r"} visitors.\n');
    expect(e.kind).toBe("TemplateSyntax");
    expect(e.location).toMatchObject({ file: "chapters/01-a.md", line: 7, column: 46 });
    expect(e.message).toMatch(/not closed: Handlebars expects \}\}/);
    // the parser's own message counts lines from the body and would contradict the location
    expect(e.cause).toBeUndefined();
  });

  it("names the opening of a block that is never closed", () => {
    const e = errorOf("One.\n{{#if edition.year}}\nTwo.\n");
    expect(e.location).toMatchObject({ line: 6, column: 1 });
    expect(e.message).toBe("The block {{#if}} opened here is never closed with {{/if}}.");
  });

  it("names the closing tag of a block closed with another name, found before the text is run", () => {
    const e = errorOf("{{#if x}}a{{/each}}\n");
    expect(e.kind).toBe("TemplateSyntax");
    expect(e.location).toMatchObject({ line: 5, column: 11 });
    expect(e.message).toMatch(/\{\{#if\}\} is closed by \{\{\/each\}\}/);
  });

  it("puts a column on an error at the very start of the text", () => {
    expect(errorOf("{{else}}").location).toMatchObject({ line: 5, column: 1 });
  });
});

describe("a Handlebars syntax error in a partial of the content's templates", () => {
  it("is collected with the partial's file and line, and the partial stays registered", () => {
    const dir = tempProject({ "templates/partials/aside.hbs": "<aside>\n  {{#if x}}\n</aside>\n" });
    const problems: BookletError[] = [];
    const hb = createHandlebars({
      content: { ...content, dir },
      templates: templateSet(dir),
      language: "en",
      charts: new Map(),
      problems,
    });
    expect(problems.map((p) => [p.kind, p.location?.file.endsWith("aside.hbs"), p.location?.line])).toEqual([
      ["TemplateSyntax", true, 2],
    ]);
    // a chapter that uses it is not reported again for an unknown partial
    expect(runTemplate(hb, { file: "c.md", firstLine: 1, text: "{{> aside}}", fileText: "" }, {})).toBe("");
  });
});
