// Never lose work: a build that fails (a mistake the checks find, Paged.js failing, a stage over its time
// limit, a browser that cannot start or that crashes) says what happened and what to do, and leaves the
// last good PDF in the output folder byte for byte as it was, with no temporary file beside it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogue, type ErrorName } from "../../src/errors/catalogue.ts";
import {
  booklet,
  browsersOf,
  type ChildBrowser,
  chromiumOf,
  goodOutput,
  jsonEvents,
  processesIn,
  project,
  type Run,
  STACK_LINE,
  snapshot,
  temporaryFiles,
} from "../fixtures/bad/corpus.ts";

const BUILD = ["build", "--content", "content", "--edition", "2027", "--formats", "screen"];

let out: string;
let before: Record<string, string>;

beforeAll(async () => {
  ({ out, before } = await goodOutput());
});

/** The build's stage, from its --json events: the document is loaded, Paged.js is being added to the page. */
const loadingPagedJs = (e: Record<string, unknown>) =>
  e.event === "step" && e.stage === "paginate" && e.doing === "loading Paged.js into the page";

/** With --json: exit 1 with one catalogued error, as a JSON event, and the output folder as it was. */
function failedCleanly(r: Run, name: ErrorName): { message: string } {
  const entry = catalogue[name];
  expect(r.code, r.output).toBe(1);
  const errors = jsonEvents(r.stderr).filter((e) => e.severity === "error");
  expect(errors, r.output).toEqual([
    expect.objectContaining({ code: entry.code, name, title: entry.title, hint: entry.hint }),
  ]);
  expect(snapshot(out)).toEqual(before);
  expect(temporaryFiles(out)).toEqual([]);
  return errors[0] as { message: string };
}

/** Exit 1 with one catalogued error, no stack trace, and the output folder as it was. */
function expectFailedCleanly(r: Run, name: ErrorName) {
  const entry = catalogue[name];
  expect(r.code, r.output).toBe(1);
  expect(r.output).toContain(`error ${entry.code} ${name}: ${entry.title}`);
  expect(r.output).toContain(`what to do: ${entry.hint}`);
  expect(r.output).not.toMatch(STACK_LINE);
  expect(snapshot(out)).toEqual(before);
  expect(temporaryFiles(out)).toEqual([]);
}

describe.concurrent("a build that fails", () => {
  it("on a mistake the checks find runs them first: the error of booklet check, and nothing written", async () => {
    const { root } = project("unknown-source");
    const r = await booklet([...BUILD, "--out", out], { cwd: root });
    expectFailedCleanly(r, "UnknownSource");
    expect(r.output).toContain("at content/chapters/02-second.md:6:63");
  });

  it("because Paged.js throws reports a PageError without its stack", async () => {
    const { root } = project("pagedjs-fails");
    const r = await booklet([...BUILD, "--out", out], { cwd: root });
    expectFailedCleanly(r, "PageError");
    expect(r.output).toMatch(/Paged\.js failed.*: Cannot read properties of null/);
  });

  it("because pagination takes longer than timeouts.paginate stops within the limit, naming the stage, the chapter and the key to raise", async () => {
    const { root, content } = project("paginate-timeout");
    // a chapter far too long to be laid out in the two seconds booklet.yaml allows: some 250 pages, which take
    // about 7 s on this project's faster machine (1,200 paragraphs and 5 s were laid out in time there)
    const notes = Array.from(
      { length: 3000 },
      (_, i) =>
        `Paragraph ${i + 1}: the report counts visitors, and the blog counts wreaths, day after day, in the same words.[^n${i}]\n\n[^n${i}]: Note ${i + 1}.`,
    );
    fs.writeFileSync(
      path.join(content, "chapters/02-second.md"),
      `---\ntitle: The second chapter\norder: 2\n---\nThe {{edition.ordinal}} anniversary.[@report-2020]\n\n${notes.join("\n\n")}\n`,
    );
    const r = await booklet([...BUILD, "--out", out], { cwd: root });
    expectFailedCleanly(r, "StageTimeout");
    expect(r.output).toMatch(/raise `timeouts\.paginate` in booklet\.yaml \(now 2\)/);
    // The stage is named either way. On a busy machine (CI, with other builds beside the tests) the limit has
    // run out while the page was still loading the document or Paged.js, before the layout started: there is then no
    // chapter to name, and the message must say that the browser, not the content, was slow.
    const doing =
      /The paginate stage did not finish (laying out the pages with Paged\.js|loading the document|loading Paged\.js into the page) within 2 s/.exec(
        r.output,
      );
    expect(doing, r.output).not.toBeNull();
    if (doing![1].startsWith("loading")) {
      expect(r.output).toContain("The browser is slow or stuck");
      expect(r.output).not.toMatch(/^\s+at content\//m);
    } else {
      // how far it got, and where: the chapter, and its file as the location
      const chapter = /the last of them in the chapter "([^"]+)" \((ch-[\w-]+)\)/.exec(r.output);
      if (chapter) expect(r.output).toContain(`at content/chapters/${chapter[2].slice(3)}.md`);
      else if (/it had laid out \d+ pages?/.test(r.output)) {
        // pages of booklet's own sections only (the cover): what follows them, not "before the first page", and
        // no chapter named
        expect(r.output).toMatch(/Look at what follows those pages/);
        expect(r.output).not.toMatch(/in the chapter/);
      } else expect(r.output).toContain("It stopped before the first page was done");
    }
  });

  it.each([
    [
      "/bin/false",
      "BrowserLaunch",
      /\/bin\/false did not start: it ended with exit code 1\. It wrote nothing to stderr\./,
    ],
    [
      "/nonexistent/chromium",
      "BrowserNotFound",
      /PUPPETEER_EXECUTABLE_PATH names \/nonexistent\/chromium, which does not exist/,
    ],
  ] as const)("because the browser %s cannot start gives one clear message", async (browser, name, message) => {
    const { root } = project();
    const r = await booklet([...BUILD, "--out", out], {
      cwd: root,
      env: { PUPPETEER_EXECUTABLE_PATH: browser },
    });
    expectFailedCleanly(r, name);
    expect(r.output).toMatch(message);
    expect(r.output.match(/^error /gm)).toHaveLength(1);
  });

  it("because the temporary folder does not exist names it and what to do, not a bug of booklet's", async () => {
    const { root } = project();
    const tmp = path.join(root, "no-such-tmp");
    const r = await booklet([...BUILD, "--out", out], { cwd: root, env: { TMPDIR: tmp } });
    expectFailedCleanly(r, "TempDirMissing");
    expect(r.output).toContain(`The temporary folder ${tmp} (TMPDIR names it) does not exist`);
    expect(r.output).not.toMatch(/B999|ENOENT/);
  });

  // a full disk is made with a small tmpfs, which needs the right to mount (root in a container): said when skipped
  it.skipIf(!canMount())(
    "because the temporary folder's disk is full names it, the room left and what to do",
    async () => {
      const { root } = project();
      const tmp = path.join(root, "small-tmp");
      fs.mkdirSync(tmp);
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", tmp]);
      try {
        // what is left once a file has taken most of it
        fs.writeFileSync(path.join(tmp, "filler"), Buffer.alloc(1900 * 1024));
        const r = await booklet([...BUILD, "--out", out], { cwd: root, env: { TMPDIR: tmp } });
        expectFailedCleanly(r, "TempDirFull");
        expect(r.output).toMatch(
          new RegExp(`The disk of the temporary folder ${tmp} \\(TMPDIR names it\\) is full: 0\\.\\d MB free`),
        );
        // nothing of booklet's was left there
        expect(fs.readdirSync(tmp).filter((n) => n.startsWith("booklet-"))).toEqual([]);
      } finally {
        execFileSync("umount", [tmp]);
      }
    },
  );

  it("because the browser stops answering ends at the stage's time limit, kills the browser and writes nothing", async () => {
    const { root } = project("browser-stops");
    let stopped: ChildBrowser[] = [];
    const r = await booklet([...BUILD, "--out", out, "--verbose", "--json"], {
      cwd: root,
      onOutput: (output, child) => {
        if (stopped.length || !jsonEvents(output).some(loadingPagedJs)) return;
        stopped = browsersOf(child);
        for (const b of stopped) process.kill(-b.pgid, "SIGSTOP");
      },
    });
    try {
      expect(stopped.length).toBeGreaterThan(0);
      expect(failedCleanly(r, "StageTimeout").message).toMatch(/^The paginate stage did not finish .* within 3 s/);
      // three seconds of waiting, five for the page and five for the browser to close, then it is killed
      expect(processesIn(stopped.map((b) => b.pgid))).toEqual([]);
    } finally {
      for (const b of stopped) {
        try {
          process.kill(-b.pgid, "SIGKILL");
        } catch {
          // gone, as it should be
        }
      }
    }
  });

  it("because the browser crashes while it paginates says so, and writes nothing", async () => {
    const { root } = project();
    let killed = false;
    const r = await booklet([...BUILD, "--out", out, "--json"], {
      cwd: root,
      onOutput: (output, child) => {
        if (killed || !jsonEvents(output).some(loadingPagedJs)) return;
        killed = true;
        for (const pid of chromiumOf(child)) process.kill(-pid, "SIGKILL");
      },
    });
    expect(killed).toBe(true);
    expect(failedCleanly(r, "BrowserCrashed").message).toMatch(/^The browser closed while the paginate stage was/);
  });
});

/** Whether this process may mount a tmpfs (root, with the right to mount), tried once on a folder of its own. */
function canMount(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-test-mount-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir], { stdio: "ignore" });
    execFileSync("umount", [dir]);
    return true;
  } catch {
    console.warn("skipped: the full-disk test needs the right to mount a tmpfs");
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
