// The design: page geometry by its rule, the tokens stylesheet, typefaces from fonts/ or @fontsource, the
// imposition sheet of any size, and the preflight rule against a heading at a page's foot.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { FontsSchema, pageSizeMm } from "../../src/config/schema.ts";
import { marginTokens, pageGeometry, tokensCss } from "../../src/document/design.ts";
import { resolveFonts } from "../../src/document/fonts.ts";
import { sheetFor } from "../../src/pdf/impose.ts";
import { keep } from "../../src/preflight/checks/keep.ts";
import { thrownErrors } from "../helpers/errors.ts";
import { MINIMAL_CONFIG, tempProject } from "../helpers/tmp.ts";
import { context, page, pdf } from "./preflight/fake.ts";

const root = path.resolve(import.meta.dirname, "../..");
const DEJAVU = path.join(root, "examples/local-font-170x240/fonts");
const fontsOf = (over: Record<string, unknown> = {}) => FontsSchema.parse(over);
const geometry = (pageSize: string, fonts: Record<string, unknown> = {}, margins?: Record<string, number>) =>
  pageGeometry({ pageSize, fonts: fontsOf(fonts), margins });

describe("the page's geometry", () => {
  it("is the shipped design on A5, exactly", () => {
    expect(geometry("A5")).toEqual({
      width: 148,
      height: 210,
      fontSize: 9.5,
      leading: 13.2,
      typeScale: 1,
      margins: { top: 17, bottom: 19, inner: 19, outer: 15 },
    });
  });

  it("grows the type with the page and the measure with the type, so a line holds as many characters", () => {
    const a5 = geometry("A5");
    for (const size of ["A4", "Letter", "6x9", "170x240mm", "5.5x8.5in"]) {
      const g = geometry(size);
      const measure = g.width - g.margins.inner - g.margins.outer;
      // characters a line holds go with measure ÷ type size: within 2% of A5's
      expect(measure / g.fontSize / (114 / 9.5), size).toBeGreaterThan(0.98);
      expect(measure / g.fontSize / (114 / 9.5), size).toBeLessThan(1.02);
      expect(g.fontSize, size).toBeGreaterThanOrEqual(a5.fontSize * Math.sqrt(g.width / 148) - 0.05);
      // the text block keeps A5's proportion, and the page is the size asked for
      const height = g.height - g.margins.top - g.margins.bottom;
      expect(height / measure, size).toBeCloseTo(174 / 114, 1);
      expect({ width: g.width, height: g.height }).toEqual({
        width: Number(pageSizeMm(size).width.toFixed(2)),
        height: Number(pageSizeMm(size).height.toFixed(2)),
      });
    }
    expect(geometry("A4")).toMatchObject({ fontSize: 11.3, leading: 15.7 });
  });

  it("takes booklet.yaml's type size, leading and margins over the rule", () => {
    const g = geometry("A4", { size: 10, leading: 14 }, { inner: 25, outer: 25 });
    expect(g).toMatchObject({ fontSize: 10, leading: 14, margins: { inner: 25, outer: 25 } });
    expect(g.margins.top).toBeGreaterThan(0);
  });

  it("is what the A4 example's table prints for every page it lists", () => {
    const csv = fs
      .readFileSync(path.join(root, "examples/report-a4/data/sizes.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    for (const line of csv) {
      const [size, type, leading, top, bottom, inner, outer] = line.split(",");
      expect(geometry(size), size).toMatchObject({
        fontSize: +type,
        leading: +leading,
        margins: { top: +top, bottom: +bottom, inner: +inner, outer: +outer },
      });
    }
  });

  it("reads WIDTHxHEIGHT in mm or in, and refuses a size without a unit or too small", () => {
    expect(pageSizeMm("170x240mm")).toEqual({ width: 170, height: 240 });
    const inches = pageSizeMm("6 x 9 in");
    expect(inches.width).toBeCloseTo(152.4, 6);
    expect(inches.height).toBeCloseTo(228.6, 6);
    for (const [size, why] of [
      ["170x240", /WIDTHxHEIGHT in mm or in/],
      ["20x30mm", /between 70 x 90 mm/],
    ] as const) {
      const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG}pageSize: ${size}\n` });
      const [e] = thrownErrors(() => loadConfig({ contentDir: dir }));
      expect(e.kind).toBe("ConfigInvalid");
      expect(e.location?.line).toBe(6);
      expect(e.message).toMatch(why);
    }
  });
});

describe("the tokens stylesheet", () => {
  const css = (marginOverrides = {}) =>
    tokensCss({
      geometry: geometry("A4"),
      accent: "#123456",
      fontBody: '"Lora", serif',
      fontDisplay: '"Source Sans 3", sans-serif',
      boldWeight: 600,
      marginOverrides,
    });

  it("writes the page's size and margins out (Paged.js reads no var() in @page) and every token", () => {
    const text = css();
    expect(text).toContain("@page { size: 210mm 297mm; margin: 42.5mm 32.8mm 47.5mm 41.6mm; }");
    expect(text).toContain("@page :left { margin-left: 32.8mm; margin-right: 41.6mm; }");
    for (const token of [
      '--font-body: "Lora", serif;',
      "--font-size: 11.3pt;",
      "--leading: 15.7pt;",
      "--accent: #123456;",
      "--type-scale: 1.1895;",
      "--margin-inner: 41.6mm;",
    ])
      expect(text).toContain(token);
  });

  it("puts the margins a content stylesheet sets in its :root rule into the @page rules", () => {
    const found = marginTokens([
      ":root { --margin-inner: 30mm; --margin-outer:1in }",
      "/* :root { --margin-top: 9mm } */ p { --margin-top: 5mm }",
      ":root { --margin-bottom: var(--x) }",
    ]);
    expect(found).toEqual({ inner: "30mm", outer: "1in" });
    expect(css(found)).toContain("@page :right { margin-left: 30mm; margin-right: 1in; }");
  });

  it("is the only place the shipped stylesheet's design values are set: booklet.css names no typeface", () => {
    const shipped = fs
      .readFileSync(path.join(root, "templates/styles/booklet.css"), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "");
    expect(shipped).not.toMatch(/Source S(erif|ans)/);
    expect(shipped).not.toMatch(/font-size:\s*[\d.]+(pt|mm|px)/);
  });
});

describe("the imposition sheet", () => {
  it("keeps the presets' sheets and finds the smallest paper for any other size", () => {
    expect(sheetFor("A5").name).toBe("A4");
    expect(sheetFor("Letter").name).toBe("Tabloid");
    expect(sheetFor("170x240mm")).toMatchObject({ name: "A3", width: 420, height: 297 });
    expect(sheetFor("5.5x8.5in")).toMatchObject({ name: "Letter" });
    expect(sheetFor("290x420mm")).toMatchObject({ name: "A2" });
    expect(sheetFor("400x600mm")).toEqual({ name: "800 x 600 mm", width: 800, height: 600 });
  });
});

describe("the typefaces", () => {
  const project = (files: string[], patch?: (name: string, bytes: Buffer) => Buffer) => {
    const dir = tempProject({ "booklet.yaml": MINIMAL_CONFIG });
    fs.mkdirSync(path.join(dir, "fonts"));
    for (const f of files) {
      const bytes = fs.readFileSync(path.join(DEJAVU, f));
      fs.writeFileSync(path.join(dir, "fonts", f), patch ? patch(f, bytes) : bytes);
    }
    return dir;
  };
  const resolve = (dir: string, fonts: Record<string, unknown>) =>
    resolveFonts({ fonts: fontsOf(fonts), contentDir: dir, configFile: path.join(dir, "booklet.yaml") });
  const ALL = ["DejaVuSerif.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-BoldItalic.ttf"];
  // the table directory's tags (16 bytes each after a 12-byte header), changed in place
  const retag = (from: string, to: string) => (_: string, b: Buffer) => {
    const copy = Buffer.from(b);
    for (let i = 0; i < copy.readUInt16BE(4); i++)
      if (copy.toString("latin1", 12 + 16 * i, 16 + 16 * i) === from) copy.write(to, 12 + 16 * i, "latin1");
    return copy;
  };

  it("are the shipped @fontsource families by default, every face loaded", () => {
    const f = resolve(tempProject({ "booklet.yaml": MINIMAL_CONFIG }), {});
    expect(f.families).toEqual(["Source Serif 4", "Source Sans 3"]);
    expect(f.stacks.body).toBe('"Source Serif 4", serif');
    for (const face of [
      "source-serif-4-latin-ext-600-italic",
      "source-serif-4-latin-400-normal",
      "source-sans-3-latin-600-normal",
    ])
      expect(f.css).toContain(face);
  });

  it("take another @fontsource family by its name", () => {
    const f = resolve(tempProject({ "booklet.yaml": MINIMAL_CONFIG }), { body: "Lora" });
    expect(f.body).toMatchObject({ family: "Lora", from: "@fontsource/lora" });
    expect(f.css).toContain("/_fonts/lora/files/lora-latin-600-italic.woff2");
  });

  it("take a family from the content's fonts/, each face at the weight the stylesheet uses", () => {
    const dir = project(ALL);
    const f = resolve(dir, { body: "DejaVu Serif", bold: 700 });
    expect(f.body.from).toMatch(/fonts\//);
    expect(f.families).toEqual(expect.arrayContaining(["DejaVu Serif", "DejaVuSerif", "DejaVuSerif-BoldItalic"]));
    expect(f.css).toContain(
      "font-style: italic; font-weight: 700; font-display: block; src: url(../_content/fonts/DejaVuSerif-BoldItalic.ttf)",
    );
  });

  it("name the package to install when a family is nowhere", () => {
    const dir = tempProject({ "booklet.yaml": `${MINIMAL_CONFIG}fonts:\n  body: Nowhere Serif\n` });
    const [e] = thrownErrors(() => resolve(dir, { body: "Nowhere Serif" }));
    expect(e.code).toBe("B107");
    expect(e.message).toContain("npm install @fontsource/nowhere-serif");
    expect(e.location).toMatchObject({ file: path.join(dir, "booklet.yaml"), line: 7, column: 9 });
  });

  it("name the face a family lacks, in fonts/ and in a package", () => {
    const [missing] = thrownErrors(() => resolve(project(ALL.slice(0, 3)), { body: "DejaVu Serif", bold: 700 }));
    expect(missing.code).toBe("B108");
    expect(missing.message).toMatch(/no bold \(700\) italic face of it \(it has fonts\/DejaVuSerif-Bold.ttf \(700\)/);
    const [weight] = thrownErrors(() =>
      resolve(tempProject({ "booklet.yaml": MINIMAL_CONFIG }), { body: "Lora", bold: 800 }),
    );
    expect(weight.code).toBe("B108");
    expect(weight.message).toContain("@fontsource/lora has no bold (800) face (800.css)");
  });

  it("refuse a variable font, PostScript outlines and a font that forbids embedding, naming the file", () => {
    const restricted = (_: string, b: Buffer) => {
      const copy = Buffer.from(b);
      for (let i = 0; i < copy.readUInt16BE(4); i++)
        if (copy.toString("latin1", 12 + 16 * i, 16 + 16 * i) === "OS/2")
          copy.writeUInt16BE(2, copy.readUInt32BE(12 + 16 * i + 8) + 8);
      return copy;
    };
    for (const [patch, why] of [
      [retag("gasp", "fvar"), /DejaVuSerif.ttf is a variable font/],
      [retag("gasp", "CFF "), /DejaVuSerif.ttf has PostScript \(CFF\) outlines/],
      [restricted, /DejaVuSerif.ttf does not allow embedding/],
    ] as const) {
      const dir = project(["DejaVuSerif.ttf"], patch);
      const errors = thrownErrors(() => resolve(dir, { body: "DejaVu Serif" }));
      const unusable = errors.find((e) => e.code === "B109");
      expect(unusable?.message).toMatch(why);
      expect(unusable?.location?.file).toBe(path.join(dir, "fonts", "DejaVuSerif.ttf"));
    }
  });

  it("leave alone a file in fonts/ of a family the booklet does not use", () => {
    const dir = project(ALL, retag("gasp", "fvar"));
    const f = resolve(dir, {});
    expect(f.families).toEqual(["Source Serif 4", "Source Sans 3"]);
  });

  it("refuse a font file that is a link out of the content folder", () => {
    const dir = project([]);
    fs.symlinkSync(path.join(DEJAVU, "DejaVuSerif.ttf"), path.join(dir, "fonts", "DejaVuSerif.ttf"));
    const errors = thrownErrors(() => resolve(dir, {}));
    expect(errors.map((e) => e.code)).toContain("B213");
  });
});

describe("preflight: keep with next", () => {
  const flowPage = (n: number, ...runs: [string, string][]) =>
    page(n, { flow: runs.map(([block, text]) => ({ text, note: false, block })) });

  it("fails a page whose last block of running text is a heading, naming it", () => {
    const doc = pdf([flowPage(1, ["P", "Text."], ["H1", "Sources"]), flowPage(2, ["P", "Every statement …"])]);
    const findings = keep(doc, context);
    expect(findings).toEqual([
      {
        id: "keep.heading-at-foot",
        status: "fail",
        page: 1,
        message: "page 1 ends with the heading “Sources”; its text starts on page 2",
      },
    ]);
  });

  it("passes a heading with text after it, notes below it, one that ends its chapter, and one on the last page", () => {
    const doc = pdf([
      page(1, {
        flow: [
          { text: "Title", note: false, block: "H2" },
          { text: "Text.", note: false, block: "P" },
          { text: "1 A note.", note: true, block: "P" },
        ],
      }),
      page(2, {
        flow: [
          { text: "Text.", note: false, block: "P" },
          { text: "1 A note", note: true, block: "H2" },
        ],
      }),
      flowPage(3, ["P", "Text."], ["H2", "A heading that ends its chapter"]),
      page(4, { flow: [] }),
      flowPage(5, ["P", "2"], ["H1", "The next chapter"], ["P", "Text."], ["H2", "Ends the chapter too"]),
      flowPage(6, ["P", "3"], ["H1", "The last chapter"]),
      flowPage(7, ["H1", "The end"]),
    ]);
    expect(keep(doc, context).map((f) => f.status)).toEqual(["pass"]);
  });

  it("fails a page that ends with a table's caption, or its header row, whose rows start on the next page", () => {
    const caption = pdf([
      flowPage(1, ["P", "Text."], ["Caption", "The dead, by source."]),
      flowPage(2, ["TH", "Source"], ["TH", "Figure"], ["TD", "News page"], ["TD", "130"]),
    ]);
    expect(
      keep(caption, context)
        .filter((f) => f.status === "fail")
        .map((f) => f.message),
    ).toEqual(["page 1 ends with the caption “The dead, by source.”; its table starts on page 2"]);
    const header = pdf([
      flowPage(1, ["Caption", "The dead, by source."], ["TH", "Source"], ["TH", "Figure"]),
      flowPage(2, ["TD", "News page"], ["TD", "130"]),
    ]);
    expect(
      keep(header, context)
        .filter((f) => f.status === "fail")
        .map((f) => f.message),
    ).toEqual(["page 1 ends with a table's header row (“Figure”); its first row is on page 2"]);
  });

  it("passes a chart's caption at a page's foot, below its chart, and a table that runs on with its header", () => {
    const doc = pdf([
      flowPage(1, ["P", "Text."], ["Figure", ""], ["Caption", "The toll, by source."]),
      flowPage(2, ["P", "Text."], ["Caption", "A table."], ["TH", "Source"], ["TD", "News page"]),
      flowPage(3, ["TH", "Source"], ["TD", "Embassy"]),
    ]);
    expect(keep(doc, context).map((f) => f.status)).toEqual(["pass"]);
  });

  it("passes a heading whose next block is an image (a Figure without text), and fails one whose image is on the next page", () => {
    const image = { text: "", note: false, block: "Figure" };
    const held = pdf([
      page(1, {
        flow: [{ text: "Text.", note: false, block: "P" }, { text: "The records", note: false, block: "H2" }, image],
      }),
      flowPage(2, ["P", "Its caption."]),
    ]);
    expect(keep(held, context).map((f) => f.status)).toEqual(["pass"]);
    const alone = pdf([
      flowPage(1, ["P", "Text."], ["H2", "The records"]),
      page(2, { flow: [image, { text: "Its caption.", note: false, block: "P" }] }),
    ]);
    expect(keep(alone, context).map((f) => f.page)).toEqual([1]);
  });

  it("skips an untagged PDF", () => {
    expect(keep(pdf([page(1), page(2)]), context)[0].status).toBe("skip");
  });
});
