// The one schema of booklet.yaml: it validates, gives the TypeScript types, and generates the JSON Schema.
import { z } from "zod";
import { ENGLISH, MESSAGE_IDS, MESSAGE_VALUES } from "../i18n/index.ts";

export const PAGE_SIZES = {
  A5: { width: 148, height: 210 },
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
  "6x9": { width: 152.4, height: 228.6 },
} as const;
export type PageSizeName = keyof typeof PAGE_SIZES;

/** Any other trimmed size: WIDTH x HEIGHT in mm or in ("170x240mm", "5.5 x 8.5 in"). */
export const CUSTOM_SIZE = /^(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|in)$/;

/** The trimmed page in mm, from a preset's name or a custom size (the schema has checked it). */
export function pageSizeMm(pageSize: string): { width: number; height: number } {
  if (pageSize in PAGE_SIZES) return PAGE_SIZES[pageSize as PageSizeName];
  const m = CUSTOM_SIZE.exec(pageSize);
  if (!m) throw new Error(`not a page size: ${pageSize}`);
  const unit = m[3] === "in" ? 25.4 : 1;
  return { width: Number(m[1]) * unit, height: Number(m[2]) * unit };
}

const pageSize = z
  .union([
    z.enum(["A5", "A4", "Letter", "6x9"]),
    z
      .string()
      .regex(CUSTOM_SIZE, 'one of "A5", "A4", "Letter", "6x9", or WIDTHxHEIGHT in mm or in, such as 170x240mm')
      .refine((s) => {
        // a size not written WIDTHxHEIGHT is reported by the pattern above
        if (!CUSTOM_SIZE.test(s)) return true;
        const { width, height } = pageSizeMm(s);
        return width >= 70 && height >= 90 && width <= 500 && height <= 700;
      }, "a page between 70 x 90 mm and 500 x 700 mm"),
  ])
  .default("A5")
  .describe(
    "The trimmed page size: A5, A4, Letter, 6x9, or WIDTHxHEIGHT in mm or in (170x240mm). Type size, leading and margins follow the page (README, Design).",
  );

/** The typefaces and type size; every value is also a CSS token that a stylesheet can set (docs/design.md). */
export const FontsSchema = z
  .strictObject({
    body: z
      .string()
      .min(1)
      .default("Source Serif 4")
      .describe(
        "The text's typeface: a family whose files are in the content folder's fonts/, or an installed @fontsource package's family (Lora: npm install @fontsource/lora). Regular, italic, bold and bold italic are loaded.",
      ),
    display: z
      .string()
      .min(1)
      .default("Source Sans 3")
      .describe(
        "The typeface of headings, running heads, notes' labels, tables and the cover, found like body. Regular, italic and bold are loaded.",
      ),
    bold: z
      .union([z.literal(500), z.literal(600), z.literal(700), z.literal(800)])
      .default(600)
      .describe(
        "The weight of bold text and headings; the families must have a face of this weight (an @fontsource package) or a bold face (font files).",
      ),
    fallback: z
      .array(z.string().min(1))
      .default([])
      .describe(
        "@fontsource packages (noto-naskh-arabic, or @fontsource/noto-naskh-arabic) for the characters body and display do not draw, a script booklet has no fonts for among them: each such character is drawn by the first of them that has it, declared under the booklet's own families for those characters alone. Install them beside the content.",
      ),
    size: z
      .number()
      .min(5)
      .max(24)
      .optional()
      .describe("The body type size in pt; by default 9.5 pt on A5, scaled with the page's width (README, Design)."),
    leading: z
      .number()
      .min(5)
      .max(40)
      .optional()
      .describe("The distance between the body's lines in pt; by default 1.39 times the type size."),
  })
  .prefault({})
  .describe("Typefaces and the body's type size.");
export type FontsConfig = z.output<typeof FontsSchema>;

const mm = z.number().min(0).max(100);
/** Margins of the text block; by default from the page size (README, Design). */
export const MarginsSchema = z
  .strictObject({
    top: mm.optional().describe("mm above the text block."),
    bottom: mm.optional().describe("mm below the text block (the folio sits in it)."),
    inner: mm.optional().describe("mm between the text block and the spine."),
    outer: mm.optional().describe("mm between the text block and the fore edge."),
  })
  .describe("The margins in mm; each one not given follows from the page size.");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD, such as 1990-01-20")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "a real calendar date",
  );

/** The print production settings: bleed, page-count padding, imposition; the CLI flags override them. */
export const PrintSchema = z
  .strictObject({
    bleed: z
      .number()
      .min(0)
      .max(10)
      .default(3)
      .describe("Bleed in mm on every side of the print PDF: backgrounds and cover art run into it."),
    marks: z
      .boolean()
      .default(false)
      .describe(
        "Crop marks outside the bleed of the print PDF, fold (and, with creep, trim) marks on the imposed sheets.",
      ),
    padTo: z
      .union([z.literal(4), z.literal(8), z.literal(16)])
      .default(4)
      .describe(
        "Pad the page count to a multiple of 4, 8 or 16 (saddle stitching) with blank pages before the back cover.",
      ),
    notesTitle: z
      .union([z.string().min(1), z.literal(true)])
      .optional()
      .describe(
        "A title printed on the added pages, which are then ruled: true for the language's own word (Notes, Notizen, Qeydlər), or the title itself; blank pages when not set.",
      ),
    duplex: z
      .enum(["short-edge", "long-edge"])
      .default("short-edge")
      .describe(
        "How the office printer turns the sheet in duplex: short-edge (usual for booklets) or long-edge (the backs are drawn upside down to match).",
      ),
    creep: z
      .number()
      .min(0)
      .max(5)
      .default(0)
      .describe(
        "Creep in mm: the innermost sheet's pages move this far toward the spine, the others in proportion (thick booklets).",
      ),
  })
  .prefault({})
  .describe("Print production: the print PDF's bleed and marks, the page-count padding, the imposed booklet.");
export type PrintConfig = z.output<typeof PrintSchema>;

/** One optional key per message of the catalogues, described by its English text: an unknown id is a misspelling. */
const MessagesSchema = z
  .strictObject(
    Object.fromEntries(MESSAGE_IDS.map((id) => [id, z.string().optional().describe(`English: ${ENGLISH[id]}`)])),
  )
  .optional()
  .describe(
    `The booklet's fixed text, over its language's catalogue, in ICU MessageFormat: { contents.title: Inhalt }. Values: ${Object.keys(
      MESSAGE_VALUES,
    )
      .map((v) => `{${v}}`)
      .join(", ")}.`,
  );

export const BookletConfigSchema = z.strictObject({
  $schema: z.string().optional().describe("Path of the JSON Schema, for editors."),
  title: z.string().min(1).describe("The booklet's title: cover, title page, running heads of left pages, PDF Title."),
  subtitle: z.string().optional().describe("A line under the title on the cover and title page."),
  publisher: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Who publishes the booklet: cover, title page, colophon, back cover, PDF Author. Left out when not set (a booklet meant for print usually names it).",
    ),
  author: z.string().optional().describe("Author or editor, when it is not the publisher."),
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "a BCP 47 language tag such as en, az or en-GB")
    .default("en")
    .describe("The document language (BCP 47): hyphenation, ordinals, PDF /Lang."),
  eventDate: isoDate.describe("The date commemorated (YYYY-MM-DD); each edition marks an anniversary of it."),
  firstEdition: z
    .number()
    .int()
    .min(1000)
    .max(9999)
    .optional()
    .describe("The year of the booklet's first edition; editions are numbered from it."),
  ordinals: z
    .partialRecord(
      z.enum(["zero", "one", "two", "few", "many", "other"]),
      z.string().regex(/\{n\}/, "a pattern with {n} where the number goes, such as {n}th"),
    )
    .optional()
    .describe(
      "Ordinal forms for the booklet's language, by Intl.PluralRules ordinal category: { one: '{n}st', two: '{n}nd', few: '{n}rd', other: '{n}th' }. Over the catalogue's `ordinal` message; the shipped languages have theirs.",
    ),
  pageSize,
  fonts: FontsSchema,
  margins: MarginsSchema.optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and hyphens, such as black-january")
    .describe("The base of output file names: <slug>-<year>.pdf."),
  description: z.string().optional().describe("One sentence on the booklet: PDF Subject."),
  keywords: z.array(z.string()).default([]).describe("PDF Keywords."),
  accentColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "a colour written #rrggbb")
    .default("#6b1d1d")
    .describe("The one colour of the cover, rules and headings."),
  coverImage: z.string().optional().describe("An image for the cover, relative to the content folder."),
  coverImageCredit: z.string().optional().describe("The credit line printed with the cover image."),
  notes: z
    .enum(["per-citation", "per-sentence", "per-paragraph"])
    .default("per-citation")
    .describe(
      "How citations become footnotes: one note per citation, or the citations of a sentence or of a paragraph (list item, table cell) gathered into one note at its end.",
    ),
  hyphenate: z.boolean().default(true).describe("Insert soft hyphens at build time (justified text)."),
  browser: z
    .string()
    .optional()
    .describe(
      "Path of a Chrome or Chromium binary, or of Chromium's headless shell (PUPPETEER_EXECUTABLE_PATH wins; without either, the headless shell is looked for first).",
    ),
  timeouts: z
    .strictObject({
      launch: z.number().positive().default(30).describe("Seconds to start the browser."),
      paginate: z.number().positive().default(120).describe("Seconds for Paged.js to lay out the pages."),
      print: z.number().positive().default(60).describe("Seconds to print the PDF."),
    })
    .prefault({})
    .describe("Time limits, in seconds, for each browser stage."),
  print: PrintSchema,
  messages: MessagesSchema,
});

export type BookletConfigInput = z.input<typeof BookletConfigSchema>;
export type BookletConfig = z.output<typeof BookletConfigSchema>;

/** The JSON Schema for editors (issue 7 ships it as schema/booklet.schema.json). */
export function bookletJsonSchema(): unknown {
  return z.toJSONSchema(BookletConfigSchema, { io: "input" });
}
