// Whether dist/ (npm run compile) may run instead of the TypeScript sources: dist/.compiled holds a
// fingerprint of src/, package.json and bin/compile.js as they were compiled, and it must match them as they
// are, so that an edited source is never run stale. A fingerprint of the contents, not of modification times:
// npm sets the times of an installed package's files to when it unpacked them, in no particular order.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** every file under dir, relative to it, in a fixed order */
function filesUnder(dir, rel = "") {
  let entries;
  try {
    entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}

/** the sha256 of package.json, of the compile script and of every file of src/, with their paths */
export function fingerprint(root) {
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(path.join(root, "package.json")));
  // how dist/ is made from src/ (bin/compile.js): a project without it (a test's) hashes nothing for it
  const compile = path.join(root, "bin", "compile.js");
  if (fs.existsSync(compile)) hash.update(fs.readFileSync(compile));
  for (const rel of filesUnder(path.join(root, "src"))) {
    hash.update(`\0${rel.split(path.sep).join("/")}\0`);
    hash.update(fs.readFileSync(path.join(root, "src", rel)));
  }
  return hash.digest("hex");
}

/** marks root/dist as compiled from the sources as they are now (npm run compile, after tsc) */
export function writeFingerprint(root) {
  fs.writeFileSync(path.join(root, "dist", ".compiled"), `${fingerprint(root)}\n`);
}

/** true when root/dist/.compiled was written for the sources and package.json as they are now */
export function compiledIsFresh(root) {
  let mark;
  try {
    mark = fs.readFileSync(path.join(root, "dist", ".compiled"), "utf8").trim();
  } catch {
    return false;
  }
  return mark !== "" && mark === fingerprint(root);
}
