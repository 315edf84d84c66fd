// Charts: a Vega-Lite spec over a data table, drawn at build time to static SVG (nothing runs in the page).
import type { TopLevelSpec } from "vega-lite";
import type { Chart, DataTable, Source } from "../content/index.ts";
import { BookletError } from "../errors/index.ts";
import { citePlaceholder } from "../markdown/index.ts";
import { escapeHtml } from "../shared/index.ts";

export interface ChartOptions {
  caption?: string;
  language: string;
}

/** Draws the chart to an SVG string. Async because Vega's renderer is. */
/** SVGs drawn, by their Vega-Lite spec with its data (a few, the oldest dropped first) */
const drawn = new Map<string, string>();

export async function drawChart(
  chart: Chart,
  tables: Map<string, DataTable>,
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
  let svg = drawn.get(key);
  if (svg === undefined)
    try {
      // loaded here, not at the top: Vega takes over half a second to import, and most booklets (and every
      // `booklet check` of one without charts) never draw a chart
      const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
      const vg = compile(spec as unknown as TopLevelSpec).spec;
      // a loader that refuses everything: a chart reads only the table it was given
      const loader = vega.loader();
      loader.load = async (uri: string) => {
        throw new Error(`charts cannot load ${uri}`);
      };
      const view = new vega.View(vega.parse(vg), { renderer: "none", loader });
      svg = await view.toSVG();
      view.finalize();
      if (drawn.size >= 32) drawn.delete(drawn.keys().next().value!);
      drawn.set(key, svg);
    } catch (e) {
      throw new BookletError("ChartInvalid", `Vega-Lite could not draw ${chart.name}: ${(e as Error).message}`, {
        location: { file: chart.file, line: 1 },
        sourceText: chart.text,
        cause: e,
      });
    }
  // the rows actually drawn are not known without running the transforms ourselves; cite the table's sources
  const sourceIds = explicitSources ?? [
    ...new Set(table.rows.map((r) => r.values.source).filter((s): s is string => typeof s === "string")),
  ];
  return { svg, sourceIds, caption };
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
