// The content folder read into one Content: chapters, data tables, charts and sources.
export { loadContent } from "./load.ts";
export type { CellValue, Chart, Column, Content, CslItem, CslName, DataTable, Source, TextPart } from "./types.ts";
