import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyPatches,
  keepPolyfill,
  keptPolyfill,
  pagedPolyfill,
  patchFiles,
  readPinned,
} from "../../src/render/pagedjs.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("the patched Paged.js", () => {
  it("applies every patch to the pinned 0.4.3 polyfill", () => {
    const pinned = readPinned();
    const patched = pagedPolyfill().toString("utf8");
    expect(pinned).toContain("Paged.js v0.4.3");
    expect(patched.length).toBeGreaterThan(800_000);
    if (patchFiles().length > 0) expect(patched).not.toBe(pinned);
  });

  it("serves the polyfill patched as the patches are now, whether compile kept it or not", () => {
    expect(pagedPolyfill().equals(Buffer.from(applyPatches(readPinned(), patchFiles()), "utf8"))).toBe(true);
  });

  it("uses the kept polyfill only while every patch is as it was when it was kept", () => {
    const dir = tempDir("booklet-test-");
    try {
      fs.mkdirSync(path.join(dir, "patches"));
      const files = patchFiles().map((f) => {
        const copy = path.join(dir, "patches", path.basename(f));
        fs.copyFileSync(f, copy);
        return copy;
      });
      const [file, key] = [path.join(dir, "paged.polyfill.js"), path.join(dir, "paged.polyfill.key")];
      expect(keptPolyfill(file, key, files), "nothing kept yet").toBeUndefined();
      keepPolyfill(file, key, files);
      expect(keptPolyfill(file, key, files)?.toString("utf8")).toBe(applyPatches(readPinned(), files));
      expect(keptPolyfill(file, key, files.slice(1)), "a patch fewer").toBeUndefined();
      // a patch edited after the polyfill was kept: a byte more at its end
      fs.appendFileSync(files[0], "\n");
      expect(keptPolyfill(file, key, files), "a patch edited").toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
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
