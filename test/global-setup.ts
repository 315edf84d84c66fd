// Once per test run: a folder for what the run's test files share (a good build made once, see
// test/fixtures/bad/corpus.ts), removed when the run ends. Test files run in processes of their own, so they
// find it by the name given here.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { removeStaleTempDirs } from "./helpers/tmp.ts";

declare module "vitest" {
  export interface ProvidedContext {
    runDir: string;
  }
}

/** tsx's cache of compiled sources (tsx-UID), which tsx keeps from one run to the next: not the run's to remove. */
const TOOL_CACHE = /^tsx-\d+$/;

export default function setup(project: TestProject): () => void {
  // the folders of test runs that were killed before they could remove their own
  removeStaleTempDirs();
  const tmp = os.tmpdir();
  const before = fs.readdirSync(tmp);
  const dir = fs.mkdtempSync(path.join(tmp, `booklet-test-run-pid${process.pid}-`));
  project.provide("runDir", dir);
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    // vitest's own folder of the run, which it removes after this
    checkLeftovers(tmp, before, path.basename(project.tmpDir));
  };
}

/**
 * A test run leaves the temporary folder as it found it. What is new in it at the end is named; when the folder
 * was empty at the start (TMPDIR naming a folder of the run's own), nothing else wrote there: the run fails.
 */
function checkLeftovers(tmp: string, before: string[], vitestDir: string): void {
  const left = fs
    .readdirSync(tmp)
    .filter((name) => !before.includes(name) && name !== vitestDir && !TOOL_CACHE.test(name));
  if (left.length === 0) return;
  const list = left.map((name) => `  ${path.join(tmp, name)}`).join("\n");
  const own = before.filter((name) => name !== vitestDir).length === 0;
  process.stderr.write(
    own
      ? `\nThe test run left ${left.length} entries in its temporary folder:\n${list}\n`
      : `\nThe temporary folder ${tmp} has ${left.length} new entries since the run started (this run's, or other programs'):\n${list}\n`,
  );
  if (own) process.exitCode = 1;
}
