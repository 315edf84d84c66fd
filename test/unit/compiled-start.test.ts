// The command runs dist/ only when it is newer than every source: an edited source must never run stale
// (bin/fresh.js), and BOOKLET_FROM_SOURCE forces the sources.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript, without types
import { compiledIsFresh } from "../../bin/fresh.js";

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-fresh-"));
  fs.mkdirSync(path.join(root, "src", "render"), { recursive: true });
  fs.writeFileSync(path.join(root, "src", "render", "paginate.ts"), "export {};\n");
  fs.writeFileSync(path.join(root, "package.json"), "{}\n");
  return root;
}

/** sets a file's modification time, seconds from now */
function age(file: string, seconds: number) {
  const t = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(file, t, t);
}

function compile(root: string, seconds: number) {
  fs.mkdirSync(path.join(root, "dist"), { recursive: true });
  fs.writeFileSync(path.join(root, "dist", ".compiled"), "");
  age(path.join(root, "dist", ".compiled"), seconds);
}

describe("the compiled command", () => {
  it("is not run when there is no dist/, or no mark of a finished compile", () => {
    const root = project();
    expect(compiledIsFresh(root)).toBe(false);
    fs.mkdirSync(path.join(root, "dist"));
    expect(compiledIsFresh(root)).toBe(false);
  });

  it("is run when compiled after every source and package.json", () => {
    const root = project();
    age(path.join(root, "src", "render", "paginate.ts"), -60);
    age(path.join(root, "package.json"), -60);
    compile(root, 0);
    expect(compiledIsFresh(root)).toBe(true);
  });

  it("is not run when a source, however deep, or package.json changed after the compile", () => {
    const root = project();
    age(path.join(root, "package.json"), -60);
    age(path.join(root, "src", "render", "paginate.ts"), -60);
    compile(root, -30);
    expect(compiledIsFresh(root)).toBe(true);
    age(path.join(root, "src", "render", "paginate.ts"), 0);
    expect(compiledIsFresh(root)).toBe(false);
    age(path.join(root, "src", "render", "paginate.ts"), -60);
    age(path.join(root, "package.json"), 0);
    expect(compiledIsFresh(root)).toBe(false);
  });
});
