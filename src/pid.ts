import fs from "node:fs";

// Whether a process runs: temporary folders are named by the pid of the build that owns them, and a folder
// whose owner has gone (killed with kill -9, which gives it no time to clean up) is the next build's to remove.
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether a process of the group `pgid` still runs. A zombie does not count: it has ended, and waits for its
 * parent (or init) to read its status. Where there is no /proc to tell, any process of the group counts.
 */
export function groupRuns(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  return pids.some((pid) => {
    try {
      // pid (comm) state ppid pgrp …: the fields after the command's closing parenthesis
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "latin1").split(") ").at(-1)?.split(" ") ?? [];
      return Number(fields[2]) === pgid && fields[0] !== "Z";
    } catch {
      // ended while the folder was read
      return false;
    }
  });
}
