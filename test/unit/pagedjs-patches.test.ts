import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyPatches, pagedPolyfill, patchFiles, readPinned } from "../../src/render/pagedjs.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("the patched Paged.js", () => {
  it("applies every patch to the pinned 0.4.3 polyfill", () => {
    const pinned = readPinned();
    const patched = pagedPolyfill().toString("utf8");
    expect(pinned).toContain("Paged.js v0.4.3");
    expect(patched.length).toBeGreaterThan(800_000);
    if (patchFiles().length > 0) expect(patched).not.toBe(pinned);
  });

  it("names a patch that does not apply", () => {
    const dir = tempDir("booklet-test-");
    const bad = path.join(dir, "009-bad.patch");
    fs.writeFileSync(bad, "--- a\n+++ b\n@@ -1,1 +1,1 @@\n-no such line in the polyfill\n+x\n");
    try {
      expect(() => applyPatches(readPinned(), [bad])).toThrow(/009-bad\.patch does not apply/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
