// Nothing outside the content folder is read, and a file booklet cannot read gets a clear error: a symbolic
// link that leads out (in check, in the build's and the preview's servers, in the web edition), a file that is
// not UTF-8, a byte-order mark (read as nothing), a file past the size limit, a data file no page uses (never
// read), and {{log}} (never on standard output).

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import { loadContent } from "../../src/content/load.ts";
import { type DevServer, startDevServer } from "../../src/dev/server.ts";
import type { RenderedDocument } from "../../src/document/render.ts";
import { type BookletError, BookletErrors } from "../../src/errors/booklet-error.ts";
import { catalogue, type ErrorName } from "../../src/errors/catalogue.ts";
import { formatError } from "../../src/errors/reporter.ts";
import { decodeText, firstInvalidUtf8, MAX_TEXT_BYTES } from "../../src/files.ts";
import { createMessages } from "../../src/i18n/messages.ts";
import { renderHtml } from "../../src/output/html.ts";
import { booklet, project } from "../fixtures/bad/corpus.ts";
import { thrownError, thrownErrors } from "../helpers/errors.ts";
import { get } from "../helpers/http.ts";
import { tempProject } from "../helpers/tmp.ts";

// what the files outside the content folder hold: it must never be printed
const SECRET = "SECRET-OUTSIDE-THE-CONTENT";

/** A file outside the content folder (beside it, in the temporary project) and a link to it at `link`. */
function linkOut(content: string, link: string, name = "outside.txt"): string {
  const target = path.join(content, "..", name);
  fs.writeFileSync(target, `---\ntitle: ${SECRET}\norder: 9\n---\n${SECRET}\n`);
  fs.mkdirSync(path.dirname(path.join(content, link)), { recursive: true });
  fs.symlinkSync(path.relative(path.dirname(path.join(content, link)), target), path.join(content, link));
  return target;
}

interface FileCase {
  what: string;
  /** a folder of the corpus laid over the good base, when the case has one */
  mistake?: string;
  setup: (content: string) => void;
  name: ErrorName;
  /** relative to the content folder */
  file: string;
  line?: number;
  column?: number;
  message: RegExp;
}

const CASES: FileCase[] = [
  {
    what: "a foreword that is a link out of the folder",
    setup: (c) => void linkOut(c, "foreword.md"),
    name: "PathOutsideContent",
    file: "foreword.md",
    message: /foreword\.md is a symbolic link to .*outside\.txt, outside the content folder/,
  },
  {
    what: "a chapter that is a link out of the folder",
    setup: (c) => void linkOut(c, "chapters/03-third.md"),
    name: "PathOutsideContent",
    file: "chapters/03-third.md",
    message: /03-third\.md is a symbolic link to .*outside\.txt/,
  },
  {
    what: "a data table placed by {{table}} that is a link out of the folder",
    setup: (c) => {
      fs.rmSync(path.join(c, "data/figures.csv"));
      linkOut(c, "data/figures.csv", "outside.csv");
    },
    name: "PathOutsideContent",
    file: "data/figures.csv",
    message: /figures\.csv is a symbolic link to .*outside\.csv/,
  },
  {
    what: "a partial that is a link out of the folder",
    setup: (c) => {
      fs.rmSync(path.join(c, "templates/partials/aside.hbs"));
      linkOut(c, "templates/partials/aside.hbs", "outside.hbs");
    },
    name: "PathOutsideContent",
    file: "templates/partials/aside.hbs",
    message: /aside\.hbs is a symbolic link to .*outside\.hbs/,
  },
  {
    what: "a stylesheet's url() to an image that is a link out of the folder",
    setup: (c) => {
      fs.mkdirSync(path.join(c, "templates/styles"), { recursive: true });
      fs.writeFileSync(
        path.join(c, "templates/styles/extra.css"),
        "/* a background */\n.aside { background: url(img/bg.png); }\n",
      );
      linkOut(c, "img/bg.png", "outside.png");
    },
    name: "PathOutsideContent",
    file: "templates/styles/extra.css",
    line: 2,
    column: 22,
    message: /"img\/bg\.png" is a link to .*outside\.png, outside the content folder/,
  },
  {
    what: "a data table placed by a chapter, larger than the limit for text",
    setup: (c) =>
      fs.writeFileSync(
        path.join(c, "data/figures.csv"),
        `measure,source,value,note\n${"visitors,report-2020,120,a note\n".repeat(Math.ceil(MAX_TEXT_BYTES / 30))}`,
      ),
    name: "FileTooLarge",
    file: "data/figures.csv",
    message: /The file is 5\.\d MB; booklet reads text files of up to 5\.0 MB/,
  },
];

describe("booklet check on files it must not read", () => {
  it.each(CASES)("$what: $name at $file", async (c) => {
    const { root, content } = project(c.mistake);
    try {
      c.setup(content);
      // the content and document stages as `booklet check` runs them, and the reporter's words
      const errors = await prepare({ contentDir: "content", cwd: root, env: { SOURCE_DATE_EPOCH: "1800000000" } }).then(
        () => [],
        (e: unknown) => (e instanceof BookletErrors ? e.errors : [e as BookletError]),
      );
      expect(errors.map((e) => e.kind)).toEqual([c.name]);
      const [e] = errors;
      expect(e.location).toEqual({
        file: path.join(content, c.file),
        ...(c.line ? { line: c.line } : {}),
        ...(c.column ? { column: c.column } : {}),
      });
      expect(e.message).toMatch(c.message);
      const text = formatError(e, { cwd: root });
      expect(text).toContain(`error ${catalogue[c.name].code} ${c.name}: ${catalogue[c.name].title}`);
      expect(text).toContain(`at content/${c.file}${c.line ? `:${c.line}` : ""}${c.column ? `:${c.column}` : ""}\n`);
      expect(text).toContain(`what to do: ${catalogue[c.name].hint}`);
      // the file outside is named, never printed
      expect(text.split(SECRET).length - 1, text).toBe(0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("files booklet reads as they are meant", () => {
  const prepared = (root: string) =>
    prepare({ contentDir: "content", cwd: root, env: { SOURCE_DATE_EPOCH: "1800000000" } });

  it("follows a symbolic link that stays inside the content folder", async () => {
    const { root, content } = project();
    try {
      fs.mkdirSync(path.join(content, "drafts"));
      fs.writeFileSync(
        path.join(content, "drafts/third.md"),
        "---\ntitle: The third chapter\norder: 3\n---\nA chapter kept with the drafts.\n",
      );
      fs.symlinkSync("../drafts/third.md", path.join(content, "chapters/03-third.md"));
      const p = await prepared(root);
      expect(p.content.chapters.map((c) => c.title)).toEqual([
        "The first chapter",
        "The second chapter",
        "The third chapter",
      ]);
      expect(p.document.html).toContain("A chapter kept with the drafts.");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("reads every kind of text file with a byte-order mark as if it had none", async () => {
    const { root } = project("bom-everywhere");
    try {
      const p = await prepared(root);
      expect(p.document.warnings).toEqual([]);
      expect(p.config.title).toBe("A Good Booklet");
      // the foreword's title from its front matter, and no front matter printed
      expect(p.document.foreword?.title).toBe("A Foreword Title");
      expect(p.document.html).not.toMatch(/title: A Foreword Title/);
      expect(p.document.styles.get("/_styles/extra.css")).toMatch(/^\/\* a content stylesheet/);
      expect(p.content.tables.get("figures")?.columns[0].key).toBe("measure");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("never reads a data file that no page places, however large or broken", async () => {
    const { root, content } = project();
    try {
      // past the size limit, and not UTF-8: either would be an error if it were read
      const big = fs.openSync(path.join(content, "data/unused.csv"), "w");
      fs.writeSync(big, "a,b\n");
      const row = Buffer.from("caf\xe9,1\n", "latin1");
      for (let written = 0; written <= MAX_TEXT_BYTES; written += row.length * 4096)
        fs.writeSync(big, Buffer.concat(Array(4096).fill(row)));
      fs.closeSync(big);
      const p = await prepared(root);
      expect(p.content.tables.names()).toEqual(["figures", "unused"]);
      expect([...p.content.tables.keys()]).toEqual(["figures"]);
      expect(p.document.inputs.some((f) => f.endsWith("unused.csv"))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.concurrent("booklet check and {{log}}", () => {
  it("writes {{log}} nowhere on standard output, and to the build log at --verbose", async () => {
    const { root, content } = project();
    try {
      const chapter = path.join(content, "chapters/02-second.md");
      fs.writeFileSync(chapter, `${fs.readFileSync(chapter, "utf8")}\n{{log "LOG-MARK" edition.year}}\n`);
      const json = await booklet(["check", "--content", "content", "--json"], { cwd: root });
      expect(json.code, json.output).toBe(0);
      // nothing but the JSON events, and not the template's message
      expect(json.output).not.toContain("LOG-MARK");
      for (const line of json.output.trim().split("\n")) expect(() => JSON.parse(line), line).not.toThrow();
      const verbose = await booklet(["check", "--content", "content", "--verbose"], { cwd: root });
      expect(verbose.code, verbose.output).toBe(0);
      expect(verbose.output).toMatch(/\{\{log\}\} at .*02-second\.md:12: LOG-MARK 2027/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("text files: UTF-8, without a byte-order mark", () => {
  it("drops the byte-order mark", () => {
    expect(decodeText(Buffer.from("\ufeff---\ntitle: A\n---\n"), "f.md")).toBe("---\ntitle: A\n---\n");
  });

  it("names the line and column of the first byte that is not UTF-8", () => {
    const e = thrownError(() => decodeText(Buffer.from("one\ntwo\nna\xefve\n", "latin1"), "/c/f.md"));
    expect(e.kind).toBe("NotUtf8");
    expect(e.location).toEqual({ file: "/c/f.md", line: 3, column: 3 });
    expect(e.message).toMatch(/0xEF at line 3/);
  });

  it("accepts every well-formed sequence and refuses overlong forms, surrogates and truncated ones", () => {
    expect(firstInvalidUtf8(Buffer.from("a é € 𝄞 Şəhidlər"))).toBeUndefined();
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // cut short
    expect(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // past U+10FFFF
  });

  it("reads a foreword and a chapter with a byte-order mark by their front matter", () => {
    const dir = tempProject({
      "foreword.md": "\ufeff---\ntitle: A Foreword Title\n---\nThe foreword.\n",
      "chapters/01-a.md": "\ufeff---\ntitle: A chapter\norder: 1\n---\nText.\n",
    });
    try {
      const content = loadContent({ contentDir: dir });
      expect(content.foreword?.title).toBe("A Foreword Title");
      expect(content.foreword?.body).toBe("The foreword.\n");
      expect(content.chapters[0].title).toBe("A chapter");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("data that is not what its column's type says", () => {
  const table = (type: string, value: string) =>
    tempProject({
      "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nx\n",
      "data/t.csv": `measure,value\nm,${value}\n`,
      "data/t.yaml": `columns:\n  - { key: measure }\n  - { key: value, type: ${type} }\n`,
    });
  const cases: [string, string, boolean][] = [
    ["date", "1990-02-30", false],
    ["date", "1990-13-01", false],
    ["date", "1990-00", false],
    ["date", "1992-02-29", true],
    ["date", "1990-01", true],
    ["number", "0x10", false],
    ["number", "1e3", false],
    ["number", "Infinity", false],
    ["number", "26 000", true],
    ["number", "-2.5", true],
    ["integer", "0b11", false],
    ["integer", "1 500", true],
  ];
  it.each(cases)("a %s column: %s is %s", (type, value, accepted) => {
    const dir = table(type, value);
    try {
      const content = loadContent({ contentDir: dir });
      const t = content.tables.get("t");
      expect(t).toBeDefined();
      const errors = content.tables.problems;
      if (accepted) expect(errors).toEqual([]);
      else {
        expect(errors.map((e) => e.kind)).toEqual(["CsvType"]);
        expect(errors[0].location).toEqual({ file: path.join(dir, "data/t.csv"), line: 2, column: 3 });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads a table only when it is asked for, and lists every table by name", () => {
    const dir = tempProject({
      "chapters/01-a.md": "---\ntitle: A\norder: 1\n---\nx\n",
      "data/used.csv": "a\n1\n",
      "data/unused.csv": "a\n\xe9\n",
    });
    try {
      const content = loadContent({ contentDir: dir });
      expect(content.tables.names()).toEqual(["unused", "used"]);
      expect([...content.tables.values()]).toEqual([]);
      expect(content.tables.get("used")?.rows).toHaveLength(1);
      expect([...content.tables.keys()]).toEqual(["used"]);
      expect(content.tables.problems).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the preview's server", () => {
  let server: DevServer;
  let root: string;
  beforeAll(async () => {
    root = tempProject({ "secret.txt": SECRET, "content/img/a.svg": "<svg/>" });
    fs.symlinkSync("../../secret.txt", path.join(root, "content/img/s.png"));
    fs.symlinkSync("a.svg", path.join(root, "content/img/same.svg"));
    server = await startDevServer({
      port: 0,
      contentDir: path.join(root, "content"),
      document: (v) =>
        v === 1 ? { version: 1, html: "<html><body><p>x</p></body></html>", styles: new Map() } : undefined,
      state: () => ({ version: 1 }),
      onReport: () => undefined,
    });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("serves a file of the content folder, and a link that stays inside it", async () => {
    expect(await get(`${server.url}v1/img/a.svg`)).toEqual({ status: 200, body: "<svg/>" });
    expect(await get(`${server.url}v1/_content/img/same.svg`)).toEqual({ status: 200, body: "<svg/>" });
  });

  it("refuses a symbolic link that leads out of the content folder", async () => {
    const r = await get(`${server.url}v1/img/s.png`);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain(SECRET);
    expect((await get(`${server.url}v1/_content/img/s.png`)).status).toBe(404);
  });
});

describe("the web edition", () => {
  let root: string;
  const document = (html: string, css = ""): RenderedDocument => ({
    html: `<html><head><meta charset="utf-8"><link rel="stylesheet" href="_styles/a.css"></head><body>${html}</body></html>`,
    styles: new Map([["/_styles/a.css", css]]),
    chapters: [],
    warnings: [],
    inputs: [],
  });
  beforeAll(() => {
    root = tempProject({ "secret.png": SECRET, "content/img/ok.png": "PNG" });
    fs.symlinkSync("../../secret.png", path.join(root, "content/img/bg.png"));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("puts a file of the content folder inside", () => {
    const html = renderHtml({
      document: document('<img src="img/ok.png">', ".a { background: url(img/ok.png) }"),
      contentDir: path.join(root, "content"),
      messages: createMessages({ language: "en" }),
    });
    expect(html).toContain(`data:image/png;base64,${Buffer.from("PNG").toString("base64")}`);
  });

  it("refuses an image or a stylesheet's url() that is a link out of the content folder", () => {
    const contentDir = path.join(root, "content");
    for (const doc of [
      document('<img src="img/bg.png">'),
      document("<p>x</p>", ".a { background: url(img/bg.png) }"),
    ]) {
      const errors = thrownErrors(() =>
        renderHtml({ document: doc, contentDir, messages: createMessages({ language: "en" }) }),
      );
      expect(errors.map((e) => e.kind)).toEqual(["PathOutsideContent"]);
      expect(errors[0].message).toMatch(/"img\/bg\.png" is a link to .*secret\.png, outside the content folder/);
    }
  });
});
