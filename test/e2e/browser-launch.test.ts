// A browser that does not start says why: how it ended and the last lines it wrote to stderr. A temporary
// folder too long for the browser's socket is named before any browser starts. A build stopped while its browser
// starts kills it at once and leaves no folder. Fake browsers are small shell scripts of the test's own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BookletError } from "../../src/errors/index.ts";
import { closeAllBrowsers, findBrowser, launchBrowser, socketPathProblem } from "../../src/render/browser.ts";
import { tempDir } from "../helpers/tmp.ts";

let root: string;
/** the TMPDIR of each test: the browser's profile goes there, and nothing may be left in it */
let tmp: string;
const saved = process.env.TMPDIR;
beforeEach(() => {
  root = tempDir("booklet-test-launch-");
  tmp = path.join(root, "tmp");
  fs.mkdirSync(tmp);
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

/** An executable shell script in the test's folder. */
function script(name: string, body: string): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

async function launchError(configured: string, timeoutSeconds = 600): Promise<BookletError> {
  const e = await launchBrowser({ configured, timeoutSeconds }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(BookletError);
  return e as BookletError;
}

describe("a browser that does not start", () => {
  it("is reported with its exit code and the last lines it wrote to stderr, and leaves no profile", async () => {
    const fake = script("exits-3", 'for i in $(seq 1 40); do echo "complaint $i" >&2; done\nexit 3');
    const e = await launchError(fake);
    expect(e.code).toBe("B402");
    expect(e.message).toContain(`${fake} did not start: it ended with exit code 3.`);
    expect(e.message).toMatch(/The last lines it wrote to stderr:\n( {2}complaint \d+\n)+ {2}complaint 40$/);
    // a tail, not the whole: the first lines are not kept
    expect(e.message).not.toContain("  complaint 1\n");
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("is reported with the signal that ended it", async () => {
    const fake = script("crashes", 'echo "Received signal 11 SEGV_MAPERR" >&2\nkill -SEGV $$');
    const e = await launchError(fake);
    expect(e.code).toBe("B402");
    expect(e.message).toContain("it ended with signal SIGSEGV.");
    expect(e.message).toContain("  Received signal 11 SEGV_MAPERR");
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it("that says nothing is said to have said nothing", async () => {
    const e = await launchError("/bin/false");
    expect(e.message).toBe("/bin/false did not start: it ended with exit code 1. It wrote nothing to stderr.");
  });
});

/** a folder under the test's folder whose path is `bytes` long */
function folderOf(bytes: number): string {
  const dir = `${root}/${"d".repeat(bytes - root.length - 1)}`;
  fs.mkdirSync(dir);
  return dir;
}

// Chromium's browser makes a singleton socket in its temporary folder; the headless shell, which booklet uses
// where it is installed, makes none. The browser is the one found after the shell (Debian's chromium).
const BROWSER = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable"].find((p) =>
  fs.existsSync(p),
);
const SHELL = "/usr/lib/chromium/chromium-headless-shell";

/** PUPPETEER_EXECUTABLE_PATH for each test of the describe that calls this (undefined: unset), then as it was. */
function executablePathIs(value: string | undefined) {
  const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
  const set = (v: string | undefined) => {
    if (v === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
    else process.env.PUPPETEER_EXECUTABLE_PATH = v;
  };
  beforeEach(() => set(value));
  afterEach(() => set(saved));
}

describe.skipIf(!BROWSER)("a temporary folder whose path is too long for the browser's socket", () => {
  executablePathIs(BROWSER);

  it("is named before the browser starts, with the longest path that would do", async () => {
    const long = folderOf(63);
    process.env.TMPDIR = long;
    const marker = path.join(root, "started");
    const e = await launchError(script("would-start", `touch ${marker}\nexit 1`));
    expect(e.code).toBe("B511");
    expect(e.message).toContain(`The temporary folder ${long} (TMPDIR names it) has a path of 63 bytes`);
    expect(e.message).toContain("so the folder's at most 62.");
    expect(fs.existsSync(marker)).toBe(false);
    expect(fs.readdirSync(long)).toEqual([]);
  });

  // the limit is the browser's own: at the longest path allowed, Chromium starts, and its socket's folder (there,
  // not in its profile: the profile's path is longer) is removed with the profile
  it("one byte shorter, lets Chromium start, and nothing of it is left there", async () => {
    const longest = folderOf(62);
    expect(socketPathProblem(longest, {})).toBeUndefined();
    process.env.TMPDIR = longest;
    const session = await launchBrowser({ timeoutSeconds: 600 });
    const page = await session.browser.newPage();
    await page.goto("data:text/html,<p>started</p>");
    expect(await page.evaluate(() => document.body.textContent)).toBe("started");
    const made = fs.readdirSync(longest);
    expect(made.some((n) => n.startsWith("org.chromium.Chromium."))).toBe(true);
    await session.close();
    expect(fs.readdirSync(longest)).toEqual([]);
  });

  // Chromium unlinks SingletonSocket as it ends: killed at that point (a close that took too long), it leaves the
  // link gone and the folder there; the folder is the one the link named when the browser had started
  it("its socket's folder is removed even when the browser was killed after unlinking it", async () => {
    const longest = folderOf(62);
    process.env.TMPDIR = longest;
    const session = await launchBrowser({ timeoutSeconds: 600 });
    const [profile] = fs.readdirSync(longest).filter((n) => n.startsWith("booklet-chromium-"));
    const link = path.join(longest, profile, "SingletonSocket");
    const socketDir = path.dirname(fs.readlinkSync(link));
    expect(path.dirname(socketDir)).toBe(longest);
    fs.unlinkSync(link);
    // the browser process: the one with this profile that is not a child process (--type=renderer, …)
    const ps = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n");
    const line = ps.find((l) => l.includes(`--user-data-dir=${path.join(longest, profile)}`) && !l.includes("--type="));
    const pid = Number(line?.trim().split(/\s+/)[0]);
    expect(pid).toBeGreaterThan(0);
    process.kill(-pid, "SIGKILL");
    await session.close();
    expect(fs.readdirSync(longest)).toEqual([]);
  });
});

describe.skipIf(!fs.existsSync(SHELL))("the headless shell", () => {
  executablePathIs(undefined);

  it("is found before the browser, and starts in a temporary folder too long for the browser's socket", async () => {
    expect(findBrowser({ env: {} })).toBe(SHELL);
    const long = folderOf(90);
    expect(socketPathProblem(long, {})?.code).toBe("B511");
    process.env.TMPDIR = long;
    const session = await launchBrowser({ timeoutSeconds: 600 });
    const page = await session.browser.newPage();
    await page.goto("data:text/html,<p>started</p>");
    expect(await page.evaluate(() => document.body.textContent)).toBe("started");
    expect(session.executablePath).toBe(SHELL);
    await session.close();
    expect(fs.readdirSync(long)).toEqual([]);
  });
});

it("a browser still starting when the build is stopped is killed at once, and its profile removed", async () => {
  const ready = path.join(root, "ready");
  // it starts a process of its own, as Chromium does, says it runs, and never answers on the DevTools pipe
  const fake = script("never-answers", `sleep 100000 &\necho $$ > ${ready}.tmp && mv ${ready}.tmp ${ready}\nwait`);
  // a launch that waits for the browser's start would wait for its whole time limit: here, the test's own
  const launching = launchError(fake, 100000);
  while (!fs.existsSync(ready)) await new Promise((r) => setTimeout(r, 50));
  expect(fs.readdirSync(tmp)).toHaveLength(1);
  await closeAllBrowsers();
  const e = await launching;
  expect(e.code).toBe("B402");
  expect(e.message).toContain("it was still running, and was stopped");
  expect(fs.readdirSync(tmp)).toEqual([]);
});
