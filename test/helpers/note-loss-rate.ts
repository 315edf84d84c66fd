// How often Paged.js loses or repeats text in random note-heavy documents:
//   npx tsx test/helpers/note-loss-rate.ts [COUNT] [FIRST-SEED] [--longer] [--no-safety-net]
// Each document is laid out as the build does, printed, read back with pdftotext, and every paragraph's and
// note's start and end markers counted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { layouts } from "./layout-pdf.ts";
import { miscounted, pdfWords, randomNoteProject } from "./note-heavy.ts";

const count = Number(process.argv[2] ?? 10);
const first = Number(process.argv[3] ?? 1);
const root = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-notes-"));
const engine = await layouts();
let lost = 0;
try {
  for (let seed = first; seed < first + count; seed++) {
    const { dir, markers } = randomNoteProject(
      path.join(root, String(seed)),
      seed,
      3,
      process.argv.includes("--longer"),
    );
    const pdf = path.join(dir, "out.pdf");
    const logs: string[] = [];
    const r = await engine.layout(dir, pdf, (l) => logs.push(l), !process.argv.includes("--no-safety-net"));
    const bad = miscounted(pdfWords(pdf), markers);
    if (bad.length) lost++;
    const retried = logs.filter((l) => l.includes("laid out again"));
    console.log(
      `seed ${seed}: ${r.pages.length} pages, ${markers.length} markers, ${
        bad.length
          ? `${bad.length} wrong: ${bad
              .slice(0, 6)
              .map(([m, c]) => `${m}×${c}`)
              .join(" ")}`
          : "all once"
      }${retried.length ? ` [${retried.join("; ")}]` : ""}`,
    );
  }
} finally {
  await engine.close();
  fs.rmSync(root, { recursive: true, force: true });
}
console.log(`${lost} of ${count} documents lost or repeated text`);
