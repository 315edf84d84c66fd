// Writes an edition's files all or nothing. They are written into a fresh hidden folder beside the edition's
// (output/.2027.PID.tmp), which becomes .2027.PID.new once every file is written and synced; the edition's
// folder is then set aside (.2027.PID.old) and the new one renamed into its place. Whenever the build is
// killed, the folder holds the previous set or the new one, never some of each: between the two renames, the
// next build finds .new and .old beside no 2027/ and completes the swap. A failed build never leaves a
// half-written file nor loses the last good one.

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { BookletError } from "../errors/index.ts";
import { faultPoint } from "../faults.ts";
import { isRunning } from "../pid.ts";
import { removeOnStop } from "../shared/index.ts";

export interface PendingFile {
  /** absolute final path */
  path: string;
  bytes: Uint8Array | string;
}

/** A hidden folder of a write in progress: .NAME.PID.tmp (being written), .new (complete), .old (set aside). */
const WORK = /^\.(.+)\.(\d+)\.(tmp|new|old)$/;
/** The hidden files of the writer booklet had before, one file at a time: .NAME.PID.new.tmp, .NAME.PID.old.tmp. */
const OLD_WORK = /^\.(.+)\.(\d+)\.(new|old)\.tmp$/;

/** Folders of this process's write in progress, removed on Ctrl-C. */
const live = new Set<string>();

/** Removes this process's unfinished writing (also on Ctrl-C, with the scratch folders). */
function removeTemporaryFiles(): void {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
  live.clear();
}
removeOnStop(removeTemporaryFiles);

export function sha256(bytes: Uint8Array | string): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * Writes files that all go into one folder, all or nothing (above). Files of the folder that are not written
 * anew (a print PDF when only the screen PDF is built) are kept: they are linked into the new folder.
 */
export function writeAtomically(files: PendingFile[]): void {
  if (files.length === 0) return;
  const target = path.dirname(files[0].path);
  const odd = files.find((f) => path.dirname(f.path) !== target);
  if (odd) throw new Error(`writeAtomically: ${odd.path} is not in ${target}`);
  const parent = path.dirname(target);
  const work = (kind: string) => path.join(parent, `.${path.basename(target)}.${process.pid}.${kind}`);
  const [tmp, fresh, old] = [work("tmp"), work("new"), work("old")];
  try {
    fs.mkdirSync(parent, { recursive: true });
    recoverOutput(parent);
    refuseFoldersInTheWay(files);
    live.add(tmp);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp);
    for (const f of files) writeSynced(path.join(tmp, path.basename(f.path)), f.bytes);
    keepOthers(target, tmp, files);
    syncFolder(tmp);
    // complete: from here on, a build killed at any point is finished by the next one (recoverOutput)
    faultPoint("rename-1");
    fs.renameSync(tmp, fresh);
    live.delete(tmp);
  } catch (e) {
    removeTemporaryFiles();
    throw new BookletError(
      "WriteFailed",
      `Could not write ${files.map((f) => path.basename(f.path)).join(", ")} into ${target}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const hadPrevious = fs.existsSync(target);
  try {
    faultPoint("rename-2");
    if (hadPrevious) fs.renameSync(target, old);
    faultPoint("rename-3");
    fs.renameSync(fresh, target);
  } catch (e) {
    // the previous folder back in its place, the new one away
    if (hadPrevious && !fs.existsSync(target) && fs.existsSync(old)) fs.renameSync(old, target);
    fs.rmSync(fresh, { recursive: true, force: true });
    throw new BookletError(
      "WriteFailed",
      `Could not put the new files in the place of ${target}: ${(e as Error).message}`,
      { cause: e },
    );
  }
  syncFolder(parent);
  faultPoint("remove-old");
  fs.rmSync(old, { recursive: true, force: true });
}

/**
 * Completes or undoes the writing of a build that was killed, in a folder of editions: a folder being written
 * goes; a complete one takes the place of an edition folder that was set aside for it and is missing; a folder
 * set aside beside its edition goes. Only what a process no longer running left; other builds' are theirs.
 */
export function recoverOutput(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const done: string[] = [];
  // .new before .old: a complete new folder is put in place before the old one is judged
  const order = { tmp: 0, new: 1, old: 2 } as const;
  const stale = names
    .map((name) => ({ name, m: WORK.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => Boolean(x.m) && !isRunning(Number(x.m![2])))
    .sort((a, b) => order[a.m[3] as keyof typeof order] - order[b.m[3] as keyof typeof order]);
  for (const { name, m } of stale) {
    const from = path.join(dir, name);
    const final = path.join(dir, m[1]);
    if (m[3] !== "tmp" && !fs.existsSync(final)) {
      fs.renameSync(from, final);
      done.push(`${name} put back as ${m[1]}`);
    } else {
      fs.rmSync(from, { recursive: true, force: true });
      done.push(`${name} removed`);
    }
  }
  for (const name of names.filter((n) => !WORK.test(n))) done.push(...recoverFiles(path.join(dir, name)));
  if (done.length) syncFolder(dir);
  return done;
}

/** The one-file-at-a-time writer's leftovers inside an edition's folder: each previous file back, the rest away. */
function recoverFiles(dir: string): string[] {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [];
  const done: string[] = [];
  const stale = fs
    .readdirSync(dir)
    .map((name) => ({ name, m: OLD_WORK.exec(name) }))
    .filter((x) => x.m && !isRunning(Number(x.m[2])));
  for (const { name, m } of stale) {
    const final = path.join(dir, m![1]);
    if (m![3] === "old" && !fs.existsSync(final)) fs.renameSync(path.join(dir, name), final);
    else fs.rmSync(path.join(dir, name), { force: true });
    done.push(name);
  }
  return done;
}

/** A folder where a file is to go is the user's, not booklet's to replace: refused before anything is done. */
function refuseFoldersInTheWay(files: PendingFile[]) {
  const folder = files.find((f) => fs.statSync(f.path, { throwIfNoEntry: false })?.isDirectory());
  if (folder) throw new Error(`${folder.path} is a folder`);
}

function writeSynced(file: string, bytes: Uint8Array | string) {
  const fd = fs.openSync(file, "wx");
  try {
    fs.writeSync(fd, typeof bytes === "string" ? Buffer.from(bytes) : bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** What the edition's folder holds besides the files written anew, linked (or copied) into the new folder. */
function keepOthers(target: string, tmp: string, files: PendingFile[]) {
  if (!fs.existsSync(target)) return;
  const written = new Set(files.map((f) => path.basename(f.path)));
  for (const name of fs.readdirSync(target)) {
    if (written.has(name) || OLD_WORK.test(name)) continue;
    const from = path.join(target, name);
    if (fs.statSync(from).isDirectory()) fs.cpSync(from, path.join(tmp, name), { recursive: true });
    else {
      try {
        fs.linkSync(from, path.join(tmp, name));
      } catch {
        fs.copyFileSync(from, path.join(tmp, name));
      }
    }
  }
}

/** The folder's entries (a rename) on the disk too, where the file system allows it. */
function syncFolder(dir: string) {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // not every file system syncs a folder
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
