// Reads booklet.yaml and validates it with the schema; every problem names the file, line and key.
import fs from "node:fs";
import path from "node:path";
import { BookletError, BookletErrors } from "../errors/index.ts";
import { readContentText } from "../files.ts";
import { messageProblem } from "../i18n/index.ts";
import { type LocatedYaml, parseYaml, validated, valueAt } from "../shared/index.ts";
import { type BookletConfig, BookletConfigSchema } from "./schema.ts";

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
  /**
   * the language folder (languages/<lang>/): its booklet.yaml overrides the base's keys before the edition's,
   * and its own editions/<year>/booklet.yaml comes last; the folder's name is the language unless it says
   */
  languageDir?: string;
  /** told of every key an edition or a language overrides */
  onOverride?: (key: string, baseFile: string, editionFile: string) => void;
}

/** The folders whose booklet.yaml override the base's, in order: language, edition, the language's edition. */
export function overlayDirs(options: { editionDir?: string; languageDir?: string }): string[] {
  const { editionDir, languageDir } = options;
  const both = editionDir && languageDir ? path.join(languageDir, "editions", path.basename(editionDir)) : undefined;
  return [languageDir, editionDir, both].filter((d): d is string => d !== undefined);
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const file = path.join(options.contentDir, "booklet.yaml");
  if (!fs.existsSync(file)) {
    throw new BookletError("ConfigNotFound", `Looked for ${file} and found nothing.`, { location: { file } });
  }
  const text = readContentText(file, options.contentDir);
  const yaml = parseYaml(text, file, "ConfigYamlSyntax");
  if (yaml.value === null || typeof yaml.value !== "object" || Array.isArray(yaml.value)) {
    throw new BookletError(
      "ConfigInvalid",
      "booklet.yaml must be a mapping of keys to values (title: …, eventDate: …).",
      { location: { file, line: 1 }, sourceText: text },
    );
  }
  let raw = yaml.value as Record<string, unknown>;
  // a language folder is in its own language unless its booklet.yaml says otherwise
  if (options.languageDir) raw = { ...raw, language: path.basename(options.languageDir) };
  // a wrong value is reported in the file it comes from: the last overlay that sets its top key
  const sources: { over: Record<string, unknown>; yaml: LocatedYaml }[] = [];
  for (const dir of overlayDirs(options)) {
    const overlayFile = path.join(dir, "booklet.yaml");
    if (!fs.existsSync(overlayFile)) continue;
    const overlayText = readContentText(overlayFile, options.contentDir);
    const overlay = parseYaml(overlayText, overlayFile, "ConfigYamlSyntax");
    const over = (overlay.value ?? {}) as Record<string, unknown>;
    if (typeof over !== "object" || Array.isArray(over)) {
      throw new BookletError(
        "ConfigInvalid",
        "The booklet.yaml of an edition or a language must be a mapping of keys to values.",
        { location: { file: overlayFile, line: 1 }, sourceText: overlayText },
      );
    }
    raw = cascade(raw, over, [], {
      baseFile: file,
      base: yaml,
      editionFile: overlayFile,
      edition: overlay,
      onOverride: options.onOverride,
    });
    sources.push({ over, yaml: overlay });
  }
  const pick = (p: readonly (string | number)[]): LocatedYaml => {
    const last = [...sources].reverse();
    const from =
      last.find((s) => p.length > 0 && valueAt(s.over, p).present) ??
      last.find((s) => p.length > 0 && typeof p[0] === "string" && p[0] in s.over);
    return from?.yaml ?? yaml;
  };
  const config = validateConfig(raw, pick);
  checkMessages(config, pick);
  return { config, raw, file, yaml };
}

/** Each message booklet.yaml writes is ICU MessageFormat using values booklet gives: checked at its line. */
function checkMessages(config: BookletConfig, pick: (path: readonly (string | number)[]) => LocatedYaml): void {
  const errors: BookletError[] = [];
  for (const [id, text] of Object.entries(config.messages ?? {})) {
    const problem = text === undefined ? undefined : messageProblem(text, config.language);
    if (!problem) continue;
    const yaml = pick(["messages", id]);
    const where = yaml.locate(["messages", id]);
    errors.push(
      new BookletError("ConfigInvalid", `\`messages.${id}\`: ${problem}.`, {
        location: { file: yaml.file, line: where.line, column: where.column },
        sourceText: yaml.text,
      }),
    );
  }
  if (errors.length) throw new BookletErrors(errors);
}

/**
 * The event must have happened by the build's date: each edition marks an anniversary of it. A date in the
 * future is a mistake in booklet.yaml (a wrong year, day and month swapped), reported at its line.
 */
export function checkEventDate(loaded: LoadedConfig, today: string): void {
  const { eventDate } = loaded.config;
  if (eventDate <= today) return;
  const where = loaded.yaml.locate(["eventDate"]);
  throw new BookletError(
    "ConfigInvalid",
    `\`eventDate\` is ${eventDate}, after today (${today}): it must be the day the booklet commemorates, which has passed.`,
    {
      location: { file: loaded.file, line: where.line, column: where.column },
      sourceText: loaded.yaml.text,
    },
  );
}

/** Base, then an overlay (a language, an edition): its key replaces the base's; a key of another type is an error naming both files. */
function cascade(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  at: string[],
  ctx: {
    baseFile: string;
    base: LocatedYaml;
    editionFile: string;
    edition: LocatedYaml;
    onOverride?: LoadConfigOptions["onOverride"];
  },
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const path_ = [...at, key];
    if (!(key in base)) {
      out[key] = value;
      ctx.onOverride?.(path_.join("."), ctx.baseFile, ctx.editionFile);
      continue;
    }
    const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "list" : typeof v);
    if (kind(base[key]) !== kind(value)) {
      const b = ctx.base.locate(path_);
      const e = ctx.edition.locate(path_);
      throw new BookletError(
        "ConfigInvalid",
        `\`${path_.join(".")}\` is a ${kind(base[key])} in ${ctx.baseFile} (line ${b.line}) but a ${kind(value)} in ${ctx.editionFile} (line ${e.line}); an edition or a language can change a key's value, not its type.`,
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

export function validateConfig(
  raw: Record<string, unknown>,
  pick: (path: readonly (string | number)[]) => LocatedYaml,
): BookletConfig {
  return validated(BookletConfigSchema, raw, pick([]), {
    invalid: "ConfigInvalid",
    unknownKey: "ConfigUnknownKey",
    pick,
  });
}
