// The bad-input corpus through the command line: `booklet check` on each mistake of test/fixtures/bad/ stops
// with the catalogued error at the file, line and column an editor fixes, a code frame and a hint. The corpus
// runs through the command line's main() in this process; the cases after it run the command itself.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogue, type ErrorName } from "../../src/errors/catalogue.ts";
import { booklet, bookletInProcess, project, ROOT, STACK_LINE } from "../fixtures/bad/corpus.ts";

interface Case {
  /** the folder under test/fixtures/bad/ */
  mistake: string;
  name: ErrorName;
  /** relative to the content folder */
  file: string;
  line: number;
  column?: number;
  message: RegExp;
  /** what git cannot hold in a fixture (a symbolic link), made in the project before the run */
  setup?: (content: string) => void;
}

const CASES: Case[] = [
  {
    mistake: "front-matter-yaml",
    name: "FrontMatterSyntax",
    file: "chapters/02-second.md",
    line: 3,
    column: 8,
    message: /The \[ opened here is never closed/,
  },
  {
    mistake: "front-matter-type",
    name: "FrontMatterInvalid",
    file: "chapters/02-second.md",
    line: 3,
    column: 8,
    message: /`order`: expected a number \(the chapter.s position in the booklet\), but it is the text "second"/,
  },
  {
    mistake: "config-yaml",
    name: "ConfigYamlSyntax",
    file: "booklet.yaml",
    line: 6,
    column: 11,
    message: /The \[ opened here is never closed/,
  },
  {
    mistake: "config-type",
    name: "ConfigInvalid",
    file: "booklet.yaml",
    line: 8,
    column: 12,
    message: /`hyphenate`: expected true or false, but it is the text "sometimes"/,
  },
  {
    mistake: "config-unknown-key",
    name: "ConfigUnknownKey",
    file: "booklet.yaml",
    line: 6,
    column: 1,
    message: /`pagesize`.*Did you mean `pageSize`\?/,
  },
  {
    mistake: "sources-yaml",
    name: "SourcesYamlSyntax",
    file: "sources.yaml",
    line: 4,
    column: 14,
    message: /The " opened here is never closed/,
  },
  {
    mistake: "source-type",
    name: "SourceInvalid",
    file: "sources.yaml",
    line: 10,
    column: 11,
    message: /Source [^:]*: `author`: expected a list of names/,
  },
  {
    mistake: "unknown-source",
    name: "UnknownSource",
    file: "chapters/02-second.md",
    line: 6,
    column: 63,
    message: /\[@report-2021\] names no source/,
  },
  {
    mistake: "footnote-undefined",
    name: "FootnoteUndefined",
    file: "chapters/02-second.md",
    line: 7,
    column: 28,
    message: /\[\^count\] is called but never defined/,
  },
  {
    mistake: "footnote-after-figure",
    name: "FootnoteUndefined",
    file: "chapters/02-second.md",
    line: 6,
    column: 63,
    message: /\[\^count\] is called but never defined/,
  },
  {
    mistake: "footnote-unused",
    name: "FootnoteUnused",
    file: "chapters/02-second.md",
    line: 9,
    message: /\[\^count\] is defined but never called/,
  },
  {
    mistake: "duplicate-source-id",
    name: "DuplicateId",
    file: "sources.yaml",
    line: 12,
    column: 3,
    message: /report-2020 is used twice/,
  },
  {
    mistake: "duplicate-footnote",
    name: "DuplicateId",
    file: "chapters/02-second.md",
    line: 9,
    column: 1,
    message: /\[\^cold\] is defined twice \(first at line 7\)/,
  },
  {
    mistake: "duplicate-html-id",
    name: "DuplicateId",
    file: "chapters/02-second.md",
    line: 9,
    column: 4,
    message: /The id "marker" is given to 2 elements/,
  },
  {
    mistake: "broken-anchor",
    name: "BrokenAnchor",
    file: "chapters/02-second.md",
    line: 7,
    column: 27,
    message: /The link to #nowhere goes nowhere/,
  },
  {
    mistake: "csv-field-count",
    name: "CsvFieldCount",
    file: "data/figures.csv",
    line: 3,
    message: /5 fields; the header has 4/,
  },
  {
    mistake: "csv-type",
    name: "CsvType",
    file: "data/figures.csv",
    line: 3,
    column: 19,
    message: /"twelve" is not one/,
  },
  {
    mistake: "unknown-table",
    name: "UnknownTable",
    file: "chapters/02-second.md",
    line: 7,
    column: 1,
    message: /no data table "figures-2020"/,
  },
  {
    mistake: "unknown-partial",
    name: "UnknownPartial",
    file: "chapters/02-second.md",
    line: 7,
    message: /"nothere" does not exist/,
  },
  {
    mistake: "handlebars-syntax",
    name: "TemplateSyntax",
    file: "chapters/02-second.md",
    line: 7,
    column: 69,
    message: /This expression is not closed: Handlebars expects \}\} here/,
  },
  {
    mistake: "block-mismatch",
    name: "TemplateSyntax",
    file: "chapters/02-second.md",
    line: 7,
    column: 49,
    message: /\{\{#if\}\} is closed by \{\{\/each\}\}/,
  },
  {
    mistake: "partial-syntax",
    name: "TemplateSyntax",
    file: "templates/partials/aside.hbs",
    line: 2,
    column: 3,
    message: /\{\{#if\}\} opened here is never closed/,
  },
  {
    mistake: "missing-image",
    name: "MissingFile",
    file: "chapters/02-second.md",
    line: 7,
    column: 17,
    message: /"images\/photo\.jpg" does not exist/,
  },
  {
    mistake: "image-outside",
    name: "PathOutsideContent",
    file: "chapters/02-second.md",
    line: 7,
    column: 26,
    message: /leads outside the content folder/,
  },
  {
    mistake: "symlink-outside",
    name: "PathOutsideContent",
    file: "chapters/02-second.md",
    line: 7,
    column: 44,
    message: /"images\/link\.svg" is a link to .*outside\.svg, outside the content folder/,
    setup: (content) => {
      fs.writeFileSync(path.join(content, "../outside.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      fs.symlinkSync("../../outside.svg", path.join(content, "images/link.svg"));
    },
  },
  {
    mistake: "cover-image-outside",
    name: "PathOutsideContent",
    file: "booklet.yaml",
    line: 9,
    column: 13,
    message: /coverImage: "\.\.\/\.\.\/\.\.\/etc\/hostname" leads outside the content folder/,
  },
  {
    mistake: "script-in-chapter",
    name: "UnsafeContent",
    file: "chapters/02-second.md",
    line: 7,
    column: 1,
    message: /run a script/,
  },
  {
    mistake: "remote-image",
    name: "RemoteResource",
    file: "chapters/02-second.md",
    line: 7,
    column: 24,
    message: /https:\/\/example\.com\/photo\.jpg/,
  },
  {
    mistake: "remote-font",
    name: "RemoteResource",
    file: "templates/styles/extra.css",
    line: 4,
    column: 8,
    message: /https:\/\/fonts\.example\.com\/remote\.woff2/,
  },
  {
    mistake: "file-url",
    name: "RemoteResource",
    file: "chapters/02-second.md",
    line: 7,
    column: 11,
    message: /"file:\/\/\/etc\/hostname" would read a file of this machine/,
  },
  {
    mistake: "script-in-template",
    name: "UnsafeContent",
    file: "templates/partials/aside.hbs",
    line: 3,
    column: 3,
    message: /A <script> element would run code/,
  },
  {
    mistake: "script-in-cover",
    name: "UnsafeContent",
    file: "templates/partials/cover.hbs",
    line: 13,
    column: 37,
    message: /The attribute onload= would run a script/,
  },
  {
    mistake: "remote-in-template",
    name: "RemoteResource",
    file: "templates/partials/aside.hbs",
    line: 2,
    column: 26,
    message: /https:\/\/cdn\.example\.com\/aside\.css/,
  },
  {
    mistake: "remote-stylesheet",
    name: "RemoteResource",
    file: "templates/styles/extra.css",
    line: 2,
    column: 1,
    message: /https:\/\/fonts\.example\.com\/css\?family=Roboto/,
  },
  {
    mistake: "file-url-in-template",
    name: "RemoteResource",
    file: "templates/partials/aside.hbs",
    line: 3,
    column: 8,
    message: /"file:\/\/\/etc\/hostname" would read a file of this machine/,
  },
  {
    mistake: "csv-date",
    name: "CsvType",
    file: "data/figures.csv",
    line: 3,
    column: 35,
    message: /"1990-02-30" is not one \(write a real date/,
  },
  {
    mistake: "csv-number",
    name: "CsvType",
    file: "data/figures.csv",
    line: 3,
    column: 19,
    message: /"0x10" is not one \(write it with digits/,
  },
  {
    mistake: "event-date-future",
    name: "ConfigInvalid",
    file: "booklet.yaml",
    line: 5,
    column: 12,
    message: /`eventDate` is 2999-01-20, after today/,
  },
  {
    mistake: "css-escape-in-chapter",
    name: "RemoteResource",
    file: "chapters/02-second.md",
    line: 8,
    column: 30,
    message: /"https:\/\/example\.com\/bg\.png" would be fetched/,
  },
  {
    mistake: "image-set-in-chapter",
    name: "RemoteResource",
    file: "chapters/02-second.md",
    line: 8,
    column: 40,
    message: /"https:\/\/example\.com\/bg\.png" would be fetched/,
  },
  {
    mistake: "quot-url-in-chapter",
    name: "RemoteResource",
    file: "chapters/02-second.md",
    line: 8,
    column: 33,
    message: /"https:\/\/example\.com\/bg\.png" would be fetched/,
  },
  {
    mistake: "helper-missing",
    name: "TemplateRuntime",
    file: "chapters/02-second.md",
    line: 8,
    column: 13,
    message: /\{\{helperMissing\}\} is Handlebars' own internal helper/,
  },
  {
    mistake: "unknown-helper",
    name: "TemplateRuntime",
    file: "chapters/02-second.md",
    line: 8,
    column: 13,
    message: /There is no helper "nosuch"/,
  },
  {
    mistake: "partial-plain-text",
    name: "LooseText",
    file: "templates/partials/contents.hbs",
    line: 1,
    column: 1,
    message: /"Just some plain text\." stands directly in the page's <body>/,
  },
  {
    mistake: "missing-glyph",
    name: "MissingGlyph",
    file: "chapters/02-second.md",
    line: 8,
    column: 29,
    message:
      /U\+8A18 CJK UNIFIED IDEOGRAPH-8A18 \(記\), and 1 more character of Han, which the file uses.*npm install @fontsource\/noto-serif-sc @fontsource\/noto-sans-sc/,
  },
  {
    mistake: "fallback-not-installed",
    name: "FontNotFound",
    file: "booklet.yaml",
    line: 11,
    column: 13,
    message: /fonts\.fallback names @fontsource\/noto-naskh-arabic, which is not installed/,
  },
  {
    // the content's own font files are checked as the packages' are: DejaVu Serif has no lira sign
    mistake: "missing-glyph-local-font",
    name: "MissingGlyph",
    file: "chapters/02-second.md",
    line: 8,
    column: 33,
    message:
      /U\+20A4 LIRA SIGN \(₤\), which the file uses\. DejaVu Serif \(fonts\/DejaVuSerif\.ttf, .*\) does not have it; Source Sans 3 does/,
    setup: (content) =>
      fs.cpSync(path.join(ROOT, "examples/local-font-170x240/fonts"), path.join(content, "fonts"), { recursive: true }),
  },
  {
    mistake: "not-utf8",
    name: "NotUtf8",
    file: "chapters/02-second.md",
    line: 7,
    column: 8,
    message: /the byte 0xE9 at line 7 is not a UTF-8 character/,
  },
  {
    mistake: "front-matter-unknown-key",
    name: "FrontMatterInvalid",
    file: "chapters/02-second.md",
    line: 4,
    column: 1,
    message: /Unknown key `shrot` in 02-second\.md\. Did you mean `short`\?/,
  },
  {
    mistake: "source-unknown-key",
    name: "SourceInvalid",
    file: "sources.yaml",
    line: 4,
    column: 3,
    message: /Source report-2020: Unknown key `publsher` in sources\.yaml\. Did you mean `publisher`\?/,
  },
  {
    mistake: "table-unknown-key",
    name: "TableInvalid",
    file: "data/figures.yaml",
    line: 5,
    column: 48,
    message: /Unknown key `columns`, item 3, `algin` in figures\.yaml\. Did you mean `align`\?/,
  },
  {
    mistake: "table-column-type",
    name: "TableInvalid",
    file: "data/figures.yaml",
    line: 5,
    column: 39,
    message:
      /`columns`, item 3, `type`: expected one of "text", .*, but it is the text "numbr"\. Did you mean "number"\?/,
  },
  {
    mistake: "table-yaml",
    name: "DataYamlSyntax",
    file: "data/figures.yaml",
    line: 6,
    column: 5,
    message: /The \{ opened here is never closed/,
  },
  {
    mistake: "chart-unknown-table",
    name: "UnknownTable",
    file: "charts/count.yaml",
    line: 2,
    column: 16,
    message: /names the table "figure", which data\/ does not have \(tables: figures\)\. Did you mean "figures"\?/,
  },
  {
    mistake: "misspelt-source",
    name: "UnknownSource",
    file: "chapters/02-second.md",
    line: 6,
    column: 63,
    message: /\[@reprot-2020\] names no source in sources\.yaml\. Did you mean \[@report-2020\]\?/,
  },
  {
    mistake: "misspelt-table",
    name: "UnknownTable",
    file: "chapters/02-second.md",
    line: 7,
    column: 1,
    message: /There is no data table "figure" \(tables: figures\)\. Did you mean "figures"\?/,
  },
  {
    mistake: "misspelt-figure-table",
    name: "UnknownTable",
    file: "chapters/02-second.md",
    line: 6,
    column: 1,
    message: /There is no data table "figure" \(tables: figures\)\. Did you mean "figures"\?/,
  },
  {
    mistake: "misspelt-chart",
    name: "UnknownChart",
    file: "chapters/02-second.md",
    line: 7,
    column: 1,
    message: /There is no chart "cont" \(charts: count\)\. Did you mean "count"\?/,
  },
  {
    mistake: "misspelt-row-source",
    name: "UnknownSource",
    file: "data/figures.csv",
    line: 2,
    message: /The row names the source "reprot-2020", which is not in sources\.yaml\. Did you mean "report-2020"\?/,
  },
  // the one source cited only by a misspelt citation, or only in a chapter that cannot be read, is not said to
  // be never cited: exactly one problem each
  {
    mistake: "misspelt-only-citation",
    name: "UnknownSource",
    file: "chapters/02-second.md",
    line: 6,
    column: 103,
    message: /\[@later-2002\] names no source in sources\.yaml\. Did you mean \[@later-2022\]\?/,
  },
  {
    mistake: "syntax-hides-citation",
    name: "TemplateSyntax",
    file: "chapters/02-second.md",
    line: 5,
    column: 78,
    message: /Handlebars expects = here/,
  },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

// one after another in this process: a child process each spent most of its second starting Node and loading
// booklet (the same output, compared case by case when this was changed)
describe("booklet check on the bad-input corpus", () => {
  it.each(CASES)("$mistake: $name at $file:$line", async (c) => {
    const { root, content } = project(c.mistake);
    c.setup?.(content);
    const r = await bookletInProcess(["check", "--content", "content"], { cwd: root });
    const entry = catalogue[c.name];
    expect(r.code, r.output).toBe(1);
    // exactly one problem: the mistake, and no other error it drags along
    const headers = r.output.match(/^(error|warning):? B\d{3}\b.*$/gm) ?? [];
    expect(headers, r.output).toHaveLength(1);
    // the permanent code and the name
    expect(r.output).toContain(`error ${entry.code} ${c.name}: ${entry.title}`);
    // the file, line and column where the editor fixes it
    const at = `content/${c.file}:${c.line}${c.column ? `:${c.column}` : ""}`;
    expect(r.output).toMatch(new RegExp(`at ${escapeRegExp(at)}${c.column ? "" : "(?::\\d+)?"}\\n`));
    expect(r.output).toMatch(c.message);
    // a code frame marks the line
    expect(r.output).toMatch(new RegExp(`^\\s*>\\s+${c.line} \\| `, "m"));
    // what to do
    expect(r.output).toContain(`what to do: ${entry.hint}`);
    // an editor's mistake: no stack trace
    expect(r.output).not.toMatch(STACK_LINE);
  });
});

describe("booklet check on a misspelt name in every kind of file", () => {
  it("reports every problem in one run, each with the closest existing name, and none hides another", async () => {
    const { root } = project("every-name");
    const r = await booklet(["check", "--content", "content"], { cwd: root });
    expect(r.code, r.output).toBe(1);
    const found = [...r.output.matchAll(/^error (B\d{3}) \w+: .*\n {2}at content\/(\S+)\n {2}(.*)$/gm)].map((m) => [
      m[1],
      m[2],
      m[3],
    ]);
    expect(found.map(([code, at]) => `${code} ${at}`).sort()).toEqual(
      [
        "B202 chapters/03-third.md:2:1", // `titel`: unknown, and so `title` missing
        "B202 chapters/03-third.md:2:1",
        "B204 sources.yaml:12:3", // `tilte`: unknown, and so `title` missing
        "B204 sources.yaml:14:3",
        "B302 chapters/02-second.md:7:1",
        "B206 chapters/02-second.md:9:35", // the citation after the unknown table is still read
        "B309 chapters/02-second.md:11:1",
        "B306 data/figures.yaml:5:48",
      ].sort(),
    );
    const messages = found.map(([, , message]) => message).join("\n");
    for (const like of [
      "Did you mean `title`?",
      'Did you mean "figures"?',
      "Did you mean [@report-2020]?",
      'Did you mean "count"?',
      "Did you mean `align`?",
    ])
      expect(messages).toContain(like);
    // the sources of the chapters and the table that could not be read are not said to be never cited
    expect(r.output).toMatch(/^8 errors, 0 warnings$/m);
    expect(r.output).not.toMatch(STACK_LINE);
  });
});

describe.concurrent("booklet check on a source never cited", () => {
  it("is a warning: exit 0, with the code, the source and the file and line of its entry", async () => {
    const { root } = project("source-never-cited");
    const r = await booklet(["check", "--content", "content"], { cwd: root });
    expect(r.code, r.output).toBe(0);
    // the reporter's form: the code and name on the first line, the source in the message under it
    expect(r.output).toMatch(/^warning B209 SourceNeverCited\b[^\n]*\n(?:.*\n){1,2}.*unused-2022/m);
    expect(r.output).toContain("content/sources.yaml:12");
    expect(r.output).not.toMatch(/^error/m);
    expect(r.output).not.toMatch(STACK_LINE);
  });

  // prepare() prints warnings through the reporter, like errors (it printed them on one line before)
  it("is printed like an error: name, code frame and what to do", async () => {
    const { root } = project("source-never-cited");
    const r = await booklet(["check", "--content", "content"], { cwd: root });
    const entry = catalogue.SourceNeverCited;
    expect(r.output).toContain(`warning ${entry.code} SourceNeverCited: ${entry.title}`);
    expect(r.output).toMatch(/^\s*>\s+12 \| /m);
    expect(r.output).toContain(`what to do: ${entry.hint}`);
  });
});

describe("the catalogue entries the corpus triggers", () => {
  const names = new Set<ErrorName>([
    ...CASES.map((c) => c.name),
    "SourceNeverCited",
    "RequestBlocked",
    "StageTimeout",
    "PageError",
    "BrowserLaunch",
    "BrowserNotFound",
    "BrowserCrashed",
    "Interrupted",
    "WriteFailed",
    "Internal",
  ]);

  it.each([...names])("%s has a permanent code of its own and a hint that says what to do", (name) => {
    const entry = catalogue[name];
    expect(entry.code).toMatch(/^B\d{3}$/);
    expect(Object.values(catalogue).filter((e) => e.code === entry.code)).toHaveLength(1);
    // a sentence (or two) that starts with what to do, not a restatement of the title
    expect(entry.hint).toMatch(/^[A-Z][a-z]+\b.*\.$/s);
    expect(entry.hint.length).toBeGreaterThan(30);
    expect(entry.hint).not.toBe(entry.title);
  });
});

describe.concurrent("booklet check --json on the corpus", () => {
  it.each(CASES.filter((c) => ["unknown-source", "config-yaml", "csv-type", "script-in-template"].includes(c.mistake)))(
    "$mistake: one JSON object with the error's code, name, hint and location",
    async (c) => {
      const { root } = project(c.mistake);
      const r = await booklet(["check", "--content", "content", "--json"], { cwd: root });
      expect(r.code, r.output).toBe(1);
      // every line is JSON: the events, then the errors
      const objects = r.output
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const last = objects.at(-1) as { errors?: Record<string, unknown>[] } & Record<string, unknown>;
      const errors = last.errors ?? [last];
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        severity: "error",
        code: catalogue[c.name].code,
        name: c.name,
        title: catalogue[c.name].title,
        hint: catalogue[c.name].hint,
        location: { line: c.line },
      });
      expect((errors[0].location as { file: string }).file).toMatch(new RegExp(`content/${escapeRegExp(c.file)}$`));
      expect(errors[0].message).toMatch(c.message);
    },
  );
});

describe("booklet check on the good base of the corpus", () => {
  it("finds nothing wrong with the good base", async () => {
    const { root } = project();
    const r = await booklet(["check", "--content", "content"], { cwd: root });
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/\b(error|warning)\b/);
  });
});
