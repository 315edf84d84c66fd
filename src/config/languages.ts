// The languages of a booklet: its base language, and a translation for each folder of languages/ (an overlay
// of the content folder, like an edition's), and which of them a run builds.
import fs from "node:fs";
import path from "node:path";
import { BookletError, didYouMean } from "../errors/index.ts";

/** The folder of the translations, inside the content folder. */
export const LANGUAGES_DIR = "languages";

/** A BCP 47 tag, as the schema's `language` takes it. */
const TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** One language of a run. */
export interface BookletLanguage {
  /** the folder under languages/; undefined for the base content's own language */
  folder?: string;
  /** its name in file names and the log: the folder's name, or the base's `language:` */
  code: string;
}

/** The translation folders of a content folder, by name; a folder whose name is not a language tag is an error. */
export function languageFolders(contentDir: string): string[] {
  const dir = path.join(contentDir, LANGUAGES_DIR);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  const folders = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  const bad = folders.find((f) => !TAG.test(f));
  if (bad) {
    throw new BookletError(
      "ConfigInvalid",
      `The folder ${LANGUAGES_DIR}/${bad}/ is not named by a language tag: name it by its language, such as de, az or pt-BR.`,
      {
        location: { file: path.join(dir, bad) },
      },
    );
  }
  return folders;
}

/**
 * The languages `--language` asks for: none given, the base language; `all`, the base and every folder; else
 * a list (de,az) of folder names and the base's tag. An unknown one is a usage error naming the closest.
 */
export function pickLanguages(contentDir: string, baseLanguage: string, asked: string | undefined): BookletLanguage[] {
  const folders = languageFolders(contentDir);
  const base: BookletLanguage = { code: baseLanguage };
  if (asked === undefined) return [base];
  if (asked.trim() === "all") return [base, ...folders.map((folder) => ({ folder, code: folder }))];
  const picked: BookletLanguage[] = [];
  for (const name of asked
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const folder = folders.find((f) => f.toLowerCase() === name.toLowerCase());
    if (folder) picked.push({ folder, code: folder });
    else if (name.toLowerCase() === baseLanguage.toLowerCase()) picked.push(base);
    else {
      const known = [baseLanguage, ...folders, "all"];
      throw new BookletError(
        "Usage",
        `--language ${name}: the booklet has no such language (it has ${[baseLanguage, ...folders].join(", ")}; \`all\` builds them all).${didYouMean(name, known)}`,
      );
    }
  }
  if (picked.length === 0)
    throw new BookletError("Usage", `--language takes a language, a list such as de,az, or all; got "${asked}".`);
  return picked.filter((l, i) => picked.findIndex((o) => o.code === l.code) === i);
}

/** Whether the content has translations: its files are then named by language (<slug>-<year>-<lang>.pdf). */
export function hasLanguages(contentDir: string): boolean {
  return languageFolders(contentDir).length > 0;
}
