// The content's YAML checked by its schemas: front matter, sources.yaml, a table's description and a chart.
// Every wrong and unknown key of a file is reported at once, at its line and column, with the closest key.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.ts";
import { VEGA_LITE_KEYS } from "../../src/content/schemas.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { tempProject } from "../helpers/tmp.ts";

const CHAPTER = "---\ntitle: A\norder: 1\n---\nText.\n";

function load(files: Record<string, string>) {
  const dir = tempProject({ "chapters/01-a.md": CHAPTER, ...files });
  const problems: BookletError[] = [];
  const content = loadContent({ contentDir: dir, problems });
  return { content, problems };
}

const seen = (problems: BookletError[]) =>
  problems.map((p) => [p.kind, p.location?.line, p.location?.column, p.message]);

describe("front matter", () => {
  it("reports every wrong and unknown key of a chapter at once, in the order of the file", () => {
    const { content, problems } = load({
      "chapters/01-a.md": "---\ntitel: A\norder: two\nnumbered: sometimes\n---\nText.\n",
    });
    expect(content.chapters).toEqual([]);
    expect(seen(problems)).toEqual([
      ["FrontMatterInvalid", 2, 1, "`title`: expected the chapter's title, as text: the key is required."],
      ["FrontMatterInvalid", 2, 1, "Unknown key `titel` in 01-a.md. Did you mean `title`?"],
      [
        "FrontMatterInvalid",
        3,
        8,
        '`order`: expected a number (the chapter\'s position in the booklet), but it is the text "two".',
      ],
      [
        "FrontMatterInvalid",
        4,
        11,
        '`numbered`: expected true or false (false: a chapter without a number, such as a timeline), but it is the text "sometimes".',
      ],
    ]);
  });

  it("refuses a title of spaces, and an unknown key of the foreword with the closest one", () => {
    const { problems } = load({
      "chapters/01-a.md": "---\ntitle: '  '\norder: 1\n---\nText.\n",
      "foreword.md": "---\ntitel: Foreword\n---\nText.\n",
    });
    expect(seen(problems)).toEqual([
      ["FrontMatterInvalid", 2, 8, "`title`: expected the chapter's title, as text."],
      ["FrontMatterInvalid", 2, 1, "Unknown key `titel` in foreword.md. Did you mean `title`?"],
    ]);
  });
});

describe("sources.yaml", () => {
  it("reports each wrong source with all its problems and loads the others", () => {
    const sources = [
      "- id: a-2020\n  titel: A\n  publsher: P\n",
      "- id: b-2021\n  type: article-newspapr\n  title: B\n",
      "- id: c 2022\n  title: C\n",
      "- id: d-2023\n  title: D\n  author: Someone\n",
      "- id: e-2024\n  title: E\n  container-title: A journal\n  issued: { date-parts: [[2024, 1]] }\n",
    ].join("");
    const { content, problems } = load({ "sources.yaml": sources });
    expect([...content.sources.keys()]).toEqual(["e-2024"]);
    expect(seen(problems)).toEqual([
      ["SourceInvalid", 1, 3, "Source a-2020: `title`: expected the source's title, as text: the key is required."],
      ["SourceInvalid", 2, 3, "Source a-2020: Unknown key `titel` in sources.yaml. Did you mean `title`?"],
      ["SourceInvalid", 3, 3, "Source a-2020: Unknown key `publsher` in sources.yaml. Did you mean `publisher`?"],
      [
        "SourceInvalid",
        5,
        9,
        expect.stringMatching(
          /^Source b-2021: `type`: expected one of "article", .*, but it is the text "article-newspapr"\. Did you mean "article-newspaper"\?$/,
        ),
      ],
      ["SourceInvalid", 7, 7, "Source c 2022: `id`: expected an id made of letters, digits, - _ . or :."],
      [
        "SourceInvalid",
        11,
        11,
        'Source d-2023: `author`: expected a list of names ({ family, given } or { literal }), but it is the text "Someone".',
      ],
    ]);
    // their citations are not reported again as naming an unknown source
    expect([...content.sourcesReported!].sort()).toEqual(["a-2020", "b-2021", "c 2022", "d-2023"]);
  });

  it("finds the line of a source in a CSL-JSON export wrapped as { references: [...] }", () => {
    const { problems } = load({
      "sources.yaml": "references:\n  - id: a\n    title: A\n  - id: b\n    titel: B\n    title: B\n",
    });
    expect(seen(problems)).toEqual([
      ["SourceInvalid", 5, 5, "Source b: Unknown key `titel` in sources.yaml. Did you mean `title`?"],
    ]);
  });
});

describe("a table's description", () => {
  const csv = "measure,source,value\nkilled,a,1\n";

  it("reports every wrong and unknown key of the .yaml at once, and the table is not read", () => {
    const yaml =
      "captoin: C\ncolumns:\n  - { key: measure, lable: Measure }\n  - { key: value, type: numbr, width: wide }\nmeasures: [killed]\n";
    const { content } = load({ "data/t.csv": csv, "data/t.yaml": yaml });
    expect(content.tables.get("t")).toBeUndefined();
    expect(content.tables.failed("t")).toBe(true);
    expect(seen(content.tables.problems)).toEqual([
      ["TableInvalid", 1, 1, "Unknown key `captoin` in t.yaml. Did you mean `caption`?"],
      ["TableInvalid", 3, 21, "Unknown key `columns`, item 1, `lable` in t.yaml. Did you mean `label`?"],
      [
        "TableInvalid",
        4,
        25,
        expect.stringMatching(
          /^`columns`, item 2, `type`: expected one of .*, but it is the text "numbr"\. Did you mean "number"\?$/,
        ),
      ],
      ["TableInvalid", 4, 39, "`columns`, item 2, `width`: expected a percentage or mm, such as 18% or 20mm."],
      ["TableInvalid", 5, 11, "`measures`: expected a mapping of each measure to its label, but it is a list."],
    ]);
  });

  it("names the CSV header closest to a described column that is not in it", () => {
    const { content } = load({
      "data/t.csv": csv,
      "data/t.yaml": "columns:\n  - { key: measure }\n  - { key: vlaue, type: number }\n",
    });
    expect(content.tables.get("t")).toBeDefined();
    expect(seen(content.tables.problems)).toEqual([
      [
        "TableInvalid",
        3,
        12,
        "The column `vlaue` described in t.yaml is not in the CSV header (measure, source, value). Did you mean `value`?",
      ],
    ]);
  });

  it("reports a row key that no column describes, with the closest column", () => {
    const yaml =
      "columns:\n  - { key: measure }\n  - { key: value, type: integer }\nrows:\n  - { measure: killed, value: 1 }\n  - { measure: injured, vlaue: 2 }\n";
    const { content } = load({ "data/t.yaml": yaml });
    expect(content.tables.get("t")!.rows.map((r) => r.values)).toEqual([
      { measure: "killed", value: 1 },
      { measure: "injured", value: null },
    ]);
    expect(seen(content.tables.problems)).toEqual([
      [
        "TableInvalid",
        6,
        25,
        "Row 2 has the key `vlaue`, which no column of `columns` describes. Did you mean `value`?",
      ],
    ]);
  });
});

describe("a chart", () => {
  it("needs `data: { table: NAME }`, with the closest key to a misspelt one", () => {
    const { content, problems } = load({
      "data/t.csv": "a,b\n1,2\n",
      "charts/c.yaml": "data: { tabel: t }\nmark: bar\n",
    });
    expect(content.charts.size).toBe(0);
    expect(content.failedCharts).toEqual(new Set(["c"]));
    expect(seen(problems)).toEqual([
      ["ChartInvalid", 1, 7, "`data.table`: expected the name of a table of data/: the key is required."],
      ["ChartInvalid", 1, 9, "Unknown key `data.tabel` in c.yaml. Did you mean `table`?"],
    ]);
  });

  it("names a table that data/ has, with the closest one", () => {
    const { problems } = load({ "data/toll.csv": "a,b\n1,2\n", "charts/c.yaml": "mark: bar\ndata:\n  table: tol\n" });
    expect(seen(problems)).toEqual([
      [
        "UnknownTable",
        3,
        10,
        'The chart\'s data names the table "tol", which data/ does not have (tables: toll). Did you mean "toll"?',
      ],
    ]);
  });

  it("knows Vega-Lite's top-level keys, and names the closest to a misspelt one", () => {
    const { problems } = load({
      "data/t.csv": "a,b\n1,2\n",
      "charts/c.yaml": "data: { table: t }\nmark: bar\nencodng: { x: { field: a } }\n",
    });
    expect(seen(problems)).toEqual([
      ["ChartInvalid", 3, 1, "Unknown key `encodng` in c.yaml. Did you mean `encoding`?"],
    ]);
  });

  it("lists Vega-Lite's top-level keys as its JSON Schema gives them", () => {
    type Def = { $ref?: string; anyOf?: Def[]; properties?: Record<string, unknown> };
    const schema = createRequire(import.meta.url)("vega-lite/vega-lite-schema.json") as {
      $ref: string;
      definitions: Record<string, Def>;
    };
    const keys = new Set<string>();
    const visit = (def: Def): void => {
      if (def.$ref) visit(schema.definitions[def.$ref.replace("#/definitions/", "")]);
      def.anyOf?.forEach(visit);
      for (const k of Object.keys(def.properties ?? {})) keys.add(k);
    };
    visit({ $ref: schema.$ref });
    expect([...VEGA_LITE_KEYS].sort()).toEqual([...keys].sort());
  });

  it("names the closest source to a misspelt one of its `sources:`, and is still read", () => {
    const { content, problems } = load({
      "sources.yaml": "- id: report-2020\n  title: R\n",
      "data/t.csv": "a,b\n1,2\n",
      "charts/c.yaml": "data: { table: t }\nsources: [report-2020, reprot-2020]\n",
    });
    expect(content.charts.has("c")).toBe(true);
    expect(seen(problems)).toEqual([
      [
        "UnknownSource",
        2,
        24,
        'The chart\'s sources name "reprot-2020", which is not in sources.yaml. Did you mean "report-2020"?',
      ],
    ]);
  });

  it("leaves the rest of the spec to Vega-Lite", () => {
    const { content, problems } = load({
      "data/t.csv": "a,b\n1,2\n",
      "charts/c.yaml": "data: { table: t }\nmark: bar\nencoding: { x: { field: a } }\ncaption: C\n",
    });
    expect(problems).toEqual([]);
    expect(content.charts.get("c")!.spec).toMatchObject({ mark: "bar", caption: "C" });
  });
});
