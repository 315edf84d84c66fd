// Charts: a Vega-Lite spec over a data table, drawn at build time to static SVG (nothing runs in the page).
// A chart drawn is kept in a folder beside the layout cache (<out>/.cache/charts/), by a hash of its spec with
// its rows and Vega's and Vega-Lite's versions: an unchanged chart is not drawn again in the next build, which
// then does not even load Vega. Each SVG is written to a temporary file and renamed, so two builds sharing the
// folder read a whole SVG or none; the folder can be deleted at any time.
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { TopLevelSpec } from "vega-lite";
import type { Chart, DataTable, Source } from "../content/index.ts";
import { BookletError } from "../errors/index.ts";
import { citePlaceholder } from "../markdown/index.ts";
import { escapeHtml, writeWhole } from "../shared/index.ts";

export interface ChartOptions {
  caption?: string;
  language: string;
}

/** Where drawn charts are kept, and where to say whether a chart was drawn or found there. */
export interface ChartCache {
  dir: string;
  log?: (line: string) => void;
}

/** SVGs drawn, by their Vega-Lite spec with its data (a few, the oldest dropped first) */
const drawn = new Map<string, string>();

/** Draws the chart to an SVG string, or takes it from the cache. Async because Vega's renderer is. */
export async function drawChart(
  chart: Chart,
  tables: Map<string, DataTable>,
  cache?: ChartCache,
): Promise<{ svg: string; sourceIds: string[]; caption?: string } | undefined> {
  const spec = structuredClone(chart.spec) as Record<string, unknown>;
  const caption =
    typeof spec.caption === "string" ? spec.caption : typeof spec.title === "string" ? spec.title : undefined;
  delete spec.caption;
  delete spec.title; // the caption is HTML under the chart, not text drawn inside it
  const explicitSources = Array.isArray(spec.sources) ? (spec.sources as unknown[]).map(String) : undefined;
  delete spec.sources;
  // the table's name was checked when the chart was read; a table that could not be read is reported at its file
  const table = tables.get((spec.data as { table: string }).table);
  if (!table) return undefined;
  spec.data = { values: table.rows.map((r) => r.values) };
  // the same chart of the same rows draws the same SVG: the preview rebuilds without drawing it again
  const key = JSON.stringify(spec);
  let svg = drawn.get(key) ?? readKept(cache, key, chart.name);
  if (svg === undefined) {
    svg = await drawSvg(chart, spec);
    cache?.log?.(`chart ${chart.name}: drawn with Vega`);
    keep(cache, key, svg);
  }
  if (drawn.size >= 32) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, svg);
  // the rows actually drawn are not known without running the transforms ourselves; cite the table's sources
  const sourceIds = explicitSources ?? [
    ...new Set(table.rows.map((r) => r.values.source).filter((s): s is string => typeof s === "string")),
  ];
  return { svg, sourceIds, caption };
}

async function drawSvg(chart: Chart, spec: Record<string, unknown>): Promise<string> {
  try {
    // loaded here, not at the top: Vega takes over half a second to import, and most booklets (and every
    // build whose charts are all in the cache) never draw a chart
    const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
    const vg = compile(spec as unknown as TopLevelSpec).spec;
    // a loader that refuses everything: a chart reads only the table it was given
    const loader = vega.loader();
    loader.load = async (uri: string) => {
      throw new Error(`charts cannot load ${uri}`);
    };
    const view = new vega.View(vega.parse(vg), { renderer: "none", loader });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  } catch (e) {
    throw new BookletError("ChartInvalid", `Vega-Lite could not draw ${chart.name}: ${(e as Error).message}`, {
      location: { file: chart.file, line: 1 },
      sourceText: chart.text,
      cause: e,
    });
  }
}

// a new way of drawing or keeping charts: no SVG kept before is ever read
const FORMAT = "booklet-chart-1";
let versions: string | undefined;

/** Vega's and Vega-Lite's versions as installed, read from their package.json without loading them. */
function vegaVersions(): string {
  if (versions !== undefined) return versions;
  const require = createRequire(import.meta.url);
  versions = ["vega", "vega-lite"]
    .map((name) => {
      for (let dir = path.dirname(require.resolve(name)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
        if (pkg?.name === name) return `${name}@${pkg.version}`;
      }
      throw new Error(`no package.json of ${name}`);
    })
    .join(" ");
  return versions;
}

/** The file of a chart in the cache: the hash of its spec with its rows, the versions and the format. */
function keptFile(cache: ChartCache, key: string): string {
  const hash = crypto.createHash("sha256").update(`${FORMAT}\0${vegaVersions()}\0${key}`).digest("hex");
  return path.join(cache.dir, `${hash}.svg`);
}

function readKept(cache: ChartCache | undefined, key: string, name: string): string | undefined {
  if (!cache) return undefined;
  try {
    const svg = fs.readFileSync(keptFile(cache, key), "utf8");
    // a file cut short (a full disk) is drawn again
    if (!svg.startsWith("<svg") || !svg.trimEnd().endsWith("</svg>")) return undefined;
    cache.log?.(`chart ${name}: from the chart cache`);
    return svg;
  } catch {
    return undefined;
  }
}

/** Keeps an SVG; a cache that cannot be written (a full disk, a read-only folder) is only not kept. */
function keep(cache: ChartCache | undefined, key: string, svg: string): void {
  if (!cache) return;
  const file = keptFile(cache, key);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  writeWhole(file, tmp, svg);
}

export function chartHtml(
  name: string,
  drawn: { svg: string; sourceIds: string[]; caption?: string },
  sources: Map<string, Source>,
  options: ChartOptions,
): string {
  const caption = options.caption ?? drawn.caption ?? "";
  // the white background rectangle would hide the page colour and adds nothing in print
  const svg = drawn.svg
    .replace(/<rect width="\d+(\.\d+)?" height="\d+(\.\d+)?" fill="white"\/>/, "")
    .replace(/\n/g, " ");
  const ids = drawn.sourceIds.filter((id) => sources.has(id));
  const cites = ids.length ? citePlaceholder(ids.join(";")) : "";
  return `<figure class="chart" id="chart-${escapeHtml(name)}" role="img" aria-label="${escapeHtml(caption)}">${svg}<figcaption>${escapeHtml(caption)}${cites}</figcaption></figure>`;
}
