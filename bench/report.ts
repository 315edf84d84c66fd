// The benchmark's figures as the README's performance section: a table against the targets, then why a target
// is missed, in the figures of the same run.
import type { DevMeasurement } from "./dev.ts";
import type { MemoryPeak } from "./memory.ts";
import { type TortureStats, tortureReport } from "./torture.ts";

export interface BenchResults {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    chromium: string;
    loadBefore: number;
    loadAfter: number;
  };
  repeat: number;
  pagedjsVersion: string;
  shipped: {
    pages: number;
    pagedjsPages: number;
    screen: number[];
    all: number[];
    pagedjsCli: number[];
    /** Paged.js's own layout time in each pagedjs-cli run, as it reports it */
    pagedjsLayout?: { pages: number; ms: number }[];
    /** the same screen build again into the same folder, nothing changed (absent in runs before it was measured) */
    unchanged?: number[];
    /** the screen build again after a sentence was added to one chapter */
    oneChanged?: number[];
    oneChangedStages?: Record<string, number>;
    screenStages: Record<string, number>;
    allStages: Record<string, number>;
    formats: string[];
    webEdition?: { wallMs: number; pages: number };
    /** all formats of a translation whose page count needs pages added (absent in runs before it was measured) */
    padded?: { language: string; pages: number; added: number; all: number[]; stages: Record<string, number> };
  };
  growth: { target: number; chapters: number; pages: number; wallMs: number; stages: Record<string, number> }[];
  /** pagedjs-cli on the largest generated booklet */
  pagedjsLargest?: { wallMs: number; pages: number; layout?: { pages: number; ms: number } };
  editions: { one: number[]; twelve: number; twelveStages: Record<string, number> };
  dev: DevMeasurement;
  memory: { screen: MemoryPeak; all: MemoryPeak; pagedjsCli: MemoryPeak };
  /** `booklet --version`: Node's start and the loading of every module */
  startupMs: number;
  /** generated note-heavy booklets, every piece of text counted in the PDF (absent when run with --torture 0) */
  torture?: TortureStats;
  benchSeconds: number;
}

export const TARGETS = {
  screenRatio: 0.6,
  allRatio: 0.8,
  unchangedRatio: 0.2,
  oneChangedRatio: 0.35,
  msPerPage: 40,
  /** a page's cost at the largest generated booklet against its cost at the smallest */
  growthRatio: 1.1,
  editionsRatio: 2,
  devMs: 1000,
  memoryMb: 600,
};

/** the middle value (the mean of the two middle ones for an even count) */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

export function report(r: BenchResults): string {
  const screen = median(r.shipped.screen);
  const all = median(r.shipped.all);
  const other = median(r.shipped.pagedjsCli);
  const screenRatio = screen / other;
  const allRatio = all / other;
  const perPage = r.growth.map((g) => ({ ...g, msPerPage: g.stages.paginate / g.pages }));
  // the largest booklet: the stage's fixed part (loading the document, starting the print) weighs least there
  const largest = perPage[perPage.length - 1];
  const worstPerPage = largest.msPerPage;
  const first = perPage[0];
  const marginal = (largest.stages.paginate - first.stages.paginate) / (largest.pages - first.pages);
  const growthRatio = largest.msPerPage / first.msPerPage;
  const unchanged = r.shipped.unchanged?.length ? median(r.shipped.unchanged) : undefined;
  const oneChanged = r.shipped.oneChanged?.length ? median(r.shipped.oneChanged) : undefined;
  const one = median(r.editions.one);
  const editionsRatio = r.editions.twelve / one;
  const devMedian = median(r.dev.chapterEdits);
  const devMax = Math.max(...r.dev.chapterEdits);
  const fastShare = r.dev.modes.filter((m) => m === "chapter").length;
  const memory = r.memory.screen;

  const lines: string[] = [];
  lines.push(
    `Measured by \`npm run bench\` on ${r.date}: ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGb.toFixed(0)} GB, ${r.machine.chromium}, Node ${r.machine.node}. ` +
      `Load average ${r.machine.loadBefore.toFixed(2)} when the run began and ${r.machine.loadAfter.toFixed(2)} when it ended: other work on the machine slows every figure alike. ` +
      `Times are wall-clock times of whole command-line runs, as a user runs them (Node's start, the browser's start, every file written), the median of ${r.repeat} runs taken in turn. ` +
      `pagedjs-cli 0.4.3 (Paged.js ${r.pagedjsVersion}, the version booklet uses) is given the very document booklet lays out, served from 127.0.0.1 with its stylesheets and fonts, and the same Chromium with the same flags.`,
    "",
    "| Measure | Figure | Target | |",
    "|---|---|---|---|",
    `| Shipped booklet (${r.shipped.pages} pages), screen PDF: booklet ÷ pagedjs-cli (${r.shipped.pagedjsPages} pages) | ${sec(screen)} ÷ ${sec(other)} = **${screenRatio.toFixed(2)}** | ≤ ${TARGETS.screenRatio} | ${verdict(screenRatio <= TARGETS.screenRatio)} |`,
    `| All formats (${r.shipped.formats.join(", ")}) ÷ pagedjs-cli | ${sec(all)} ÷ ${sec(other)} = **${allRatio.toFixed(2)}** | ≤ ${TARGETS.allRatio} | ${verdict(allRatio <= TARGETS.allRatio)} |`,
    ...paddedRows(r.shipped.padded, all),
    ...againRows(unchanged, oneChanged, other),
    `| Pagination, time a page (paginate stage ÷ pages, ${largest.pages}-page generated booklet) | **${worstPerPage.toFixed(1)} ms** | < ${TARGETS.msPerPage} ms | ${verdict(worstPerPage < TARGETS.msPerPage)} |`,
    `| A page's cost at ${largest.pages} pages ÷ at ${first.pages} pages (paginate stage ÷ pages) | ${worstPerPage.toFixed(1)} ms ÷ ${first.msPerPage.toFixed(1)} ms = **${growthRatio.toFixed(2)}** | ≤ ${TARGETS.growthRatio} | ${verdict(growthRatio <= TARGETS.growthRatio)} |`,
    `| Build time of generated booklets (screen PDF) | ${perPage.map((g) => `${g.pages} pages ${sec(g.wallMs)}`).join(" · ")} | | |`,
    `| Twelve editions in one run ÷ one edition (screen PDF) | ${sec(r.editions.twelve)} ÷ ${sec(one)} = **${editionsRatio.toFixed(2)}** | ≤ ${TARGETS.editionsRatio} | ${verdict(editionsRatio <= TARGETS.editionsRatio)} |`,
    `| \`booklet dev\`: one chapter edited, file written → pages ready in the browser (median of ${r.dev.chapterEdits.length}; slowest; how many under 1 s) | **${Math.round(devMedian)} ms** (${Math.round(devMax)} ms; ${r.dev.chapterEdits.filter((x) => x < TARGETS.devMs).length} of ${r.dev.chapterEdits.length}) | < ${TARGETS.devMs} ms, every one | ${verdict(devMax < TARGETS.devMs)} |`,
    ...lengthRows(r.dev),
    `| \`booklet dev\`: a stylesheet edited, every page laid out again (median of ${r.dev.fullRelayout.length}) | ${Math.round(median(r.dev.fullRelayout))} ms | | |`,
    ...reopenedRows(r.dev),
    `| Peak memory of a build, Node and Chromium together (PSS; summed RSS in brackets) | **${mb(memory.pss)}** (${mb(memory.rss)}) | < ${TARGETS.memoryMb} MB | ${verdict(memory.pss < TARGETS.memoryMb * 2 ** 20)} |`,
  );
  const torture = r.torture?.seeds.length ? tortureReport(r.torture) : undefined;
  if (torture) lines.push(torture.row);
  lines.push("");

  lines.push(
    "Details:",
    "",
    `- Stages of the screen build (medians, from \`--json\`): ${stageList(r.shipped.screenStages)}; outside the stages (Node starting and loading booklet's compiled modules, the browser closing, the files written): ${sec(screen - sum(r.shipped.screenStages))}.`,
    `- Stages of the all-formats build: ${stageList(r.shipped.allStages)}.`,
    ...(r.shipped.padded
      ? [
          `- Stages of the all-formats build of the \`${r.shipped.padded.language}\` translation (${r.shipped.padded.pages} pages${r.shipped.padded.added ? ` and ${r.shipped.padded.added} added in front of its back cover, in the layout's own page` : ", a multiple of 4: none added"}): ${stageList(r.shipped.padded.stages)}.`,
        ]
      : []),
    `- Generated booklets (copies of \`chapters/02-night.md\`, each a chapter with its notes): ${perPage.map((g) => `${g.pages} pages: paginate ${sec(g.stages.paginate)}, ${g.msPerPage.toFixed(1)} ms a page, whole build ${sec(g.wallMs)}`).join("; ")}. The paginate stage is the document's loading, Paged.js's layout and Chromium's printing of the PDF; each page more cost ${marginal.toFixed(1)} ms (from ${first.pages} to ${largest.pages} pages).`,
    `- \`booklet dev\` on the shipped booklet (${r.dev.pages} pages), editing \`chapters/03-toll.md\` (${r.dev.chapterEdits.length} saves; ${fastShare} laid out that chapter alone): ${r.dev.chapterEdits.map((x) => Math.round(x)).join(", ")} ms from the write to the pages ready; of which preparing the document ${r.dev.prepareMs.map((x) => Math.round(x)).join(", ")} ms and laying out in the page ${r.dev.layoutMs.join(", ")} ms. ` +
      `After each, the page laid out the whole document in the background and compared it page by page with what it showed: ${r.dev.checks.same} the same, ${r.dev.checks.differed} different. ` +
      (r.dev.steps.length
        ? `Where the time goes (medians): the event leaves for the page ${Math.round(median(r.dev.steps.map((x) => x.sent)))} ms after the save (the watcher's 30 ms and preparing the document); from its arrival, the new version is fetched by ${Math.round(median(r.dev.steps.map((x) => x.fetched)))} ms, laid out by ${Math.round(median(r.dev.steps.map((x) => x.laidOut)))} ms and drawn by ${Math.round(median(r.dev.steps.map((x) => x.painted)))} ms. The saves are at least a second apart, as an editor's are: the page loads a spare frame for the next edit in that time.`
        : ""),
    `- Peak memory (sampled every 50 ms from /proc, the build's whole process tree, in runs of their own, not the timed ones): screen build ${mb(r.memory.screen.rss)} RSS / ${mb(r.memory.screen.pss)} PSS in ${r.memory.screen.processes} processes; all formats ${mb(r.memory.all.rss)} / ${mb(r.memory.all.pss)}; pagedjs-cli ${mb(r.memory.pagedjsCli.rss)} / ${mb(r.memory.pagedjsCli.pss)}. The memory figure is PSS, the proportional set size: a page of memory that several processes share (Chromium's code, mapped by each of its processes, and the pages the zygote's children inherit) counts once in all, divided among the sharers, so that the sum over the processes is the memory the build takes from the machine. Summed RSS counts such a page again in every process that maps it, and so overstates it; it is given for comparison. At the peak of the screen build, by kind of process, PSS (RSS): ${kinds(memory)}.`,
  );
  if (r.shipped.webEdition) {
    lines.push(
      `- The \`html\` format is the web edition (one column, notes after each chapter), not the document the PDFs are laid out from; pagedjs-cli on that file took ${sec(r.shipped.webEdition.wallMs)} (${r.shipped.webEdition.pages} pages). The comparison above uses the document both tools lay out.`,
    );
  }
  if (torture) lines.push(torture.details);
  lines.push(`- The whole benchmark took ${Math.round(r.benchSeconds)} s.`, "");

  const missed: string[] = [];
  const s = r.shipped.screenStages;
  const outside = screen - sum(s);
  if (screenRatio > TARGETS.screenRatio) {
    missed.push(
      `**Screen PDF against pagedjs-cli (${screenRatio.toFixed(2)}, target ${TARGETS.screenRatio}).** booklet's run does what pagedjs-cli's does (start a browser, lay the document out with the same Paged.js, print, post-process with pdf-lib) and more: it makes the document from the content first (reading and checking it, Markdown, citations, hyphenation, tables and charts) and does more after the layout; its other stages took ${stageList(Object.fromEntries(Object.entries(s).filter(([k]) => k !== "paginate")))}. ` +
        `Its paginate stage alone took ${sec(s.paginate ?? 0)} against pagedjs-cli's ${sec(other)} for everything; ${sec(outside)} is spent outside the stages, and \`booklet --version\`, which only starts Node and loads booklet's modules (the compiled JavaScript of \`dist/\`), takes ${sec(r.startupMs)}. ` +
        `A ratio of ${TARGETS.screenRatio} would need booklet's whole run to take ${sec(other * TARGETS.screenRatio)}, less than its pagination and printing alone take here.`,
    );
  }
  if (allRatio > TARGETS.allRatio) {
    const a = r.shipped.allStages;
    missed.push(
      `**All formats against pagedjs-cli (${allRatio.toFixed(2)}, target ${TARGETS.allRatio}).** The document is laid out once, with the print version's bleed, for all three PDFs; the formats stage then makes the screen PDF (the trimmed page), the print PDF's boxes, the imposed sheets and the web edition in ${sec(a.formats ?? 0)}, while the preflight reads the screen PDF (${sec(a.preflight ?? 0)}). The whole run took ${sec(all)} against ${sec(screen)} for the screen PDF alone: the other formats add little, and the screen PDF alone is already over pagedjs-cli's whole run (above). A ratio of ${TARGETS.allRatio} would need ${sec(other * TARGETS.allRatio)}.`,
    );
  }
  if (worstPerPage >= TARGETS.msPerPage) {
    const own = r.pagedjsLargest?.layout;
    const shippedOwn = r.shipped.pagedjsLayout?.length
      ? median(r.shipped.pagedjsLayout.map((x) => x.ms / x.pages))
      : undefined;
    missed.push(
      `**Pagination per page (${worstPerPage.toFixed(1)} ms, target ${TARGETS.msPerPage} ms).** Measured on the ${largest.pages}-page booklet; the stage includes loading the document and its fonts and printing the PDF, not only Paged.js's layout. ${perPage.map((g) => `${g.pages} pages: ${g.msPerPage.toFixed(1)} ms`).join(", ")}; each page more cost ${marginal.toFixed(1)} ms, ${marginal > TARGETS.msPerPage ? "so the work done for each page (laying it out and printing it), not a fixed cost, is over the target on this machine" : "under the target: what puts the average over it is the stage's fixed cost (opening a page, Paged.js's script and its reading of the stylesheets, the print's start), spread over the pages"}. ` +
        (own
          ? `Paged.js 0.4.3 alone, in pagedjs-cli on the same ${own.pages}-page document, reports ${(own.ms / own.pages).toFixed(1)} ms a page for its layout (${sec(own.ms)}; pagedjs-cli's whole run ${sec(r.pagedjsLargest!.wallMs)})${shippedOwn !== undefined ? `, and ${shippedOwn.toFixed(1)} ms a page for the shipped booklet` : ""}: ` +
            (own.ms / own.pages >= TARGETS.msPerPage
              ? `the layout engine booklet is built on is itself over the target here, before any page is printed.`
              : `booklet's stage adds ${(worstPerPage - own.ms / own.pages).toFixed(1)} ms a page to it (loading, booklet's Paged.js handlers, printing).`) +
            (own.ms / own.pages > worstPerPage
              ? ` booklet's whole stage, printing included, takes less a page than that layout alone: Paged.js's footnote placement slows with every page the document holds, and booklet takes the pages already laid out out of the layout until the end (\`src/render/page-handlers.js\`, HideLaidOutPages).`
              : "")
          : ""),
    );
  }
  if (unchanged !== undefined && unchanged / other > TARGETS.unchangedRatio) {
    missed.push(
      `**Built again, nothing changed (${(unchanged / other).toFixed(2)}, target ${TARGETS.unchangedRatio}).** The build finds its edition up to date (the fingerprint of its inputs and every file's hash as the manifest records them) and makes nothing; what remains is Node's start and the loading of the modules that check it, ${sec(r.startupMs)} for \`booklet --version\` alone, and the hashing of the content folder and booklet's own files. A ratio of ${TARGETS.unchangedRatio} would need ${sec(other * TARGETS.unchangedRatio)}.`,
    );
  }
  if (oneChanged !== undefined && oneChanged / other > TARGETS.oneChangedRatio) {
    const c = r.shipped.oneChangedStages ?? {};
    missed.push(
      `**Built again after one chapter changed (${(oneChanged / other).toFixed(2)}, target ${TARGETS.oneChangedRatio}).** With the default whole-document layout a changed chapter lays the whole document out again: the stages took ${stageList(c)}. \`--by-chapter\` lays out that chapter alone, in a Paged.js run that pays the whole fixed cost of one (a renderer, Paged.js's script, the stylesheets, the first page: most of a run of one chapter), takes the others from the layout cache, then puts every page into the join's kept page and prints it (the paragraph on \`--only layout\` above gives its figures). A ratio of ${TARGETS.oneChangedRatio} would need ${sec(other * TARGETS.oneChangedRatio)}, less than the screen build's paginate stage alone (${sec(s.paginate ?? 0)}).`,
    );
  }
  if (growthRatio > TARGETS.growthRatio) {
    missed.push(
      `**A page's cost as the booklet grows (${growthRatio.toFixed(2)}, target ${TARGETS.growthRatio}).** A page of the ${largest.pages}-page booklet cost ${worstPerPage.toFixed(1)} ms of the paginate stage against ${first.msPerPage.toFixed(1)} ms at ${first.pages} pages: Paged.js's footnote placement slows with every page the document holds; booklet takes the pages already laid out out of its sight (\`src/render/page-handlers.js\`, HideLaidOutPages), and a page still costs more at length.`,
    );
  }
  if (editionsRatio > TARGETS.editionsRatio) {
    // the twelve editions' stages by name ("2031 paginate" → paginate), summed over the editions
    const byStage: Record<string, number> = {};
    for (const [k, v] of Object.entries(r.editions.twelveStages)) {
      const name = k.replace(/^\d{4} /, "");
      byStage[name] = (byStage[name] ?? 0) + v;
    }
    const alone = sum(s);
    const each = (name: string) => (byStage[name] ?? 0) / 12;
    const perEdition = Object.keys(byStage).reduce((t, name) => t + each(name), 0);
    // twice one edition's run for all twelve: the eleven after the first in one edition's time, r.machine.cpus at once
    const needed = (one * r.machine.cpus) / 11;
    missed.push(
      `**Twelve editions (${editionsRatio.toFixed(2)}, target ${TARGETS.editionsRatio}).** Each edition is a whole build (its title page, colophon and dates are its own). With the default whole-document layout the editions share the browser, the charts, the modules, dictionaries and fonts' tables the first edition loads, and the browser's pages: an edition is laid out in a page an earlier one gave back, whose renderer has Paged.js's script compiled and the fonts decoded (\`src/render/page-pool.ts\`). One edition's stages take ${sec(alone)} here (paginate ${sec(s.paginate ?? 0)}, formats ${sec(s.formats ?? 0)}, document ${sec(s.document ?? 0)}, preflight ${sec(s.preflight ?? 0)}). ` +
        `In the run an edition's stages took ${sec(perEdition)} on average (paginate ${sec(each("paginate"))}, formats ${sec(each("formats"))}, document ${sec(each("document"))}, preflight ${sec(each("preflight"))}), ${r.machine.cpus} at a time on ${r.machine.cpus} cores, beside the machine's other work. A ratio of ${TARGETS.editionsRatio} would leave the eleven editions after the first one edition's time, ${sec(needed)} of stages each at ${r.machine.cpus} at a time${needed < (s.paginate ?? 0) ? `, less than one edition's paginate stage alone` : ""}.`,
    );
  }
  if (devMax >= TARGETS.devMs) {
    missed.push(
      `**booklet dev (slowest ${Math.round(devMax)} ms, target ${TARGETS.devMs} ms).** Preparing the document took ${Math.round(median(r.dev.prepareMs))} ms (median; from ${Math.round(Math.min(...r.dev.prepareMs))} to ${Math.round(Math.max(...r.dev.prepareMs))} ms over the saves of this one run) and the layout in the page ${Math.round(median(r.dev.layoutMs))} ms (from ${Math.min(...r.dev.layoutMs)} to ${Math.max(...r.dev.layoutMs)} ms); the rest is the file watcher's quiet time (30 ms), the event to the page, fetching the new version and drawing it.${fastShare < r.dev.modes.length ? ` ${r.dev.modes.length - fastShare} of the ${r.dev.modes.length} saves laid out every page (the chapter's page count changed).` : ""}`,
    );
  }
  if (memory.pss >= TARGETS.memoryMb * 2 ** 20) {
    missed.push(
      `**Peak memory (${mb(memory.pss)} PSS, target ${TARGETS.memoryMb} MB).** At the peak the build ran as ${memory.processes} processes; by kind, PSS (RSS): ${kinds(memory)}.`,
    );
  }
  if (r.torture?.seeds.length && r.torture.ok < r.torture.seeds.length) {
    const t = r.torture;
    missed.push(
      `**Torture test (${t.ok} of ${t.seeds.length} printed whole).** Paged.js 0.4.3 loses or repeats text in note-heavy chapters: ${t.refused.length} builds were refused (booklet's preflight found text missing from the PDF and failed the build rather than write it) and ${t.wrong.length} were written with a tag missing or repeated that the preflight did not see.`,
    );
  }
  if (missed.length) lines.push("Where a target is missed, and why:", "", ...missed.map((m) => `- ${m}`));
  else lines.push("Every target was met in this run.");
  return lines.join("\n");
}

/** The all-formats build of a booklet that needs pages added, against the shipped booklet's (no target). */
function paddedRows(padded: BenchResults["shipped"]["padded"], all: number): string[] {
  if (!padded) return [];
  const t = median(padded.all);
  return [
    `| All formats of the \`${padded.language}\` translation (${padded.pages} pages, ${padded.added ? `${padded.added} added` : "none to add"} for saddle stitching) ÷ the shipped booklet's all formats | ${sec(t)} ÷ ${sec(all)} = **${(t / all).toFixed(2)}** | | |`,
  ];
}

/** The rows of the builds after a first one: nothing changed, one chapter changed (when the run measured them). */
function againRows(unchanged: number | undefined, oneChanged: number | undefined, other: number): string[] {
  const row = (what: string, ms: number, target: number) =>
    `| ${what} ÷ pagedjs-cli | ${sec(ms)} ÷ ${sec(other)} = **${(ms / other).toFixed(2)}** | ≤ ${target} | ${verdict(ms / other <= target)} |`;
  return [
    ...(unchanged === undefined
      ? []
      : [row("Screen PDF built again into the same folder, nothing changed,", unchanged, TARGETS.unchangedRatio)]),
    ...(oneChanged === undefined
      ? []
      : [
          row("Screen PDF built again after a sentence was added to one chapter,", oneChanged, TARGETS.oneChangedRatio),
        ]),
  ];
}

/** The stages of one edition's build run one after another: their sum is the time inside them. */
function sum(stages: Record<string, number>): number {
  return Object.entries(stages)
    .filter(([k]) => k !== "total")
    .reduce((a, [, v]) => a + v, 0);
}

function kinds(m: MemoryPeak): string {
  return Object.entries(m.byKind ?? {})
    .sort((a, b) => (b[1].pss ?? b[1].rss) - (a[1].pss ?? a[1].rss))
    .map(([k, v]) => `${v.count} ${k} ${mb(v.pss ?? 0)} (${mb(v.rss)})`)
    .join(", ");
}

function stageList(stages: Record<string, number>): string {
  return Object.entries(stages)
    .filter(([k]) => k !== "total")
    .map(([k, v]) => `${k} ${sec(v)}`)
    .join(", ");
}

/** The preview started again: its page opened on the kept pages, and laid out (runs before it have none). */
function reopenedRows(dev: DevMeasurement): string[] {
  const opened = dev.reopened ?? [];
  const kept = opened.filter((o) => o.mode === "kept").map((o) => o.ms);
  const laidOut = opened.filter((o) => o.mode !== "kept").map((o) => o.ms);
  if (!kept.length || !laidOut.length) return [];
  return [
    `| \`booklet dev\` started again, page opened → pages ready: from the pages the session before kept; laid out (medians of ${kept.length} and ${laidOut.length}, in turn) | ${Math.round(median(kept))} ms; ${Math.round(median(laidOut))} ms | | |`,
  ];
}

/** The preview's edits that changed a chapter's page count (runs from before it was measured have none). */
function lengthRows(dev: DevMeasurement): string[] {
  const edits = dev.lengthEdits ?? [];
  if (!edits.length) return [];
  const alone = edits.filter((e) => e.mode === "chapter").length;
  const pages = [...new Set(edits.map((e) => e.pages))].join(" and ");
  return [
    `| \`booklet dev\`: paragraphs added to that chapter and taken out again, the pages after it moved (${pages} pages; median of ${edits.length}; how many laid out that chapter alone) | ${Math.round(median(edits.map((e) => e.ms)))} ms (${alone} of ${edits.length}) | | |`,
  ];
}
