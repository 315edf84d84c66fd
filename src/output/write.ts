// Writes output files atomically: every file goes to a temporary name first and is renamed into place only
// when all of them are written, so a failed build never leaves a half-written PDF nor loses the last good one.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { BookletError } from "../errors/booklet-error.ts";

export interface PendingFile {
  /** absolute final path */
  path: string;
  bytes: Uint8Array | string;
}

const live = new Set<string>();

/** Removes temporary files still on disk (called on Ctrl-C). */
export function removeTemporaryFiles(): void {
  for (const f of live) fs.rmSync(f, { force: true });
  live.clear();
}

export function sha256(bytes: Uint8Array | string): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * All the files or none: each is written and synced under a temporary name; then the previous version of
 * each is set aside and the new one renamed into place. When a rename fails half-way (a folder where a file
 * should go, a full disk), the ones already renamed are put back, so the folder holds the previous set.
 */
export function writeAtomically(files: PendingFile[]): void {
  const temps: { tmp: string; final: string; previous?: string }[] = [];
  const placed: typeof temps = [];
  const temporary = (final: string, kind: string) => path.join(path.dirname(final), `.${path.basename(final)}.${process.pid}.${kind}.tmp`);
  try {
    for (const f of files) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true });
      const tmp = temporary(f.path, "new");
      // tracked before it is opened: a write that fails half-way must not leave it behind
      live.add(tmp);
      temps.push({ tmp, final: f.path });
      const fd = fs.openSync(tmp, "w");
      try {
        fs.writeSync(fd, typeof f.bytes === "string" ? Buffer.from(f.bytes) : f.bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    for (const t of temps) {
      if (fs.existsSync(t.final) && fs.statSync(t.final).isFile()) {
        t.previous = temporary(t.final, "old");
        live.add(t.previous);
        fs.renameSync(t.final, t.previous);
      }
      placed.push(t);
      fs.renameSync(t.tmp, t.final);
      live.delete(t.tmp);
    }
  } catch (e) {
    // the previous versions back into place, the new ones (and the temporary files) away
    for (const t of placed.reverse()) {
      try {
        if (t.previous) fs.renameSync(t.previous, t.final);
        else if (!fs.existsSync(t.tmp)) fs.rmSync(t.final, { force: true });
        live.delete(t.previous ?? "");
      } catch {
        // left for removeTemporaryFiles
      }
    }
    for (const t of temps) {
      fs.rmSync(t.tmp, { force: true });
      live.delete(t.tmp);
    }
    throw new BookletError("WriteFailed", `Could not write ${files.map((f) => path.basename(f.path)).join(", ")}: ${(e as Error).message}`, { cause: e });
  }
  for (const t of temps) {
    if (t.previous) fs.rmSync(t.previous, { force: true });
    live.delete(t.previous ?? "");
  }
}
