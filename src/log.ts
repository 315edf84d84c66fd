// The build log: one plain line per stage with its time; --quiet shows only errors, --json one object per event.
export type LogLevel = "quiet" | "normal" | "verbose";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  stage(name: string, ms: number, detail?: string): void;
  /** progress inside a stage (pages laid out); shown only on a terminal */
  progress(stage: string, done: number, total?: number): void;
}

export function createLogger(options: { level?: LogLevel; json?: boolean; stream?: NodeJS.WriteStream } = {}): Logger {
  const level = options.level ?? "normal";
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY) && !options.json && !process.env.CI;
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) {
      stream.write("\r\x1b[2K");
      progressShown = false;
    }
  };
  const emit = (kind: string, message: string, extra: Record<string, unknown> = {}) => {
    if (options.json) {
      stream.write(JSON.stringify({ event: kind, message, ...extra }) + "\n");
      return;
    }
    clearProgress();
    stream.write(message + "\n");
  };
  return {
    info: (m) => level !== "quiet" && emit("info", m),
    warn: (m) => level !== "quiet" && emit("warning", `warning: ${m}`),
    debug: (m) => level === "verbose" && emit("debug", m),
    stage: (name, ms, detail) => level !== "quiet" && emit("stage", `  ${name.padEnd(10)} ${formatMs(ms).padStart(7)}${detail ? `  ${detail}` : ""}`, { stage: name, ms: Math.round(ms), detail }),
    progress: (stage, done, total) => {
      if (!tty || level === "quiet") return;
      stream.write(`\r\x1b[2K  ${stage.padEnd(10)} ${done}${total ? `/${total}` : ""} pages`);
      progressShown = true;
    },
  };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {}, stage() {}, progress() {} };
