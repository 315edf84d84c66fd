// By hand: `node --import tsx test/torture/cli.ts 7 12 40-45 [--keep] [--hyphenate=false] [--chapters=1] [--no-repeated]
// [--by-chapter] [--page-size=A4|105x148mm] [--font-size=11]` builds the torture booklets of those seeds one after another (with
// --by-chapter, laid out by chapter from an empty layout cache; with --page-size, on that page instead of A5;
// with --font-size, set in that size of type: other lines, other page breaks)
// and says, for each, which tags were lost or repeated.
// `--generate DIR SEED` only writes the content folder (to build and look at it yourself).

import { describeResult, tortureSeed } from "./check.ts";
import { generateTorture } from "./generate.ts";

const args = process.argv.slice(2);
const hyphenArg = args.find((a) => a.startsWith("--hyphenate="));
const hyphenate = hyphenArg ? hyphenArg.endsWith("true") : undefined;
const chaptersArg = args.find((a) => a.startsWith("--chapters="));
const repeated = args.includes("--no-repeated") ? false : undefined;
const chapters = chaptersArg ? (Number(chaptersArg.split("=")[1]) as 1 | 2 | 3) : undefined;
const pageSize = args.find((a) => a.startsWith("--page-size="))?.split("=")[1];
const fontArg = args.find((a) => a.startsWith("--font-size="));
const fontSize = fontArg ? Number(fontArg.split("=")[1]) : undefined;

if (args[0] === "--generate") {
  const gen = generateTorture(Number(args[2]), args[1], { hyphenate, chapters, repeated, pageSize, fontSize });
  for (const t of gen.tags) console.log(`${t.tag}\t${t.kind}\t${t.count}\t${t.file}:${t.line}`);
} else {
  const seeds = args
    .filter((a) => !a.startsWith("--"))
    .flatMap((a) => {
      const [lo, hi] = a.split("-").map(Number);
      return hi === undefined ? [lo] : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    });
  let bad = 0;
  for (const seed of seeds) {
    const keep = args.includes("--keep");
    const r = await tortureSeed(seed, {
      hyphenate,
      chapters,
      repeated,
      pageSize,
      fontSize,
      keep,
      byChapter: args.includes("--by-chapter"),
    });
    if (r.outcome !== "ok") bad++;
    console.log(describeResult(r));
  }
  process.exitCode = bad ? 1 : 0;
}
