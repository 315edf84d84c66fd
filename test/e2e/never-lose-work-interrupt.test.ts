// Ctrl-C during a build stops it at once: the browser of that build is closed (no Chromium of it left
// running, its profile folder removed), no temporary file is left, and the last good PDF is as it was. The
// build's stage is followed through its --json events.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  booklet,
  browsersOf,
  type ChildBrowser,
  goodOutput,
  jsonEvents,
  processesIn,
  project,
  snapshot,
  temporaryFiles,
} from "../fixtures/bad/corpus.ts";

const BUILD = ["build", "--content", "content", "--edition", "2027", "--formats", "screen", "--json"];
type Event = Record<string, unknown>;
const loadingPagedJs = (e: Event) =>
  e.event === "step" && e.stage === "paginate" && e.doing === "loading Paged.js into the page";
const wrote = (e: Event) => e.event === "info" && String(e.message).startsWith("wrote ");

let out: string;
let before: Record<string, string>;

beforeAll(async () => {
  ({ out, before } = await goodOutput());
});

/** Runs a build, sends SIGINT at the first event `when` accepts, and watches the browsers it starts. */
async function interrupted(when: (e: Event) => boolean) {
  const { root } = project();
  const seen = new Map<number, ChildBrowser>();
  let signalled = 0;
  let watch: NodeJS.Timeout | undefined;
  const r = await booklet(BUILD.concat("--out", out), {
    cwd: root,
    onSpawn: (child) => {
      watch = setInterval(() => {
        for (const b of browsersOf(child)) seen.set(b.pid, b);
      }, 50);
    },
    onOutput: (output, child) => {
      if (signalled || !jsonEvents(output).some(when)) return;
      for (const b of browsersOf(child)) seen.set(b.pid, b);
      signalled = Date.now();
      child.kill("SIGINT");
    },
  });
  clearInterval(watch);
  return { r, browsers: [...seen.values()], afterSignalMs: Date.now() - signalled, signalled };
}

function expectNothingLeft(browsers: ChildBrowser[]) {
  // no Chromium of that build is left running, and its profile folder is gone
  expect(processesIn(browsers.map((b) => b.pgid))).toEqual([]);
  for (const b of browsers) if (b.userDataDir) expect(fs.existsSync(b.userDataDir), b.userDataDir).toBe(false);
  // no temporary output file, and the last good PDF as it was
  expect(temporaryFiles(out)).toEqual([]);
  expect(snapshot(out)).toEqual(before);
}

describe.concurrent("Ctrl-C during a build", () => {
  it("while Paged.js paginates closes the browser and its profile, leaves no temporary file and the last PDF as it was", async () => {
    // the document is loaded: Paged.js is being added to the page
    const { r, browsers, afterSignalMs, signalled } = await interrupted(loadingPagedJs);
    expect(signalled, r.output).toBeGreaterThan(0);
    expect(browsers.length, "the build's browser was seen").toBeGreaterThan(0);
    expect(r.code === 130 || r.signal === "SIGINT", r.output).toBe(true);
    expect(jsonEvents(r.stderr)).toContainEqual(
      expect.objectContaining({ code: "B902", name: "Interrupted", title: "The build was interrupted" }),
    );
    // promptly: the browser is closed, not waited for to finish
    expect(afterSignalMs).toBeLessThan(15_000);
    expect(jsonEvents(r.output).some(wrote)).toBe(false);
    expectNothingLeft(browsers);
  });

  it("before the browser has started stops the build too, instead of carrying on and writing the files", async () => {
    // the first line is printed once the configuration is read, while the browser starts
    const { r, browsers, afterSignalMs } = await interrupted(
      (e) => e.event === "info" && String(e.message).startsWith("booklet: the 37th anniversary edition"),
    );
    expect(r.code === 130 || r.signal === "SIGINT", r.output).toBe(true);
    expect(afterSignalMs).toBeLessThan(15_000);
    expect(jsonEvents(r.output).some(wrote)).toBe(false);
    expect(jsonEvents(r.output).some(loadingPagedJs)).toBe(false);
    expectNothingLeft(browsers);
  });
});
