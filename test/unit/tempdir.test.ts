// The temporary folder the browser needs: missing, not a folder, or full, it is named with the cause, never
// reported as a bug of booklet's (the browser's own messages were "ENOENT mkdtemp", "Protocol error (IO.read)").
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTempDir, tempDirCause } from "../../src/render/tempdir.ts";
import { tempDir } from "../helpers/tmp.ts";

const root = tempDir("booklet-test-tempdir-");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const plenty = () => 10 * 1024 ** 3;

describe("the temporary folder", () => {
  it("is fine when it exists, can be written and has room", () => {
    expect(checkTempDir({ dir: root, freeBytes: plenty })).toBeUndefined();
    expect(
      tempDirCause(new Error("Protocol error (IO.read): Read failed"), { dir: root, freeBytes: plenty }),
    ).toBeUndefined();
  });

  it("that does not exist is named, with TMPDIR when that named it", () => {
    const missing = path.join(root, "gone");
    const e = checkTempDir({ dir: missing, env: { TMPDIR: missing }, freeBytes: plenty })!;
    expect(e.code).toBe("B508");
    expect(e.message).toBe(
      `The temporary folder ${missing} (TMPDIR names it) does not exist: the browser keeps its profile and its shared memory there.`,
    );
  });

  it("that is a file, or lies under one, is named", () => {
    const file = path.join(root, "a-file");
    fs.writeFileSync(file, "x");
    expect(checkTempDir({ dir: file, env: {}, freeBytes: plenty })!.message).toContain(
      `${file} is a file, not a folder`,
    );
    expect(checkTempDir({ dir: path.join(file, "sub"), env: {}, freeBytes: plenty })!.message).toContain(
      "lies under a file, not a folder",
    );
  });

  it("whose disk is full is named with the room left, before the browser starts and when it failed", () => {
    const before = checkTempDir({ dir: root, env: {}, freeBytes: () => 3 * 1024 * 1024 })!;
    expect(before.code).toBe("B510");
    expect(before.message).toContain(`The disk of the temporary folder ${root} is full: 3.0 MB free`);
    // room enough to start, too little to print: the browser's failure is put down to it
    const during = tempDirCause(new Error("Protocol error (IO.read): Read failed"), {
      dir: root,
      env: {},
      freeBytes: () => 40 * 1024 * 1024,
    })!;
    expect(during.code).toBe("B510");
    expect(during.message).toContain("40.0 MB free");
    // a write that found the disk full says so whatever the room now
    const nospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect(tempDirCause(nospc, { dir: root, env: {}, freeBytes: plenty })!.code).toBe("B510");
  });
});
