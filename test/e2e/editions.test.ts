// End to end: several editions in one run, with one browser; an edition's own content layered over the base,
// and a failed edition reported without losing the others.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { BookletErrors } from "../../src/errors/booklet-error.ts";
import { silentLogger } from "../../src/log.ts";
import { tempDir } from "../helpers/tmp.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/minimal");
let dir: string;
let out: string;
let error: unknown;

beforeAll(async () => {
  dir = tempDir("booklet-editions-");
  fs.cpSync(FIXTURE, path.join(dir, "content"), { recursive: true });
  const content = path.join(dir, "content");
  // 2027: its own foreword; 2026: a chapter replaced by one that cites a source that does not exist
  fs.mkdirSync(path.join(content, "editions/2027"), { recursive: true });
  fs.writeFileSync(
    path.join(content, "editions/2027/foreword.md"),
    "---\ntitle: Foreword\n---\nFor the seventy-fifth year, this edition adds a word of its own.\n",
  );
  fs.mkdirSync(path.join(content, "editions/2026/chapters"), { recursive: true });
  const chapter = fs.readFileSync(path.join(content, "chapters/03-after.md"), "utf8");
  fs.writeFileSync(
    path.join(content, "editions/2026/chapters/03-after.md"),
    chapter.replace(/\n\n([^\n]*)/, "\n\nA line that cites nothing known.[@no-such-source]\n\n$1"),
  );
  out = path.join(dir, "output");
  error = await build({
    contentDir: content,
    outDir: out,
    editions: [2025, 2026, 2027],
    formats: ["screen"],
    log: silentLogger,
    concurrency: 2,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
});

describe("a run of several editions", () => {
  it("reports the edition that failed, with the file and line of its mistake", () => {
    expect(error).toBeInstanceOf(BookletErrors);
    const errors = (error as BookletErrors).errors;
    expect(errors.map((e) => e.kind)).toEqual(["UnknownSource"]);
    expect(errors[0].location?.file).toBe(path.join(dir, "content/editions/2026/chapters/03-after.md"));
  });

  it("still writes every other edition, each into its own folder with its own manifest", () => {
    expect(fs.existsSync(path.join(out, "2026"))).toBe(false);
    for (const year of [2025, 2027]) {
      const manifest = JSON.parse(fs.readFileSync(path.join(out, String(year), "manifest.json"), "utf8"));
      expect(manifest.edition.year).toBe(year);
      expect(manifest.edition.anniversary).toBe(year - 1952);
      expect(manifest.files.map((f: { path: string }) => f.path)).toEqual([`alder-reach-${year}.pdf`]);
      expect(fs.statSync(path.join(out, String(year), `alder-reach-${year}.pdf`)).size).toBe(manifest.files[0].bytes);
    }
  });

  it("gives each edition its own values and its own foreword", () => {
    const m2027 = JSON.parse(fs.readFileSync(path.join(out, "2027/manifest.json"), "utf8"));
    expect(m2027.edition.ordinal).toBe("75th");
    expect(m2027.chapters.find((c: { id: string }) => c.id === "foreword")?.file).toBe(
      path.join("editions", "2027", "foreword.md"),
    );
    const m2025 = JSON.parse(fs.readFileSync(path.join(out, "2025/manifest.json"), "utf8"));
    expect(m2025.edition.ordinal).toBe("73rd");
    expect(m2025.chapters.some((c: { id: string }) => c.id === "foreword")).toBe(false);
  });

  it("writes each edition's change report against the year before", () => {
    const changes = fs.readFileSync(path.join(out, "2027/changes.md"), "utf8");
    // 2026 could not be prepared (its mistake), so 2027 says it could not compare; 2025 compares with 2024
    expect(changes).toMatch(/The 2026 edition could not be prepared for comparison/);
    const c2025 = fs.readFileSync(path.join(out, "2025/changes.md"), "utf8");
    expect(c2025).toMatch(/# Changes in the 2025 edition \(73rd anniversary\), against 2024/);
    // the fixture's last chapter names the edition: its words change with the year, and nothing else does
    expect(c2025).toMatch(/- changed: \*\*Afterwards\*\*/);
    expect(c2025).toMatch(/\[-72nd-\] \{\+73rd\+\}/);
    expect(c2025).toMatch(/- unchanged: Before the water, The night of the flood/);
  });
});
