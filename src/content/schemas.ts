// The schemas of the content's YAML: a chapter's front matter, a source of sources.yaml, a table's description
// (data/NAME.yaml) and the booklet's part of a chart (charts/NAME.yaml). Each message says what is expected.
import { z } from "zod";

const nonEmpty = (what: string) => z.string({ error: what }).refine((s) => s.trim() !== "", what);
const text = z.union([z.string(), z.number()], { error: "text or a number" });

// ------------------------------------------------------------------------------------------- front matter

export const ChapterFrontSchema = z.strictObject({
  title: nonEmpty("the chapter's title, as text"),
  short: z.string({ error: "text (the running head)" }).optional(),
  order: z.number({ error: "a number (the chapter's position in the booklet)" }),
  numbered: z.boolean({ error: "true or false (false: a chapter without a number, such as a timeline)" }).optional(),
});

/**
 * The foreword's and the colophon's front matter: a chapter's keys, all optional (a chapter's front matter
 * copied there is not wrong; their place in the booklet is fixed, so `order` and `numbered` are not used).
 */
export const TextPartFrontSchema = ChapterFrontSchema.partial();

// ----------------------------------------------------------------------------------------------- sources

/** CSL 1.0.2's item types. */
export const CSL_TYPES = [
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "bill",
  "book",
  "broadcast",
  "chapter",
  "classic",
  "collection",
  "dataset",
  "document",
  "entry",
  "entry-dictionary",
  "entry-encyclopedia",
  "event",
  "figure",
  "graphic",
  "hearing",
  "interview",
  "legal_case",
  "legislation",
  "manuscript",
  "map",
  "motion_picture",
  "musical_score",
  "pamphlet",
  "paper-conference",
  "patent",
  "performance",
  "periodical",
  "personal_communication",
  "post",
  "post-weblog",
  "regulation",
  "report",
  "review",
  "review-book",
  "software",
  "song",
  "speech",
  "standard",
  "thesis",
  "treaty",
  "webpage",
] as const;

/** CSL 1.0.2's name variables. */
const NAME_VARIABLES = [
  "author",
  "chair",
  "collection-editor",
  "compiler",
  "composer",
  "container-author",
  "contributor",
  "curator",
  "director",
  "editor",
  "editorial-director",
  "executive-producer",
  "guest",
  "host",
  "interviewer",
  "illustrator",
  "narrator",
  "organizer",
  "original-author",
  "performer",
  "producer",
  "recipient",
  "reviewed-author",
  "script-writer",
  "series-creator",
  "translator",
];

/** CSL 1.0.2's date variables. */
const DATE_VARIABLES = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"];

/** CSL 1.0.2's other variables (text or a number), with the short-title booklet uses for later citations. */
const TEXT_VARIABLES = [
  "abstract",
  "annote",
  "archive",
  "archive_collection",
  "archive_location",
  "archive-place",
  "authority",
  "call-number",
  "chapter-number",
  "citation-key",
  "citation-label",
  "citation-number",
  "collection-number",
  "collection-title",
  "container-title",
  "container-title-short",
  "dimensions",
  "division",
  "DOI",
  "edition",
  "event",
  "event-place",
  "event-title",
  "first-reference-note-number",
  "genre",
  "ISBN",
  "ISSN",
  "issue",
  "journalAbbreviation",
  "jurisdiction",
  "keyword",
  "language",
  "locator",
  "medium",
  "note",
  "number",
  "number-of-pages",
  "number-of-volumes",
  "original-publisher",
  "original-publisher-place",
  "original-title",
  "page",
  "page-first",
  "part",
  "part-title",
  "PMCID",
  "PMID",
  "printing",
  "publisher",
  "publisher-place",
  "references",
  "reviewed-genre",
  "reviewed-title",
  "scale",
  "section",
  "short-title",
  "shortTitle",
  "source",
  "status",
  "supplement",
  "title-short",
  "URL",
  "version",
  "volume",
  "volume-title",
  "volume-title-short",
  "year-suffix",
];

const CslName = z.strictObject(
  {
    family: text.optional(),
    given: text.optional(),
    literal: text.optional(),
    "dropping-particle": text.optional(),
    "non-dropping-particle": text.optional(),
    suffix: text.optional(),
    "comma-suffix": z.union([text, z.boolean()]).optional(),
    "static-ordering": z.union([text, z.boolean()]).optional(),
    "parse-names": z.union([text, z.boolean()]).optional(),
  },
  { error: "a name: { family, given } or { literal }" },
);
const names = z.array(CslName, { error: "a list of names ({ family, given } or { literal })" });

const CslDate = z
  .strictObject(
    {
      "date-parts": z.array(z.array(text), { error: "[[year, month, day]]" }).optional(),
      season: text.optional(),
      circa: z.union([text, z.boolean()]).optional(),
      literal: z.string().optional(),
      raw: z.string().optional(),
    },
    { error: "{ date-parts: [[year, month, day]] }" },
  )
  .refine(
    (d) => d["date-parts"] !== undefined || d.literal !== undefined || d.raw !== undefined,
    "{ date-parts: [[year, month, day]] } (or { literal: … })",
  );

export const SourceSchema = z.strictObject(
  {
    id: z
      .string({ error: "an id made of letters, digits, - _ . or :" })
      .regex(/^[A-Za-z0-9_][\w.:-]*$/, "an id made of letters, digits, - _ . or :"),
    type: z.enum(CSL_TYPES).optional(),
    title: nonEmpty("the source's title, as text"),
    categories: z.array(z.string()).optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
    ...Object.fromEntries(NAME_VARIABLES.map((k) => [k, names.optional()])),
    ...Object.fromEntries(DATE_VARIABLES.map((k) => [k, CslDate.optional()])),
    ...Object.fromEntries(TEXT_VARIABLES.map((k) => [k, text.optional()])),
  },
  { error: "a mapping of CSL fields (id, type, title …)" },
);

// ------------------------------------------------------------------------------------------------ tables

export const COLUMN_TYPES = ["text", "number", "integer", "date", "source"] as const;

const ColumnSchema = z.strictObject(
  {
    key: z.union([z.string(), z.number()], { error: "the CSV header the column describes" }).transform(String),
    label: text.transform(String).optional(),
    type: z.enum(COLUMN_TYPES).default("text"),
    align: z.enum(["left", "right", "center"]).optional(),
    width: z
      .string({ error: "a percentage or mm, such as 18% or 20mm" })
      .regex(/^\d+(\.\d+)?(%|mm)$/, "a percentage or mm, such as 18% or 20mm")
      .optional(),
  },
  { error: "a column: { key, label, type }" },
);

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: "a value (text or a number)" });

export const TableMetaSchema = z.strictObject(
  {
    caption: z.string({ error: "text (the table's caption)" }).optional(),
    columns: z.array(ColumnSchema, { error: "a list of { key, label, type }" }).optional(),
    measures: z
      .record(z.string(), text.transform(String), { error: "a mapping of each measure to its label" })
      .optional(),
    rows: z
      .array(z.record(z.string(), cell, { error: "a mapping of column to value" }), {
        error: "a list of mappings of column to value",
      })
      .optional(),
  },
  { error: "a mapping (caption, columns, rows)" },
);
export type TableMeta = z.output<typeof TableMetaSchema>;

// ------------------------------------------------------------------------------------------------ charts

/**
 * The keys Vega-Lite 6 allows at the top of a spec, from its JSON Schema (TopLevelSpec). Written out: reading
 * that 1.8 MB schema would cost every build with a chart a fifth of a second; test/unit/content-schemas.test.ts
 * checks that the list is still Vega-Lite's.
 */
export const VEGA_LITE_KEYS = [
  "$schema",
  "align",
  "autosize",
  "background",
  "bounds",
  "center",
  "columns",
  "concat",
  "config",
  "data",
  "datasets",
  "description",
  "encoding",
  "facet",
  "hconcat",
  "height",
  "layer",
  "mark",
  "name",
  "padding",
  "params",
  "projection",
  "repeat",
  "resolve",
  "spacing",
  "spec",
  "title",
  "transform",
  "usermeta",
  "vconcat",
  "view",
  "width",
];

/**
 * A chart: booklet's keys (its data is a table of data/, a caption, the sources), and Vega-Lite's top-level
 * keys, whose values Vega-Lite checks when it draws.
 */
export const ChartSchema = z.strictObject(
  {
    ...Object.fromEntries(VEGA_LITE_KEYS.map((k) => [k, z.unknown().optional()])),
    data: z.strictObject(
      { table: z.string({ error: "the name of a table of data/" }) },
      { error: "`{ table: NAME }`, a table of data/" },
    ),
    caption: z.string({ error: "text (the chart's caption)" }).optional(),
    sources: z.array(z.string(), { error: "a list of source ids" }).optional(),
  },
  { error: "a Vega-Lite spec (a mapping)" },
);
