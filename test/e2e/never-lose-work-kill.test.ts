// A build killed outright (kill -9 of its process group) or whose terminal closed (SIGHUP) takes its browser
// with it: at every stage, no Chromium of that build is left running, and no profile folder is left either
// (SIGHUP: the build removes it; kill -9: the next build does). The build's stage is followed through its
// --json events, and each build has a temporary folder (TMPDIR) of its own to look into.
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import {
  booklet,
  browsersOf,
  type ChildBrowser,
  jsonEvents,
  processesIn,
  project,
  temporaryFiles,
} from "../fixtures/bad/corpus.ts";
import { tempDir } from "../helpers/tmp.ts";

// --no-cache: a build killed while writing may have written its files whole, and the next one, finding the edition
// up to date, would start no browser to be killed
const BUILD = ["build", "--content", "content", "--edition", "2027", "--formats", "screen", "--json", "--no-cache"];

const root = project().root;
const out = path.join(root, "output");
/** the temporary folder of the builds killed with kill -9: the next build's to clean */
const killedTmp = path.join(root, "tmp-killed");
fs.mkdirSync(killedTmp);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

type Event = Record<string, unknown>;
/**
 * Each stage a build is killed in, and the event that says the build is in it. Writing comes first: the builds
 * killed with kill -9 share one temporary folder, each removes the profile the one before it left, and the
 * last (printing) leaves its own to the final test.
 */
const STAGES: [string, (e: Event) => boolean][] = [
  ["writing", (e) => e.event === "step" && e.stage === "write"],
  ["loading", (e) => e.event === "step" && e.stage === "paginate" && e.doing === "loading the document"],
  ["paginating", (e) => e.event === "progress" && e.stage === "paginate" && Number(e.done) >= 2],
  ["printing", (e) => e.event === "step" && e.stage === "paginate" && e.doing === "printing the PDF"],
];

/**
 * Runs a build in a process group of its own and sends the group `signal` at the first event `when` accepts.
 * Writing takes a few milliseconds, less than the event takes to reach this process on a loaded machine: a
 * build in it gets the signal from itself, at the point where its files are complete and about to be renamed
 * into place (BOOKLET_FAULT, src/faults.ts), and the event only says when to look at its browsers. The print
 * takes half a second, and the browser is closed as soon as it ends: a build stops itself as its print begins
 * (SIGSTOP; its browser runs on), is looked at and signalled, then let go on (SIGCONT) to meet the signal.
 */
async function killedAt(when: (e: Event) => boolean, signal: NodeJS.Signals, tmp: string, stage: string) {
  let browsers: ChildBrowser[] = [];
  let signalled = false;
  let pid: number | undefined;
  const faults: Record<string, string> = { writing: `rename-1:${signal}`, printing: "print:SIGSTOP" };
  const fault = faults[stage] ? { BOOKLET_FAULT: faults[stage] } : {};
  const r = await booklet(BUILD.concat("--out", out), {
    cwd: root,
    env: { TMPDIR: tmp, ...fault },
    detached: true,
    onOutput: (output, child) => {
      if (signalled || !jsonEvents(output).some(when)) return;
      signalled = true;
      pid = child.pid;
      browsers = browsersOf(child);
      if (stage === "writing") return;
      try {
        process.kill(-child.pid!, signal);
        if (stage === "printing") process.kill(child.pid!, "SIGCONT");
      } catch {
        // it ended meanwhile (the files were written): what it left is checked all the same
      }
    },
  });
  return { r, browsers, signalled, pid };
}

/** The profile folders in a temporary folder. */
const profiles = (tmp: string) => fs.readdirSync(tmp).filter((n) => n.startsWith("booklet-chromium-"));
/** The browser's folders in a temporary folder: its profiles, and the folders of its singleton socket. */
const browserFolders = (tmp: string) =>
  fs.readdirSync(tmp).filter((n) => n.startsWith("booklet-chromium-") || n.startsWith("org.chromium."));
/**
 * A build's profile folder names the build's process (booklet-chromium-PID-XXXXXX): read from the folder, not
 * from the browser's arguments, which `ps` may show before Chromium has them (or not at all for a browser that
 * has just exited and not yet been reaped).
 */
const profileOf = (pid: number | undefined) => new RegExp(`^booklet-chromium-${pid}-[A-Za-z0-9]{6}$`);

/** Polls until `check` gives an empty list or ten seconds have passed (the OS reaps the processes), then gives it. */
async function settled<T>(check: () => T[]): Promise<T[]> {
  for (let i = 0; i < 100 && check().length; i++) await sleep(100);
  return check();
}

describe("a build killed at each stage", () => {
  for (const [stage, when] of STAGES) {
    it(`with kill -9 while ${stage} leaves no Chromium of its own running, and removes the profile a killed build left`, async () => {
      const { r, browsers, signalled, pid } = await killedAt(when, "SIGKILL", killedTmp, stage);
      expect(signalled, r.output).toBe(true);
      expect(r.signal, r.output).toBe("SIGKILL");
      expect(await settled(() => processesIn(browsers.map((b) => b.pgid)))).toEqual([]);
      // until the end of the layout the browser runs, and must be seen to die with the build; its profile is
      // the only one left: this build removed the one the build killed before it had left
      if (stage !== "writing") {
        expect(browsers.length, "the build's browser was seen").toBeGreaterThan(0);
        const left = profiles(killedTmp);
        expect(left).toHaveLength(1);
        expect(left[0]).toMatch(profileOf(pid));
      }
    });

    it(`with SIGHUP (its terminal closed) while ${stage} closes its browser and removes its profile`, async () => {
      const tmp = fs.mkdtempSync(path.join(root, "tmp-hup-"));
      const { r, browsers, signalled } = await killedAt(when, "SIGHUP", tmp, stage);
      expect(signalled, r.output).toBe(true);
      if (stage !== "writing") {
        expect(browsers.length, "the build's browser was seen").toBeGreaterThan(0);
        expect(r.code, r.output).toBe(129);
        expect(r.output).toContain("Stopped by SIGHUP (the terminal closed)");
      }
      expect(await settled(() => processesIn(browsers.map((b) => b.pgid)))).toEqual([]);
      expect(await settled(() => browserFolders(tmp))).toEqual([]);
      expect(temporaryFiles(out)).toEqual([]);
    });
  }

  it("the next build removes the profile folders of the builds killed with kill -9, and what they left half-written", async () => {
    // the last build killed with kill -9 had no time to remove its profile
    expect(profiles(killedTmp)).toHaveLength(1);
    const r = await booklet(BUILD.concat("--out", out), { cwd: root, env: { TMPDIR: killedTmp } });
    expect(r.code, r.output).toBe(0);
    expect(profiles(killedTmp)).toEqual([]);
    expect(temporaryFiles(out)).toEqual([]);
    // the temporary folder holds nothing of booklet's, nor of its browser's
    expect(fs.readdirSync(killedTmp).filter((n) => n.startsWith("booklet-") || n.startsWith("org.chromium."))).toEqual(
      [],
    );
  });
});

// a profile folder of a build that is running is not another build's to remove
it("leaves alone the profile folder of a build still running", async () => {
  const { removeStaleProfiles } = await import("../../src/render/browser.ts");
  const tmp = tempDir("booklet-test-profiles-");
  try {
    const mine = path.join(tmp, `booklet-chromium-${process.pid}-abc123`);
    const gone = path.join(tmp, "booklet-chromium-999999999-abc123");
    const other = path.join(tmp, "booklet-chromium-Xy12Zw");
    for (const d of [mine, gone, other]) fs.mkdirSync(d);
    expect(removeStaleProfiles(tmp)).toEqual([gone]);
    expect(fs.readdirSync(tmp).sort()).toEqual([path.basename(mine), path.basename(other)].sort());
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
