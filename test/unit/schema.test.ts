import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, schemaText } from "../../schema/generate.ts";
import { BookletConfigSchema } from "../../src/config/schema.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("the JSON Schema of booklet.yaml", () => {
  it("is up to date with the configuration schema (run `npm run schema` when this fails)", () => {
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(schemaText());
  });

  it("lists every key of the configuration schema, refuses others, and requires what zod requires", () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(BookletConfigSchema.shape).sort());
    expect(schema.additionalProperties).toBe(false);
    const required = Object.entries(BookletConfigSchema.shape)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
    expect([...schema.required].sort()).toEqual(required.sort());
    // a preset by name, or any size by its pattern
    const pageSize = schema.properties.pageSize.anyOf;
    expect(pageSize.find((s: { enum?: string[] }) => s.enum)?.enum).toContain("A5");
    expect(pageSize.some((s: { pattern?: string }) => s.pattern && new RegExp(s.pattern).test("170x240mm"))).toBe(true);
  });

  it("is what the shipped booklet.yaml points its editor at", () => {
    const config = path.join(root, "content", "booklet.yaml");
    const first = fs.readFileSync(config, "utf8").split("\n")[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, first).not.toBeNull();
    expect(path.resolve(path.dirname(config), m![1])).toBe(SCHEMA_FILE);
  });

  it("ships with the package: npm would pack it", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    // no `files` list packs everything not ignored; a list must name the schema
    if (pkg.files)
      expect(pkg.files.some((f: string) => f.replace(/\/$/, "") === "schema" || f.startsWith("schema/"))).toBe(true);
    const ignored = [".npmignore", ".gitignore"].flatMap((f) =>
      fs.existsSync(path.join(root, f)) ? fs.readFileSync(path.join(root, f), "utf8").split("\n") : [],
    );
    expect(ignored.map((l) => l.trim()).filter((l) => /^\/?schema\/?$|booklet\.schema\.json/.test(l))).toEqual([]);
  });
});
