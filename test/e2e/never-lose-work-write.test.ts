// Output is written all or nothing: when writing or renaming fails half-way, or the build is killed at any
// rename, the edition's folder holds the previous files or the new ones, byte for byte, never some of each;
// what a killed build left is completed or removed by the next one (no browser needed: the writer is tested
// directly, in a process of its own when it is to be killed).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BookletError } from "../../src/errors/booklet-error.ts";
import { type PendingFile, recoverOutput, writeAtomically } from "../../src/output/write.ts";
import { booklet, project, ROOT, snapshot, temporaryFiles } from "../fixtures/bad/corpus.ts";
import { tempProject } from "../helpers/tmp.ts";

const folders: string[] = [];
afterAll(() => {
  for (const d of folders) fs.rmSync(d, { recursive: true, force: true });
});

function previousBuild() {
  const dir = tempProject({
    "2027/good-2027.pdf": "%PDF-1.7 the last good one",
    "2027/changes.md": "# old changes\n",
    "2027/manifest.json": '{ "old": true }\n',
  });
  folders.push(dir);
  return { dir, year: path.join(dir, "2027"), before: snapshot(dir) };
}

describe("writing the output of a build", () => {
  it("replaces every file when all can be written, and keeps the others of the edition's folder", () => {
    const { dir, year, before } = previousBuild();
    writeAtomically([
      { path: path.join(year, "good-2027.pdf"), bytes: "%PDF-1.7 new" },
      { path: path.join(year, "manifest.json"), bytes: "{}" },
    ]);
    expect(fs.readFileSync(path.join(year, "good-2027.pdf"), "utf8")).toBe("%PDF-1.7 new");
    expect(fs.readFileSync(path.join(year, "manifest.json"), "utf8")).toBe("{}");
    // changes.md was not written anew (a build of some formats only): it is kept as it was
    expect(snapshot(dir)[path.join("2027", "changes.md")]).toBe(before[path.join("2027", "changes.md")]);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("changes nothing when a folder stands where one of the files is to go", () => {
    const { dir, year } = previousBuild();
    // where manifest.json should go there is a folder (someone's, not booklet's to replace)
    fs.rmSync(path.join(year, "manifest.json"));
    fs.mkdirSync(path.join(year, "manifest.json", "x"), { recursive: true });
    const before = snapshot(dir);
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
    expect((error as BookletError).message).toContain(`${path.join(year, "manifest.json")} is a folder`);
    // the previous files byte for byte, the folder still there, nothing new, nothing temporary left
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(year, "manifest.json", "x"))).toBe(true);
    expect(temporaryFiles(dir)).toEqual([]);
  });

  it("leaves no temporary file when the writing itself fails half-way", () => {
    const { dir, year, before } = previousBuild();
    // a value the file system cannot take: the write throws after the temporary file was opened
    const bad = { byteLength: 1 } as unknown as Uint8Array;
    expect(() =>
      writeAtomically([
        { path: path.join(year, "changes.md"), bytes: "# new\n" },
        { path: path.join(year, "good-2027.pdf"), bytes: bad },
      ]),
    ).toThrow(BookletError);
    expect(temporaryFiles(dir)).toEqual([]);
    expect(snapshot(dir)).toEqual(before);
  });
});

/** The new set of an edition: every file rewritten, and one more. */
function newSet(year: string): PendingFile[] {
  return [
    { path: path.join(year, "good-2027.pdf"), bytes: "%PDF-1.7 the new one" },
    { path: path.join(year, "changes.md"), bytes: "# new changes\n" },
    { path: path.join(year, "good-2027-print.pdf"), bytes: "%PDF-1.7 new print" },
    { path: path.join(year, "manifest.json"), bytes: '{ "new": true }\n' },
  ];
}

/** The writer in a process of its own, killed by BOOKLET_FAULT at one point of the writing. */
function writeKilledAt(point: string, files: PendingFile[]) {
  const script = `import { writeAtomically } from ${JSON.stringify(path.join(ROOT, "src/output/write.ts"))}; writeAtomically(JSON.parse(process.env.FILES));`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, BOOKLET_FAULT: point, FILES: JSON.stringify(files) },
    encoding: "utf8",
  });
}

describe("a build killed while it writes", () => {
  it.each([
    // before the new folder is marked complete, before the old one is set aside, between the two renames,
    // before the old one is removed
    ["rename-1", "old"],
    ["rename-2", "old"],
    ["rename-3", "new"],
    ["remove-old", "new"],
  ] as const)(
    "at %s leaves the previous set or the new one, and the next build finishes it: the %s set, nothing temporary",
    (point, expected) => {
      const { dir, year, before } = previousBuild();
      const files = newSet(year);
      const expectedNew = tempProject(
        Object.fromEntries(files.map((f) => [path.relative(dir, f.path), String(f.bytes)])),
      );
      folders.push(expectedNew);
      const after = snapshot(expectedNew);
      const r = writeKilledAt(point, files);
      expect(r.signal, r.stderr).toBe("SIGKILL");
      // as the kill left it: the edition's folder holds one whole set, or (between the two renames) is not there
      if (fs.existsSync(year)) expect([inside(before), inside(after)]).toContainEqual(snapshot(year));
      else expect(point).toBe("rename-3");
      // the next build: every leftover completed or removed
      recoverOutput(dir);
      expect(snapshot(dir)).toEqual(expected === "old" ? before : after);
      expect(temporaryFiles(dir)).toEqual([]);
    },
  );

  it("between the two renames is finished by the next command-line build, even one that fails at once", async () => {
    // a real build killed with SIGKILL between setting the old folder aside and renaming the new one in
    const { root } = project();
    const { root: bad } = project("unknown-source");
    folders.push(root, bad);
    const out = path.join(root, "output");
    const first = await booklet(
      ["build", "--content", "content", "--edition", "2027", "--formats", "screen", "--out", out],
      { cwd: root },
    );
    expect(first.code, first.output).toBe(0);
    const r = await booklet(
      ["build", "--content", "content", "--edition", "2027", "--formats", "screen,html", "--out", out],
      { cwd: root, env: { BOOKLET_FAULT: "rename-3" } },
    );
    expect(r.signal, r.output).toBe("SIGKILL");
    expect(fs.existsSync(path.join(out, "2027"))).toBe(false);
    expect(temporaryFiles(out).length).toBeGreaterThan(0);
    // the next build stops on a mistake in its content, before any browser; the output is whole again first
    const next = await booklet(["build", "--content", "content", "--edition", "2027", "--out", out], {
      cwd: bad,
    });
    expect(next.code, next.output).toBe(1);
    expect(next.output).toMatch(/output: \.2027\.\d+\.new put back as 2027, left by a build that was killed/);
    expect(temporaryFiles(out)).toEqual([]);
    // the killed build's new set, whole: its web edition beside its screen PDF, listed in its manifest
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "2027", "manifest.json"), "utf8")) as {
      files: { path: string; sha256: string }[];
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(["good-2027.html", "good-2027.pdf"]);
    for (const f of manifest.files) expect(snapshot(path.join(out, "2027"))[f.path], f.path).toBe(f.sha256);
  });
});

/** The files of the 2027 folder in a snapshot of the output, named from inside it. */
function inside(s: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(s)
      .filter(([k]) => k.startsWith(`2027${path.sep}`))
      .map(([k, v]) => [k.slice(5), v]),
  );
}
