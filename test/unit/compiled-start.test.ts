// The command runs dist/ only when it was compiled from the sources as they are: an edited source must never
// run stale
// (bin/fresh.js), and BOOKLET_FROM_SOURCE forces the sources.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript, without types
import { compiledIsFresh, writeFingerprint } from "../../bin/fresh.js";
import { tempDir } from "../helpers/tmp.ts";

function project(): string {
  const root = tempDir("booklet-fresh-");
  fs.mkdirSync(path.join(root, "src", "render"), { recursive: true });
  fs.writeFileSync(path.join(root, "src", "render", "paginate.ts"), "export {};\n");
  fs.writeFileSync(path.join(root, "package.json"), "{}\n");
  return root;
}

function compile(root: string) {
  fs.mkdirSync(path.join(root, "dist"), { recursive: true });
  writeFingerprint(root);
}

describe("the compiled command", () => {
  it("is not run when there is no dist/, or no mark of a finished compile", () => {
    const root = project();
    expect(compiledIsFresh(root)).toBe(false);
    fs.mkdirSync(path.join(root, "dist"));
    expect(compiledIsFresh(root)).toBe(false);
  });

  it("is run when compiled from the sources and package.json as they are, whatever their times", () => {
    const root = project();
    compile(root);
    expect(compiledIsFresh(root)).toBe(true);
    // npm sets an installed package's times to when it unpacked each file
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, "src", "render", "paginate.ts"), later, later);
    expect(compiledIsFresh(root)).toBe(true);
  });

  it("is not run when a source, however deep, or package.json changed after the compile", () => {
    const root = project();
    compile(root);
    fs.writeFileSync(path.join(root, "src", "render", "paginate.ts"), "export const edited = 1;\n");
    expect(compiledIsFresh(root)).toBe(false);
    compile(root);
    fs.writeFileSync(path.join(root, "src", "render", "new.ts"), "export {};\n");
    expect(compiledIsFresh(root)).toBe(false);
    compile(root);
    fs.writeFileSync(path.join(root, "package.json"), '{ "version": "2" }\n');
    expect(compiledIsFresh(root)).toBe(false);
  });

  it("is not run when the script that compiles it changed", () => {
    const root = project();
    fs.mkdirSync(path.join(root, "bin"));
    fs.writeFileSync(path.join(root, "bin", "compile.js"), "// bundles src/ into dist/\n");
    compile(root);
    expect(compiledIsFresh(root)).toBe(true);
    fs.writeFileSync(path.join(root, "bin", "compile.js"), "// bundles src/ into dist/, minified\n");
    expect(compiledIsFresh(root)).toBe(false);
  });
});
