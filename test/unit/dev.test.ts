import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyChange } from "../../src/dev/changes.ts";
import { keptPages } from "../../src/dev/kept.ts";
import { overlayErrors } from "../../src/dev/overlay.ts";
import { type DevServer, startDevServer } from "../../src/dev/server.ts";
import { watchFiles } from "../../src/dev/watch.ts";
import { BookletError, BookletErrors } from "../../src/errors/booklet-error.ts";
import { tempDir } from "../helpers/tmp.ts";

/** A document as renderDocument gives it, from chapter bodies. */
function doc(bodies: Record<string, string>, options: { css?: string; title?: string } = {}) {
  const chapters = Object.entries(bodies).map(([id, html]) => ({
    id,
    title: id,
    short: id,
    file: `${id}.md`,
    html,
    notes: 0,
    markdown: "",
  }));
  const html = `<html><body><nav>${options.title ?? "Contents"}</nav>${chapters.map((c) => `<section class="chapter" id="${c.id}"><h1>${c.title}</h1>${c.html}</section>`).join("")}</body></html>`;
  return {
    html,
    styles: new Map([["/_styles/booklet.css", options.css ?? "p { margin: 0 }"]]),
    chapters,
    foreword: undefined,
  };
}

describe("what a rebuild changed", () => {
  const before = doc({ "ch-a": "<p>one</p>", "ch-b": "<p>two</p>" });

  it("is one chapter when only that chapter's body differs", () => {
    expect(classifyChange({ before, after: doc({ "ch-a": "<p>one</p>", "ch-b": "<p>two, edited</p>" }) })).toEqual({
      kind: "chapter",
      id: "ch-b",
    });
  });

  it("is nothing when the document is the same", () => {
    expect(classifyChange({ before, after: doc({ "ch-a": "<p>one</p>", "ch-b": "<p>two</p>" }) })).toEqual({
      kind: "none",
    });
  });

  it("is everything when two chapters, a stylesheet, the order or something outside the chapters changed", () => {
    expect(classifyChange({ before, after: doc({ "ch-a": "<p>1</p>", "ch-b": "<p>2</p>" }) }).kind).toBe("full");
    expect(
      classifyChange({
        before,
        after: doc({ "ch-a": "<p>one</p>", "ch-b": "<p>two</p>" }, { css: "p { margin: 1em }" }),
      }).kind,
    ).toBe("full");
    expect(classifyChange({ before, after: doc({ "ch-b": "<p>two</p>", "ch-a": "<p>one</p>" }) }).kind).toBe("full");
    // the contents changed along with the chapter (a new title): the page of contents must be laid out too
    expect(
      classifyChange({
        before,
        after: doc({ "ch-a": "<p>one</p>", "ch-b": "<p>two, edited</p>" }, { title: "Table of contents" }),
      }),
    ).toMatchObject({ kind: "full", reason: "more than the chapter's body changed" });
    expect(classifyChange({ before: undefined, after: before }).kind).toBe("full");
  });

  it("is everything when the chapter's old body occurs twice in the document", () => {
    const twice = doc({ "ch-a": "<p>same</p>", "ch-b": "<p>same</p>" });
    expect(classifyChange({ before: twice, after: doc({ "ch-a": "<p>same</p>", "ch-b": "<p>new</p>" }) }).kind).toBe(
      "full",
    );
  });
});

describe("an error as the preview shows it", () => {
  it("gives the file relative to the project, the line, a code frame and the hint", () => {
    const text = 'title: A\npublisher: "B\nslug: c\n';
    const e = new BookletError("ConfigYamlSyntax", "Missing closing quote", {
      location: { file: "/p/content/booklet.yaml", line: 2, column: 12 },
      sourceText: text,
    });
    const [o] = overlayErrors(new BookletErrors([e]), "/p");
    expect(o).toMatchObject({
      code: "B102",
      file: "content/booklet.yaml",
      line: 2,
      column: 12,
      title: "booklet.yaml is not valid YAML",
    });
    expect(o.frame).toMatch(/> 2 \| publisher: "B/);
    expect(o.hint).toBeTruthy();
  });

  it("puts errors before warnings and keeps an unexpected error readable", () => {
    const w = new BookletError("SourceNeverCited", "never cited", { severity: "warning" });
    const e = new BookletError("UnknownTable", "no such table");
    expect(overlayErrors(new BookletErrors([w, e]), "/").map((x) => x.severity)).toEqual(["error", "warning"]);
    expect(overlayErrors(new TypeError("boom"), "/")[0]).toMatchObject({ code: "B999", message: "boom" });
  });
});

describe("the preview's server", () => {
  let root: string;
  let server: DevServer;
  const reports: unknown[] = [];
  // the version 3 the server serves: its stylesheet is changed by a test
  let styles = new Map([["/_styles/a.css", "p{}"]]);
  const get = (p: string, host?: string) =>
    new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const req = http.get(
        { host: "127.0.0.1", port: server.port, path: p, headers: { host: host ?? `127.0.0.1:${server.port}` } },
        (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
        },
      );
      req.on("error", reject);
    });

  /** A POST's status, with these headers over the preview's own host. */
  const post = (p: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: p,
          method: "POST",
          headers: { host: `127.0.0.1:${server.port}`, "content-type": "text/html", ...headers },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.end(body);
    });

  beforeAll(async () => {
    root = tempDir("booklet-devserver-");
    const kept = keptPages({ dir: path.join(root, "kept"), contentDir: path.join(root, "content"), generator: "test" });
    fs.mkdirSync(path.join(root, "content", "images"), { recursive: true });
    fs.writeFileSync(path.join(root, "content", "images", "a.png"), "png");
    fs.writeFileSync(path.join(root, "secret.txt"), "secret");
    server = await startDevServer({
      port: 0,
      contentDir: path.join(root, "content"),
      document: (v) =>
        v === 3
          ? {
              version: 3,
              html: "<!doctype html><html><head><link rel=stylesheet href=_styles/a.css></head><body><p>the booklet</p></body></html>",
              styles,
            }
          : undefined,
      state: () => ({ version: 3 }),
      onReport: (r) => reports.push(r),
      kept: () => kept,
    });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it("serves the document with Paged.js and the preview's script before its stylesheets, under a strict policy", async () => {
    const r = await get("/v3/");
    expect(r.status).toBe(200);
    expect(r.body).toMatch(
      /<head><script src="\/_dev\/frame\.js\?run=\w+"><\/script><script src="\/_pagedjs\/paged\.polyfill\.js\?run=\w+"><\/script>.*<link rel=stylesheet href=_styles\/a\.css>/,
    );
    expect(r.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect((await get("/v3/_styles/a.css")).body).toBe("p{}");
    expect((await get("/_pagedjs/paged.polyfill.js")).body).toMatch(/PagedPolyfill|Paged/);
    expect((await get("/v9/")).status).toBe(410);
  });

  it("serves files of the content folder and nothing outside it", async () => {
    expect((await get("/v3/images/a.png")).body).toBe("png");
    for (const p of [
      "/v3/../secret.txt",
      "/v3/%2e%2e/secret.txt",
      "/v3/_content/../../secret.txt",
      "/v3/..%2fsecret.txt",
      "/secret.txt",
      "/etc/passwd",
      "/_fonts/../../package.json",
    ]) {
      const r = await get(p);
      expect(r.status, p).not.toBe(200);
      expect(r.body).not.toContain("secret");
    }
  });

  it("answers only to its own host name (a page of another site cannot reach it through DNS)", async () => {
    expect((await get("/v3/", "evil.example:80")).status).toBe(403);
    expect((await get("/v3/", `localhost:${server.port}`)).status).toBe(200);
  });

  it("takes the page's reports as JSON", async () => {
    const status = await post("/_dev/report", JSON.stringify({ type: "ready", version: 3, pages: 12 }), {
      "content-type": "application/json",
    });
    expect(status).toBe(204);
    expect(reports).toContainEqual({ type: "ready", version: 3, pages: 12 });
  });

  it("keeps a page's laid-out pages for that version and browser, and gives them back at another origin", async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const laidOut = `<html><head><style>@font-face{src:url(${origin}/_fonts/a.woff2)} p{background:url(${origin}/v3/images/a.png)}</style></head><body><div class="pagedjs_pages"><p>the booklet</p></div></body></html>`;
    expect((await get("/v3/?kept=Browser%201")).status).toBe(404);
    // not the preview's page, not a version it serves, not laid out: nothing kept
    expect(await post("/_dev/kept?v=3&browser=Browser%201", laidOut, { origin: "http://evil.example" })).toBe(403);
    expect(await post("/_dev/kept?v=9&browser=Browser%201", laidOut)).toBe(404);
    expect(await post("/_dev/kept?v=3&browser=Browser%201", "<p>not laid out</p>")).toBe(422);
    expect(fs.existsSync(path.join(root, "kept"))).toBe(false);

    expect(await post("/_dev/kept?v=3&browser=Browser%201", laidOut, { origin })).toBe(204);
    const [entry] = fs.readdirSync(path.join(root, "kept"));
    // written without the server's origin, which the next session does not have
    expect(fs.readFileSync(path.join(root, "kept", entry), "utf8")).not.toContain(`${server.port}`);
    const back = await get("/v3/?kept=Browser%201", `localhost:${server.port}`);
    expect(back.status).toBe(200);
    expect(back.body).toContain(`url(http://localhost:${server.port}/_fonts/a.woff2)`);
    expect(back.body).toContain(`url(http://localhost:${server.port}/v3/images/a.png)`);
    // the frame's and the join's scripts, not Paged.js: the pages are laid out
    expect(back.body).toMatch(
      /<head><script src="\/_dev\/frame\.js\?run=\w+"><\/script><script src="\/_booklet\/join\.js/,
    );
    expect(back.body).not.toContain("paged.polyfill.js");
    expect(back.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    // another browser (or zoom), or a changed stylesheet: not these pages
    expect((await get("/v3/?kept=Browser%202")).status).toBe(404);
    styles = new Map([["/_styles/a.css", "p{color:red}"]]);
    try {
      expect((await get("/v3/?kept=Browser%201")).status).toBe(404);
    } finally {
      styles = new Map([["/_styles/a.css", "p{}"]]);
    }
  });
});

describe("the preview's kept pages", () => {
  const version = (n: number) => ({
    version: n,
    html: `<html><body><p>version ${n}</p></body></html>`,
    styles: new Map([["/_styles/a.css", "p{}"]]),
  });
  const pages = (n: number) => `<html><body><div class="pagedjs_pages"><p>version ${n}</p></div></body></html>`;
  const origin = "http://127.0.0.1:4170";
  // the entries (beside them, a file a browser naming its last)
  const entries = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => path.join(dir, f));

  it("keeps the newest 24 and gives each back to its own version only", () => {
    const root = tempDir("booklet-kept-");
    try {
      const dir = path.join(root, "kept");
      const kept = keptPages({ dir, contentDir: root, generator: "test" });
      for (let n = 1; n <= 26; n++) {
        expect(kept.write(version(n), "B", origin, pages(n))).toBe(true);
        // the entry just written (the newest file) dated a second after the one before: the times of files
        // written within one tick of the clock may be equal
        const newest = entries(dir).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
        fs.utimesSync(newest, new Date(), new Date(Date.now() - (26 - n) * 1000));
      }
      expect(entries(dir)).toHaveLength(24);
      expect(kept.read(version(1), "B", origin)).toBeUndefined();
      expect(kept.read(version(2), "B", origin)).toBeUndefined();
      expect(kept.read(version(3), "B", origin)).toEqual({ html: pages(3) });
      expect(kept.read(version(26), "B", origin)).toEqual({ html: pages(26) });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("gives the last pages a browser kept for a version that differs from theirs by one chapter, with its id", () => {
    const root = tempDir("booklet-kept-");
    const doc = (n: number, a: string, b: string, css = "p{}") => ({
      version: n,
      html: `<html><body><section class="chapter" id="a">${a}</section><section class="chapter" id="b">${b}</section></body></html>`,
      styles: new Map([["/_styles/a.css", css]]),
      chapters: [
        { id: "a", html: a },
        { id: "b", html: b },
      ],
    });
    try {
      const kept = keptPages({ dir: path.join(root, "kept"), contentDir: root, generator: "test" });
      expect(kept.write(doc(1, "<p>one</p>", "<p>two</p>"), "B", origin, pages(1))).toBe(true);
      // the second chapter changed: the pages of version 1, to lay that chapter out in
      expect(kept.read(doc(2, "<p>one</p>", "<p>two, changed</p>"), "B", origin)).toEqual({
        html: pages(1),
        chapter: "b",
      });
      // two chapters, a stylesheet, another browser: nothing
      expect(kept.read(doc(3, "<p>one, changed</p>", "<p>two, changed</p>"), "B", origin)).toBeUndefined();
      expect(kept.read(doc(4, "<p>one</p>", "<p>two, changed</p>", "p{color:red}"), "B", origin)).toBeUndefined();
      expect(kept.read(doc(5, "<p>one</p>", "<p>two, changed</p>"), "C", origin)).toBeUndefined();
      // another booklet (or Paged.js, or font): nothing
      const upgraded = keptPages({ dir: path.join(root, "kept"), contentDir: root, generator: "test 2" });
      expect(upgraded.read(doc(7, "<p>one</p>", "<p>two, changed</p>"), "B", origin)).toBeUndefined();
      // the same version again: its own pages
      expect(kept.read(doc(6, "<p>one</p>", "<p>two</p>"), "B", origin)).toEqual({ html: pages(1) });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("says once that a folder cannot be written, and keeps nothing there", () => {
    const root = tempDir("booklet-kept-");
    const warnings: string[] = [];
    try {
      // a file where the folder should be
      fs.writeFileSync(path.join(root, "kept"), "not a folder");
      const kept = keptPages({
        dir: path.join(root, "kept"),
        contentDir: root,
        generator: "test",
        warn: (l) => warnings.push(l),
      });
      expect(kept.write(version(1), "B", origin, pages(1))).toBe(false);
      expect(kept.write(version(2), "B", origin, pages(2))).toBe(false);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^the preview's pages could not be kept in .*kept \(EEXIST.*\): it lays them out as before$/,
      );
      expect(kept.read(version(1), "B", origin)).toBeUndefined();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the watcher", () => {
  it("reports a burst of saves once, and not an editor's swap and backup files", async () => {
    const dir = tempDir("booklet-watch-");
    fs.mkdirSync(path.join(dir, "chapters"));
    const bursts: string[][] = [];
    const w = watchFiles({
      dirs: [dir],
      debounceMs: 80,
      onChange: (files) => bursts.push(files.map((f) => path.relative(dir, f)).sort()),
    });
    try {
      // an editor's save: a swap file, a backup, the file itself twice
      fs.writeFileSync(path.join(dir, "chapters", ".01-a.md.swp"), "x");
      fs.writeFileSync(path.join(dir, "chapters", "01-a.md~"), "x");
      fs.writeFileSync(path.join(dir, "chapters", "01-a.md"), "one");
      fs.writeFileSync(path.join(dir, "chapters", "01-a.md"), "two");
      fs.writeFileSync(path.join(dir, "sources.yaml"), "[]");
      const deadline = Date.now() + 5000;
      while (bursts.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(bursts).toEqual([[path.join("chapters", "01-a.md"), "sources.yaml"]]);
    } finally {
      w.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps following a file that an editor saves by renaming a new file over it, and a folder made later", async () => {
    const dir = tempDir("booklet-watch-");
    fs.mkdirSync(path.join(dir, "chapters"));
    const file = path.join(dir, "chapters", "01-a.md");
    fs.writeFileSync(file, "zero");
    const bursts: string[][] = [];
    const w = watchFiles({
      dirs: [dir],
      debounceMs: 80,
      onChange: (files) => bursts.push(files.map((f) => path.relative(dir, f)).sort()),
    });
    /** Makes a change, waits for its burst; the change's burst, or none. */
    const burst = async (change: () => void) => {
      const n = bursts.length;
      change();
      const deadline = Date.now() + 5000;
      while (bursts.length === n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      return bursts.slice(n);
    };
    try {
      // vim's and JetBrains' save: a new file renamed over the chapter; then two ordinary saves
      expect(
        await burst(() => {
          fs.writeFileSync(`${file}___jb_tmp___`, "one");
          fs.renameSync(`${file}___jb_tmp___`, file);
        }),
      ).toEqual([[path.join("chapters", "01-a.md")]]);
      expect(await burst(() => fs.writeFileSync(file, "two"))).toEqual([[path.join("chapters", "01-a.md")]]);
      expect(await burst(() => fs.writeFileSync(file, "three"))).toEqual([[path.join("chapters", "01-a.md")]]);
      // a folder made after the start is watched too
      expect(await burst(() => fs.mkdirSync(path.join(dir, "editions", "2027"), { recursive: true }))).toEqual([
        ["editions"],
      ]);
      expect(await burst(() => fs.writeFileSync(path.join(dir, "editions", "2027", "foreword.md"), "x"))).toEqual([
        [path.join("editions", "2027", "foreword.md")],
      ]);
    } finally {
      w.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
