// The Paged.js polyfill the pages load: the pinned 0.4.3 build, with booklet's own fixes applied.
// Paged.js's upstream is quiet (0.5.0 betas lose rows and crash on this booklet's handlers), so its faults
// are fixed here as unified diffs against dist/paged.polyfill.js, one file a fault, applied in name order.
// Applying them at load time, not in node_modules, works the same however booklet is installed;
// `npm run compile` keeps the patched file in dist/, used while the patches are as they were then.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { applyPatch } from "diff";
import { packagePath } from "../paths.ts";

const require = createRequire(import.meta.url);
// pagedjs's package.json exports do not list its dist files: find the package folder, then the file
// (the main entry is pagedjs/src/index.js; the polyfill is pagedjs/dist/paged.polyfill.js beside it)
const POLYFILL = path.join(path.dirname(require.resolve("pagedjs")), "..", "dist", "paged.polyfill.js");
/** the sha256 of pagedjs 0.4.3's dist/paged.polyfill.js, the file the patches are made against */
const PINNED = "f59f361802416c770d549a647958649af2cf6601999924bc00e4f507dad5269f";
export const PATCH_DIR = packagePath("patches", "pagedjs");

/** where `npm run compile` keeps the patched polyfill, and the key of the patches it was made with */
const KEPT = packagePath("dist", "paged.polyfill.js");
const KEPT_KEY = packagePath("dist", "paged.polyfill.key");

let patched: Buffer | undefined;

/**
 * The patched polyfill's bytes, once a process: the one `npm run compile` kept when it was made from the
 * patches as they are, else patched now (about 130 ms on this project's machine, on the path to the layout).
 */
export function pagedPolyfill(): Buffer {
  if (patched) return patched;
  const files = patchFiles();
  // checked even when the kept file is served: a pagedjs other than 0.4.3 installed is an install to mend
  const pinned = readPinned();
  patched = keptPolyfill(KEPT, KEPT_KEY, files) ?? Buffer.from(applyPatches(pinned, files), "utf8");
  return patched;
}

/** The key of a patched polyfill: the pinned release's hash, and every patch by name and contents. */
export function patchesKey(files: string[]): string {
  const hash = crypto.createHash("sha256").update(PINNED);
  for (const file of files) hash.update(`\0${path.basename(file)}\0`).update(fs.readFileSync(file));
  return hash.digest("hex");
}

/** The polyfill kept in `file`, when `keyFile` says it was made from these patches as they are now. */
export function keptPolyfill(file: string, keyFile: string, files: string[]): Buffer | undefined {
  try {
    if (fs.readFileSync(keyFile, "utf8").trim() !== patchesKey(files)) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Patches the polyfill and keeps it in `file`, with its key in `keyFile` (`npm run compile`, into dist/). */
export function keepPolyfill(file = KEPT, keyFile = KEPT_KEY, files = patchFiles()): void {
  fs.writeFileSync(file, applyPatches(readPinned(), files));
  fs.writeFileSync(keyFile, `${patchesKey(files)}\n`);
}

/** The patch files, in the order they apply. */
export function patchFiles(): string[] {
  if (!fs.existsSync(PATCH_DIR)) return [];
  return fs
    .readdirSync(PATCH_DIR)
    .filter((f) => f.endsWith(".patch"))
    .sort()
    .map((f) => path.join(PATCH_DIR, f));
}

/** The polyfill as the pinned release ships it; an error when another version is installed. */
export function readPinned(): string {
  const bytes = fs.readFileSync(POLYFILL);
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  if (hash !== PINNED) {
    throw new Error(
      `${POLYFILL} is not the pagedjs 0.4.3 that booklet's patches are made for (sha256 ${hash}): reinstall with npm ci`,
    );
  }
  return bytes.toString("utf8");
}

/** Applies each patch in turn; an error names the patch that no longer applies. */
export function applyPatches(source: string, files: string[]): string {
  let text = source;
  for (const file of files) {
    const next = applyPatch(text, fs.readFileSync(file, "utf8"));
    if (next === false) throw new Error(`the Paged.js patch ${path.basename(file)} does not apply to the polyfill`);
    text = next;
  }
  return text;
}
