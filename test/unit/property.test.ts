// Whatever an editor writes, the loaders and renderers give a value or a catalogued error, never another
// exception: random Markdown (citations, notes, HTML, brackets, Handlebars), citations, CSV and YAML tables,
// booklet.yaml documents, and whole chapters through the document stage.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { prepare } from "../../src/build.ts";
import { loadConfig } from "../../src/config/load.ts";
import { loadContent } from "../../src/content/load.ts";
import { BookletError, BookletErrors } from "../../src/errors/booklet-error.ts";
import { catalogue } from "../../src/errors/catalogue.ts";
import { parseCitation } from "../../src/markdown/citations.ts";
import { type ChapterContext, createMarkdown, renderChapterMarkdown } from "../../src/markdown/render.ts";
import { scanCss, scanHtml } from "../../src/markdown/safety.ts";
import { escapeHtml } from "../../src/shared/html.ts";
import { MINIMAL_CONFIG, MINIMAL_SOURCES, tempProject } from "../helpers/tmp.ts";

/** A BookletError (or several) whose every error is in the catalogue, with a message. */
function isCatalogued(e: unknown): boolean {
  const all = e instanceof BookletErrors ? e.errors : e instanceof BookletError ? [e] : undefined;
  return (
    Boolean(all?.length) &&
    all!.every((x) => x instanceof BookletError && catalogue[x.kind].code === x.code && x.message.length > 0)
  );
}

/** Runs fn; a thrown value must be catalogued (then it is returned), anything else fails the property. */
function valueOrCatalogued<T>(fn: () => T): T | BookletError | BookletErrors {
  try {
    return fn();
  } catch (e) {
    if (isCatalogued(e)) return e as BookletError | BookletErrors;
    throw e;
  }
}

// Pieces an editor's Markdown is made of, good and broken, joined at random.
const piece = fc.oneof(
  fc.constantFrom(
    "Text",
    " ",
    "\n",
    "\n\n",
    "[@a]",
    "[@b, p. 3]",
    "[@a; @b, para. 2]",
    "[@nobody]",
    "[@",
    "[@a",
    "@a]",
    "[^1]",
    "[^1]: A note.[@a]",
    "[^x]",
    "[^]",
    "[^1]:",
    "]",
    "[",
    "](",
    "[link](#ch-x)",
    "[link](https://example.org)",
    "![img](images/a.png)",
    "![img](../../etc/passwd)",
    "![img](a%zz.png)",
    "![](file:///etc/hostname)",
    '<div class="box">',
    "</div>",
    "<script>x()</script>",
    "<img src=x onerror=y>",
    '<a href="javascript:x">',
    "<style>@import 'https://x/y.css';</style>",
    '<p id="m">',
    "<!--",
    "-->",
    "`code [@a]`",
    "```\n[@a]\n```",
    "# Heading",
    "## Heading [@a]",
    "> quote",
    "- item",
    "1. item",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "&amp;",
    "&#x61;",
    "\u0000",
    "\uD800",
    "ə ş ğ ı",
    '"quoted"',
    "'single'",
    "---",
  ),
  fc.string({ maxLength: 8 }),
);
const markdown = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

function chapterContext(): ChapterContext & { problems: BookletError[] } {
  return {
    id: "ch-p",
    file: "/c/chapters/01-p.md",
    bodyLine: 5,
    text: "---\ntitle: P\norder: 1\n---\n",
    // the locator escaped, as the citation partials' {{locator}} escapes it: it is the author's text, not HTML
    formatCitation: (ref, full) =>
      `${full ? "Full" : "Short"} ${ref.id}${ref.locator ? `, ${escapeHtml(ref.locator)}` : ""}.`,
    hasSource: (id) => id === "a" || id === "b",
    problems: [],
    cited: new Set(),
    checkAsset: (ref) => (ref.startsWith("..") ? { kind: "PathOutsideContent", message: "outside" } : undefined),
  };
}

describe("property: the Markdown renderer", () => {
  const md = createMarkdown();
  it("renders any Markdown to HTML and catalogued problems, never an exception", () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const ctx = chapterContext();
        ctx.text += text;
        const r = renderChapterMarkdown(md, text, ctx);
        expect(typeof r.html).toBe("string");
        expect(ctx.problems.every((p) => isCatalogued(p))).toBe(true);
        // nothing that runs code reaches the HTML
        expect(scanHtml(r.html).findings.filter((f) => f.kind === "UnsafeContent")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  for (const notes of ["per-sentence", "per-paragraph"] as const) {
    it(`gathers citations ${notes} without an exception, with the same problems at the same places and the same sources cited`, () => {
      const gathering = createMarkdown({ notes, language: "en" });
      const problems = (c: ChapterContext) =>
        c.problems.map((p) => `${p.kind} ${p.location?.line}:${p.location?.column}`).sort();
      fc.assert(
        fc.property(markdown, (text) => {
          const one = chapterContext();
          const gathered = chapterContext();
          one.text += text;
          gathered.text += text;
          renderChapterMarkdown(md, text, one);
          const r = renderChapterMarkdown(gathering, text, gathered);
          expect(typeof r.html).toBe("string");
          expect(problems(gathered)).toEqual(problems(one));
          expect([...gathered.cited].sort()).toEqual([...one.cited].sort());
        }),
        { numRuns: 200 },
      );
    });
  }

  it("gives every problem a line inside the chapter file", () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const ctx = chapterContext();
        ctx.text += text;
        renderChapterMarkdown(md, text, ctx);
        const lines = ctx.text.split("\n").length;
        for (const p of ctx.problems) {
          expect(p.location!.line!).toBeGreaterThanOrEqual(1);
          expect(p.location!.line!).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("property: the citation parser", () => {
  it("parses any text inside brackets to citations or to nothing", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .array(fc.constantFrom("@", "a", ",", ";", " ", "p. 3", "]", "@b", "\n", ":", "."), { maxLength: 12 })
            .map((a) => a.join("")),
        ),
        (inner) => {
          const refs = parseCitation(inner);
          if (refs !== undefined) {
            expect(refs.length).toBeGreaterThan(0);
            for (const r of refs) expect(r.id).toMatch(/^[A-Za-z0-9_][\w.:-]*$/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("property: the HTML and CSS scanner", () => {
  it("scans any text without an exception", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), markdown), (text) => {
        scanHtml(text);
        scanCss(text);
      }),
      { numRuns: 300 },
    );
  });
});

// One project folder, its files rewritten for each run: creating a folder per run would dominate the time.
const dir = tempProject({ "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nText.\n" });

describe("property: the data-table loader", () => {
  const cell = fc.oneof(
    fc.constantFrom("", "1", "2.5", "1 000", "abc", "a,b", '"q"', '"a,b"', '"', "1990-01-20", "src-a", " ", "\r"),
    fc.string({ maxLength: 6 }),
  );
  const csv = fc
    .array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 })
    .map((rows) => rows.map((r) => r.join(",")).join(fc.sample(fc.constantFrom("\n", "\r\n"), 1)[0]));
  const column = fc.record({
    key: fc.oneof(fc.constantFrom("measure", "value", "source", "a"), fc.string({ maxLength: 4 })),
    type: fc.constantFrom("text", "number", "integer", "date", "source", "weird", undefined),
    label: fc.option(fc.string({ maxLength: 5 })),
  });
  const meta = fc.oneof(
    fc
      .record({
        caption: fc.option(fc.string({ maxLength: 10 })),
        columns: fc.option(fc.array(column, { maxLength: 4 })),
        rows: fc.option(
          fc.array(
            fc.dictionary(
              fc.string({ maxLength: 4 }),
              fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)),
            ),
            { maxLength: 3 },
          ),
        ),
      })
      .map((m) => stringify(m)),
    fc.string({ maxLength: 40 }),
  );

  it("loads any CSV and description to a table or catalogued problems", () => {
    fc.assert(
      fc.property(fc.option(csv), fc.option(meta), (csvText, metaText) => {
        fs.rmSync(path.join(dir, "data"), { recursive: true, force: true });
        fs.mkdirSync(path.join(dir, "data"));
        if (csvText !== null) fs.writeFileSync(path.join(dir, "data/t.csv"), csvText);
        if (metaText !== null) fs.writeFileSync(path.join(dir, "data/t.yaml"), metaText);
        const problems: BookletError[] = [];
        const content = valueOrCatalogued(() => loadContent({ contentDir: dir, problems }));
        expect(problems.every((p) => isCatalogued(p))).toBe(true);
        if (!(content instanceof Error))
          for (const table of content.tables.values()) expect(Array.isArray(table.rows)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("property: the sources loader", () => {
  const name = fc.oneof(
    fc.record({ family: fc.string({ maxLength: 5 }), given: fc.option(fc.string({ maxLength: 5 })) }),
    fc.record({ literal: fc.anything() }),
    fc.string({ maxLength: 5 }),
  );
  const item = fc.record(
    {
      id: fc.oneof(fc.constantFrom("src-a", "src-b", "a b", "", "-x"), fc.string({ maxLength: 6 }), fc.integer()),
      title: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)),
      type: fc.constantFrom("report", "webpage", "post-weblog", 3),
      author: fc.oneof(fc.array(name, { maxLength: 2 }), fc.string({ maxLength: 4 })),
      issued: fc.oneof(
        fc.record({
          "date-parts": fc.array(
            fc.array(fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.string({ maxLength: 3 })), { maxLength: 3 }),
            { maxLength: 2 },
          ),
        }),
        fc.record({ literal: fc.string({ maxLength: 5 }) }),
        fc.string({ maxLength: 5 }),
        fc.constant(null),
      ),
      "short-title": fc.string({ maxLength: 5 }),
      URL: fc.string({ maxLength: 8 }),
    },
    { requiredKeys: [] },
  );
  const sources = fc.oneof(
    fc.array(item, { maxLength: 4 }).map((l) => stringify(l)),
    fc.record({ references: fc.array(item, { maxLength: 3 }) }).map((o) => stringify(o)),
    fc.string({ maxLength: 40 }),
  );

  it("loads any sources.yaml to sources or catalogued problems, and cites them through the document stage", async () => {
    const project = tempProject({
      "booklet.yaml": MINIMAL_CONFIG,
      "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nText.[@src-a] More.[@src-b, p. 2]\n",
    });
    await fc.assert(
      fc.asyncProperty(sources, async (text) => {
        fs.writeFileSync(path.join(project, "sources.yaml"), text);
        try {
          await prepare({ contentDir: project, edition: 2027, env: {} });
        } catch (e) {
          if (!isCatalogued(e)) throw e;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("property: the configuration loader", () => {
  const yamlValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 3 }),
    ),
  })).value;
  const key = fc.constantFrom(
    "title",
    "publisher",
    "eventDate",
    "slug",
    "language",
    "pageSize",
    "hyphenate",
    "timeouts",
    "print",
    "keywords",
    "accentColor",
    "firstEdition",
    "coverImage",
    "browser",
    "x",
  );
  const document = fc.oneof(
    // a booklet.yaml with random values for real keys
    fc.dictionary(key, yamlValue, { maxKeys: 8 }).map((o) => stringify(o)),
    // a good one with one key changed
    fc.tuple(key, yamlValue).map(([k, v]) => MINIMAL_CONFIG + stringify({ [k]: v })),
    // any text at all
    fc.string({ maxLength: 60 }),
    fc
      .array(
        fc.constantFrom(
          "title: A\n",
          "slug: [a\n",
          "  - x\n",
          "eventDate: 1990-02-30\n",
          ": :\n",
          "\t",
          "'",
          '"',
          "{",
          "&a *a\n",
          "!!binary x\n",
          "<<: *a\n",
          "---\n",
          "...",
        ),
        { maxLength: 8 },
      )
      .map((a) => a.join("")),
  );

  it("reads any edition's booklet.yaml over a good one to a configuration or catalogued errors", () => {
    fs.writeFileSync(path.join(dir, "booklet.yaml"), `${MINIMAL_CONFIG}keywords: [a]\ntimeouts: { paginate: 5 }\n`);
    fs.mkdirSync(path.join(dir, "editions/2027"), { recursive: true });
    fc.assert(
      fc.property(document, (text) => {
        fs.writeFileSync(path.join(dir, "editions/2027/booklet.yaml"), text);
        valueOrCatalogued(() => loadConfig({ contentDir: dir, editionDir: path.join(dir, "editions/2027") }));
      }),
      { numRuns: 100 },
    );
    fs.rmSync(path.join(dir, "editions"), { recursive: true });
  });

  it("reads any booklet.yaml to a configuration or catalogued errors with a line", () => {
    fc.assert(
      fc.property(document, (text) => {
        fs.writeFileSync(path.join(dir, "booklet.yaml"), text);
        const r = valueOrCatalogued(() => loadConfig({ contentDir: dir }));
        if (r instanceof Error)
          for (const e of r instanceof BookletErrors ? r.errors : [r])
            expect(e.location?.file).toMatch(/booklet\.yaml$/);
        else expect(typeof r.config.title).toBe("string");
      }),
      { numRuns: 200 },
    );
  });
});

describe("property: a chapter through the whole document stage", () => {
  // Handlebars runs before the Markdown: its braces are among the pieces
  const handlebars = fc.constantFrom(
    "{{edition.ordinal}}",
    "{{",
    "}}",
    "{{#if x}}",
    "{{/if}}",
    "{{/each}}",
    "{{> nothere}}",
    '{{table "t"}}',
    '{{figure "t" "m" source="src-a"}}',
    "{{figure}}",
    "{{{booklet.title}}}",
    '{{chart "c"}}',
    "{{!-- c --}}",
    "{{else}}",
  );
  const body = fc.array(fc.oneof(piece, handlebars), { maxLength: 20 }).map((p) => p.join(""));
  const project = tempProject({
    "booklet.yaml": MINIMAL_CONFIG,
    "sources.yaml": MINIMAL_SOURCES,
    "data/t.csv": "measure,source,value\nm,src-a,1\n",
  });

  it("gives an HTML document or catalogued errors for any chapter", async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        fs.mkdirSync(path.join(project, "chapters"), { recursive: true });
        fs.writeFileSync(path.join(project, "chapters/01-a.md"), `---\ntitle: A\norder: 1\n---\n${text}\n`);
        try {
          const r = await prepare({ contentDir: project, edition: 2027, env: {} });
          expect(r.document.html).toMatch(/^<!doctype html>/i);
        } catch (e) {
          if (!isCatalogued(e)) throw e;
        }
      }),
      { numRuns: 40 },
    );
  });
});
