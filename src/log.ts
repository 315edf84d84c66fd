// The build log: a live progress line per running stage on a terminal, one plain line per stage elsewhere (CI,
// a pipe, a file), one JSON object per event with --json; --quiet shows only errors (the CLI prints those).
export type LogLevel = "quiet" | "normal" | "verbose";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  /** a stage finished: its name, time and a short detail ("40 pages") */
  stage(name: string, ms: number, detail?: string): void;
  /**
   * progress inside a stage (pages laid out, editions built), keyed by the stage's name: shown live on a
   * terminal until `stage()` is called with the same name (or done reaches total), an event with --json,
   * nothing on a plain stream (its stage line follows)
   */
  progress(stage: string, done: number, total?: number): void;
  /**
   * what a stage is doing now ("loading the document", "printing the PDF", "writing the files"): an event with
   * --json, so that a program (a test that kills the build at a given point) can follow it; nothing otherwise
   */
  step?(stage: string, doing: string): void;
  /**
   * a catalogued warning, printed by the one reporter like an error (code, place, code frame, what to do);
   * loggers without it fall back to warn()
   */
  problem?(text: string, json: unknown): void;
}

/** The command line's logger also prints errors (at every level), clearing the live lines first. */
export interface ConsoleLogger extends Logger {
  /** `text` for people, `json` (errorToJson's) with --json */
  error(text: string, json?: unknown): void;
}

export type LogMode = "live" | "plain" | "json";

export interface LoggerOptions {
  level?: LogLevel;
  json?: boolean;
  stream?: Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
  /** the live display's clock and animation, replaceable in tests */
  now?: () => number;
  animate?: boolean;
}

/** Live only on a terminal that is not CI's and not "dumb"; JSON whenever asked for. */
export function logMode(options: LoggerOptions): LogMode {
  if (options.json) return "json";
  const env = options.env ?? process.env;
  const stream = options.stream ?? process.stderr;
  return stream.isTTY && !env.CI && env.TERM !== "dumb" ? "live" : "plain";
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function createLogger(options: LoggerOptions = {}): ConsoleLogger {
  const mode = logMode(options);
  const settings: Settings = {
    level: options.level ?? "normal",
    stream: options.stream ?? process.stderr,
    now: options.now ?? (() => performance.now()),
  };
  if (mode === "json") return jsonLogger(settings);
  if (mode === "plain") return plainLogger(settings);
  return liveLogger(settings, options.animate !== false);
}

interface Settings {
  level: LogLevel;
  stream: NonNullable<LoggerOptions["stream"]>;
  now: () => number;
}

function jsonLogger({ level, stream, now }: Settings): ConsoleLogger {
  const t0 = now();
  const emit = (event: string, fields: Record<string, unknown>) =>
    stream.write(`${JSON.stringify({ event, t: Math.round(now() - t0), ...fields })}\n`);
  return {
    info: (message) => level !== "quiet" && emit("info", { message }),
    warn: (message) => level !== "quiet" && emit("warning", { message }),
    problem: (_text, json) =>
      level !== "quiet" && emit("warning", json && typeof json === "object" ? (json as Record<string, unknown>) : {}),
    debug: (message) => level === "verbose" && emit("debug", { message }),
    stage: (stage, ms, detail) =>
      level !== "quiet" && emit("stage", { stage, ms: Math.round(ms), ...(detail ? { detail } : {}) }),
    progress: (stage, done, total) =>
      level !== "quiet" && emit("progress", { stage, done, ...(total !== undefined ? { total } : {}) }),
    step: (stage, doing) => level !== "quiet" && emit("step", { stage, doing }),
    error: (text, json) =>
      emit("error", json && typeof json === "object" ? (json as Record<string, unknown>) : { message: text }),
  };
}

const stageLine = (name: string, ms: number, detail?: string) =>
  `  ${padName(name)} ${formatMs(ms).padStart(7)}${detail ? `  ${detail}` : ""}`;

function plainLogger({ level, stream }: Settings): ConsoleLogger {
  const line = (text: string) => stream.write(`${text}\n`);
  return {
    info: (m) => level !== "quiet" && line(m),
    warn: (m) => level !== "quiet" && line(`warning: ${m}`),
    problem: (text) => level !== "quiet" && line(text),
    debug: (m) => level === "verbose" && line(m),
    stage: (name, ms, detail) => level !== "quiet" && line(stageLine(name, ms, detail)),
    progress: () => undefined,
    error: (text) => line(text),
  };
}

interface Progress {
  done: number;
  total?: number;
  since: number;
}

/** Permanent lines scroll above a block of progress lines, one per running stage, redrawn in place. */
function liveLogger({ level, stream, now }: Settings, animated: boolean): ConsoleLogger {
  const running = new Map<string, Progress>();
  let drawn = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  const clear = () => {
    if (drawn === 0) return;
    // the block ends with a newline (so that a message written by someone else starts on a line of its
    // own): up to its first line, then clear to the end of the screen
    stream.write(`\x1b[${drawn}A\r\x1b[0J`);
    drawn = 0;
  };
  const draw = () => {
    clear();
    const lines = [...running].map(([name, p]) => progressLine(name, p, now() - p.since, frame).slice(0, width()));
    if (lines.length) stream.write(`${lines.join("\n")}\n`);
    drawn = lines.length;
  };
  const animate = () => {
    if (!animated) return;
    if (running.size && !timer) {
      timer = setInterval(() => {
        frame++;
        draw();
      }, 100);
      // never keeps the process alive
      timer.unref();
    } else if (!running.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const line = (text: string) => {
    clear();
    stream.write(`${text}\n`);
    draw();
  };
  const finish = (name: string, ms: number, detail?: string) => {
    running.delete(name);
    animate();
    line(stageLine(name, ms, detail));
  };
  return {
    info: (m) => level !== "quiet" && line(m),
    warn: (m) => level !== "quiet" && line(`warning: ${m}`),
    problem: (text) => level !== "quiet" && line(text),
    debug: (m) => level === "verbose" && line(m),
    error: (text) => line(text),
    stage: (name, ms, detail) => {
      if (level === "quiet") return;
      finish(name, ms, detail);
    },
    progress: (name, done, total) => {
      if (level === "quiet") return;
      const p = running.get(name) ?? { done, total, since: now() };
      p.done = done;
      p.total = total;
      if (total !== undefined && done >= total) return finish(name, now() - p.since, `${done}/${total}`);
      running.set(name, p);
      frame++;
      draw();
      animate();
    },
  };
}

/** A running stage's line: spinner, name, time so far, and a bar when the total is known. */
function progressLine(name: string, p: Progress, elapsedMs: number, frame: number): string {
  const elapsed = formatMs(elapsedMs).padStart(7);
  // every stage but the run's bar counts pages
  const unit = name === "editions" ? "" : p.done === 1 && !p.total ? " page" : " pages";
  if (p.total) {
    const cells = 20;
    const full = Math.min(cells, Math.round((p.done / p.total) * cells));
    return `${SPINNER[frame % SPINNER.length]} ${padName(name)} ${elapsed}  [${"#".repeat(full)}${"-".repeat(cells - full)}] ${p.done}/${p.total}${unit}`;
  }
  return `${SPINNER[frame % SPINNER.length]} ${padName(name)} ${elapsed}  ${p.done}${unit}`;
}

/**
 * Stage names line up; an edition's or a language's ("2027 paginate", "az formats", "2027 en-GB preflight")
 * in a wider column of their own, whatever the length of the prefix.
 */
function padName(name: string): string {
  return name.padEnd(name.includes(" ") ? 20 : 10);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {}, stage() {}, progress() {} };
