// The time a step takes, for the log and --json's stage events (never for a file: builds are reproducible).

/** Runs `fn`, then tells `done` how many milliseconds it took and what it gave. */
export async function timed<T>(fn: () => T | Promise<T>, done: (ms: number, result: T) => void): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  done(performance.now() - t0, result);
  return result;
}
