// The layout cache's writing: an entry that cannot be written is only not kept, with one warning.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeEntry } from "../../src/render/layout-cache.ts";
import { tempDir } from "../helpers/tmp.ts";

describe("writeEntry", () => {
  it("warns and goes on when the cache's folder is a file (its temporary file cannot even be removed)", () => {
    const root = tempDir("booklet-layout-cache-");
    try {
      const dir = path.join(root, "layout");
      fs.writeFileSync(dir, "a file where the folder should be");
      const warnings: string[] = [];
      expect(() => writeEntry({ dir, common: "" }, "k", "k.json", { key: "k" }, (l) => warnings.push(l))).not.toThrow();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/could not be written/);
      expect(fs.readFileSync(dir, "utf8")).toBe("a file where the folder should be");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
