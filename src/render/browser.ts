// Finds and launches the system Chromium once per run; closes it idempotently, also on Ctrl-C.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";
import { BookletError } from "../errors/booklet-error.ts";
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

/** PUPPETEER_EXECUTABLE_PATH first, then `browser:` of booklet.yaml, then the usual system paths. */
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
  if (!found) throw new BookletError("BrowserNotFound", `Looked in ${SYSTEM_PATHS.slice(0, 5).join(", ")} and found none.`);
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
];

export interface BrowserSession {
  browser: Browser;
  executablePath: string;
  /** closes the browser and removes its profile; safe to call more than once */
  close(): Promise<void>;
}

export async function launchBrowser(options: { configured?: string; timeoutSeconds: number; log?: (line: string) => void }): Promise<BrowserSession> {
  const executablePath = findBrowser({ configured: options.configured });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-chromium-"));
  let browser: Browser;
  try {
    browser = await withTimeout(
      puppeteer.launch({
        executablePath,
        headless: true,
        args: [...LAUNCH_FLAGS, `--user-data-dir=${userDataDir}`],
        userDataDir,
        timeout: options.timeoutSeconds * 1000,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      }),
      options.timeoutSeconds,
      "launch",
      "starting the browser",
    );
  } catch (e) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    if (e instanceof BookletError) throw e;
    throw new BookletError("BrowserLaunch", `${executablePath} did not start: ${(e as Error).message.split("\n")[0]}`, { cause: e });
  }
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      try {
        await browser.close();
      } catch {
        // already gone
      }
      fs.rmSync(userDataDir, { recursive: true, force: true });
    })();
    return closed;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void close().finally(() => process.kill(process.pid, signal));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return { browser, executablePath, close };
}
