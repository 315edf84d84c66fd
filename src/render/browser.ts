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
import { isRunning } from "../pid.ts";
import { checkTempDir, tempDirCause } from "./tempdir.ts";
import { withTimeout } from "./timeout.ts";

const SYSTEM_PATHS = [
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
export function findBrowser(options: { configured?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const env = options.env ?? process.env;
  const explicit = env.PUPPETEER_EXECUTABLE_PATH || options.configured;
  if (explicit) {
    if (!fs.existsSync(explicit)) {
      const from = env.PUPPETEER_EXECUTABLE_PATH ? "PUPPETEER_EXECUTABLE_PATH" : "booklet.yaml `browser:`";
      throw new BookletError("BrowserNotFound", `${from} names ${explicit}, which does not exist.`);
    }
    return explicit;
  }
  const found = SYSTEM_PATHS.find((p) => fs.existsSync(p));
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
  // with --disable-gpu there is no GPU to isolate: its process (software compositing only) runs in the browser
  // process, and so does the network service, which here only talks to 127.0.0.1 (about 20 MB less in all)
  "--in-process-gpu",
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
/** Their profiles, removed when the process ends without having closed them (a last resort). */
const profiles = new Set<string>();
process.on("exit", () => {
  for (const dir of profiles) removeProfile(dir);
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

/**
 * Removes a profile folder, and the folder of the browser's singleton socket when that is outside it (the
 * temporary folder's path was too long for a socket): Chromium leaves that folder behind when it is closed.
 */
function removeProfile(dir: string): void {
  try {
    const socketDir = path.dirname(fs.readlinkSync(path.join(dir, "SingletonSocket")));
    if (SOCKET_DIR.test(path.basename(socketDir))) fs.rmSync(socketDir, { recursive: true, force: true });
  } catch {
    // no socket: the browser had not made it
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The longest path of a Unix socket (Linux's sun_path holds 108 bytes with its NUL). */
const SOCKET_PATH_MAX = 107;

/**
 * Chromium's environment: its temporary folder is its profile, so that what it makes there (the
 * org.chromium.Chromium.XXXXXX folder of its singleton socket, which it leaves behind) goes with the
 * profile, whichever way the browser ends. Unless that socket's path would be too long for a socket: then
 * the system's temporary folder, as before.
 */
function chromiumEnv(userDataDir: string): NodeJS.ProcessEnv {
  const socket = path.join(userDataDir, "org.chromium.Chromium.XXXXXX", "SingletonSocket");
  if (Buffer.byteLength(socket) > SOCKET_PATH_MAX) return process.env;
  return { ...process.env, TMPDIR: userDataDir };
}

/** Kills a browser and every process it started: puppeteer starts it as the leader of its own process group. */
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

function track(close: () => Promise<void>, dir: string): void {
  open.add(close);
  profiles.add(dir);
  for (const signal of SIGNALS) if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
}

function untrack(close: () => Promise<void>, dir: string): void {
  open.delete(close);
  profiles.delete(dir);
  if (open.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
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
  const problem = checkTempDir();
  if (problem) throw problem;
  for (const dir of removeStaleProfiles())
    options.log?.(`removed ${dir}, the browser profile of a build that was killed`);
  let userDataDir: string;
  try {
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  } catch (e) {
    throw tempDirCause(e) ?? e;
  }
  let browser: Browser | undefined;
  const launching = puppeteer.launch({
    executablePath,
    headless: true,
    // DevTools over a pipe (fds 3 and 4), not a WebSocket: Chromium exits when the pipe closes, so a build
    // killed with kill -9, or whose terminal closed, takes its browser with it (puppeteer starts Chromium in a
    // process group of its own, which a kill of the build's group does not reach)
    pipe: true,
    args: [...LAUNCH_FLAGS, `--user-data-dir=${userDataDir}`],
    userDataDir,
    env: chromiumEnv(userDataDir),
    timeout: options.timeoutSeconds * 1000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // registered before the launch is awaited: a Ctrl-C while Chromium starts must close it too
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      // a browser still starting is waited for (puppeteer's own time limit ends the wait), then closed
      const b =
        browser ??
        (await Promise.race([
          launching.catch(() => undefined),
          sleep((options.timeoutSeconds + 5) * 1000, undefined, { ref: false }),
        ]));
      try {
        // a browser that stopped answering is not waited for: five seconds, then its process is killed
        const done = await Promise.race([b?.close().then(() => true), sleep(5000, false, { ref: false })]);
        if (!done) killGroup(b?.process()?.pid);
      } catch {
        // already gone
      }
      removeProfile(userDataDir);
      untrack(close, userDataDir);
    })();
    return closed;
  };
  track(close, userDataDir);
  try {
    browser = await withTimeout(launching, options.timeoutSeconds, "launch", "starting the browser");
    // the blank tab Chromium opens at start is never used (each edition has a context of its own): closed, it
    // frees its renderer process (about 25 MB)
    const opened = browser;
    await withTimeout(
      (async () => {
        for (const p of await opened.pages()) await p.close().catch(() => undefined);
      })(),
      options.timeoutSeconds,
      "launch",
      "starting the browser",
    );
  } catch (e) {
    await close();
    if (e instanceof BookletError && e.kind === "StageTimeout") {
      throw new BookletError(
        "StageTimeout",
        `The browser ${executablePath} did not start within ${options.timeoutSeconds} s. Run it by hand (\`${executablePath} --headless --no-sandbox --dump-dom about:blank\`) to see why; on a slow machine, raise \`timeouts.launch\` in booklet.yaml.`,
      );
    }
    if (e instanceof BookletError) throw e;
    const cause = tempDirCause(e);
    if (cause) throw cause;
    throw new BookletError(
      "BrowserLaunch",
      `${executablePath} did not start: ${(e as Error).message.split("\n")[0].replace(/\s+/g, " ").trim()}`,
      { cause: e },
    );
  }
  return { browser, executablePath, close };
}
