// During a build the page reaches only the local server: what only the browser can see (a remote file named
// by a stylesheet the checks do not read, a URL or a script a template inserts from a value) is refused and
// reported at the file where it is written, and the last good PDF stays as it was.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogue, type ErrorName } from "../../src/errors/catalogue.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { paginate } from "../../src/render/paginate.ts";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import { booklet, goodOutput, project, STACK_LINE, snapshot, temporaryFiles } from "../fixtures/bad/corpus.ts";

interface BuildCase {
  mistake: string;
  name: ErrorName;
  file: string;
  line: number;
  column: number;
  message: RegExp;
}

const CASES: BuildCase[] = [
  {
    mistake: "remote-via-stylesheet",
    name: "RequestBlocked",
    file: "assets/more.css",
    line: 3,
    column: 20,
    message: /asked for https:\/\/images\.example\.com\/paper\.png, and was refused/,
  },
  {
    mistake: "remote-from-template-value",
    name: "RequestBlocked",
    file: "booklet.yaml",
    line: 9,
    column: 19,
    message: /asked for https:\/\/images\.example\.com\/logo\.png, and was refused/,
  },
  {
    mistake: "file-url-from-template-value",
    name: "RequestBlocked",
    file: "booklet.yaml",
    line: 9,
    column: 19,
    message: /asked for file:\/\/\/etc\/hostname, and was refused/,
  },
  {
    mistake: "script-from-template-value",
    name: "UnsafeContent",
    file: "templates/partials/cover.hbs",
    line: 13,
    column: 27,
    message: /tried to run a script, and the renderer refused it/,
  },
  {
    mistake: "missing-file-in-template",
    name: "MissingFile",
    file: "templates/partials/cover.hbs",
    line: 13,
    column: 32,
    message: /refers to images\/logo\.png, which does not exist/,
  },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

describe("booklet build on what only the browser sees", () => {
  // one good build into the output folder that every bad build then shares
  let out: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    ({ out, before } = await goodOutput());
  });

  it.concurrent.each(CASES)("$mistake: $name at $file:$line, and the last good PDF is unchanged", async (c) => {
    const { root } = project(c.mistake);
    // the check cannot see it: that is why it is here
    const checked = await booklet(["check", "--content", "content"], { cwd: root });
    expect(checked.code, checked.output).toBe(0);

    const r = await booklet(
      ["build", "--content", "content", "--out", out, "--edition", "2027", "--formats", "screen"],
      { cwd: root },
    );
    const entry = catalogue[c.name];
    expect(r.code, r.output).toBe(1);
    expect(r.output).toContain(`error ${entry.code} ${c.name}: ${entry.title}`);
    expect(r.output).toMatch(new RegExp(`at ${escapeRegExp(`content/${c.file}:${c.line}:${c.column}`)}\\n`));
    expect(r.output).toMatch(c.message);
    expect(r.output).toMatch(new RegExp(`^\\s*>\\s+${c.line} \\| `, "m"));
    expect(r.output).toContain(`what to do: ${entry.hint}`);
    expect(r.output).not.toMatch(STACK_LINE);
    // nothing written, nothing half-written
    expect(snapshot(out)).toEqual(before);
    expect(temporaryFiles(out)).toEqual([]);
  });
});

describe("a script that reaches the page", () => {
  let session: BrowserSession;
  let server: LocalServer;
  beforeAll(async () => {
    [session, server] = await Promise.all([launchBrowser({ timeoutSeconds: 60 }), startServer()]);
  });
  afterAll(async () => {
    await server?.close();
    await session?.close();
  });

  it("does not run: the page's Content-Security-Policy refuses it, and the build says so", async () => {
    const { content } = project();
    // each would ask the server for a marker if it ran
    const html = `<!doctype html><html><head></head><body><p>Text.</p>
<script>fetch("ran-inline")</script>
<img src="images/mark.svg" alt="" onload="fetch('ran-handler')">
<a href="javascript:fetch('ran-link')" id="l">x</a><script>document.getElementById("l").click()</script>
</body></html>`;
    const error = await paginate({
      browser: session.browser,
      server,
      key: "csp",
      doc: { html, styles: new Map(), contentDir: content },
      timeouts: { paginate: 60, print: 60 },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as { kind?: string })?.kind).toBe("UnsafeContent");
    // give a script that ran the time to be heard
    await new Promise((r) => setTimeout(r, 300));
    expect(server.misses.filter((m) => m.includes("ran-"))).toEqual([]);
  });

  it("serves every response with a policy that allows scripts only from booklet's own two folders", async () => {
    const res = await fetch(`${server.origin}/nothing`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(
      new RegExp(`script-src ${escapeRegExp(server.origin)}/_pagedjs/ ${escapeRegExp(server.origin)}/_booklet/(;|$)`),
    );
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe("a good build", () => {
  it("leaves the user's home as it was: the browser keeps its crash reports and settings in its profile", async () => {
    const { root } = project();
    // an empty home, as the container image's HOME=/tmp is on a new container
    const home = path.join(root, "home");
    fs.mkdirSync(home);
    const r = await booklet(["build", "--content", "content", "--formats", "screen", "--out", "output"], {
      cwd: root,
      env: { HOME: home },
    });
    expect(r.code, r.output).toBe(0);
    // Chromium wrote ~/.config/chromium/Crash Reports and GLib ~/.cache/dconf/user, read at the next start
    expect(fs.readdirSync(home, { recursive: true })).toEqual([]);
  });
});
