// The fingerprint of everything an edition's files are made from, recorded in its manifest: when the next build
// into the same folder finds the same fingerprint (and every file as the manifest lists it), nothing is made
// again. Strict on purpose, since a wrong "up to date" prints an old booklet: every file of the content folder
// (not only those the build read), booklet's own sources, templates, stylesheets and patches, the versions of
// its packages and of the font packages the content may use, the browser, the resolved configuration, the
// command's options, the build date and booklet's environment variables.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/index.ts";
import { packagePath } from "../paths.ts";
import { sha256 } from "./write.ts";

// a new way of fingerprinting: no fingerprint of before is ever equal to one of now
const FORMAT = "booklet-inputs-1";

export interface BuildInputs {
  config: ResolvedConfig;
  /** what the command asked for: the edition, the language, the formats, the print flags, by chapter… */
  options: Record<string, unknown>;
  /** the build date (YYYY-MM-DD) and SOURCE_DATE_EPOCH: the edition's printed date and the files' dates */
  today: string;
  epochSeconds: number | undefined;
  /** the browser's executable; undefined when none is found (then nothing is ever up to date) */
  browser: string | undefined;
  /** the previous edition's manifest (changes.md reads where its chapters start) */
  previousManifest: string;
  env: NodeJS.ProcessEnv;
}

/** The sha256 of every input; undefined when one cannot be read (then the edition is built). */
export function fingerprintInputs(inputs: BuildInputs): string | undefined {
  if (inputs.browser === undefined) return undefined;
  try {
    const hash = crypto.createHash("sha256");
    const part = (name: string, value: unknown) => hash.update(`${name}\0${JSON.stringify(value) ?? ""}\0`);
    part("format", FORMAT);
    // the output folder is where the manifest is, not what the files are made from: two folders built from the
    // same content have the same manifest (SOURCE_DATE_EPOCH's promise)
    part("config", { ...inputs.config, outDir: undefined });
    part("options", inputs.options);
    part("date", [inputs.today, inputs.epochSeconds ?? null]);
    part("env", booklets(inputs.env));
    part("booklet", bookletFingerprint());
    part("packages", packageVersions(inputs.config.contentDir));
    part("browser", fileStamp(inputs.browser));
    part("previous", fileDigest(inputs.previousManifest));
    hashTree(hash, inputs.config.contentDir, new Set([path.resolve(inputs.config.outDir)]));
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

/** The environment variables booklet or its browser reads (BOOKLET_FAULT, PUPPETEER_EXECUTABLE_PATH…). */
function booklets(env: NodeJS.ProcessEnv): [string, string | undefined][] {
  return Object.keys(env)
    .filter((k) => /^(BOOKLET_|PUPPETEER_|CHROM)/.test(k))
    .sort()
    .map((k) => [k, env[k]]);
}

let own: string | undefined;

/** booklet's own files: package.json, its sources, templates, stylesheets and patches (once per process). */
function bookletFingerprint(): string {
  if (own !== undefined) return own;
  const hash = crypto.createHash("sha256");
  for (const file of ["package.json", "package-lock.json"]) hash.update(`${file}\0${fileDigest(packagePath(file))}\0`);
  for (const dir of ["src", "dist", "templates", "patches"]) hashTree(hash, packagePath(dir), new Set());
  own = hash.digest("hex");
  return own;
}

/**
 * The versions of booklet's dependencies (Paged.js, Vega, pdf-lib…) as installed, and of every @fontsource
 * package in a node_modules folder above the content (a content's project may install its own fonts).
 */
function packageVersions(contentDir: string): [string, string | null][] {
  const deps = Object.keys(JSON.parse(fs.readFileSync(packagePath("package.json"), "utf8")).dependencies ?? {});
  const found: [string, string | null][] = deps.map((d) => [d, versionIn(packagePath("node_modules", d))]);
  for (let dir = path.resolve(contentDir); ; dir = path.dirname(dir)) {
    const fonts = path.join(dir, "node_modules", "@fontsource");
    for (const name of readdir(fonts)) found.push([path.join(fonts, name), versionIn(path.join(fonts, name))]);
    if (path.dirname(dir) === dir) break;
  }
  return found;
}

function versionIn(dir: string): string | null {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version);
  } catch {
    return null;
  }
}

function readdir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** A file's path, size and time: enough for a browser of hundreds of megabytes, replaced by an update. */
function fileStamp(file: string): [string, number, number] | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? [fs.realpathSync(file), stat.size, stat.mtimeMs] : null;
}

function fileDigest(file: string): string | null {
  try {
    return sha256(fs.readFileSync(file));
  } catch {
    return null;
  }
}

/** Every file under `root` (but `skip` and node_modules), by its path from root, with its bytes. */
function hashTree(hash: crypto.Hash, root: string, skip: Set<string>, rel = ""): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
  } catch {
    hash.update(`${rel}\0missing\0`);
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const name = path.join(rel, e.name);
    if (skip.has(path.join(root, name)) || e.name === "node_modules") continue;
    if (e.isDirectory()) hashTree(hash, root, skip, name);
    else
      hash
        .update(`${name}\0`)
        .update(fs.readFileSync(path.join(root, name)))
        .update("\0");
  }
}
