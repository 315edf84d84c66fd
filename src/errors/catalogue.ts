// The catalogue of every error booklet reports: permanent names and codes, what happened and what to do.
// Codes never change meaning once released; add new ones at the end of their range.
//   B1xx configuration · B2xx content · B3xx templates and data · B4xx rendering · B5xx output · B6xx preflight
//   B9xx usage and internal

export interface CatalogueEntry {
  code: string;
  title: string;
  hint: string;
}

export const catalogue = {
  ConfigNotFound: {
    code: "B101",
    title: "No booklet.yaml in the content folder",
    hint: "Run booklet in a project whose content folder holds booklet.yaml, pass --content DIR, or create one with `booklet init DIR`.",
  },
  ConfigYamlSyntax: {
    code: "B102",
    title: "booklet.yaml is not valid YAML",
    hint: "Fix the YAML syntax at the line shown (indentation, a missing colon or quote).",
  },
  ConfigInvalid: {
    code: "B103",
    title: "A key in booklet.yaml has a wrong value",
    hint: "Give the key a value of the expected kind; the README lists every key under 'Configuration'.",
  },
  ConfigUnknownKey: {
    code: "B104",
    title: "booklet.yaml has a key booklet does not know",
    hint: "Check the spelling against the README's list of keys, or remove the key.",
  },
  NoPublisher: {
    code: "B105",
    title: "booklet.yaml names no publisher",
    hint: "A booklet meant for print usually names who publishes it: add `publisher: …` to booklet.yaml (it is printed on the cover, title page, colophon and back cover, and is the PDF's Author).",
  },
  NoCatalogue: {
    code: "B106",
    title: "booklet has no message catalogue for the booklet's language",
    hint: "Give the booklet's fixed text in its language under `messages:` in booklet.yaml (the README's 'Languages' lists the ids), or use a language booklet ships: en, az, ru, tr, de, fr, ko.",
  },
  FontNotFound: {
    code: "B107",
    title: "A typeface named in booklet.yaml is not there",
    hint: "Install its @fontsource package in the project (`npm install @fontsource/NAME`; a build reaches no network), or put the family's static .ttf files in the content folder's fonts/.",
  },
  FontFaceMissing: {
    code: "B108",
    title: "A typeface lacks a weight or style the booklet uses",
    hint: "Add the missing face (the content's fonts/ needs regular, italic, bold and, for the body, bold italic), set fonts.bold to a weight the family has, or choose another family.",
  },
  FontUnusable: {
    code: "B109",
    title: "A font file cannot be printed as text",
    hint: "Use static TrueType files (.ttf, one per weight and style) whose licence allows embedding: variable fonts, PostScript-outlined .otf files and fonts that forbid embedding end up as Type 3 fonts or outlines, which printers reject.",
  },
  FrontMatterSyntax: {
    code: "B201",
    title: "A chapter's front matter is not valid YAML",
    hint: "Fix the YAML between the two `---` lines at the top of the chapter.",
  },
  FrontMatterInvalid: {
    code: "B202",
    title: "A chapter's front matter has a missing or wrong key",
    hint: "Every chapter needs `title` (text) and `order` (a number); `short` (text) and `numbered` (true or false) are optional; any other key is a misspelling or not booklet's.",
  },
  SourcesYamlSyntax: {
    code: "B203",
    title: "sources.yaml is not valid YAML",
    hint: "Fix the YAML syntax at the line shown.",
  },
  SourceInvalid: {
    code: "B204",
    title: "A source in sources.yaml has a missing or wrong field",
    hint: "Each source needs an `id` and a `title`; other fields are CSL-JSON variables (issued: { date-parts: [[2024, 1, 20]] }), spelt as CSL spells them.",
  },
  DuplicateId: {
    code: "B205",
    title: "Two items share one id",
    hint: "Give each source, chapter, table and footnote its own id.",
  },
  UnknownSource: {
    code: "B206",
    title: "A citation names a source that is not in sources.yaml",
    hint: "Add the source to sources.yaml or correct the id after `@`.",
  },
  FootnoteUndefined: {
    code: "B207",
    title: "A footnote is called but never defined",
    hint: "Add a definition `[^label]: text` to the chapter, or remove the call.",
  },
  FootnoteUnused: {
    code: "B208",
    title: "A footnote is defined but never called",
    hint: "Call it with `[^label]` where it belongs, or remove the definition.",
  },
  SourceNeverCited: {
    code: "B209",
    title: "A source is never cited",
    hint: "Cite it where the booklet uses it, or remove it from sources.yaml.",
  },
  NoChapters: {
    code: "B210",
    title: "The content folder has no chapters",
    hint: "Add Markdown files to chapters/ (for example chapters/01-first.md).",
  },
  UnsafeContent: {
    code: "B211",
    title: "Content asks to run a script",
    hint: "Remove the <script> element or the on…= attribute: a booklet's content cannot run code in the renderer.",
  },
  RemoteResource: {
    code: "B212",
    title: "Content asks for a file from the network",
    hint: "Copy the file into the content folder and refer to it by a relative path: a build reads nothing from outside the project.",
  },
  PathOutsideContent: {
    code: "B213",
    title: "A path leads outside the content folder",
    hint: "Keep images and other files inside the content folder and refer to them by a relative path.",
  },
  MissingFile: {
    code: "B214",
    title: "A file named in the content does not exist",
    hint: "Check the path and the file name's spelling (paths are relative to the content folder).",
  },
  BrokenAnchor: {
    code: "B215",
    title: "A link points to an anchor that does not exist",
    hint: "Link to a chapter id (#ch-01-road) or another id that the booklet defines.",
  },
  DataYamlSyntax: {
    code: "B216",
    title: "A data table's description or a chart is not valid YAML",
    hint: "Fix the YAML syntax of the data/ or charts/ file at the line shown (indentation, a missing colon, quote or bracket).",
  },
  NotUtf8: {
    code: "B217",
    title: "A text file is not UTF-8",
    hint: "Save the file as UTF-8 in your editor (in most, Save As offers the encoding): booklet reads every Markdown, YAML, CSV, CSS and template file as UTF-8.",
  },
  FileTooLarge: {
    code: "B218",
    title: "A file is larger than booklet reads",
    hint: "Split the file or remove what the booklet does not use; text files may be up to 5 MB and images up to 50 MB (see docs/content-format.md).",
  },
  TemplateSyntax: {
    code: "B301",
    title: "A Handlebars expression cannot be read",
    hint: 'Check the braces and quotes of the expression at the line shown: {{figure "table" "measure" source="id"}}.',
  },
  UnknownTable: {
    code: "B302",
    title: "A data table that does not exist is placed",
    hint: "Data tables are data/NAME.csv or data/NAME.yaml; check the name.",
  },
  UnknownFigure: {
    code: "B303",
    title: "A figure names a row that is not in its table",
    hint: "Check the measure and the source against the table's rows.",
  },
  CsvFieldCount: {
    code: "B304",
    title: "A CSV row has the wrong number of fields",
    hint: "Every row needs as many fields as the header; quote a field that contains a comma.",
  },
  CsvType: {
    code: "B305",
    title: "A value in a data table has the wrong type",
    hint: "Write the value in the column's type (number: 132; date: 1990-01-20), or change the column's type in the table's .yaml.",
  },
  TableInvalid: {
    code: "B306",
    title: "A data table's description is invalid",
    hint: "See 'Data tables' in docs/content-format.md for the keys of a table's .yaml (caption, columns, measures, rows) and of its columns (key, label, type, align, width).",
  },
  UnknownPartial: {
    code: "B307",
    title: "A template uses a partial that does not exist",
    hint: "Partials are templates/partials/NAME.hbs (in the shipped templates or the content's own templates/).",
  },
  TemplateRuntime: {
    code: "B308",
    title: "A template failed while it was filled in",
    hint: "Read the cause below; a helper was probably given a wrong argument.",
  },
  UnknownChart: {
    code: "B309",
    title: "A chart that does not exist is placed",
    hint: "Charts are charts/NAME.yaml (a Vega-Lite spec); check the name.",
  },
  ChartInvalid: {
    code: "B310",
    title: "A chart could not be drawn",
    hint: "Check the Vega-Lite spec: its data must be `{ table: NAME }` and its fields columns of that table.",
  },
  LooseText: {
    code: "B311",
    title: "A template puts text outside any element",
    hint: "Put the text inside an element (<p>, <section>) in the template named: the pages are laid out element by element, and Paged.js fails on text that stands in <body>.",
  },
  MissingGlyph: {
    code: "B312",
    title: "A character is in none of the booklet's fonts",
    hint: "Install the @fontsource fonts named for its script beside the content and build again, or replace the character; a character no font draws would be printed in a system font or not at all.",
  },
  BrowserNotFound: {
    code: "B401",
    title: "No Chromium or Chrome browser was found",
    hint: "Install one with `sudo apt-get install chromium-headless-shell` (Debian: Chromium without its windows, all a build needs, and the fastest to start) or `sudo apt-get install chromium`, or set PUPPETEER_EXECUTABLE_PATH or `browser:` in booklet.yaml to a Chrome binary.",
  },
  BrowserLaunch: {
    code: "B402",
    title: "The browser could not be started",
    hint: "The lines the browser wrote as it ended, shown above, usually say why (a missing library, no room in the temporary folder). To see more, run it by hand (`chromium --headless --no-sandbox --dump-dom about:blank`); on a server it needs the flags booklet passes and a writable temporary folder.",
  },
  StageTimeout: {
    code: "B403",
    title: "A stage took longer than its time limit",
    hint: "If the layout stopped in one chapter, look there for content Paged.js cannot lay out (a table or an image taller than a page, an unusual @page rule); if the booklet is only long or the machine slow, raise the stage's limit under `timeouts:` in booklet.yaml (launch, paginate, print: seconds).",
  },
  PageError: {
    code: "B404",
    title: "The page reported an error while it was paginated",
    hint: "Read the message below; it comes from Paged.js or a template's markup.",
  },
  RequestBlocked: {
    code: "B405",
    title: "The page asked for something outside the project",
    hint: "Remove the remote or file: reference from the content or templates; a build reaches nothing outside this machine.",
  },
  BrowserCrashed: {
    code: "B406",
    title: "The browser closed unexpectedly",
    hint: "Run the build again; if it repeats, run with --verbose and look at the browser's messages.",
  },
  PrintLayoutDiffers: {
    code: "B407",
    title: "The print version's pages differ from the screen PDF's",
    hint: "The bleed or the added pages changed the layout, so the print files would not match the screen PDF; run with --verbose and report it, naming the template change that caused it.",
  },
  TextLost: {
    code: "B408",
    title: "Paged.js lost or repeated text in a chapter",
    hint: "Shorten the chapter's longest notes or split them, move a note call that shares a line with another, or reword text repeated many times in a row; run with --verbose to see the layout's messages.",
  },
  WriteFailed: {
    code: "B501",
    title: "An output file could not be written",
    hint: "Check that the output folder is writable and the disk has room; the previous files were left as they were.",
  },
  PdfPostprocess: {
    code: "B502",
    title: "The PDF could not be post-processed",
    hint: "This is a bug in booklet; run with --verbose and report the stack.",
  },
  PdfxNoGhostscript: {
    code: "B503",
    title: "PDF/X needs Ghostscript, which was not found",
    hint: "Install it (`sudo apt-get install ghostscript`) or leave out --pdfx; the print PDF itself does not need it.",
  },
  PdfxNoProfile: {
    code: "B504",
    title: "PDF/X needs the printer's ICC profile",
    hint: "Pass --icc FILE.icc with the CMYK output profile your print shop names (for example FOGRA39 or GRACoL); Debian ships no press profile.",
  },
  PdfxProfileInvalid: {
    code: "B505",
    title: "The ICC profile is not a CMYK output profile",
    hint: "Give the print shop's CMYK printer profile (.icc); an RGB, display or device-link profile cannot be a PDF/X output intent.",
  },
  PdfxTransparency: {
    code: "B506",
    title: "A page uses transparency, which PDF/X-1a cannot hold",
    hint: "Remove opacity, rgba() colours, shadows and semi-transparent images from the pages named; Ghostscript would turn each such page into one bitmap without text.",
  },
  PdfxFailed: {
    code: "B507",
    title: "Ghostscript could not make a PDF/X-1a file",
    hint: "Read Ghostscript's message below; run with --verbose for its whole output.",
  },
  TempDirMissing: {
    code: "B508",
    title: "The temporary folder does not exist",
    hint: "Create it, or set TMPDIR to a folder that exists (for example `TMPDIR=/var/tmp booklet build`); booklet and the browser keep their temporary files there.",
  },
  TempDirNotWritable: {
    code: "B509",
    title: "The temporary folder cannot be written to",
    hint: "Make it writable for this user, or set TMPDIR to a folder that is (for example `mkdir -p ~/tmp && TMPDIR=~/tmp booklet build`).",
  },
  TempDirFull: {
    code: "B510",
    title: "The disk of the temporary folder is full",
    hint: "Free space on that disk, or set TMPDIR to a folder on a disk with room (for example `TMPDIR=/var/tmp booklet build`); check with `df -h` and the folder named.",
  },
  TempDirTooLong: {
    code: "B511",
    title: "The temporary folder's path is too long for the browser",
    hint: "Set TMPDIR to a folder with a shorter path (for example `TMPDIR=/tmp booklet build`); the browser was not started.",
  },
  PreflightFailed: {
    code: "B601",
    title: "The PDF failed its preflight",
    hint: "Read each failed check below: it names the page and what is wrong.",
  },
  PdfUnreadable: {
    code: "B602",
    title: "The file is not a PDF booklet can read",
    hint: "Give the path of a PDF file.",
  },
  Usage: {
    code: "B901",
    title: "The command line cannot be understood",
    hint: "Run `booklet --help` for the commands and options.",
  },
  Interrupted: {
    code: "B902",
    title: "The build was interrupted",
    hint: "Nothing was written; the previous files are as they were.",
  },
  Internal: {
    code: "B999",
    title: "booklet failed unexpectedly",
    hint: "This is a bug in booklet; run with --verbose and report the stack.",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorName = keyof typeof catalogue;
