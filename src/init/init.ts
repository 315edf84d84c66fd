// `booklet init DIR`: writes a new booklet project from the scaffold, which builds at once; never overwrites.
import fs from "node:fs";
import path from "node:path";
import { BookletConfigSchema, buildDate, defaultEditionYear } from "../config/index.ts";
import { BookletError } from "../errors/index.ts";
import { PACKAGE_ROOT, packagePath } from "../paths.ts";
import { slugify } from "../shared/index.ts";

const SCAFFOLD = packagePath("src", "init", "scaffold");
/** the JSON Schema shipped with this installation of booklet (npm run schema writes it) */
export const SCHEMA_FILE = packagePath("schema", "booklet.schema.json");

export interface InitOptions {
  /** the new project's folder: created, or empty */
  dir: string;
  title: string;
  /** YYYY-MM-DD, before today: a booklet commemorates a past event */
  eventDate: string;
  language?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface InitResult {
  dir: string;
  /** the files written, relative to dir */
  files: string[];
  /** the edition `booklet build` makes today */
  firstEdition: number;
}

export function init(options: InitOptions): InitResult {
  const dir = path.resolve(options.cwd ?? process.cwd(), options.dir);
  refuseUsedFolder(dir, options.dir);
  const language = options.language ?? "en";
  const { date: today } = buildDate(options.env ?? process.env);
  const slug = projectSlug(options.title);
  checkValues(options, language, slug, today);
  const firstEdition = defaultEditionYear(options.eventDate, today);
  const values = scaffoldValues(options, { dir, language, slug, firstEdition });
  return { dir, files: writeScaffold(dir, values), firstEdition };
}

/** init never mixes its files with someone's: the folder is new, or empty (not even a dot-file). */
function refuseUsedFolder(dir: string, given: string): void {
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new BookletError("Usage", `${given} exists and is not a folder.`);
  const entries = fs.readdirSync(dir);
  if (entries.length > 0) {
    throw new BookletError(
      "Usage",
      `${given} is not empty (it holds ${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}). booklet init writes only into a new or empty folder, so that it never overwrites a file.`,
    );
  }
}

/** The configuration schema's own checks of the values given, and an event in the past, before anything is written. */
function checkValues(options: InitOptions, language: string, slug: string, today: string): void {
  const config = { title: options.title, publisher: "The editors", language, eventDate: options.eventDate, slug };
  const checked = BookletConfigSchema.safeParse(config);
  if (!checked.success) {
    const flag: Record<string, string> = {
      title: "--title",
      eventDate: "--event-date",
      language: "--language",
      slug: "--title",
    };
    throw new BookletError(
      "Usage",
      checked.error.issues.map((i) => `${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join("\n"),
    );
  }
  if (options.eventDate >= today) {
    throw new BookletError(
      "Usage",
      `--event-date ${options.eventDate} is not in the past: an edition marks an anniversary of the event, and the first comes a year after it.`,
    );
  }
}

/** What replaces each @@NAME@@ of the scaffold, in its YAML files and in its other files. */
type ScaffoldValues = Record<string, { yaml: string; text: string }>;

function scaffoldValues(
  options: InitOptions,
  p: { dir: string; language: string; slug: string; firstEdition: number },
): ScaffoldValues {
  const schemaPath = path.relative(path.join(p.dir, "content"), SCHEMA_FILE).split(path.sep).join("/");
  // values go into YAML as double-quoted scalars (JSON strings are valid YAML), into Markdown as written
  return {
    TITLE: { yaml: JSON.stringify(options.title), text: options.title },
    LANGUAGE: { yaml: p.language, text: p.language },
    EVENT_DATE: { yaml: options.eventDate, text: options.eventDate },
    EVENT_YEAR: { yaml: options.eventDate.slice(0, 4), text: options.eventDate.slice(0, 4) },
    FIRST_EDITION: { yaml: String(p.firstEdition), text: String(p.firstEdition) },
    SLUG: { yaml: p.slug, text: p.slug },
    SCHEMA: { yaml: schemaPath, text: schemaPath },
    TITLE_JSON: { yaml: "", text: JSON.stringify(options.title).slice(1, -1) },
    BOOKLET: { yaml: "", text: bookletDependency(p.dir) },
  };
}

/** Writes every file of the scaffold with its values, never over an existing file; returns their paths. */
function writeScaffold(dir: string, values: ScaffoldValues): string[] {
  const files = listFiles(SCAFFOLD);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const rel of files) {
    // `gitignore`: npm drops a file named .gitignore from a package, so the scaffold keeps it without the dot
    const target = rel === "gitignore" ? ".gitignore" : rel;
    const kind = /\.ya?ml$/.test(rel) ? "yaml" : "text";
    const text = fs
      .readFileSync(path.join(SCAFFOLD, rel), "utf8")
      .replace(/@@([A-Z_]+)@@/g, (m, key: string) => values[key]?.[kind] ?? m);
    fs.mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
    fs.writeFileSync(path.join(dir, target), text, { flag: "wx" });
    written.push(target);
  }
  return written;
}

/**
 * The new project's dependency on this booklet: the folder it runs from, as a `file:` path, so that
 * `npm install` in the project links the very booklet that created it, from a git checkout, a global
 * install or another project's node_modules alike (booklet is not on the npm registry).
 */
function bookletDependency(projectDir: string): string {
  const rel = path.relative(projectDir, PACKAGE_ROOT).split(path.sep).join("/");
  return `file:${rel.startsWith("../../../../") ? PACKAGE_ROOT : rel}`;
}

/** "Black January" → black-january; a title with no Latin letters → booklet. */
export function projectSlug(title: string): string {
  // ı and ə have no decomposition to a Latin letter: Azerbaijani titles would lose them
  const latin = title.toLowerCase().replace(/ı/g, "i").replace(/ə/g, "e");
  return slugify(latin).slice(0, 60).replace(/-+$/, "") || "booklet";
}

function listFiles(root: string, rel = ""): string[] {
  return fs
    .readdirSync(path.join(root, rel), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listFiles(root, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}
