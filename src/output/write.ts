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

export function writeAtomically(files: PendingFile[]): void {
  const temps: { tmp: string; final: string }[] = [];
  try {
    for (const f of files) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true });
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.tmp`);
      live.add(tmp);
      const fd = fs.openSync(tmp, "w");
      try {
        fs.writeSync(fd, typeof f.bytes === "string" ? Buffer.from(f.bytes) : f.bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      temps.push({ tmp, final: f.path });
    }
    for (const t of temps) {
      fs.renameSync(t.tmp, t.final);
      live.delete(t.tmp);
    }
  } catch (e) {
    for (const t of temps) {
      fs.rmSync(t.tmp, { force: true });
      live.delete(t.tmp);
    }
    throw new BookletError("WriteFailed", `Could not write ${files.map((f) => path.basename(f.path)).join(", ")}: ${(e as Error).message}`, { cause: e });
  }
}
