// The content of a booklet after loading: every item keeps the file and line it came from.
import type { BookletError } from "../errors/index.ts";
export interface Located {
  file: string;
  line: number;
}

export interface Chapter extends Located {
  /** the id used for anchors: ch-<file name without extension> */
  id: string;
  /** the file's name without extension: how an edition replaces it */
  name: string;
  title: string;
  short: string;
  order: number;
  /** false for an unnumbered chapter (a timeline, an appendix): `numbered: false` in the front matter */
  numbered: boolean;
  /** the Markdown after the front matter */
  body: string;
  /** 1-based line of the file where `body` starts */
  bodyLine: number;
  /** the whole file, for code frames */
  text: string;
  /** which layer it comes from: "base" or the edition year */
  layer: string;
  /** the language its file is written in, when a translation is built (a chapter it does not replace: the base's) */
  language?: string;
}

export type CslName = { family?: string; given?: string; literal?: string };

export interface CslItem {
  id: string;
  type?: string;
  title: string;
  "short-title"?: string;
  "container-title"?: string;
  publisher?: string;
  "publisher-place"?: string;
  author?: CslName[];
  issued?: { "date-parts"?: (number | string)[][]; literal?: string };
  accessed?: { "date-parts"?: (number | string)[][] };
  URL?: string;
  note?: string;
  [key: string]: unknown;
}

export interface Source extends Located {
  id: string;
  item: CslItem;
}

export type ColumnType = "text" | "number" | "integer" | "date" | "source";

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
  align?: "left" | "right" | "center";
  /** a fixed width ("18%"): the table then keeps the same columns on every page it runs over */
  width?: string;
}

export type CellValue = string | number | null;

export interface Row extends Located {
  values: Record<string, CellValue>;
}

export interface DataTable {
  name: string;
  /** the file holding the rows */
  file: string;
  /** the .yaml giving caption and columns, when there is one */
  metaFile?: string;
  caption?: string;
  columns: Column[];
  rows: Row[];
  /** labels for the values of the `measure` column */
  measures: Record<string, string>;
  layer: string;
}

/** The data tables by name, each read when it is first asked for (`get`); iterating gives those read so far. */
export interface Tables extends Map<string, DataTable> {
  /** every table the content has, read or not */
  names(): string[];
  /** whether the table exists but could not be read: its problems are in `problems` */
  failed(name: string): boolean;
  /** the problems of the tables read so far */
  readonly problems: BookletError[];
}

export interface Chart {
  name: string;
  file: string;
  spec: Record<string, unknown>;
  text: string;
}

export interface TextPart extends Located {
  title: string;
  body: string;
  bodyLine: number;
  text: string;
  layer: string;
  /** the language its file is written in, when a translation is built (Chapter) */
  language?: string;
}

export interface Content {
  dir: string;
  chapters: Chapter[];
  foreword?: TextPart;
  colophon?: TextPart;
  sources: Map<string, Source>;
  sourcesFile?: string;
  /**
   * ids of sources already reported as invalid, or "*" when sources.yaml could not be read at all: their
   * citations are not reported again as unknown, one mistake giving one error
   */
  sourcesReported?: Set<string>;
  tables: Tables;
  charts: Map<string, Chart>;
  /** charts that could not be read (reported at their own file): placing one is not reported again */
  failedCharts?: Set<string>;
  /** notes for the build log: a file of the edition that replaced a base file */
  replaced: { name: string; base: string; edition: string }[];
}
