// Fault injection, for the tests that kill a build at an exact point (between two renames of the output, say):
// BOOKLET_FAULT=POINT kills this process there with SIGKILL, BOOKLET_FAULT=POINT:SIGNAL sends it that signal.
// Inert unless the variable names the point; this is the one place that reads it.
export function faultPoint(point: string): void {
  const fault = process.env.BOOKLET_FAULT;
  if (!fault) return;
  const [at, signal = "SIGKILL"] = fault.split(":");
  if (at === point) process.kill(process.pid, signal as NodeJS.Signals);
}
