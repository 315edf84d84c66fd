// A YAML value checked against its zod schema: every wrong and every unknown key at once, each as an error at
// its own line and column, an unknown key or value with the closest known one. booklet.yaml, front matter,
// sources.yaml, table descriptions and charts all go through here.
import path from "node:path";
import type { z } from "zod";
import type { ErrorName } from "../errors/index.ts";
import { BookletError, BookletErrors, closest } from "../errors/index.ts";
import type { LocatedYaml } from "./yaml.ts";

type Key = string | number;

export interface SchemaCheck {
  /** the error for a wrong value, and the one for an unknown key */
  invalid: ErrorName;
  unknownKey: ErrorName;
  /** where the value is in its file: [3] for the fourth source of sources.yaml */
  at?: Key[];
  /** put before each message: "Source omm-2026: " */
  label?: string;
  /** the file a path's value comes from (booklet.yaml or its edition's) */
  pick?: (path: readonly Key[]) => LocatedYaml;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: BookletError[] };

export function checkSchema<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  yaml: LocatedYaml,
  check: SchemaCheck,
): Checked<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  // zod gives the unknown keys of one mapping as one issue: each is a mistake of its own, at its own line
  const issues = result.error.issues.flatMap((issue): z.core.$ZodIssue[] =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue],
  );
  const errors = issues.map((issue) => issueToError(issue, schema, raw, { pick: () => yaml, ...check }));
  // in the order of the file, as an editor reads it
  return {
    ok: false,
    errors: errors.sort(
      (a, b) =>
        (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
    ),
  };
}

/** The value at a path of the raw object, and whether the key is there at all. */
export function valueAt(raw: unknown, keys: readonly Key[]): { present: boolean; value?: unknown } {
  let v: unknown = raw;
  for (const k of keys) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, k)) return { present: false };
    v = (v as Record<Key, unknown>)[k];
  }
  return { present: true, value: v };
}

/** "a number", "true or false" …: what a key of the schema's type looks like, in the editor's words. */
const KINDS: Record<string, string> = {
  boolean: "true or false",
  number: "a number",
  string: "text",
  array: "a list",
  object: "a mapping of keys to values",
  record: "a mapping of keys to values",
  int: "a whole number",
};

function written(value: unknown): string {
  if (value === null) return "nothing (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return String(value);
}

/** `title`, `print.bleed`, `columns` item 2 `type`: a path as an editor finds it in the file (items from 1). */
export function keyName(keys: readonly Key[]): string {
  if (keys.length === 0) return "(top level)";
  const parts: string[] = [];
  for (const k of keys) {
    if (typeof k === "number") parts.push(`item ${k + 1}`);
    else if (parts.length && !parts.at(-1)!.startsWith("item"))
      parts[parts.length - 1] = parts.at(-1)!.replace(/`$/, `.${k}\``);
    else parts.push(`\`${k}\``);
  }
  return parts.join(", ");
}

function issueToError(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  raw: unknown,
  check: Required<Pick<SchemaCheck, "pick">> & SchemaCheck,
): BookletError {
  const keys = issue.path.filter((k): k is Key => typeof k !== "symbol");
  const at = check.at ?? [];
  const label = check.label ?? "";
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    const yaml = check.pick([...at, ...keys, key]);
    const where = yaml.locateKey([...at, ...keys, key]);
    const like = closest(key, knownKeys(schema, keys));
    return new BookletError(
      check.unknownKey,
      `${label}Unknown key ${keyName([...keys, key])} in ${path.basename(yaml.file)}.${like ? ` Did you mean \`${like}\`?` : ""}`,
      {
        location: { file: yaml.file, line: where.line, column: where.column },
        sourceText: yaml.text,
      },
    );
  }
  const yaml = check.pick([...at, ...keys]);
  const where = yaml.locate([...at, ...keys]);
  // the value as a whole (a source that is not a mapping) is named by the label, or the file
  const name = keys.length ? `${keyName(keys)}: ` : label ? "" : `${path.basename(yaml.file)}: `;
  return new BookletError(check.invalid, `${label}${name}expected ${expected(issue, valueAt(raw, keys))}`, {
    location: { file: yaml.file, line: where.line, column: where.column },
    sourceText: yaml.text,
  });
}

/** What the key should hold, and what it holds instead (zod does not say whether the key was missing). */
function expected(issue: z.core.$ZodIssue, given: { present: boolean; value?: unknown }): string {
  const but =
    given.present && given.value !== undefined ? `, but it is ${written(given.value)}` : ": the key is required";
  // a schema's own message says what is expected ("a date written YYYY-MM-DD"); zod's says "Invalid input…"
  const own = !/^Invalid (input|option)/.test(issue.message);
  const values =
    issue.code === "invalid_value"
      ? issue.values
      : issue.code === "invalid_union" && !own
        ? unionValues(issue)
        : undefined;
  if (values) {
    const like = typeof given.value === "string" ? closest(given.value, values.map(String)) : undefined;
    return `one of ${values.map((v) => JSON.stringify(v)).join(", ")}${but}.${like ? ` Did you mean ${JSON.stringify(like)}?` : ""}`;
  }
  if (issue.code === "invalid_type" || issue.code === "invalid_union") {
    const kinds =
      issue.code === "invalid_type"
        ? [issue.expected]
        : issue.errors.flatMap((e) => e.map((x) => (x.code === "invalid_type" ? x.expected : "another kind")));
    return `${own ? issue.message : [...new Set(kinds.map((k) => KINDS[k] ?? k))].join(" or ")}${but}.`;
  }
  return `${issue.message}.`;
}

/** The values a union of literals allows (padTo: 4, 8 or 16), when it is one. */
function unionValues(issue: z.core.$ZodIssueInvalidUnion): unknown[] | undefined {
  const all = issue.errors.flat();
  return all.length > 0 && all.every((e) => e.code === "invalid_value")
    ? all.flatMap((e) => (e.code === "invalid_value" ? e.values : []))
    : undefined;
}

/** The checked value, or every problem of it thrown at once. */
export function validated<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  yaml: LocatedYaml,
  check: SchemaCheck,
): z.output<S> {
  const checked = checkSchema(schema, raw, yaml, check);
  if (!checked.ok) throw new BookletErrors(checked.errors);
  return checked.data;
}

type Shaped = {
  shape?: Record<string, unknown>;
  _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown; element?: unknown } };
};

/** Through .default(), .prefault(), .optional(), .nullable() and pipes to the schema inside. */
function unwrap(schema: unknown): Shaped | undefined {
  let s = schema as Shaped | undefined;
  for (let i = 0; i < 8 && s && !s.shape && (s._zod?.def?.innerType || s._zod?.def?.in); i++)
    s = (s._zod!.def!.innerType ?? s._zod!.def!.in) as Shaped;
  return s;
}

/** The keys the schema allows at a path (the top level, `timeouts`, `columns` item 2 …). */
export function knownKeys(schema: unknown, at: readonly Key[]): string[] {
  let s = unwrap(schema);
  for (const key of at) s = unwrap(typeof key === "number" ? s?._zod?.def?.element : s?.shape?.[String(key)]);
  return Object.keys(s?.shape ?? {});
}
