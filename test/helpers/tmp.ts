// Temporary content folders for tests: write a few files, get the folder back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The temporary folders this test file made; test/setup.ts removes them after the file's tests. */
const made: string[] = [];

/** A new temporary folder, removed after the test file's tests. */
export function tempDir(prefix = "booklet-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
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
