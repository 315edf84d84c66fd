// booklet as other people install it: packed into a tarball, installed into a folder of its own outside
// this repository, used there to start a booklet project in another folder, which builds and checks
// through the project's npm scripts. The PDF is read back with Poppler.

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript, without types
import { compiledIsFresh } from "../../bin/fresh.js";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const tmp = tempDir("booklet-packed-");
const env = {
  ...process.env,
  CI: "1",
  SOURCE_DATE_EPOCH: String(Date.UTC(2026, 10, 21) / 1000),
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};
const sh = (cmd: string, args: string[], cwd: string) =>
  spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
let tarball = "";

beforeAll(() => {
  // a copy of what the package ships, compiled there: packing here would rewrite the dist/ that other
  // tests run while they run
  const stage = path.join(tmp, "stage");
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  for (const entry of [...pkg.files, "package.json", "tsconfig.json"]) {
    const from = path.join(ROOT, entry.replace(/\/$/, ""));
    if (!entry.startsWith("dist") && fs.existsSync(from))
      fs.cpSync(from, path.join(stage, entry.replace(/\/$/, "")), { recursive: true });
  }
  if (compiledIsFresh(ROOT)) {
    // what npm pack's prepack makes in this repository (npm run compile: tsc, the bundle, the patched Paged.js
    // kept, the fingerprint), already made from these very sources by npm ci's prepare: not compiled again
    fs.cpSync(path.join(ROOT, "dist"), path.join(stage, "dist"), { recursive: true });
  } else {
    // sources edited since: compiled there by the package's own script, as npm pack's prepack would
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(stage, "node_modules"));
    const compiled = sh("npm", ["run", "compile"], stage);
    expect(compiled.status, compiled.stderr).toBe(0);
    fs.rmSync(path.join(stage, "node_modules"));
  }
  const packed = sh("npm", ["pack", "--ignore-scripts", "--pack-destination", tmp], stage);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = path.join(tmp, packed.stdout.trim().split("\n").pop()!);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("booklet installed from its package", () => {
  it("ships the compiled JavaScript and only what the command needs", () => {
    const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    expect(list).toContain("package/dist/cli.js");
    expect(list).toContain("package/dist/.compiled");
    expect(list).toContain("package/dist/paged.polyfill.js");
    expect(list).toContain("package/templates/styles/booklet.css");
    expect(list.filter((f) => /^package\/(test|content|bench|output|node_modules)\//.test(f))).toEqual([]);
  });

  it("installs into a folder of its own, scaffolds a project elsewhere that builds and checks through npm scripts", () => {
    const tool = path.join(tmp, "tool");
    fs.mkdirSync(tool);
    fs.writeFileSync(path.join(tool, "package.json"), '{ "private": true }\n');
    // no dependency's install script run, as npm 12 installs unless a project allows one: booklet needs none
    const install = sh(
      "npm",
      ["install", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", tarball],
      tool,
    );
    expect(install.status, install.stderr).toBe(0);
    const installed = path.join(tool, "node_modules", "booklet");
    // the installed command runs the compiled files, not the TypeScript through tsx
    const fresh = sh(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { compiledIsFresh } from ${JSON.stringify(path.join(installed, "bin", "fresh.js"))}; console.log(compiledIsFresh(${JSON.stringify(installed)}))`,
      ],
      tool,
    );
    expect(fresh.stdout.trim()).toBe("true");
    // and the Paged.js it serves is the one compile patched and kept: the pinned release with the patches it
    // ships applied (read through the module's source, which the package ships: dist/ is one bundle)
    const pagedjs = JSON.stringify(path.join(installed, "src", "render", "pagedjs.ts"));
    const [kept, key] = ["paged.polyfill.js", "paged.polyfill.key"].map((f) =>
      JSON.stringify(path.join(installed, "dist", f)),
    );
    const used = sh(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const m = await import(${pagedjs}); const files = m.patchFiles(); console.log(files.length > 0 && m.keptPolyfill(${kept}, ${key}, files)?.equals(Buffer.from(m.applyPatches(m.readPinned(), files))))`,
      ],
      tool,
    );
    expect(used.stdout.trim(), used.stderr).toBe("true");

    const init = sh(
      path.join(tool, "node_modules", ".bin", "booklet"),
      ["init", "../book", "--title", "The Flood of 1953", "--event-date", "1953-02-01"],
      tool,
    );
    expect(init.status, init.stderr).toBe(0);
    expect(init.stderr).toContain("npm install && npm run build");
    const book = path.join(tmp, "book");
    const link = sh("npm", ["install", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], book);
    expect(link.status, link.stderr).toBe(0);
    const build = sh("npm", ["run", "build", "--", "--formats", "screen"], book);
    expect(build.status, build.stderr).toBe(0);
    const check = sh("npm", ["run", "check"], book);
    expect(check.status, check.stderr).toBe(0);
    const text = execFileSync("pdftotext", [path.join(book, "output", "2027", "the-flood-of-1953-2027.pdf"), "-"], {
      encoding: "utf8",
    });
    expect(text).toContain("The Flood of 1953");
    expect(text).toMatch(/74th anniversary/);
  });
});
