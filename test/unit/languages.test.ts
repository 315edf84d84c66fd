// A translation is an overlay of the content folder, like an edition: its files replace the base's of the same
// path, its booklet.yaml overrides keys, and the layers go base → language → edition → the language's edition.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import { pickLanguages } from "../../src/config/languages.ts";
import { loadConfig } from "../../src/config/load.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { tempDir } from "../helpers/tmp.ts";

const MINIMAL = path.resolve(import.meta.dirname, "../fixtures/minimal");
const GERMAN = path.resolve(import.meta.dirname, "../fixtures/languages/de");

/** The minimal fixture with its German translation, and further files written over it. */
function project(files: Record<string, string> = {}): string {
  const content = path.join(tempDir("booklet-languages-"), "content");
  fs.cpSync(MINIMAL, content, { recursive: true });
  fs.cpSync(GERMAN, path.join(content, "languages/de"), { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
    fs.writeFileSync(path.join(content, rel), text);
  }
  return content;
}

const env = { SOURCE_DATE_EPOCH: "1790000000" };

describe("--language", () => {
  it("is the base language when not given, every language with all, and a list", () => {
    const content = project({ "languages/az/booklet.yaml": "title: Alder Reach daşqını\n" });
    expect(pickLanguages(content, "en-GB", undefined)).toEqual([{ code: "en-GB" }]);
    expect(pickLanguages(content, "en-GB", "all")).toEqual([
      { code: "en-GB" },
      { folder: "az", code: "az" },
      { folder: "de", code: "de" },
    ]);
    expect(pickLanguages(content, "en-GB", "de,en-gb")).toEqual([{ folder: "de", code: "de" }, { code: "en-GB" }]);
  });

  it("refuses a language the booklet does not have, naming the closest", () => {
    const content = project();
    expect(() => pickLanguages(content, "en-GB", "dee")).toThrow(
      /--language dee: the booklet has no such language \(it has en-GB, de.*Did you mean `de`\?/,
    );
    try {
      pickLanguages(content, "en-GB", "fr");
    } catch (e) {
      expect((e as BookletError).kind).toBe("Usage");
    }
  });

  it("refuses a folder of languages/ that is not named by a language tag", () => {
    const content = project({ "languages/deutsch/booklet.yaml": "title: Die Flut\n" });
    expect(() => pickLanguages(content, "en-GB", "all")).toThrow(/languages\/deutsch\/ is not named by a language tag/);
  });
});

describe("a language's booklet.yaml", () => {
  it("is in the folder's language unless it says, and overrides keys and messages", () => {
    const content = project();
    const { config } = loadConfig({ contentDir: content, languageDir: path.join(content, "languages/de") });
    expect(config).toMatchObject({
      language: "de",
      title: "Die Flut von Alder Reach",
      slug: "alder-reach",
      keywords: ["Alder Reach", "Hochwasser", "Testheft"],
    });
    expect(config.messages).toEqual({ "colophon.title": "Über dieses Heft" });
  });

  it("comes before the edition's, and the language's own edition comes last", () => {
    const content = project({
      "editions/2027/booklet.yaml": "subtitle: The 2027 edition\naccentColor: '#222222'\n",
      "languages/de/editions/2027/booklet.yaml": "subtitle: Die Ausgabe 2027\n",
    });
    const said: string[] = [];
    const { config } = loadConfig({
      contentDir: content,
      languageDir: path.join(content, "languages/de"),
      editionDir: path.join(content, "editions/2027"),
      onOverride: (key, _b, file) => said.push(`${path.relative(content, file)} ${key}`),
    });
    expect(config).toMatchObject({
      subtitle: "Die Ausgabe 2027",
      accentColor: "#222222",
      title: "Die Flut von Alder Reach",
    });
    expect(said.at(-1)).toBe(`${path.join("languages/de/editions/2027/booklet.yaml")} subtitle`);
  });

  it("reports a misspelt message id in the language's file, at its line", () => {
    const content = project({ "languages/de/booklet.yaml": "title: Die Flut\nmessages:\n  sources.titel: Belege\n" });
    try {
      loadConfig({ contentDir: content, languageDir: path.join(content, "languages/de") });
      expect.unreachable();
    } catch (e) {
      const error = e as BookletError & { errors?: BookletError[] };
      const first = error.errors?.[0] ?? error;
      expect(first.message).toMatch(/messages\.sources\.titel.*Did you mean `sources\.title`/);
      expect(first.location).toMatchObject({ file: path.join(content, "languages/de/booklet.yaml"), line: 3 });
    }
  });
});

describe("the content of a language", () => {
  it("layers base → language → edition → the language's edition, and shares sources.yaml", async () => {
    const foreword = (who: string) => `---\ntitle: Foreword\n---\nThe foreword of ${who}.\n`;
    const content = project({
      "editions/2027/foreword.md": foreword("the 2027 edition"),
      "editions/2027/chapters/02-night.md": fs
        .readFileSync(path.join(MINIMAL, "chapters/02-night.md"), "utf8")
        .replace("On the afternoon", "In the 2027 edition, on the afternoon"),
      "languages/de/editions/2027/foreword.md": foreword("der deutschen Ausgabe 2027"),
    });
    const lines: string[] = [];
    const log = {
      info: (m: string) => lines.push(m),
      warn: () => undefined,
      debug: () => undefined,
      stage: () => undefined,
      progress: () => undefined,
    };
    const de = await prepare({ contentDir: content, edition: 2027, language: "de", env, log });
    const files = de.content.chapters.map((c) => path.relative(content, c.file));
    expect(files).toEqual([
      "languages/de/chapters/01-before.md",
      "editions/2027/chapters/02-night.md",
      "chapters/03-after.md",
      "languages/de/chapters/04-epilogue.md",
    ]);
    expect(path.relative(content, de.content.foreword!.file)).toBe("languages/de/editions/2027/foreword.md");
    // sources.yaml is the base's: the bibliography keeps each source's own title
    expect(de.content.sourcesFile).toBe(path.join(content, "sources.yaml"));
    expect(de.edition.ordinal).toBe("75.");
    expect(lines.filter((l) => /replaces|is added/.test(l)).map((l) => l.trim().replace(`${content}/`, ""))).toEqual([
      expect.stringMatching(
        /^language de: .*languages\/de\/chapters\/01-before\.md replaces .*chapters\/01-before\.md$/,
      ),
      expect.stringMatching(
        /^edition 2027: .*editions\/2027\/chapters\/02-night\.md replaces .*chapters\/02-night\.md$/,
      ),
      expect.stringMatching(/^edition 2027: .*editions\/2027\/foreword\.md replaces .*languages\/de\/foreword\.md$/),
      expect.stringMatching(
        /^language de, edition 2027: .*languages\/de\/editions\/2027\/foreword\.md replaces .*editions\/2027\/foreword\.md$/,
      ),
      expect.stringMatching(/^language de: .*languages\/de\/data\/readings\.yaml replaces/),
      expect.stringMatching(/^language de: .*languages\/de\/chapters\/04-epilogue\.md is added$/),
    ]);
    // the document is in German where the content does not say otherwise
    expect(de.document.html).toContain('<html lang="de">');
    expect(de.document.html).toContain(">Inhalt</h1>");
    expect(de.document.html).toContain("Eine Gedenkschrift zum 75. Jahrestag");
    expect(de.document.html).toContain("Über dieses Heft");
  });

  it("takes the language's own sources.yaml when it has one", async () => {
    const sources = fs
      .readFileSync(path.join(MINIMAL, "sources.yaml"), "utf8")
      .replace("River breaks its banks at Alder Reach", "Fluss tritt bei Alder Reach über die Ufer");
    const content = project({ "languages/de/sources.yaml": sources });
    const de = await prepare({ contentDir: content, edition: 2027, language: "de", env });
    expect(de.content.sourcesFile).toBe(path.join(content, "languages/de/sources.yaml"));
    expect(de.document.html).toContain("Fluss tritt bei Alder Reach über die Ufer");
  });
});
