// The temporary folder (TMPDIR, else /tmp) that the browser needs: its profile, and its shared memory (with
// --disable-dev-shm-usage, Chromium's shared memory is files there). When it is missing, not writable or full,
// the browser fails with messages such as "ENOENT mkdtemp" or "Protocol error (IO.read)": the folder and the
// cause are named instead, with what to do, so that the machine is not mistaken for a bug of booklet's.
import fs from "node:fs";
import os from "node:os";
import { BookletError } from "../errors/index.ts";

/** Less room than this before the browser starts: it could not keep its profile and print. */
const NEEDED_TO_START = 16 * 1024 * 1024;
/** Less room than this after the browser failed: the full disk is the likely cause. */
const NEEDED_TO_PRINT = 64 * 1024 * 1024;

export interface TempDirOptions {
  dir?: string;
  env?: NodeJS.ProcessEnv;
  /** the free bytes of the folder's disk; replaceable in tests */
  freeBytes?: (dir: string) => number;
}

/** The temporary folder's problem, or none: before the browser starts. */
export function checkTempDir(options: TempDirOptions = {}): BookletError | undefined {
  return tempDirProblem(options, NEEDED_TO_START);
}

/** After the browser failed, or a file could not be made there: the folder's problem, if it has one. */
export function tempDirCause(error: unknown, options: TempDirOptions = {}): BookletError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOSPC" || code === "EDQUOT")
    return full(options.dir ?? os.tmpdir(), options.env ?? process.env, undefined, error);
  return tempDirProblem(options, NEEDED_TO_PRINT, error);
}

function tempDirProblem(options: TempDirOptions, needed: number, cause?: unknown): BookletError | undefined {
  const dir = options.dir ?? os.tmpdir();
  const env = options.env ?? process.env;
  const named = env.TMPDIR ? ` (TMPDIR names it)` : "";
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOTDIR" ? "lies under a file, not a folder" : "does not exist";
    // the message says what stat found; the browser's error, when there was one, is the cause shown
    return new BookletError(
      "TempDirMissing",
      `The temporary folder ${dir}${named} ${why}: the browser keeps its profile and its shared memory there.`,
      { cause },
    );
  }
  if (!stat.isDirectory())
    return new BookletError(
      "TempDirMissing",
      `The temporary folder ${dir}${named} is a file, not a folder: the browser keeps its profile and its shared memory there.`,
      { cause },
    );
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    // root may write anywhere but on a read-only file system: a file made and removed says for sure
    fs.rmSync(fs.mkdtempSync(`${dir}/booklet-probe-`), { recursive: true, force: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") return full(dir, env, 0, cause ?? e);
    return new BookletError(
      "TempDirNotWritable",
      `The temporary folder ${dir}${named} cannot be written to (${code === "EROFS" ? "a read-only file system" : (code ?? (e as Error).message)}): the browser keeps its profile and its shared memory there.`,
      { cause: cause ?? e },
    );
  }
  const free = (options.freeBytes ?? freeBytes)(dir);
  if (free < needed) return full(dir, env, free, cause);
  return undefined;
}

function full(dir: string, env: NodeJS.ProcessEnv, free: number | undefined, cause: unknown): BookletError {
  const named = env.TMPDIR ? ` (TMPDIR names it)` : "";
  const room = free === undefined ? "" : `: ${(free / 1024 / 1024).toFixed(1)} MB free`;
  return new BookletError(
    "TempDirFull",
    `The disk of the temporary folder ${dir}${named} is full${room}; the browser keeps its profile and its shared memory there, and needs some tens of megabytes while it prints.`,
    { cause },
  );
}

function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}
