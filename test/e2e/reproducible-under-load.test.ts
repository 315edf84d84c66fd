// Two builds of the shipped booklet with the same SOURCE_DATE_EPOCH, one on the machine as it is and one
// beside busy loops on every core, give the same bytes in every file: a slow machine must not change the
// output (under a load average of about 18, one build in three had written its screen and print PDFs with
// their tagged structure tree in another order).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { build } from "../../src/build.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import { tempDir } from "../helpers/tmp.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
let session: BrowserSession;
let server: LocalServer;
let root: string;

beforeAll(async () => {
  session = await launchBrowser({ timeoutSeconds: 60 });
  server = await startServer();
  root = tempDir("booklet-load-");
});

afterAll(async () => {
  await server?.close();
  await session?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** Busy loops, four for each core, for as long as the test needs them. */
function busyLoops(): ChildProcess[] {
  return Array.from({ length: 4 * os.availableParallelism() }, () =>
    spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }),
  );
}

it("builds the same bytes, every file, with and without the machine's cores kept busy", {
  timeout: 900_000,
}, async () => {
  const options = {
    contentDir: CONTENT,
    editions: [2027],
    formats: ["screen" as const, "print" as const],
    env: { ...process.env, SOURCE_DATE_EPOCH: "1768867200" },
    session,
    server,
  };
  await build({ ...options, outDir: path.join(root, "quiet") });
  const loops = busyLoops();
  try {
    await build({ ...options, outDir: path.join(root, "busy") });
  } finally {
    for (const loop of loops) loop.kill("SIGKILL");
  }
  // the shipped booklet has a translation: the base language's files are in <year>/<lang>/
  const quiet = path.join(root, "quiet", "2027", "en-GB");
  const busy = path.join(root, "busy", "2027", "en-GB");
  expect(fs.readdirSync(busy).sort()).toEqual(fs.readdirSync(quiet).sort());
  for (const f of fs.readdirSync(quiet))
    expect(fs.readFileSync(path.join(busy, f)).equals(fs.readFileSync(path.join(quiet, f))), f).toBe(true);
});
