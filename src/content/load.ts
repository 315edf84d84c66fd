// Loads a booklet's content: chapters, foreword, colophon, sources, data tables and charts, base then edition.
import fs from "node:fs";
import path from "node:path";
import { BookletError, BookletErrors, didYouMean } from "../errors/index.ts";
import { readContentText } from "../files.ts";
import { type LocatedYaml, parseYaml, slugify, validated } from "../shared/index.ts";
import { ChapterFrontSchema, ChartSchema, TextPartFrontSchema } from "./schemas.ts";
import { loadSources } from "./sources.ts";
import { TableStore } from "./tables.ts";
import type { Chapter, Chart, Content, Source, TextPart } from "./types.ts";

export { TableStore };

export interface Layer {
  /** "base" or the edition year */
  name: string;
  dir: string;
  /** the language its files are written in: a translation's, or the base language (unset: the booklet's) */
  language?: string;
}

export interface LoadContentOptions {
  contentDir: string;
  /** content layers over the base, in order (the edition folder) */
  layers?: Layer[];
  /** the language of the base content's files, when a translation is loaded over it */
  baseLanguage?: string;
  /**
   * collect problems here and return what could be loaded, instead of throwing: `booklet check` goes on
   * to the templates so that it reports every problem at once
   */
  problems?: BookletError[];
}

/** A file of a layer: its path, its layer's name and the language it is written in (Layer). */
type LayerFile = { file: string; layer: string; language?: string };

/** Files of one kind across the layers: a later layer's file of the same name replaces an earlier one. */
function layeredFiles(
  layers: Layer[],
  sub: string,
  exts: string[],
  replaced: Content["replaced"],
): Map<string, LayerFile> {
  const found = new Map<string, LayerFile>();
  for (const layer of layers) {
    const dir = path.join(layer.dir, sub);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue;
    for (const entry of fs.readdirSync(dir).sort()) {
      const ext = exts.find((e) => entry.endsWith(e));
      if (!ext) continue;
      const key = entry;
      const file = path.join(dir, entry);
      const before = found.get(key);
      if (before) replaced.push({ name: path.join(sub, entry), base: before.file, edition: file });
      found.set(key, { file, layer: layer.name, language: layer.language });
    }
  }
  return found;
}

export function loadContent(options: LoadContentOptions): Content {
  const contentDir = path.resolve(options.contentDir);
  const layers: Layer[] = [
    { name: "base", dir: contentDir, language: options.baseLanguage },
    ...(options.layers ?? []),
  ];
  const problems: BookletError[] = options.problems ?? [];
  const replaced: Content["replaced"] = [];
  const load: Loading = { layers, contentDir, problems, replaced, collect: collector(problems) };

  const chapters = loadChapters(load);
  const foreword = loadSingle(load, "foreword.md");
  const colophon = loadSingle(load, "colophon.md");
  const { sourcesFile, sources, sourcesReported } = loadAllSources(load);
  const tables = new TableStore(layeredFiles(layers, "data", [".csv", ".yaml", ".yml"], replaced), contentDir);
  const { charts, failedCharts } = loadCharts(load, tables, sources, sourcesReported);

  if (!options.problems && problems.some((p) => p.severity === "error")) throw new BookletErrors(problems);
  return {
    dir: contentDir,
    chapters,
    foreword,
    colophon,
    sources,
    sourcesFile: fs.existsSync(sourcesFile) ? sourcesFile : undefined,
    sourcesReported,
    tables,
    charts,
    failedCharts,
    replaced,
  };
}

/** What every part of the loading shares: the layers, and where problems and replaced files are noted. */
interface Loading {
  layers: Layer[];
  contentDir: string;
  problems: BookletError[];
  replaced: Content["replaced"];
  /** runs a loader; a problem it throws is noted and the part is left out */
  collect: <T>(fn: () => T) => T | undefined;
}

function collector(problems: BookletError[]) {
  return <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof BookletErrors) problems.push(...e.errors);
      else if (e instanceof BookletError) problems.push(e);
      else throw e;
      return undefined;
    }
  };
}

/** The chapters in their order; two with one id, or none at all, is a problem. */
function loadChapters({ layers, contentDir, problems, replaced, collect }: Loading): Chapter[] {
  const chapters: Chapter[] = [];
  for (const [, from] of layeredFiles(layers, "chapters", [".md"], replaced)) {
    const ch = collect(() => loadChapter(from, contentDir));
    if (ch) chapters.push(ch);
  }
  chapters.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const seenOrder = new Map<string, Chapter>();
  for (const ch of chapters) {
    const other = seenOrder.get(ch.id);
    if (other)
      problems.push(
        new BookletError("DuplicateId", `Two chapters have the id ${ch.id}: ${other.file} and ${ch.file}.`, {
          location: { file: ch.file, line: 1 },
        }),
      );
    seenOrder.set(ch.id, ch);
  }
  if (chapters.length === 0 && problems.length === 0) {
    problems.push(
      new BookletError("NoChapters", `No chapters were found in ${path.join(contentDir, "chapters")}.`, {
        location: { file: path.join(contentDir, "chapters") },
      }),
    );
  }
  return chapters;
}

/** A text of its own (the foreword, the colophon's note) from the last layer that has it. */
function loadSingle({ layers, contentDir, replaced, collect }: Loading, name: string): TextPart | undefined {
  let picked: LayerFile | undefined;
  for (const layer of layers) {
    const file = path.join(layer.dir, name);
    if (fs.existsSync(file)) {
      if (picked) replaced.push({ name, base: picked.file, edition: file });
      picked = { file, layer: layer.name, language: layer.language };
    }
  }
  const from = picked;
  return from ? collect(() => loadTextPart(from, contentDir)) : undefined;
}

function loadAllSources({ layers, contentDir, problems, replaced, collect }: Loading) {
  // shared by every layer, unless one has its own (a translation whose sources are in its language)
  const sourcesFile =
    [...layers]
      .reverse()
      .map((l) => path.join(l.dir, "sources.yaml"))
      .find((f) => fs.existsSync(f)) ?? path.join(contentDir, "sources.yaml");
  if (sourcesFile !== path.join(contentDir, "sources.yaml") && fs.existsSync(path.join(contentDir, "sources.yaml")))
    replaced.push({ name: "sources.yaml", base: path.join(contentDir, "sources.yaml"), edition: sourcesFile });
  const sources = new Map<string, Source>();
  const sourcesReported = new Set<string>();
  if (fs.existsSync(sourcesFile)) {
    const read = collect(() => {
      loadSources(sourcesFile, contentDir, sources, problems, sourcesReported);
      return true;
    });
    if (read === undefined) sourcesReported.add("*");
  }
  return { sourcesFile, sources, sourcesReported };
}

function loadCharts(
  { layers, contentDir, problems, replaced, collect }: Loading,
  tables: TableStore,
  sources: Map<string, Source>,
  sourcesReported: Set<string>,
) {
  const charts = new Map<string, Chart>();
  const failedCharts = new Set<string>();
  for (const [entry, { file }] of layeredFiles(layers, "charts", [".yaml", ".yml", ".json"], replaced)) {
    const name = entry.replace(/\.(ya?ml|json)$/, "");
    const chart = collect(() => loadChart(name, file, contentDir, tables.names()));
    if (!chart) {
      failedCharts.add(name);
      continue;
    }
    problems.push(...chartSourceProblems(chart, sources, sourcesReported));
    charts.set(name, { name, file, spec: chart.spec, text: chart.text });
  }
  return { charts, failedCharts };
}

// ---------------------------------------------------------------------------------------------- chapters

const FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string): {
  front: string | undefined;
  body: string;
  bodyLine: number;
  frontLine: number;
} {
  const m = FRONT.exec(text);
  if (!m) return { front: undefined, body: text, bodyLine: 1, frontLine: 1 };
  const consumed = m[0];
  const bodyLine = consumed.split("\n").length - (consumed.endsWith("\n") ? 0 : 1);
  return { front: m[1], body: text.slice(consumed.length), bodyLine, frontLine: 2 };
}

function loadChapter({ file, layer, language }: LayerFile, contentDir: string): Chapter {
  const text = readContentText(file, contentDir);
  const { front, body, bodyLine, frontLine } = splitFrontMatter(text);
  const name = path.basename(file, ".md");
  if (front === undefined) {
    throw new BookletError(
      "FrontMatterInvalid",
      `The chapter has no front matter: it must open with a --- block giving title and order.`,
      { location: { file, line: 1 }, sourceText: text },
    );
  }
  const y = parseYaml(front, file, "FrontMatterSyntax", frontLine - 1, text);
  const data = validated(ChapterFrontSchema, y.value ?? {}, y, {
    invalid: "FrontMatterInvalid",
    unknownKey: "FrontMatterInvalid",
  });
  return {
    id: `ch-${slugify(name)}`,
    name,
    file,
    line: 1,
    title: data.title,
    short: data.short ?? data.title,
    order: data.order,
    numbered: data.numbered !== false,
    body,
    bodyLine,
    text,
    layer,
    language,
  };
}

function loadTextPart({ file, layer, language }: LayerFile, contentDir: string): TextPart {
  const text = readContentText(file, contentDir);
  const { front, body, bodyLine, frontLine } = splitFrontMatter(text);
  let title = "";
  if (front !== undefined) {
    const y = parseYaml(front, file, "FrontMatterSyntax", frontLine - 1, text);
    title =
      validated(TextPartFrontSchema, y.value ?? {}, y, {
        invalid: "FrontMatterInvalid",
        unknownKey: "FrontMatterInvalid",
      }).title ?? "";
  }
  return { file, line: 1, title, body, bodyLine, text, layer, language };
}

/** A chart, checked by its schema, whose table is one that data/ has. */
function loadChart(name: string, file: string, contentDir: string, tables: string[]): Chart & { yaml: LocatedYaml } {
  const text = readContentText(file, contentDir);
  const y = parseYaml(text, file, "DataYamlSyntax");
  const spec = validated(ChartSchema, y.value, y, { invalid: "ChartInvalid", unknownKey: "ChartInvalid" });
  if (!tables.includes(spec.data.table)) {
    const message = `The chart's data names the table "${spec.data.table}", which data/ does not have (tables: ${tables.join(", ") || "none"}).${didYouMean(spec.data.table, tables, (s) => `"${s}"`)}`;
    throw new BookletError("UnknownTable", message, {
      location: { file, ...y.locate(["data", "table"]) },
      sourceText: text,
    });
  }
  return { name, file, spec, text, yaml: y };
}

/** The ids of a chart's `sources:` that sources.yaml does not have (the chart is still drawn). */
function chartSourceProblems(
  chart: Chart & { yaml: LocatedYaml },
  sources: Map<string, Source>,
  reported: Set<string>,
): BookletError[] {
  const ids = (chart.spec.sources as string[] | undefined) ?? [];
  return ids.flatMap((id, i) => {
    if (sources.has(id) || reported.has(id) || reported.has("*")) return [];
    const message = `The chart's sources name "${id}", which is not in sources.yaml.${didYouMean(id, sources.keys(), (s) => `"${s}"`)}`;
    return [
      new BookletError("UnknownSource", message, {
        location: { file: chart.file, ...chart.yaml.locate(["sources", i]) },
        sourceText: chart.text,
      }),
    ];
  });
}
