// The pieces of the up-to-date build: the fingerprint of what an edition is made from changes with any file of
// the content folder and with the options, not with the output folder; a manifest read back is refused when it
// is not whole; the files are intact only as the manifest lists them. (The whole, through the command line, is
// test/e2e/up-to-date.test.ts.)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../../src/config/resolve.ts";
import { type BuildInputs, fingerprintInputs } from "../../src/output/fingerprint.ts";
import { filesIntact, type Manifest, readManifest } from "../../src/output/manifest.ts";
import { tempDir } from "../helpers/tmp.ts";

const root = tempDir("booklet-fingerprint-");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function inputs(contentDir: string, outDir: string, more: Partial<BuildInputs> = {}): BuildInputs {
  return {
    config: { contentDir, outDir, title: "A Test" } as unknown as ResolvedConfig,
    options: { edition: 2027, formats: ["screen"] },
    today: "2026-11-30",
    epochSeconds: undefined,
    browser: process.execPath,
    previousManifest: path.join(outDir, "2026", "manifest.json"),
    env: {},
    ...more,
  };
}

describe("the fingerprint of what an edition is made from", () => {
  const content = path.join(root, "content");
  fs.mkdirSync(path.join(content, "chapters"), { recursive: true });
  fs.writeFileSync(path.join(content, "chapters", "01.md"), "# One\n\nText.\n");
  fs.writeFileSync(path.join(content, "booklet.yaml"), "title: A Test\n");

  it("is the same for the same inputs, whatever the output folder", () => {
    const a = fingerprintInputs(inputs(content, path.join(root, "out-a")));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintInputs(inputs(content, path.join(root, "out-b")))).toBe(a);
  });

  it("changes with a file of the content folder, one added, and the options", () => {
    const out = path.join(root, "out");
    const before = fingerprintInputs(inputs(content, out));
    const chapter = path.join(content, "chapters", "01.md");
    fs.writeFileSync(chapter, "# One\n\nText changed.\n");
    const edited = fingerprintInputs(inputs(content, out));
    expect(edited).not.toBe(before);
    fs.writeFileSync(path.join(content, "notes.txt"), "not read by the build, still counted\n");
    const added = fingerprintInputs(inputs(content, out));
    expect(added).not.toBe(edited);
    expect(
      fingerprintInputs(inputs(content, out, { options: { edition: 2027, formats: ["screen", "html"] } })),
    ).not.toBe(added);
    expect(fingerprintInputs(inputs(content, out, { today: "2026-12-01" }))).not.toBe(added);
    expect(fingerprintInputs(inputs(content, out, { env: { BOOKLET_FAULT: "rename-2" } }))).not.toBe(added);
  });

  it("changes with the previous edition's manifest, and is not made without a browser", () => {
    const out = path.join(root, "out-previous");
    const before = fingerprintInputs(inputs(content, out));
    fs.mkdirSync(path.join(out, "2026"), { recursive: true });
    fs.writeFileSync(path.join(out, "2026", "manifest.json"), "{}\n");
    expect(fingerprintInputs(inputs(content, out))).not.toBe(before);
    expect(fingerprintInputs(inputs(content, out, { browser: undefined }))).toBeUndefined();
  });
});

describe("a manifest read back", () => {
  const folder = path.join(root, "edition");
  fs.mkdirSync(folder, { recursive: true });
  const pdf = Buffer.from("%PDF-1.7 a test\n");
  const changes = "# Changes\n";
  const sha = (b: Buffer | string) => crypto.createHash("sha256").update(b).digest("hex");
  const manifest: Manifest = {
    booklet: "A Test",
    slug: "a-test",
    language: "en-GB",
    edition: { year: 2027, anniversary: 75, ordinal: "75th", number: 26, date: "2027-03-15" },
    generator: "booklet 0.1.0",
    built: "2026-11-30T00:00:00.000Z",
    files: [{ path: "a-test-2027.pdf", format: "screen", pages: 1, bytes: pdf.length, sha256: sha(pdf) }],
    pagesAdded: 0,
    print: {},
    chapters: [],
    inputs: "0".repeat(64),
    changes: { bytes: Buffer.byteLength(changes), sha256: sha(changes) },
    findings: { warnings: [], preflight: { detail: "12 checks passed", lines: [] } },
  };
  fs.writeFileSync(path.join(folder, "a-test-2027.pdf"), pdf);
  fs.writeFileSync(path.join(folder, "changes.md"), changes);

  it("is read when whole, and refused when cut short or of another shape", () => {
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest));
    expect(readManifest(folder)?.inputs).toBe(manifest.inputs);
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify(manifest).slice(0, 100));
    expect(readManifest(folder)).toBeUndefined();
    fs.writeFileSync(path.join(folder, "manifest.json"), JSON.stringify({ ...manifest, files: "none" }));
    expect(readManifest(folder)).toBeUndefined();
    expect(readManifest(path.join(root, "no-such-folder"))).toBeUndefined();
  });

  it("says the files are intact only when each is as it lists it, changes.md included", () => {
    expect(filesIntact(folder, manifest)).toBe(true);
    fs.appendFileSync(path.join(folder, "changes.md"), "\n");
    expect(filesIntact(folder, manifest)).toBe(false);
    fs.writeFileSync(path.join(folder, "changes.md"), changes);
    // the same size, another byte
    fs.writeFileSync(path.join(folder, "a-test-2027.pdf"), Buffer.from("%PDF-1.7 a tesT\n"));
    expect(filesIntact(folder, manifest)).toBe(false);
    fs.rmSync(path.join(folder, "a-test-2027.pdf"));
    expect(filesIntact(folder, manifest)).toBe(false);
    expect(filesIntact(folder, { ...manifest, changes: undefined })).toBe(false);
  });
});
