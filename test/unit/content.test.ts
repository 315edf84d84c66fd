import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent, splitFrontMatter } from "../../src/content/load.ts";
import { BookletErrors } from "../../src/errors/booklet-error.ts";
import { MINIMAL_SOURCES, tempProject } from "../helpers/tmp.ts";

const chapter = (title: string, order: number, body = "Text.\n") =>
  `---\ntitle: ${title}\norder: ${order}\n---\n${body}`;

function problems(dir: string, layers?: { name: string; dir: string }[]) {
  try {
    loadContent({ contentDir: dir, layers });
  } catch (e) {
    if (e instanceof BookletErrors) return e.errors;
    throw e;
  }
  return [];
}

describe("front matter", () => {
  it("knows the line where the body starts", () => {
    const r = splitFrontMatter("---\ntitle: A\norder: 1\n---\nBody\n");
    expect(r.body).toBe("Body\n");
    expect(r.bodyLine).toBe(5);
  });

  it("reports a missing title and a wrong order at their lines", () => {
    const dir = tempProject({
      "chapters/01-a.md": "---\norder: one\ntitle: A\n---\nx\n",
      "chapters/02-b.md": "---\norder: 2\n---\nx\n",
    });
    const errs = problems(dir);
    expect(errs.map((e) => [path.basename(e.location!.file), e.kind, e.location!.line])).toEqual([
      ["01-a.md", "FrontMatterInvalid", 2],
      ["02-b.md", "FrontMatterInvalid", 2],
    ]);
  });

  it("reports front-matter YAML errors at the file's line", () => {
    const dir = tempProject({ "chapters/01-a.md": "---\ntitle: A\norder: [1\n---\nx\n" });
    const [e] = problems(dir);
    expect(e.kind).toBe("FrontMatterSyntax");
    expect(e.location!.line).toBeGreaterThanOrEqual(3);
  });
});

describe("chapters and the edition layer", () => {
  it("orders chapters by `order`, and lets an edition replace one and add another", () => {
    const dir = tempProject({
      "chapters/01-a.md": chapter("A", 1),
      "chapters/02-b.md": chapter("B", 2),
      "editions/2027/chapters/02-b.md": chapter("B, revised", 2),
      "editions/2027/chapters/03-c.md": chapter("C", 3),
      "foreword.md": "---\ntitle: Foreword\n---\nGeneral.\n",
      "editions/2027/foreword.md": "---\ntitle: Foreword\n---\nFor 2027.\n",
    });
    const c = loadContent({ contentDir: dir, layers: [{ name: "2027", dir: path.join(dir, "editions/2027") }] });
    expect(c.chapters.map((x) => x.title)).toEqual(["A", "B, revised", "C"]);
    expect(c.foreword?.body).toBe("For 2027.\n");
    expect(c.replaced.map((r) => r.name).sort()).toEqual(["chapters/02-b.md", "foreword.md"]);
    const base = loadContent({ contentDir: dir });
    expect(base.chapters.map((x) => x.title)).toEqual(["A", "B"]);
    expect(base.foreword?.body).toBe("General.\n");
  });

  it("says when there are no chapters", () => {
    expect(problems(tempProject({ "booklet.yaml": "" })).map((e) => e.kind)).toEqual(["NoChapters"]);
  });
});

describe("sources", () => {
  it("loads CSL items and refuses duplicates at their line", () => {
    const dir = tempProject({
      "chapters/01-a.md": chapter("A", 1),
      "sources.yaml": `${MINIMAL_SOURCES}- id: src-a\n  title: Again\n`,
    });
    const [e] = problems(dir);
    expect(e.kind).toBe("DuplicateId");
    expect(e.location!.line).toBe(10);
  });
});

describe("data tables", () => {
  const meta =
    "caption: Figures\ncolumns:\n  - { key: measure, label: Measure }\n  - { key: source, label: Source, type: source }\n  - { key: value, label: Figure, type: number }\n";

  it("types the values of a CSV by its .yaml", () => {
    const dir = tempProject({
      "chapters/01-a.md": chapter("A", 1),
      "data/t.csv": 'measure,source,value\nkilled,src-a,"1,320"\nhurt,src-b,12\n',
      "data/t.yaml": meta,
    });
    const t = loadContent({ contentDir: dir }).tables.get("t")!;
    expect(t.caption).toBe("Figures");
    expect(t.rows.map((r) => r.values.value)).toEqual([1320, 12]);
    expect(t.rows[1].line).toBe(3);
  });

  it("reports a row with the wrong number of fields, and a value of the wrong type, at their lines", () => {
    const dir = tempProject({
      "chapters/01-a.md": chapter("A", 1),
      "data/t.csv": "measure,source,value\nkilled,src-a\nhurt,src-b,many\n",
      "data/t.yaml": meta,
    });
    // a table is read when a page places it: asked for here
    const tables = loadContent({ contentDir: dir }).tables;
    expect(tables.get("t")).toBeDefined();
    const errs = tables.problems;
    expect(errs.map((e) => [e.kind, e.location!.line])).toEqual([
      ["CsvFieldCount", 2],
      ["CsvType", 3],
    ]);
    expect(errs[1].location!.column).toBe(12);
  });

  it("reads a whole table from YAML rows", () => {
    const dir = tempProject({
      "chapters/01-a.md": chapter("A", 1),
      "data/y.yaml": "caption: Y\nrows:\n  - { year: 1990, what: x }\n  - { year: 1991, what: y }\n",
    });
    const t = loadContent({ contentDir: dir }).tables.get("y")!;
    expect(t.rows.map((r) => r.values.what)).toEqual(["x", "y"]);
  });
});
