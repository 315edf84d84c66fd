import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import type { BookletError } from "../../src/errors/booklet-error.ts";
import { init, projectSlug, SCHEMA_FILE } from "../../src/init/init.ts";
import { tempDir } from "../helpers/tmp.ts";

const made: string[] = [];
const initDir = () => {
  const d = tempDir("booklet-init-");
  made.push(d);
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
// a fixed "today", so that the edition does not depend on the day the test runs
const env = { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 21) / 1000) };

describe("booklet init", () => {
  it("writes a project whose content is prepared without an error or a warning", async () => {
    const dir = path.join(initDir(), "srebrenica");
    const r = init({ dir, title: "Remembering: 11 July", eventDate: "1995-07-11", language: "en-GB", env });
    expect(r.files.sort()).toEqual([
      ".gitignore",
      "README.md",
      "content/booklet.yaml",
      "content/chapters/01-the-day.md",
      "content/data/figures.csv",
      "content/data/figures.yaml",
      "content/sources.yaml",
      "package.json",
    ]);
    expect(r.firstEdition).toBe(2027);
    // a package.json whose scripts run this very booklet, linked from where it is installed
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(pkg.scripts).toEqual({ build: "booklet build", dev: "booklet dev", check: "booklet check" });
    const linked = path.resolve(dir, pkg.devDependencies.booklet.replace(/^file:/, ""));
    expect(JSON.parse(fs.readFileSync(path.join(linked, "package.json"), "utf8")).name).toBe("booklet");
    expect(pkg.name).toBe("remembering-11-july");

    const p = await prepare({ contentDir: path.join(dir, "content"), cwd: dir, env });
    expect(p.config).toMatchObject({
      title: "Remembering: 11 July",
      eventDate: "1995-07-11",
      language: "en-GB",
      slug: "remembering-11-july",
      firstEdition: 2027,
    });
    expect(p.edition).toMatchObject({ year: 2027, anniversary: 32, number: 1 });
    expect(p.document.warnings).toEqual([]);
    expect(p.content.chapters).toHaveLength(1);
    const chapter = p.document.chapters[0];
    // a footnote of its own, citations of both sources, the table and a figure from it
    expect(chapter.notes).toBeGreaterThanOrEqual(4);
    expect(chapter.html).toMatch(/<table/);
    expect(chapter.html).toMatch(/data-measure="visitors">120</);
    expect(chapter.html).toContain("32nd");
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toMatch(/^# Remembering: 11 July\n/);
  });

  it("points booklet.yaml at this installation's JSON Schema", () => {
    const dir = path.join(initDir(), "p");
    init({ dir, title: "T", eventDate: "2000-01-01", env });
    const first = fs.readFileSync(path.join(dir, "content", "booklet.yaml"), "utf8").split("\n")[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(path.resolve(dir, "content", m![1])).toBe(SCHEMA_FILE);
    expect(fs.existsSync(SCHEMA_FILE)).toBe(true);
  });

  it("refuses a folder that is not empty, even for one hidden file, and writes nothing", () => {
    const dir = initDir();
    fs.writeFileSync(path.join(dir, ".keep"), "");
    expect(() => init({ dir, title: "T", eventDate: "2000-01-01", env })).toThrow(/not empty/);
    expect(fs.readdirSync(dir)).toEqual([".keep"]);
  });

  it("writes into an empty folder that exists", () => {
    const dir = initDir();
    expect(init({ dir, title: "T", eventDate: "2000-01-01", env }).files).toContain("content/booklet.yaml");
  });

  it("refuses a wrong date, a date not in the past and a wrong language before writing anything", () => {
    const root = initDir();
    const attempt = (o: { eventDate: string; language?: string }) => {
      try {
        init({ dir: path.join(root, "x"), title: "T", env, ...o });
      } catch (e) {
        return `${(e as BookletError).kind}: ${(e as BookletError).message}`;
      }
      return "no error";
    };
    expect(attempt({ eventDate: "2001-02-30" })).toMatch(/^Usage: --event-date: a real calendar date/);
    expect(attempt({ eventDate: "20.1.1990" })).toMatch(/^Usage: --event-date/);
    expect(attempt({ eventDate: "2026-11-21" })).toMatch(/not in the past/);
    expect(attempt({ eventDate: "1990-01-20", language: "English" })).toMatch(/^Usage: --language/);
    expect(fs.existsSync(path.join(root, "x"))).toBe(false);
  });

  it("makes a file-name slug from any title", () => {
    expect(projectSlug("Black January")).toBe("black-january");
    expect(projectSlug("20 Yanvar faciəsi")).toBe("20-yanvar-faciesi");
    expect(projectSlug("Çanakkale: 1915!")).toBe("canakkale-1915");
    expect(projectSlug("Память")).toBe("booklet");
  });
});
