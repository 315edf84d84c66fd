// Reads booklet.yaml and validates it with the schema; every problem names the file, line and key.
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { closest } from "../errors/did-you-mean.ts";
import { BookletError, BookletErrors } from "../errors/booklet-error.ts";
import { parseYaml, type LocatedYaml } from "../shared/yaml.ts";
import { readContentText } from "../files.ts";
import { BookletConfigSchema, type BookletConfig } from "./schema.ts";

export interface LoadedConfig {
  config: BookletConfig;
  /** the raw object as written, before defaults (for the edition cascade) */
  raw: Record<string, unknown>;
  file: string;
  yaml: LocatedYaml;
}

export interface LoadConfigOptions {
  contentDir: string;
  /** the edition folder (editions/<year>/) whose booklet.yaml overrides the base keys, when it exists */
  editionDir?: string;
  /** told of every key an edition overrides */
  onOverride?: (key: string, baseFile: string, editionFile: string) => void;
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const file = path.join(options.contentDir, "booklet.yaml");
  if (!fs.existsSync(file)) {
    throw new BookletError("ConfigNotFound", `Looked for ${file} and found nothing.`, { location: { file } });
  }
  const text = readContentText(file, options.contentDir);
  const yaml = parseYaml(text, file, "ConfigYamlSyntax");
  if (yaml.value === null || typeof yaml.value !== "object" || Array.isArray(yaml.value)) {
    throw new BookletError("ConfigInvalid", "booklet.yaml must be a mapping of keys to values (title: …, eventDate: …).", { location: { file, line: 1 }, sourceText: text });
  }
  let raw = yaml.value as Record<string, unknown>;
  let pick = (_path: readonly (string | number)[]): LocatedYaml => yaml;
  const editionFile = options.editionDir ? path.join(options.editionDir, "booklet.yaml") : undefined;
  if (editionFile && fs.existsSync(editionFile)) {
    const editionText = readContentText(editionFile, options.contentDir);
    const edition = parseYaml(editionText, editionFile, "ConfigYamlSyntax");
    const over = (edition.value ?? {}) as Record<string, unknown>;
    if (typeof over !== "object" || Array.isArray(over)) {
      throw new BookletError("ConfigInvalid", "An edition's booklet.yaml must be a mapping of keys to values.", { location: { file: editionFile, line: 1 }, sourceText: editionText });
    }
    raw = cascade(raw, over, [], { baseFile: file, base: yaml, editionFile, edition, onOverride: options.onOverride });
    // errors in the merged object point at the edition's file when the key comes from there
    // a wrong value is reported in the file it comes from
    pick = (p) => (p.length > 0 && typeof p[0] === "string" && p[0] in over ? edition : yaml);
  }
  const config = validateConfig(raw, pick);
  return { config, raw, file, yaml };
}

/**
 * The event must have happened by the build's date: each edition marks an anniversary of it. A date in the
 * future is a mistake in booklet.yaml (a wrong year, day and month swapped), reported at its line.
 */
export function checkEventDate(loaded: LoadedConfig, today: string): void {
  const { eventDate } = loaded.config;
  if (eventDate <= today) return;
  const where = loaded.yaml.locate(["eventDate"]);
  throw new BookletError("ConfigInvalid", `\`eventDate\` is ${eventDate}, after today (${today}): it must be the day the booklet commemorates, which has passed.`, {
    location: { file: loaded.file, line: where.line, column: where.column },
    sourceText: loaded.yaml.text,
  });
}

/** Base, then edition: an edition key replaces the base's; a key of another type is an error naming both files. */
function cascade(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  at: string[],
  ctx: { baseFile: string; base: LocatedYaml; editionFile: string; edition: LocatedYaml; onOverride?: LoadConfigOptions["onOverride"] },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const path_ = [...at, key];
    if (!(key in base)) {
      out[key] = value;
      continue;
    }
    const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "list" : typeof v);
    if (kind(base[key]) !== kind(value)) {
      const b = ctx.base.locate(path_);
      const e = ctx.edition.locate(path_);
      throw new BookletError(
        "ConfigInvalid",
        `\`${path_.join(".")}\` is a ${kind(base[key])} in ${ctx.baseFile} (line ${b.line}) but a ${kind(value)} in ${ctx.editionFile} (line ${e.line}); an edition can change a key's value, not its type.`,
        { location: { file: ctx.editionFile, line: e.line, column: e.column }, sourceText: ctx.edition.text },
      );
    }
    if (kind(value) === "object") {
      out[key] = cascade(base[key] as Record<string, unknown>, value as Record<string, unknown>, path_, ctx);
    } else {
      out[key] = value;
      ctx.onOverride?.(path_.join("."), ctx.baseFile, ctx.editionFile);
    }
  }
  return out;
}

export function validateConfig(raw: Record<string, unknown>, pick: (path: readonly (string | number)[]) => LocatedYaml): BookletConfig {
  const result = BookletConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  // zod gives the unknown keys of one mapping as one issue: each is a mistake of its own, at its own line
  const issues = result.error.issues.flatMap((issue): z.core.$ZodIssue[] => (issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue]));
  const errors = issues.map((issue) => issueToError(issue, pick, raw));
  // in the order of the file, as an editor reads it
  throw new BookletErrors(errors.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0)));
}

/** The value at a path of the raw object, and whether the key is there at all. */
function valueAt(raw: unknown, keys: readonly (string | number)[]): { present: boolean; value?: unknown } {
  let v: unknown = raw;
  for (const k of keys) {
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, k)) return { present: false };
    v = (v as Record<string | number, unknown>)[k];
  }
  return { present: true, value: v };
}

/** "a number", "true or false" …: what a key of the schema's type looks like, in the editor's words. */
const KINDS: Record<string, string> = { boolean: "true or false", number: "a number", string: "text", array: "a list", object: "a mapping of keys to values", int: "a whole number" };

function written(value: unknown): string {
  if (value === null) return "nothing (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return String(value);
}

function issueToError(issue: z.core.$ZodIssue, pick: (path: readonly (string | number)[]) => LocatedYaml, raw: unknown): BookletError {
  const pathKeys = issue.path.filter((k): k is string | number => typeof k !== "symbol");
  const yaml = pick(issue.code === "unrecognized_keys" ? [...pathKeys, issue.keys[0]] : pathKeys);
  const keyName = pathKeys.join(".") || "(top level)";
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    const where = yaml.locateKey([...pathKeys, key]);
    const like = closest(key, knownKeys(pathKeys));
    return new BookletError("ConfigUnknownKey", `Unknown key \`${[...pathKeys, key].join(".")}\` in ${path.basename(yaml.file)}.${like ? ` Did you mean \`${like}\`?` : ""}`, {
      location: { file: yaml.file, line: where.line, column: where.column },
      sourceText: yaml.text,
    });
  }
  const where = yaml.locate(pathKeys);
  let expected = issue.message;
  // zod does not say whether the key was missing or had a value of another type; the raw object does
  const given = valueAt(raw, pathKeys);
  if (issue.code === "invalid_type") {
    const kind = KINDS[issue.expected] ?? issue.expected;
    expected = given.present && given.value !== undefined ? `${kind}, but it is ${written(given.value)}` : `${kind}: the key is required`;
  }
  if (issue.code === "invalid_value" && "values" in issue) expected = `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return new BookletError("ConfigInvalid", `\`${keyName}\`: expected ${expected}.`, {
    location: { file: yaml.file, line: where.line, column: where.column },
    sourceText: yaml.text,
  });
}

/** The keys the schema allows at a path (the top level, `timeouts`, `print` …). */
function knownKeys(at: readonly (string | number)[]): string[] {
  type Shaped = { shape?: Record<string, unknown>; _zod?: { def?: { innerType?: unknown } } };
  let schema: Shaped | undefined = BookletConfigSchema as unknown as Shaped;
  for (const key of at) {
    schema = schema?.shape?.[String(key)] as Shaped | undefined;
    // through .default(), .prefault(), .optional() to the object inside
    while (schema && !schema.shape && schema._zod?.def?.innerType) schema = schema._zod.def.innerType as Shaped;
  }
  return Object.keys(schema?.shape ?? {});
}

