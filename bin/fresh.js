// Whether dist/ (npm run compile) may run instead of the TypeScript sources: it must be newer than every file
// of src/ and than package.json, so that an edited source is never run stale.
import fs from "node:fs";
import path from "node:path";

/** the newest modification time of the files under dir (-1 when there is no such folder) */
function newest(dir) {
  let t = -1;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return -1;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** true when root/dist/.compiled (written after a successful compile) is newer than root/src and root/package.json */
export function compiledIsFresh(root) {
  let built;
  try {
    built = fs.statSync(path.join(root, "dist", ".compiled")).mtimeMs;
  } catch {
    return false;
  }
  return built >= newest(path.join(root, "src")) && built >= fs.statSync(path.join(root, "package.json")).mtimeMs;
}
