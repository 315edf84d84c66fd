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

export default function setup(project: TestProject): () => void {
  // the folders of test runs that were killed before they could remove their own
  removeStaleTempDirs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `booklet-test-run-pid${process.pid}-`));
  project.provide("runDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
