// Output is written all or nothing: when writing or renaming fails half-way, the previous files are back in
// place, byte for byte, and no temporary file is left (no browser needed: the writer is tested directly).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomically } from "../../src/output/write.ts";
import { BookletError } from "../../src/errors/booklet-error.ts";
import { snapshot, temporaryFiles } from "../fixtures/bad/corpus.ts";
import { tempProject } from "../helpers/tmp.ts";

function previousBuild() {
  const dir = tempProject({ "2027/good-2027.pdf": "%PDF-1.7 the last good one", "2027/changes.md": "# old changes\n" });
  return { dir, year: path.join(dir, "2027"), before: snapshot(dir) };
}

describe("writing the output of a build", () => {
  it("replaces every file when all can be written", () => {
    const { dir, year } = previousBuild();
    writeAtomically([
      { path: path.join(year, "good-2027.pdf"), bytes: "%PDF-1.7 new" },
      { path: path.join(year, "manifest.json"), bytes: "{}" },
    ]);
    expect(fs.readFileSync(path.join(year, "good-2027.pdf"), "utf8")).toBe("%PDF-1.7 new");
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("puts the files already renamed back when a later one cannot be renamed into place", () => {
    const { dir, year, before } = previousBuild();
    // where manifest.json should go there is a folder: its rename fails after the PDF's has been done
    fs.mkdirSync(path.join(year, "manifest.json", "x"), { recursive: true });
    const error = (() => {
      try {
        writeAtomically([
          { path: path.join(year, "good-2027.pdf"), bytes: "%PDF-1.7 new" },
          { path: path.join(year, "changes.md"), bytes: "# new changes\n" },
          { path: path.join(year, "new-file.txt"), bytes: "new" },
          { path: path.join(year, "manifest.json"), bytes: "{}" },
        ]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BookletError);
    expect((error as BookletError).kind).toBe("WriteFailed");
    // the previous files byte for byte, the new one gone, nothing temporary left
    const after = snapshot(dir);
    expect(Object.fromEntries(Object.entries(after).filter(([k]) => !k.startsWith(path.join("2027", "manifest.json"))))).toEqual(before);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("leaves no temporary file when the writing itself fails half-way", () => {
    const { dir, year, before } = previousBuild();
    // a value the file system cannot take: the write throws after the temporary file was opened
    const bad = { byteLength: 1 } as unknown as Uint8Array;
    expect(() => writeAtomically([{ path: path.join(year, "changes.md"), bytes: "# new\n" }, { path: path.join(year, "good-2027.pdf"), bytes: bad }])).toThrow(BookletError);
    expect(temporaryFiles(dir)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });
});
