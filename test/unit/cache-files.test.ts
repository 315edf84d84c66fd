// The caches' files (layout, charts, the preview's kept pages): written whole or not at all, and a cache that
// cannot be written is only not kept, whatever stands in its folder's place.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeEntry } from "../../src/render/layout-cache.ts";
import { writeWhole } from "../../src/shared/index.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("a cache's files", () => {
  it("are written whole, through a temporary file that does not stay", () => {
    const root = tempDir("booklet-cache-files-");
    try {
      const file = path.join(root, "charts", "a.svg");
      expect(writeWhole(file, `${file}.1.tmp`, "<svg/>")).toBeUndefined();
      expect(fs.readFileSync(file, "utf8")).toBe("<svg/>");
      expect(fs.readdirSync(path.dirname(file))).toEqual(["a.svg"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("are not kept, without an error, when a file stands where the folder should be", () => {
    const root = tempDir("booklet-cache-files-");
    try {
      // <out>/.cache a file: the build once failed with B999 (ENOTDIR) removing its temporary file
      fs.writeFileSync(path.join(root, ".cache"), "a file");
      const file = path.join(root, ".cache", "charts", "a.svg");
      expect(writeWhole(file, `${file}.1.tmp`, "<svg/>")?.message).toMatch(/ENOTDIR/);
      const dir = path.join(root, ".cache", "layout");
      const warnings: string[] = [];
      expect(() => writeEntry({ dir, common: "" }, "k", "k.json", { key: "k" }, (l) => warnings.push(l))).not.toThrow();
      expect(warnings).toEqual([expect.stringMatching(/^the layout cache .* could not be written \(ENOTDIR/)]);
      expect(fs.readFileSync(path.join(root, ".cache"), "utf8")).toBe("a file");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
