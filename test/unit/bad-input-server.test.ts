// The local server gives the page the project's files and nothing else: not a file outside the content
// folder, whether the path climbs out of it or a symbolic link inside it leads out; and no request ends it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import { get } from "../helpers/http.ts";
import { tempProject } from "../helpers/tmp.ts";

describe("the local server", () => {
  let server: LocalServer;
  let root: string;
  beforeAll(async () => {
    root = tempProject({ "secret.txt": "outside the content folder", "content/images/a.svg": "<svg/>" });
    fs.symlinkSync("../../secret.txt", path.join(root, "content/images/link.svg"));
    server = await startServer();
    server.publish("k", { html: "<p>doc</p>", styles: new Map(), contentDir: path.join(root, "content") });
  });
  afterAll(() => server.close());

  it("serves a file of the content folder", async () => {
    expect(await get(`${server.origin}/k/images/a.svg`)).toEqual({ status: 200, body: "<svg/>" });
  });

  it("serves a stylesheet's url() as a file of the content folder, as the checks read it, and no further", async () => {
    // url(images/a.svg) in /k/_styles/own.css: the browser asks for /k/_styles/images/a.svg
    expect(await get(`${server.origin}/k/_styles/images/a.svg`)).toEqual({ status: 200, body: "<svg/>" });
    expect((await get(`${server.origin}/k/_styles/%2e%2e/%2e%2e/secret.txt`)).status).toBe(404);
    expect((await get(`${server.origin}/k/_styles/images/link.svg`)).status).toBe(404);
  });

  it("answers the browser's request for the site's icon with no content, not as a missing file", async () => {
    expect(await get(`${server.origin}/favicon.ico`)).toEqual({ status: 204, body: "" });
    expect(server.misses).not.toContain("/favicon.ico");
  });

  it("refuses a path that climbs out of the content folder", async () => {
    expect((await get(`${server.origin}/k/_content/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it("answers a path with a malformed %-escape with not found, and keeps serving", async () => {
    expect((await get(`${server.origin}/k/images/a%zz.svg`)).status).toBe(404);
    expect(server.misses).toContain("/k/images/a%zz.svg");
    expect((await get(`${server.origin}/k/images/a.svg`)).status).toBe(200);
  });

  it("refuses a symbolic link inside the content folder that leads out of it", async () => {
    const r = await get(`${server.origin}/k/images/link.svg`);
    expect(r.status).toBe(404);
    expect(r.body).not.toMatch(/outside/);
  });
});
