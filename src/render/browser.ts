// Finds and launches the system Chromium once per run; closes it idempotently, also on Ctrl-C, a kill or a
// closed terminal. A browser outlives no build: it talks to booklet over a pipe, and Chromium exits when that
// pipe closes, which it does however booklet ends, kill -9 included; the profile folder that kill -9 leaves
// is removed by the next build. Chromium's own temporary files go into its profile, and with it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser } from "puppeteer-core";
import { BookletError } from "../errors/index.ts";
import { groupRuns, isRunning } from "../pid.ts";
import { type Chromium, type Ending, startChromium } from "./chromium.ts";
import { checkTempDir, tempDirCause } from "./tempdir.ts";
import { withTimeout } from "./timeout.ts";

// Chromium's headless shell first (Debian's chromium-headless-shell): the same Blink, Skia and print to PDF
// as the browser, without the browser's windows, profile services and address bar. Its PDFs are the same
// byte for byte; it had a page ready in half the time, on half the CPU (README, puppeteer-core). The
// program itself, not /usr/bin's script, which runs it as a child instead of becoming it.
const SYSTEM_PATHS = [
  "/usr/lib/chromium/chromium-headless-shell",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
];

/**
 * PUPPETEER_EXECUTABLE_PATH first, then `browser:` of booklet.yaml, then the usual system paths.
 * @public outside the stage's index, as the browser's launching and removing below: the build needs them before
 * it loads the layout (the index), which an up-to-date build never does
 */
export function findBrowser(
  options: { configured?: string; env?: NodeJS.ProcessEnv; exists?: (file: string) => boolean } = {},
): string {
  const env = options.env ?? process.env;
  const exists = options.exists ?? fs.existsSync;
  const explicit = env.PUPPETEER_EXECUTABLE_PATH || options.configured;
  if (explicit) {
    if (!exists(explicit)) {
      const from = env.PUPPETEER_EXECUTABLE_PATH ? "PUPPETEER_EXECUTABLE_PATH" : "booklet.yaml `browser:`";
      throw new BookletError("BrowserNotFound", `${from} names ${explicit}, which does not exist.`);
    }
    return explicit;
  }
  const found = SYSTEM_PATHS.find((p) => exists(p));
  if (!found)
    throw new BookletError("BrowserNotFound", `Looked in ${SYSTEM_PATHS.slice(0, 5).join(", ")} and found none.`);
  return found;
}

/** Flags that work as root in a container, with no network reachable (../shared/design.md). */
export const LAUNCH_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--font-render-hinting=none",
  // Chromium 156 preloads the address bar's drop-down (a WebUI page, chrome://omnibox-popup.top-chrome) in a
  // renderer of its own for each window, even headless: two of them held 317 MB (summed RSS) of a 40-page
  // build. A spare renderer kept ready for the next site is not needed either. (puppeteer merges this
  // --disable-features with its own.)
  "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI,SpareRendererForSitePerProcess",
  // the network service, which here only talks to 127.0.0.1, runs in the browser process: a process fewer. The
  // GPU process stays a process of its own (no --in-process-gpu), though it only composites in software: as it
  // starts it points the Vulkan loader at SwiftShader with setenv and unsetenv, and glibc's setenv frees the
  // environment array that a getenv on another thread may be reading. In the browser process that getenv is the
  // browser's own, which then dies with SIGSEGV as it starts (README, "Libraries, and why these").
  "--enable-features=NetworkServiceInProcess2",
];

/** @public */
export interface BrowserSession {
  browser: Browser;
  executablePath: string;
  /** closes the browser and removes its profile; safe to call more than once */
  close(): Promise<void>;
}

/** What closes each browser this process started or is starting: Ctrl-C closes them all. */
const open = new Set<() => Promise<void>>();
/** Their browsers' profiles, each with the browser's pid and its socket's folder once known. */
interface Profile {
  pid?: number;
  socketDir?: string;
}
const profiles = new Map<string, Profile>();
/**
 * A last resort, when the process ends without having closed them (the command line gives a browser that will
 * not close ten seconds): each browser is killed before its folders are removed, or it would go on writing there.
 */
process.on("exit", () => {
  for (const [dir, { pid, socketDir }] of profiles) {
    killGroup(pid);
    removeProfile(dir, socketDir);
  }
});

/** Closes every browser of this process and removes its profile (the command line's Ctrl-C). */
export async function closeAllBrowsers(): Promise<void> {
  await Promise.all([...open].map((close) => close()));
}

/** Ctrl-C, a kill, and the terminal closed (SIGHUP) end a build alike. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  void closeAllBrowsers().finally(() => {
    // the command line reports and exits itself; a program with no handler of its own gets the default
    if (process.listeners(signal).every((l) => l === onSignal)) {
      for (const s of SIGNALS) process.off(s, onSignal);
      process.kill(process.pid, signal);
    }
  });
}

/** A profile folder names the process that owns it: booklet-chromium-PID-XXXXXX. */
const PROFILE_PREFIX = "booklet-chromium-";
const PROFILE = /^booklet-chromium-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * Removes the profile folders of builds that were killed (kill -9 gives no time to remove them): those whose
 * owner is no longer running. Folders of running builds, and any other folder, are left alone.
 * @public
 */
export function removeStaleProfiles(dir = os.tmpdir()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed = names.filter((name) => {
    const owner = PROFILE.exec(name)?.[1];
    return owner !== undefined && !isRunning(Number(owner));
  });
  for (const name of removed) removeProfile(path.join(dir, name));
  return removed.map((name) => path.join(dir, name));
}

/** The folder Chromium makes for its singleton socket, which its profile links to (SingletonSocket). */
const SOCKET_DIR = /^org\.chromium\.Chromium\.[A-Za-z0-9]{6}$/;

/** The folder of a browser's singleton socket, as its profile's SingletonSocket link names it; or none. */
function socketDirOf(profile: string): string | undefined {
  try {
    const dir = path.dirname(fs.readlinkSync(path.join(profile, "SingletonSocket")));
    return SOCKET_DIR.test(path.basename(dir)) ? dir : undefined;
  } catch {
    // no socket: the browser had not made it
    return undefined;
  }
}

/**
 * Removes a profile folder, and the folder of the browser's singleton socket when that is outside it (the
 * temporary folder's path was too long for a socket). Chromium leaves that folder behind when it is closed, and
 * may remove the link to it as it ends: the folder read from the link when the browser had started is given.
 */
function removeProfile(dir: string, socketDir?: string): void {
  for (const socket of new Set([socketDir, socketDirOf(dir)]))
    if (socket) fs.rmSync(socket, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The longest path of a Unix socket (Linux's sun_path holds 108 bytes with its NUL). */
const SOCKET_PATH_MAX = 107;

/** Where Chromium makes its singleton socket, given its temporary folder (TMPDIR). */
const socketIn = (tmp: string) => path.join(tmp, "org.chromium.Chromium.XXXXXX", "SingletonSocket");

/**
 * Chromium's environment: its temporary folder is its profile, so that what it makes there (the
 * org.chromium.Chromium.XXXXXX folder of its singleton socket, which it leaves behind) goes with the
 * profile, whichever way the browser ends. Unless that socket's path would be too long for a socket: then
 * the system's temporary folder.
 */
function chromiumEnv(userDataDir: string): NodeJS.ProcessEnv {
  // Chromium keeps its crash reports in ~/.config/chromium and GLib its dconf settings in ~/.cache, whatever
  // the profile: both in the profile, which goes with the browser, so that a build reads and leaves nothing
  // in the user's home (in the container image, HOME is /tmp)
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(userDataDir, "xdg-config"),
    XDG_CACHE_HOME: path.join(userDataDir, "xdg-cache"),
  };
  return Buffer.byteLength(socketIn(userDataDir)) > SOCKET_PATH_MAX ? env : { ...env, TMPDIR: userDataDir };
}

/**
 * A temporary folder whose path is too long for the socket Chromium makes there, even outside the profile:
 * Chromium would fail to start, saying only that it could not make its socket.
 * @public
 */
export function socketPathProblem(tmp = os.tmpdir(), env = process.env): BookletError | undefined {
  const socket = socketIn(tmp);
  const length = Buffer.byteLength(socket);
  if (length <= SOCKET_PATH_MAX) return undefined;
  const named = env.TMPDIR ? " (TMPDIR names it)" : "";
  const most = SOCKET_PATH_MAX - (length - Buffer.byteLength(tmp));
  return new BookletError(
    "TempDirTooLong",
    `The temporary folder ${tmp}${named} has a path of ${Buffer.byteLength(tmp)} bytes: the browser makes a socket there (${socket}), and a socket's path can be at most ${SOCKET_PATH_MAX} bytes, so the folder's at most ${most}.`,
  );
}

/** Kills a browser and every process it started: it leads a process group of its own. */
function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Waits until no process of the group led by `pid` runs, `seconds` at most. */
async function groupEnded(pid: number | undefined, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  // a timer that holds the process: a build that ends meanwhile would leave the group behind
  while (pid && groupRuns(pid) && Date.now() < until) await sleep(20);
}

function track(close: () => Promise<void>, dir: string, profile: Profile): void {
  open.add(close);
  profiles.set(dir, profile);
  for (const signal of SIGNALS) if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
}

function untrack(close: () => Promise<void>, dir: string): void {
  open.delete(close);
  profiles.delete(dir);
  if (open.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}

/** A new profile folder in the temporary folder, named by this process. */
function makeProfile(): string {
  try {
    return fs.mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  } catch (e) {
    throw tempDirCause(e) ?? e;
  }
}

/**
 * Launches the browser for one build, tracked so that it is closed however the build ends.
 * @public
 */
export async function launchBrowser(options: {
  configured?: string;
  timeoutSeconds: number;
  log?: (line: string) => void;
}): Promise<BrowserSession> {
  const executablePath = findBrowser({ configured: options.configured });
  // puppeteer is loaded here, not at the top: it takes about half a second, and `booklet check`, which
  // never starts a browser, loads this module through build.ts
  const { default: puppeteer } = await import("puppeteer-core");
  const shell = isHeadlessShell(executablePath);
  // the headless shell makes no singleton socket: no folder is too long for it
  const problem = checkTempDir() ?? (shell ? undefined : socketPathProblem());
  if (problem) throw problem;
  for (const dir of removeStaleProfiles())
    options.log?.(`removed ${dir}, the browser profile of a build that was killed`);
  const userDataDir = makeProfile();
  let chromium: Chromium;
  try {
    chromium = startChromium(executablePath, startArgs(puppeteer, shell, userDataDir), chromiumEnv(userDataDir));
  } catch (e) {
    removeProfile(userDataDir);
    throw e;
  }
  // tracked before the browser has started: a Ctrl-C while Chromium starts closes it too
  const session = closer(chromium, userDataDir);
  track(session.close, userDataDir, session.profile);
  try {
    const browser = await withTimeout(
      connect(puppeteer, chromium),
      options.timeoutSeconds,
      "launch",
      "starting the browser",
    );
    session.started(browser);
    // which program: Chromium's headless shell, found first, or a browser (--verbose)
    options.log?.(`browser: ${executablePath}`);
    return { browser, executablePath, close: session.close };
  } catch (e) {
    // a browser whose pipe closed is ending: how it ends (its exit code) is awaited before anything is killed
    if (!(e instanceof BookletError)) await Promise.race([chromium.ended, sleep(5000, undefined, { ref: false })]);
    await session.close();
    throw await launchError(e, executablePath, chromium, session.killed(), options.timeoutSeconds);
  }
}

type Puppeteer = Pick<import("puppeteer-core").PuppeteerNode, "connect" | "defaultArgs">;

/**
 * puppeteer's arguments with booklet's flags, but no window at start: each edition opens its own page in a
 * context of its own, and the blank tab puppeteer asks for (about:blank) made Chromium open a window and
 * start a renderer for nothing (a screen build used about 0.3 s more CPU with them).
 */
function startArgs(puppeteer: Puppeteer, shell: boolean, userDataDir: string): string[] {
  // the shell is headless whatever it is told; puppeteer gives it the switch it was made for
  const args = puppeteer.defaultArgs({ headless: shell ? "shell" : true, userDataDir, args: [...LAUNCH_FLAGS] });
  return [...args.filter((a) => a !== "about:blank"), "--no-startup-window"];
}

/** Chromium's headless shell: Debian's chromium-headless-shell, or Chrome for Testing's chrome-headless-shell. */
function isHeadlessShell(executablePath: string): boolean {
  return /(chromium|chrome)-headless-shell(\.exe)?$/.test(path.basename(executablePath));
}

/** The browser ended while it was starting. */
class BrowserEnded extends Error {}

/** puppeteer over the browser's pipe, once it answers there. */
async function connect(puppeteer: Puppeteer, chromium: Chromium): Promise<Browser> {
  // a browser that ends while starting fails the launch at once, whatever puppeteer was waiting for
  const ended = chromium.ended.then((e) => Promise.reject(new BrowserEnded(describeEnding(e))));
  ended.catch(() => undefined);
  const connecting = puppeteer.connect({ transport: chromium.transport });
  return Promise.race([connecting, ended]);
}

/**
 * What closes the browser, once: a started browser is asked to close (five seconds, then it is killed); one still
 * starting is killed. Its profile is removed once the browser, and every process it started, has ended: none
 * writes there after.
 */
function closer(chromium: Chromium, userDataDir: string) {
  let browser: Browser | undefined;
  let killed = false;
  let closed: Promise<void> | undefined;
  const profile: Profile = { pid: chromium.child.pid };
  const ended = (seconds: number) =>
    Promise.race([chromium.ended.then(() => true), sleep(seconds * 1000, false, { ref: false })]);
  const close = (): Promise<void> => {
    closed ??= (async () => {
      if (browser) await Promise.race([browser.close().catch(() => undefined), sleep(5000, undefined, { ref: false })]);
      if (!browser || !(await ended(5))) {
        killed = !(await ended(0));
        killGroup(profile.pid);
        await ended(10);
      }
      // what of its group may still run (a renderer that outlived it) goes too, before its folder; kill()
      // returns before a process has ended, so the build waits for that (a loaded machine takes its time)
      killGroup(profile.pid);
      await groupEnded(profile.pid, 5);
      removeProfile(userDataDir, profile.socketDir);
      untrack(close, userDataDir);
    })();
    return closed;
  };
  return {
    close,
    profile,
    /** the browser has started: it is closed by puppeteer, and its socket's folder is known from now on */
    started(b: Browser) {
      browser = b;
      profile.socketDir = socketDirOf(userDataDir);
    },
    /** whether booklet killed the browser, which was still running */
    killed: () => killed,
  };
}

/** "exit code 3", "signal SIGSEGV" */
function describeEnding(e: Ending): string {
  if (e.error) return `an error: ${e.error.message}`;
  return e.signal ? `signal ${e.signal}` : `exit code ${e.code}`;
}

/** The error of a launch that failed, with how the browser ended and the last lines it wrote to stderr. */
async function launchError(
  e: unknown,
  executablePath: string,
  chromium: Chromium,
  killed: boolean,
  timeoutSeconds: number,
): Promise<unknown> {
  if (e instanceof BookletError && e.kind === "StageTimeout") {
    return new BookletError(
      "StageTimeout",
      `The browser ${executablePath} did not start within ${timeoutSeconds} s. Run it by hand (\`${executablePath} --headless --no-sandbox --dump-dom about:blank\`) to see why; on a slow machine, raise \`timeouts.launch\` in booklet.yaml.`,
    );
  }
  if (e instanceof BookletError) return e;
  const cause = tempDirCause(e);
  if (cause) return cause;
  const ending = await chromium.ended;
  const how = killed ? "it was still running, and was stopped" : `it ended with ${describeEnding(ending)}`;
  // what went wrong on the DevTools pipe of a browser that was running; of one that ended, the pipe's closing
  // ("Target closed") says nothing more than its end
  const waiting =
    e instanceof BrowserEnded || !killed ? "" : ` (${(e as Error).message.split("\n")[0].replace(/\s+/g, " ").trim()})`;
  const tail = await chromium.stderrTail();
  const said = tail.length
    ? `. The last lines it wrote to stderr:\n${tail.map((line) => `  ${line}`).join("\n")}`
    : ". It wrote nothing to stderr.";
  return new BookletError("BrowserLaunch", `${executablePath} did not start: ${how}${waiting}${said}`, { cause: e });
}
