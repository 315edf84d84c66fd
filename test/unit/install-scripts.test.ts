// Every dependency that has an install script is decided in package.json's allowScripts (npm 11.16 and later
// list the undecided ones at every install; npm 12 runs none that is not allowed), for this repository and for
// the projects `booklet init` writes. booklet needs none of them: `.ci/run` installs with them skipped.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LIFECYCLE = ["preinstall", "install", "postinstall"];

interface Manifest {
  name: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}

const read = (file: string): Manifest => JSON.parse(fs.readFileSync(file, "utf8"));
const hasInstallScript = (m: Manifest) => LIFECYCLE.some((s) => m.scripts?.[s] !== undefined);

/** Every package installed under node_modules, at any depth, by its folder. */
function installed(dir: string, found = new Map<string, Manifest>()): Map<string, Manifest> {
  const modules = path.join(dir, "node_modules");
  if (!fs.existsSync(modules)) return found;
  for (const entry of fs.readdirSync(modules)) {
    const names = entry.startsWith("@")
      ? fs.readdirSync(path.join(modules, entry)).map((n) => path.join(entry, n))
      : [entry];
    for (const name of names) {
      const folder = path.join(modules, name);
      const file = path.join(folder, "package.json");
      if (name.startsWith(".") || !fs.existsSync(file)) continue;
      found.set(folder, read(file));
      installed(folder, found);
    }
  }
  return found;
}

/** The folder Node finds a package in from `from`: its own node_modules, then each one above. */
function resolveFrom(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const folder = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(folder, "package.json"))) return folder;
    if (path.dirname(dir) === dir || dir === ROOT) return undefined;
  }
}

/** The packages a project that installs booklet gets: its dependencies, theirs, and so on (not its devDependencies). */
function productionTree(): Set<string> {
  const seen = new Set<string>();
  const visit = (folder: string, m: Manifest) => {
    for (const name of Object.keys({ ...m.dependencies, ...m.optionalDependencies, ...m.peerDependencies })) {
      const dep = resolveFrom(folder, name);
      if (!dep || seen.has(dep)) continue;
      seen.add(dep);
      visit(dep, read(path.join(dep, "package.json")));
    }
  };
  visit(ROOT, read(path.join(ROOT, "package.json")));
  return seen;
}

const withScripts = (folders: Iterable<string>, all: Map<string, Manifest>) =>
  [
    ...new Set(
      [...folders]
        .map((f) => all.get(f)!)
        .filter(hasInstallScript)
        .map((m) => m.name),
    ),
  ].sort();

describe("dependencies' install scripts", () => {
  const all = installed(ROOT);
  const own = read(path.join(ROOT, "package.json"));

  it("are each decided in this repository's package.json, and none is allowed", () => {
    const names = withScripts(all.keys(), all);
    // the three of today: a test that finds none has lost its way to node_modules
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(own.allowScripts ?? {}).sort()).toEqual(names);
    expect(Object.values(own.allowScripts ?? {})).not.toContain(true);
  });

  it("are each decided in the package.json that booklet init writes, for the packages booklet brings", () => {
    const scaffold = read(path.join(ROOT, "src", "init", "scaffold", "package.json"));
    const names = withScripts(productionTree(), all);
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(scaffold.allowScripts ?? {}).sort()).toEqual(names);
    expect(Object.values(scaffold.allowScripts ?? {})).not.toContain(true);
  });
});
