// Editions built at once, their screen PDFs only, with the run's debug lines: the layout-by-chapter tests
// compare them with the same editions laid out whole.
import path from "node:path";
import { build } from "../../src/build.ts";
import { silentLogger } from "../../src/log.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The screen PDFs of `years`, built at once (two at a time) into `outDir`, by chapter or whole. */
export async function screenEditions(options: {
  contentDir: string;
  outDir: string;
  years: number[];
  inParts: boolean;
}): Promise<{ pdfs: string[]; debug: string[] }> {
  const { contentDir, outDir, years, inParts } = options;
  const debug: string[] = [];
  const results = await build({
    contentDir,
    outDir,
    cwd: ROOT,
    editions: years,
    formats: ["screen"],
    concurrency: 2,
    inParts,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1800000000" },
    log: { ...silentLogger, debug: (m) => debug.push(m) },
  });
  const pdfs = years.map((year) => {
    const r = results.find((x) => x.edition.year === year);
    const screen = r?.files.find((f) => f.format === "screen");
    if (!r || !screen) throw new Error(`edition ${year} built no screen PDF`);
    return path.join(outDir, String(year), ...(r.languageCode ? [r.languageCode] : []), screen.path);
  });
  return { pdfs, debug };
}
