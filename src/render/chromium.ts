// Chromium as a child process of booklet's own, spoken to over the DevTools pipe (its fds 3 and 4), as
// puppeteer's launch does; puppeteer then connects through that pipe. Owning the child from the start is what
// lets a browser that did not start be reported with the last lines it wrote to stderr and how it ended, and a
// build stopped while the browser starts kill it at once, without waiting for the start to end.
import { type ChildProcess, spawn } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import type { ConnectionTransport } from "puppeteer-core";

/** How much of Chromium's stderr is kept: its last lines, enough to say why it ended, never more. */
const TAIL_LINES = 12;
const TAIL_CHARS = 4000;

/** How a process ended: an exit code, a signal, or an error of its start (the file is not executable). */
export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface Chromium {
  child: ChildProcess;
  /** the DevTools pipe, for puppeteer.connect */
  transport: ConnectionTransport;
  /** resolves when the process has ended (it is never rejected) */
  ended: Promise<Ending>;
  /** the last lines Chromium wrote to stderr, once its stderr is closed or a second after it ended */
  stderrTail(): Promise<string[]>;
}

/**
 * Starts Chromium in a process group of its own (a stuck browser and every process it started are killed
 * together). Its stderr is read for as long as it runs: a pipe nobody reads would stop it once full.
 */
export function startChromium(executablePath: string, args: string[], env: NodeJS.ProcessEnv): Chromium {
  const child = spawn(executablePath, [...args, "--remote-debugging-pipe"], {
    detached: true,
    env,
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
  });
  const ended = new Promise<Ending>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });
  const tail = new Tail();
  const stderr = child.stderr as Readable;
  stderr.setEncoding("utf8");
  stderr.on("data", (text: string) => tail.add(text));
  const stderrClosed = new Promise<void>((resolve) => stderr.once("close", resolve));
  const stdio = child.stdio as unknown as [null, null, Readable, Writable, Readable];
  return {
    child,
    transport: new PipeTransport(stdio[3], stdio[4]),
    ended,
    // the processes Chromium started share its stderr and may hold it open a little after it ended
    stderrTail: async () => {
      await Promise.race([stderrClosed, ended.then(() => new Promise((r) => setTimeout(r, 1000).unref()))]);
      return tail.lines();
    },
  };
}

/** The last lines of a stream of text, bounded in lines and in characters (a line may be long). */
class Tail {
  #text = "";
  add(text: string): void {
    this.#text = (this.#text + text).slice(-TAIL_CHARS);
  }
  lines(): string[] {
    return this.#text
      .split("\n")
      .map((line) => line.trimEnd())
      .filter((line) => line.trim() !== "")
      .slice(-TAIL_LINES);
  }
}

/** DevTools messages over a pipe: JSON texts, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #pending: Buffer[] = [];
  #write: Writable;

  constructor(write: Writable, read: Readable) {
    this.#write = write;
    read.on("data", (chunk: Buffer) => this.#receive(chunk));
    read.on("close", () => this.onclose?.());
    // a pipe that breaks is its reader's close, which the connection reports; the error adds nothing
    read.on("error", () => undefined);
    write.on("error", () => undefined);
  }

  send(message: string): void {
    this.#write.write(`${message}\0`);
  }

  close(): void {
    this.#write.end();
  }

  #receive(chunk: Buffer): void {
    let end = chunk.indexOf(0);
    if (end === -1) {
      this.#pending.push(chunk);
      return;
    }
    let start = 0;
    let head: Buffer = Buffer.concat([...this.#pending, chunk.subarray(0, end)]);
    while (end !== -1) {
      const message = head.toString("utf8");
      // one message per turn of the event loop, in order, as puppeteer's own pipe does
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
      head = chunk.subarray(start, end === -1 ? undefined : end);
    }
    this.#pending = start < chunk.length ? [chunk.subarray(start)] : [];
  }
}
