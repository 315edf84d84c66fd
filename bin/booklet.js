#!/usr/bin/env node
// The `booklet` command. It runs dist/, the sources compiled by `npm run compile` (npm ci and npm install run
// it), when dist/ was compiled from src/ as it is (bin/fresh.js); otherwise the TypeScript sources themselves through tsx,
// so that an edited source is never run stale. Compiled, `booklet` starts in about half the time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { compiledIsFresh } from "./fresh.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let cli;
if (!process.env.BOOKLET_FROM_SOURCE && compiledIsFresh(root)) {
  cli = path.join(root, "dist", "cli.js");
} else {
  // tsx keeps its cache in the temporary folder: it made the folder when it was missing, and crashed when it
  // could not. Without its cache there, booklet itself names a temporary folder that is missing or unwritable.
  if (!writableFolder(os.tmpdir())) process.env.TSX_DISABLE_CACHE = "1";
  const { register } = await import("tsx/esm/api");
  register();
  cli = path.join(root, "src", "cli.ts");
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));

function writableFolder(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
