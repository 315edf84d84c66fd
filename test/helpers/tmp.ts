// Temporary content folders for tests: write a few files, get the folder back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isRunning } from "../../src/pid.ts";

/** The temporary folders this test file made; test/setup.ts removes them after the file's tests. */
const made: string[] = [];

/**
 * A new temporary folder, removed after the test file's tests (they failed or not). Its name holds the test
 * process's pid (PREFIX-pidN-XXXXXX): what a run that was killed left is the next run's to remove.
 */
export function tempDir(prefix = "booklet-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}pid${process.pid}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

const OWNED = /^booklet-[a-z0-9-]+-pid(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the folders of test processes that are no longer running (killed before their tests ended). */
export function removeStaleTempDirs(dir = os.tmpdir()): string[] {
  const stale = fs.readdirSync(dir).filter((name) => {
    const owner = OWNED.exec(name)?.[1];
    return owner !== undefined && !isRunning(Number(owner));
  });
  for (const name of stale) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  return stale;
}

export function tempProject(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

export const MINIMAL_CONFIG = `title: A Test
publisher: The Test Press
language: en-GB
eventDate: 1990-01-20
slug: a-test
`;

export const MINIMAL_SOURCES = `- id: src-a
  type: article-newspaper
  title: The first source
  publisher: Press A
  issued: { date-parts: [[2016, 1]] }
- id: src-b
  type: post-weblog
  title: The second source
  container-title: A Blog
`;
