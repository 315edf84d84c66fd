// Temporary folders a build works in (Ghostscript's input and output, …), named by the build's pid like the
// browser's profile. Each is removed by its maker when the work ends; one still there when the build is
// stopped by a signal (which ends the process before any `finally` runs) is removed by the signal handler.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();
/** Other stages' removal of their own unfinished work (the output's half-written folder), run with these. */
const removers = new Set<() => void>();

/** Has `remove` run whenever a signal stops the build, with the removal of the scratch folders. */
export function removeOnStop(remove: () => void): void {
  removers.add(remove);
}

/** A new folder in the system's temporary folder: PREFIX-PID-XXXXXX. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
  live.add(dir);
  return dir;
}

export function removeScratchDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Removes every folder of this process still in use (called when a signal stops the build). */
export function removeScratchDirs(): void {
  for (const remove of removers) remove();
  for (const dir of live) removeScratchDir(dir);
}
