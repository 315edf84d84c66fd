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
