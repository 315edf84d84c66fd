// manifest.json, written into each edition's folder with its files: what the edition is, every file with its
// pages, bytes and sha256, where each chapter starts. The next build reads it back: changes.md takes the
// previous edition's chapter starts from it. Read back through its schema: a file that is not whole, or of
// another shape, counts as no manifest at all.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Edition, ResolvedConfig } from "../config/index.ts";
import type { RenderedDocument } from "../document/index.ts";
import type { PageLayout } from "../render/index.ts";
import type { RenderedFormats } from "./formats.ts";
import { sha256 } from "./write.ts";

export const MANIFEST = "manifest.json";

const ManifestFileSchema = z.object({
  path: z.string(),
  format: z.string(),
  pages: z.number(),
  bytes: z.number(),
  sha256: z.string(),
});

const ManifestSchema = z.object({
  booklet: z.string(),
  slug: z.string(),
  language: z.string(),
  edition: z.object({
    year: z.number(),
    anniversary: z.number(),
    ordinal: z.string(),
    number: z.number(),
    date: z.string(),
  }),
  generator: z.string(),
  built: z.string(),
  files: z.array(ManifestFileSchema),
  // blank pages put in front of the back cover to make the page count a multiple of print.padTo
  pagesAdded: z.number(),
  print: z.record(z.string(), z.unknown()),
  chapters: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      file: z.string(),
      startPage: z.number().nullable(),
      notes: z.number(),
    }),
  ),
  // the fingerprint of everything the files were made from (fingerprint.ts); none when it could not be made
  inputs: z.string().optional(),
  // changes.md, checked like the files before the edition is called up to date
  changes: z.object({ bytes: z.number(), sha256: z.string() }).optional(),
  // what the build reported, reported again by a build that finds the edition up to date
  findings: z
    .object({
      // as the reporter prints it, as --json gives it, and in one line (for a log without the reporter)
      warnings: z.array(z.object({ text: z.string(), json: z.unknown(), line: z.string().optional() })),
      preflight: z.object({ detail: z.string(), lines: z.array(z.string()) }).nullable(),
    })
    .optional(),
});

/** One file of an edition, as the manifest lists it. */
export type ManifestFile = z.infer<typeof ManifestFileSchema>;
export type Manifest = z.infer<typeof ManifestSchema>;
export type Findings = NonNullable<Manifest["findings"]>;

/** The manifest entry of a file made by the formats stage. */
export function manifestFile(file: { path: string; format: string; pages: number; bytes: Uint8Array | string }) {
  return {
    path: path.basename(file.path),
    format: file.format,
    pages: file.pages,
    bytes: typeof file.bytes === "string" ? Buffer.byteLength(file.bytes) : file.bytes.length,
    sha256: sha256(file.bytes),
  } satisfies ManifestFile;
}

/** The manifest of an edition just made: the edition, its files and where each chapter starts. */
export function manifestOf(args: {
  config: ResolvedConfig;
  edition: Edition;
  document: RenderedDocument;
  generator: string;
  date: Date;
  files: ManifestFile[];
  formatted: Pick<RenderedFormats, "pagesAdded" | "print">;
  pages: PageLayout[];
  inputs: string | undefined;
  changes: string;
  findings: Findings;
}): Manifest {
  const { config, edition, document } = args;
  return {
    booklet: config.title,
    slug: config.slug,
    language: config.language,
    edition: {
      year: edition.year,
      anniversary: edition.anniversary,
      ordinal: edition.ordinal,
      number: edition.number,
      date: edition.date,
    },
    generator: args.generator,
    built: args.date.toISOString(),
    files: args.files,
    pagesAdded: args.formatted.pagesAdded,
    print: args.formatted.print,
    chapters: [document.foreword, ...document.chapters]
      .filter((c): c is NonNullable<typeof c> => Boolean(c))
      .map((c) => ({
        id: c.id,
        title: c.title,
        file: path.relative(config.contentDir, c.file),
        startPage: args.pages.find((p) => p.starts.includes(c.id))?.number ?? null,
        notes: c.notes,
      })),
    inputs: args.inputs,
    changes: { bytes: Buffer.byteLength(args.changes), sha256: sha256(args.changes) },
    findings: args.findings,
    // no timings: the manifest is one of the files that SOURCE_DATE_EPOCH makes the same from build to build
    // (the stages' times are in the log, and in --json's stage events)
  };
}

/** The manifest as written: two-space JSON, one newline at the end. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest in an edition's folder; undefined when there is none, or it is not whole or not of this shape. */
export function readManifest(folder: string): Manifest | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(folder, MANIFEST), "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the edition's folder holds every file its manifest lists, each of its recorded size and sha256,
 * and changes.md as it was written: a file deleted, replaced or altered by hand makes the edition built again.
 */
export function filesIntact(folder: string, manifest: Manifest): boolean {
  if (!manifest.changes) return false;
  const listed = [...manifest.files, { path: "changes.md", ...manifest.changes }];
  return listed.every((f) => {
    const file = path.join(folder, f.path);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() === true && stat.size === f.bytes && sha256(fs.readFileSync(file)) === f.sha256;
  });
}

/** Where each chapter started, by its id: from an edition's manifest. */
export function chapterStarts(manifest: Manifest): Map<string, number> {
  return new Map(
    manifest.chapters.filter((c) => c.startPage !== null).map((c) => [c.id, c.startPage as number] as const),
  );
}
