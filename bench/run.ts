// `npm run bench`: times booklet on this machine against pagedjs-cli and against its own targets, and writes
// the figures into the README's performance section. A measurement, never a test: nothing here fails on a time.

import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument } from "pdf-lib";
// @ts-expect-error plain JavaScript, without types
import { compiledIsFresh } from "../bin/fresh.js";
import { prepare } from "../src/build.ts";
import { FORMATS } from "../src/output/formats.ts";
import { findBrowser, LAUNCH_FLAGS } from "../src/render/browser.ts";
import { type DevMeasurement, measureDev } from "./dev.ts";
import { generateBooklet } from "./generate.ts";
import { type MemoryPeak, sampleMemory } from "./memory.ts";
import { browserFor, ensurePagedjsCli } from "./pagedjs-cli.ts";
import { writeBenchSection } from "./readme.ts";
import { type BenchResults, median, report } from "./report.ts";
import { serveDocument } from "./serve.ts";
import { measureTorture } from "./torture.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin", "booklet.js");
const CONTENT = path.join(ROOT, "content");
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const log = (line: string) => process.stdout.write(`${line}\n`);
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
// `--torture N`: how many generated note-heavy booklets the torture section builds (seeds 1 to N; 0: none)
const TORTURE = Number(option("--torture") ?? 50);
if (!Number.isInteger(TORTURE) || TORTURE < 0) {
  process.stderr.write(`bench: --torture takes a number of seeds (0 or more), not "${option("--torture")}"\n`);
  process.exit(2);
}
// the torture section reads every PDF back with Poppler: say so now, not after minutes of measuring
if (TORTURE > 0 && spawnSync("pdftotext", ["-v"]).error) {
  process.stderr.write(
    "bench: the torture section reads PDFs back with Poppler's pdftotext, which is not installed: run scripts/setup (or apt-get install poppler-utils), or pass --torture 0\n",
  );
  process.exit(2);
}
// bin/booklet.js runs the sources through tsx when dist/ is stale: slower to start and larger in memory than
// the compiled booklet a user runs, so every figure would measure the wrong program
if (!process.argv.includes("--report") && !compiledIsFresh(ROOT)) {
  log("bench: dist/ was not compiled from src/ as it is: compiling it first (npm run compile)");
  const compiled = spawnSync("npm", ["run", "compile"], { cwd: ROOT, stdio: "inherit" });
  if (compiled.status !== 0) process.exit(1);
}
const tortureSeeds = () => Array.from({ length: TORTURE }, (_, i) => i + 1);
const LAST = path.join(ROOT, "bench", ".cache", "last.json");

interface Run {
  wallMs: number;
  code: number | null;
  stderr: string;
  stdout: string;
  memory?: MemoryPeak;
}

/** Runs a process to its end; its wall time, and the peak memory of its process tree when asked. */
async function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; memory?: boolean; timeoutMs?: number } = {},
): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, CI: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const sampler = options.memory ? sampleMemory(child.pid!) : undefined;
  let stderr = "";
  let stdout = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  const wallMs = performance.now() - t0;
  const memory = sampler?.stop();
  if (code !== 0)
    throw new Error(
      `${path.basename(args[0] ?? command)} ${args.slice(1).join(" ")} failed (${code}):\n${stderr.slice(-2000)}`,
    );
  return { wallMs, code, stderr, stdout, memory };
}

/** Paged.js's own time for its layout, as pagedjs-cli prints it ("Rendering 40 pages took 1826.1 milliseconds") */
function pagedjsLayoutMs(r: Run): { pages: number; ms: number } | undefined {
  const m = /Rendering (\d+) pages took ([\d.]+) milliseconds/.exec(r.stdout + r.stderr);
  return m ? { pages: Number(m[1]), ms: Number(m[2]) } : undefined;
}

/** The padded translation's builds: their times, stages, and its pages and pages added (its manifest). */
function paddedResult(out: string, year: number, language: string, runs: Awaited<ReturnType<typeof booklet>>[]) {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, String(year), language, "manifest.json"), "utf8"));
  const added = Number(manifest.pagesAdded);
  const screen = (manifest.files as { format: string; pages: number }[]).find((f) => f.format === "screen");
  return {
    language,
    /** the pages before any was added */
    pages: (screen?.pages ?? 0) - added,
    added,
    all: runs.map((r) => r.wallMs),
    stages: medianStages(runs.map((r) => r.stages)),
  };
}

/** booklet build through its command line, as a user runs it; the stage times come from --json. */
async function booklet(args: string[], options: { memory?: boolean; out: string; timeoutMs?: number }) {
  const r = await run(process.execPath, [BIN, "build", "--json", "--out", options.out, ...args], {
    memory: options.memory,
    timeoutMs: options.timeoutMs,
  });
  const stages: Record<string, number> = {};
  for (const line of r.stderr.split("\n")) {
    if (!line.startsWith("{")) continue;
    const e = JSON.parse(line) as { event: string; stage?: string; ms?: number };
    if (e.event === "stage" && e.stage) stages[e.stage] = (stages[e.stage] ?? 0) + (e.ms ?? 0);
  }
  return { ...r, stages };
}

/** An edition's folder in an output folder: the year's, or its language's within it (a booklet in languages). */
function editionFolder(out: string, year: number): string {
  const dir = path.join(out, String(year));
  if (fs.existsSync(path.join(dir, "manifest.json"))) return dir;
  const language = fs.readdirSync(dir).find((name) => fs.existsSync(path.join(dir, name, "manifest.json")));
  if (!language) throw new Error(`bench: no manifest.json in ${dir} nor in a folder of it`);
  return path.join(dir, language);
}

/** The file of a format in an edition's folder, as its manifest lists it. */
function editionFile(out: string, year: number, format: string): string {
  const dir = editionFolder(out, year);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as {
    files: { path: string; format: string }[];
  };
  const file = manifest.files.find((f) => f.format === format);
  return path.join(dir, file?.path ?? `no-${format}-file`);
}

/**
 * pagedjs-cli's environment: its browser, and a temporary folder inside the bench's own, removed with it
 * (puppeteer leaves its puppeteer_dev_chrome_profile-* folders, and Chromium its socket's, in the system's).
 */
function cliEnv(work: string, executable: string): NodeJS.ProcessEnv {
  const tmp = path.join(work, "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  return { PUPPETEER_EXECUTABLE_PATH: executable, TMPDIR: tmp };
}

async function pdfPages(file: string): Promise<number> {
  return (await PDFDocument.load(fs.readFileSync(file), { updateMetadata: false })).getPageCount();
}

async function main() {
  const started = performance.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-bench-"));
  const chromium = findBrowser();
  const machine = {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: os.totalmem() / 2 ** 30,
    node: process.version,
    // the program too: Debian's headless shell and its browser say the same version
    chromium: `${execFileSync(chromium, ["--version"], { encoding: "utf8" }).trim()} (${chromium})`,
    loadBefore: os.loadavg()[0],
  };
  log(
    `booklet bench: ${machine.cpus} cores, ${machine.chromium}, Node ${machine.node}; load average ${machine.loadBefore.toFixed(2)}`,
  );
  const cli = ensurePagedjsCli(log);
  log(`pagedjs-cli 0.4.3 lays out with Paged.js ${cli.pagedjsVersion}, in ${chromium}`);

  try {
    // the document booklet lays out, served from 127.0.0.1 as booklet serves it to its own browser
    const prepared = await prepare({ contentDir: CONTENT, cwd: ROOT });
    const year = prepared.edition.year;
    const server = await serveDocument({
      html: prepared.document.html,
      styles: prepared.document.styles,
      contentDir: prepared.config.contentDir,
    });
    const url = server.url;
    const forCli = browserFor({ chromium, flags: LAUNCH_FLAGS });
    const pagedjs = (input: string, output: string, memory = false) =>
      run(
        process.execPath,
        [cli.script, input, "-o", output, "--timeout", "180000", "--browserArgs", forCli.browserArgs],
        { env: cliEnv(work, forCli.executable), timeoutMs: 200_000, memory },
      );

    // ---------------------------------------------------------------- the shipped booklet, against pagedjs-cli
    // A copy of the content, so that a chapter can be changed; each round builds into output folders of its
    // own, so that its first builds find nothing of an earlier round's (no layout cache, no last build).
    const content = path.join(work, "content");
    fs.cpSync(CONTENT, content, { recursive: true });
    const changedChapter = path.join(content, "chapters", "03-toll.md");
    const screenArgs = ["--content", content, "--edition", String(year), "--formats", "screen"];
    const screen: Awaited<ReturnType<typeof booklet>>[] = [];
    const all: Awaited<ReturnType<typeof booklet>>[] = [];
    const unchanged: Awaited<ReturnType<typeof booklet>>[] = [];
    const oneChanged: Awaited<ReturnType<typeof booklet>>[] = [];
    // the translation, whose page count is not a multiple of 4: pages are added in front of its back cover
    const padded: Awaited<ReturnType<typeof booklet>>[] = [];
    const paddedLanguage = fs.existsSync(path.join(content, "languages", "az")) ? "az" : undefined;
    const other: Run[] = [];
    for (let i = 0; i < REPEAT; i++) {
      // interleaved, so that a change in the machine's load falls on all of them alike
      const out = path.join(work, `screen-${i}`);
      screen.push(await booklet(screenArgs, { out }));
      other.push(await pagedjs(url, path.join(work, "pagedjs-cli.pdf")));
      all.push(
        await booklet(["--content", content, "--edition", String(year), "--formats", FORMATS.join(",")], {
          out: path.join(work, `all-${i}`),
        }),
      );
      if (paddedLanguage)
        padded.push(
          await booklet(
            [
              "--content",
              content,
              "--edition",
              String(year),
              "--language",
              paddedLanguage,
              "--formats",
              FORMATS.join(","),
            ],
            { out: path.join(work, `padded-${i}`) },
          ),
        );
      // the same build again into the same folder, nothing changed
      unchanged.push(await booklet(screenArgs, { out }));
      // a sentence added to one chapter, as an editor's correction, and built again into the same folder
      fs.appendFileSync(changedChapter, `\nThe benchmark added this sentence, round ${i + 1}.\n`);
      oneChanged.push(await booklet(screenArgs, { out }));
      const s = (r: { wallMs: number }) => `${(r.wallMs / 1000).toFixed(2)} s`;
      log(
        `  run ${i + 1}/${REPEAT}: booklet screen ${s(screen[i])}, pagedjs-cli ${s(other[i])}, booklet all formats ${s(all[i])}, nothing changed ${s(unchanged[i])}, one chapter changed ${s(oneChanged[i])}`,
      );
    }
    // memory in runs of their own: reading /proc every 50 ms takes a core's share that would slow the timed runs
    log("  memory: sampling one run of each");
    const memoryRuns = {
      screen: (
        await booklet(["--edition", String(year), "--formats", "screen"], {
          out: path.join(work, "screen-memory"),
          memory: true,
        })
      ).memory!,
      all: (
        await booklet(["--edition", String(year), "--formats", FORMATS.join(",")], {
          out: path.join(work, "all-memory"),
          memory: true,
        })
      ).memory!,
      pagedjsCli: (await pagedjs(url, path.join(work, "pagedjs-cli-memory.pdf"), true)).memory!,
    };
    await server.close();
    const screenPdf = editionFile(path.join(work, "screen-0"), year, "screen");
    const shippedPages = await pdfPages(screenPdf);
    const pagedjsPages = await pdfPages(path.join(work, "pagedjs-cli.pdf"));

    // the html format is the web edition (endnotes, one column): pagedjs-cli on it, for information
    let webEdition: { wallMs: number; pages: number } | undefined;
    const htmlFile = editionFile(path.join(work, "all-0"), year, "html");
    if ((FORMATS as readonly string[]).includes("html") && fs.existsSync(htmlFile)) {
      const r = await pagedjs(htmlFile, path.join(work, "pagedjs-cli-web.pdf"));
      webEdition = { wallMs: r.wallMs, pages: await pdfPages(path.join(work, "pagedjs-cli-web.pdf")) };
      log(
        `  pagedjs-cli on the html format (the web edition): ${(r.wallMs / 1000).toFixed(2)} s, ${webEdition.pages} pages`,
      );
    }

    // ---------------------------------------------------------------- growth on generated booklets
    const template = "02-night.md";
    const gen = (chapters: number) =>
      generateBooklet({ from: CONTENT, into: path.join(work, `gen-${chapters}`), template, chapters });
    const genBuild = async (chapters: number) => {
      const dir = gen(chapters);
      const out = path.join(work, `gen-out-${chapters}`);
      const r = await run(process.execPath, [
        BIN,
        "build",
        "--json",
        "--content",
        dir,
        "--out",
        out,
        "--edition",
        String(year),
        "--formats",
        "screen",
      ]);
      const stages: Record<string, number> = {};
      for (const line of r.stderr.split("\n"))
        if (line.startsWith("{")) {
          const e = JSON.parse(line);
          if (e.event === "stage") stages[e.stage] = e.ms;
        }
      const manifest = JSON.parse(fs.readFileSync(path.join(editionFolder(out, year), "manifest.json"), "utf8"));
      const starts = (manifest.chapters as { id: string; startPage: number | null }[])
        .filter((c) => c.id.endsWith("-copy"))
        .map((c) => c.startPage!);
      return { chapters, dir, pages: manifest.files[0].pages as number, wallMs: r.wallMs, stages, starts };
    };
    // a first build of 4 copies (about 32 pages): the pages from the first copy's start to the last's give a
    // copy's length, the rest is the front and back matter; from them, the copies for 32, 128 and 256 pages
    const probe = await genBuild(4);
    const perChapter = (probe.starts[3] - probe.starts[0]) / 3;
    const base = probe.pages - 4 * perChapter;
    const growth = [];
    let largestDir = "";
    for (const target of [32, 128, 256]) {
      const chapters = Math.max(1, Math.round((target - base) / perChapter));
      const { starts: _, dir, ...g } = chapters === probe.chapters ? probe : await genBuild(chapters);
      growth.push({ target, ...g });
      largestDir = dir;
      log(
        `  generated: ${g.pages} pages (${chapters} chapters) in ${(g.wallMs / 1000).toFixed(2)} s, paginate ${(g.stages.paginate / 1000).toFixed(2)} s = ${(g.stages.paginate / g.pages).toFixed(1)} ms a page`,
      );
    }

    // Paged.js's own layout of the largest, as pagedjs-cli reports it: the floor for booklet's paginate stage
    const largestDoc = await prepare({ contentDir: largestDir, cwd: ROOT, edition: year });
    const largestServer = await serveDocument({
      html: largestDoc.document.html,
      styles: largestDoc.document.styles,
      contentDir: largestDoc.config.contentDir,
    });
    const largestCli = await pagedjs(largestServer.url, path.join(work, "pagedjs-cli-largest.pdf"));
    await largestServer.close();
    const largestLayout = pagedjsLayoutMs(largestCli);
    log(
      `  pagedjs-cli on the ${growth[growth.length - 1].pages}-page booklet: ${(largestCli.wallMs / 1000).toFixed(2)} s${largestLayout ? `, Paged.js's layout ${(largestLayout.ms / largestLayout.pages).toFixed(1)} ms a page` : ""}`,
    );

    // Node's start and the loading of every module (--version loads build.ts, which imports them all)
    const startup: number[] = [];
    for (let i = 0; i < REPEAT; i++) startup.push((await run(process.execPath, [BIN, "--version"])).wallMs);

    // ---------------------------------------------------------------- one edition against twelve
    const one = screen.map((s) => s.wallMs);
    const twelve = await booklet(["--edition", `${year}-${year + 11}`, "--formats", "screen"], {
      out: path.join(work, "twelve"),
    });
    log(
      `  twelve editions: ${(twelve.wallMs / 1000).toFixed(2)} s against ${(median(one) / 1000).toFixed(2)} s for one`,
    );

    // ---------------------------------------------------------------- booklet dev
    const devResult: DevMeasurement = await measureDev({
      contentDir: CONTENT,
      work,
      chapter: "03-toll.md",
      edits: 7,
      lengthEdits: 4,
      fullEdits: 3,
      reopens: 3,
    });
    log(
      `  booklet dev: one-chapter edit → pages ready ${devResult.chapterEdits.map((x) => Math.round(x)).join(", ")} ms (${devResult.modes.join(", ")}); page count changed ${(devResult.lengthEdits ?? []).map((x) => `${Math.round(x.ms)} ms (${x.mode}, ${x.pages} pages)`).join(", ")}; full re-layout ${devResult.fullRelayout.map((x) => Math.round(x)).join(", ")} ms; opened again ${(devResult.reopened ?? []).map((x) => `${Math.round(x.ms)} ms (${x.mode})`).join(", ")}`,
    );

    // ---------------------------------------------------------------- the torture test
    log(`  torture: ${TORTURE} generated note-heavy booklets, every piece of text counted in the PDF`);
    const torture = TORTURE > 0 ? await measureTorture(tortureSeeds(), log) : undefined;

    const results: BenchResults = {
      date: new Date().toISOString().slice(0, 10),
      machine: { ...machine, loadAfter: os.loadavg()[0] },
      repeat: REPEAT,
      pagedjsVersion: cli.pagedjsVersion,
      shipped: {
        pages: shippedPages,
        pagedjsPages,
        screen: screen.map((s) => s.wallMs),
        all: all.map((s) => s.wallMs),
        pagedjsCli: other.map((s) => s.wallMs),
        pagedjsLayout: other.map(pagedjsLayoutMs).filter((x): x is { pages: number; ms: number } => Boolean(x)),
        unchanged: unchanged.map((s) => s.wallMs),
        oneChanged: oneChanged.map((s) => s.wallMs),
        oneChangedStages: medianStages(oneChanged.map((s) => s.stages)),
        screenStages: medianStages(screen.map((s) => s.stages)),
        allStages: medianStages(all.map((s) => s.stages)),
        formats: [...FORMATS],
        webEdition,
        padded: paddedLanguage ? paddedResult(path.join(work, "padded-0"), year, paddedLanguage, padded) : undefined,
      },
      growth,
      pagedjsLargest: {
        wallMs: largestCli.wallMs,
        pages: await pdfPages(path.join(work, "pagedjs-cli-largest.pdf")),
        layout: largestLayout,
      },
      editions: { one, twelve: twelve.wallMs, twelveStages: twelve.stages },
      dev: devResult,
      memory: memoryRuns,
      startupMs: median(startup),
      torture,
      benchSeconds: (performance.now() - started) / 1000,
    };
    fs.mkdirSync(path.join(ROOT, "bench", ".cache"), { recursive: true });
    fs.writeFileSync(LAST, JSON.stringify(results, null, 2));
    const markdown = report(results);
    writeBenchSection({ file: path.join(ROOT, "README.md"), markdown });
    log("");
    log(markdown);
    log(
      `\nwritten into README.md (between <!-- bench:start --> and <!-- bench:end -->); raw figures in bench/.cache/last.json; ${Math.round(results.benchSeconds)} s`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function medianStages(list: Record<string, number>[]): Record<string, number> {
  const names = [...new Set(list.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(names.map((n) => [n, median(list.map((s) => s[n] ?? 0))]));
}

/**
 * `npm run bench -- --only torture [--torture N]`: the torture section alone (the whole benchmark takes
 * minutes). Its figures replace the torture figures of the last whole run, and the README's section is
 * written again from them; without a last run they are only printed.
 */
async function onlyTorture() {
  const started = performance.now();
  log(`booklet bench, torture section only: ${TORTURE} generated note-heavy booklets`);
  const torture = await measureTorture(tortureSeeds(), log);
  log(
    `\n${torture.ok} of ${TORTURE} printed every tag once; refused: ${torture.refused.join(", ") || "none"}; printed wrong without an error: ${torture.wrong.join(", ") || "none"}; a chapter laid out again: ${torture.relaidOut?.join(", ") || "none"}; a page left nearly empty: ${torture.nearlyEmpty?.join(", ") || "none"} (${Math.round((performance.now() - started) / 1000)} s)`,
  );
  if (!fs.existsSync(LAST)) return log("no bench/.cache/last.json from a whole run: README.md not rewritten");
  const results = { ...(JSON.parse(fs.readFileSync(LAST, "utf8")) as BenchResults), torture };
  fs.writeFileSync(LAST, JSON.stringify(results, null, 2));
  writeBenchSection({ file: path.join(ROOT, "README.md"), markdown: report(results) });
  log("README.md's performance section rewritten with these figures (the others from bench/.cache/last.json)");
}

/**
 * `npm run bench -- --only layout`: the screen PDF of the shipped booklet against pagedjs-cli, in the same
 * run and in turn: built into a new output folder (its layout cache empty), built again with nothing changed
 * (every chapter from the cache), built after one chapter was changed (that chapter laid out again, and the
 * join's page laid out and kept) and after it was changed again (the join's kept page loaded as it is); twelve
 * editions (from an empty cache) against one with no cache; the peak memory of a build with no cache. Printed,
 * not written to the README.
 */
async function onlyLayout() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-bench-layout-"));
  log(`booklet bench, layout section only: load average ${os.loadavg()[0].toFixed(2)}`);
  try {
    const content = path.join(work, "content");
    fs.cpSync(CONTENT, content, { recursive: true });
    const prepared = await prepare({ contentDir: content, cwd: ROOT });
    const year = String(prepared.edition.year);
    const cli = ensurePagedjsCli(log);
    const forCli = browserFor({ chromium: findBrowser(), flags: LAUNCH_FLAGS });
    const server = await serveDocument({
      html: prepared.document.html,
      styles: prepared.document.styles,
      contentDir: prepared.config.contentDir,
    });
    const pagedjs = () =>
      run(
        process.execPath,
        [
          cli.script,
          server.url,
          "-o",
          path.join(work, "cli.pdf"),
          "--timeout",
          "180000",
          "--browserArgs",
          forCli.browserArgs,
        ],
        { env: cliEnv(work, forCli.executable), timeoutMs: 200_000 },
      );
    const screen = (out: string, ...more: string[]) =>
      booklet(["--content", content, "--edition", year, "--formats", "screen", "--by-chapter", ...more], {
        out: path.join(work, out),
      });
    const chapter = path.join(content, "chapters", "03-toll.md");
    const rows: Record<string, { wallMs: number; stages: Record<string, number> }[]> = {
      cli: [],
      whole: [],
      cold: [],
      warm: [],
      oneChanged: [],
      changedAgain: [],
    };
    for (let i = 0; i < REPEAT; i++) {
      rows.cli.push({ ...(await pagedjs()), stages: {} });
      // the whole document in one Paged.js run, as without --by-chapter
      rows.whole.push(
        await booklet(["--content", content, "--edition", year, "--formats", "screen"], {
          out: path.join(work, `whole-${i}`),
        }),
      );
      // a new output folder: its layout cache is empty, and filled by this build
      rows.cold.push(await screen(`cold-${i}`));
      rows.warm.push(await screen(`cold-${i}`));
      fs.appendFileSync(chapter, `\nThe bench changed this chapter, round ${i + 1}.\n`);
      rows.oneChanged.push(await screen(`cold-${i}`));
      // a second change: the first build that joined parts kept the join's laid-out shell, loaded now as it is
      fs.appendFileSync(chapter, `\nThe bench changed it again, round ${i + 1}.\n`);
      rows.changedAgain.push(await screen(`cold-${i}`));
      log(
        `  run ${i + 1}/${REPEAT}: ${Object.entries(rows)
          .map(([k, v]) => `${k} ${(v[i].wallMs / 1000).toFixed(2)} s`)
          .join(", ")}`,
      );
    }
    await server.close();
    const twelve = await booklet(
      ["--content", content, "--edition", `${year}-${Number(year) + 11}`, "--formats", "screen", "--by-chapter"],
      // twelve whole builds: on a loaded machine more than run()'s four minutes
      { out: path.join(work, "twelve"), timeoutMs: 1_200_000 },
    );
    const memory = (
      await booklet(["--content", content, "--edition", year, "--formats", "screen", "--by-chapter", "--no-cache"], {
        out: path.join(work, "memory"),
        memory: true,
      })
    ).memory!;
    const m = (k: string) => median(rows[k].map((r) => r.wallMs));
    const stages = (k: string) =>
      Object.entries(medianStages(rows[k].map((r) => r.stages)))
        .map(([n, ms]) => `${n} ${(ms / 1000).toFixed(2)} s`)
        .join(", ");
    log(`\nmedians of ${REPEAT}; load average now ${os.loadavg()[0].toFixed(2)}`);
    log(`pagedjs-cli ${(m("cli") / 1000).toFixed(2)} s`);
    for (const k of ["whole", "cold", "warm", "oneChanged", "changedAgain"])
      log(
        `booklet screen ${k}: ${(m(k) / 1000).toFixed(2)} s = ${(m(k) / m("cli")).toFixed(2)}× pagedjs-cli (${stages(k)})`,
      );
    log(
      `twelve editions, no cache: ${(twelve.wallMs / 1000).toFixed(2)} s = ${(twelve.wallMs / m("cold")).toFixed(2)}× one`,
    );
    log(
      `peak memory, screen build with no cache: PSS ${Math.round(memory.pss / 2 ** 20)} MB, RSS ${Math.round(memory.rss / 2 ** 20)} MB`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// `npm run bench -- --report`: the README's section again from the last run's figures, without measuring
if (process.argv.includes("--report")) {
  const results = JSON.parse(fs.readFileSync(LAST, "utf8")) as BenchResults;
  writeBenchSection({ file: path.join(ROOT, "README.md"), markdown: report(results) });
  log("README.md's performance section rewritten from bench/.cache/last.json");
} else if (option("--only") === "torture") await onlyTorture();
else if (option("--only") === "layout") await onlyLayout();
else if (option("--only") !== undefined) {
  process.stderr.write(
    `bench: --only takes "torture" or "layout" (the sections that run alone), not "${option("--only")}"\n`,
  );
  process.exitCode = 2;
} else await main();
