// The container image's command, run as the image runs it: docker/entrypoint.sh with the environment of the
// Dockerfile's ENV lines, `booklet` on the PATH, a project where the image mounts /booklet, and a user that
// is not root. This machine has no container engine; its Chromium headless shell is the one the image installs (Debian's).
// The PDF is read back with Poppler.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRYPOINT = path.join(ROOT, "docker/entrypoint.sh");
const FIXTURE = path.join(ROOT, "test/fixtures/minimal");
/** the user the command runs as when the tests run as root (nobody), as the image's USER is not root */
const USER = 65534;

/** The variables the Dockerfile's ENV lines set (`ENV A=1 B=2`). */
function imageEnv(): Record<string, string> {
  const dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  const pairs = dockerfile
    .split("\n")
    .filter((l) => l.startsWith("ENV "))
    .flatMap((l) => l.slice(4).trim().split(/\s+/));
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
}

let bin = "";

beforeAll(() => {
  // `booklet` on the PATH, as `npm install -g` puts it in the image
  bin = tempDir("booklet-container-bin-");
  fs.symlinkSync(path.join(ROOT, "bin/booklet.js"), path.join(bin, "booklet"));
  fs.chmodSync(bin, 0o755);
});

/** A folder for the mount, readable and writable by the user the command runs as. */
function mount(): string {
  const dir = tempDir("booklet-container-");
  fs.chmodSync(dir, 0o755);
  return dir;
}

function giveAway(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (const rel of ["", ...(fs.readdirSync(dir, { recursive: true }) as string[])])
    fs.chownSync(path.join(dir, rel), USER, USER);
}

/** Runs the entrypoint with the image's environment, the mount at `dir`, as a user that is not root. */
function run(dir: string, args: string[]) {
  const env = {
    ...process.env,
    ...imageEnv(),
    BOOKLET_DIR: dir,
    PATH: `${bin}:${process.env.PATH}`,
    SOURCE_DATE_EPOCH: "1800000000",
    NO_COLOR: "1",
  };
  const asRoot = process.getuid?.() === 0;
  const [cmd, ...rest] = asRoot
    ? ["setpriv", `--reuid=${USER}`, `--regid=${USER}`, "--clear-groups", "sh", ENTRYPOINT, ...args]
    : ["sh", ENTRYPOINT, ...args];
  return spawnSync(cmd, rest, { cwd: dir, env, encoding: "utf8", timeout: 600_000 });
}

describe("the container's entrypoint", () => {
  it("sets up the browser the image installs, and a home any user can write", () => {
    const env = imageEnv();
    // Debian's chromium-headless-shell, installed by the image, has its program there
    expect(env.PUPPETEER_EXECUTABLE_PATH).toBe("/usr/lib/chromium/chromium-headless-shell");
    expect(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8")).toMatch(
      /apt-get install [^\n]*\n\s+chromium-headless-shell /,
    );
    expect(env.BOOKLET_DIR).toBe("/booklet");
    expect(env.HOME).toBe("/tmp");
    expect(fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8")).toMatch(/^USER node$/m);
  });

  // the image's browser, which scripts/setup installs: where apt-get could not, this machine cannot run the image's build
  it.skipIf(!fs.existsSync(imageEnv().PUPPETEER_EXECUTABLE_PATH))(
    "builds the project mounted at /booklet into its output/ folder, as a user that is not root",
    () => {
      const dir = mount();
      fs.cpSync(FIXTURE, path.join(dir, "content"), { recursive: true });
      giveAway(dir);
      const r = run(dir, ["build", "--edition", "2027", "--formats", "screen"]);
      expect(r.status, r.stderr).toBe(0);
      const pdf = path.join(dir, "output/2027/alder-reach-2027.pdf");
      if (process.getuid?.() === 0) expect(fs.statSync(pdf).uid).toBe(USER);
      const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
      expect(text).toContain("The Alder Reach Flood");
      expect(text).toMatch(/75th\s+anniversary/);
      expect(fs.existsSync(path.join(dir, "content/output"))).toBe(false);
    },
  );

  it("checks a content folder mounted by itself, and passes options on", () => {
    const dir = mount();
    fs.cpSync(FIXTURE, dir, { recursive: true });
    giveAway(dir);
    const r = run(dir, ["check", "--edition", "2027"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/2027/);
    expect(fs.existsSync(path.join(dir, "output"))).toBe(false);
  });

  it("says what to mount, with exit code 2, when the folder holds no booklet", () => {
    const dir = mount();
    const r = run(dir, []);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`no booklet.yaml in ${dir} or ${dir}/content`);
    expect(r.stderr).toContain('-v "$PWD:/booklet"');
  });
});
