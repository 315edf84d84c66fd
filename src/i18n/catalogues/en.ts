// The English catalogue: every word the templates and the build print, whole phrases in ICU MessageFormat.
// It is the reference: its ids are the message ids, and every other catalogue has the same ids.
// The values a message can use are listed in ../messages.ts (MESSAGE_VALUES).
export const en = {
  /** the ordinal of a number, {{edition.ordinal}}: "37th" */
  ordinal: "{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}",
  "cover.edition": "{ordinal} anniversary · {date}",
  "titlePage.occasion": "A commemorative booklet for the {ordinal} anniversary",
  "contents.title": "Contents",
  "foreword.title": "Foreword",
  "sources.title": "Sources",
  "sources.intro":
    "Every statement of fact in this booklet is footnoted to one of the published texts below. Where a field is not stated in the text itself, the entry says so; nothing has been supplied from elsewhere.",
  /** a source's title as a citation (in a note) and the bibliography quote it, in the language's quotation marks */
  "citation.title": "“{title},”",
  "bibliography.title": "“{title}.”",
  "bibliography.noPublisher": "Publisher not stated",
  "citation.noPublisher": "publisher not stated",
  /** a source without a date */
  "date.unknown": "n.d.",
  /** the last two of a source's authors */
  "names.and": "{first} and {last}",
  "colophon.title": "Colophon",
  "colophon.edition": "The {ordinal} anniversary edition, for {date}.",
  "colophon.editionInSeries":
    "The {ordinal} anniversary edition, for {date}; the {numberOrdinal} edition of this booklet.",
  "colophon.publishedBy": "Published by {publisher}.",
  "colophon.prepared": "Prepared on {printDate}.",
  "colophon.production":
    "Set in {fonts}. Typeset from Markdown and data files with {generator}; the pages were laid out by Paged.js in Chromium.",
  "colophon.productionWithCharts":
    "Set in {fonts}. Typeset from Markdown and data files with {generator}; the pages were laid out by Paged.js in Chromium, and the charts were drawn from the data with Vega-Lite.",
  "backCover.line": "{title} · {ordinal} anniversary · {year}",
  /** the title of the pages added to pad the page count, with `print.notesTitle: true` */
  "notes.pagesTitle": "Notes",
  /** the web edition: the heading of a chapter's notes, and the link from a note back to its call */
  "web.notesHeading": "Notes",
  "web.backToText": "Back to the text",
  /** the PDF's Subject (without `description:`) and the keyword added to `keywords:` */
  "pdf.subject": "{ordinal} anniversary edition, {date}",
  "pdf.keyword": "{ordinal} anniversary",
  /** added in brackets to the PDF title of the print PDF and of the imposed one */
  "pdf.printVersion": "print version",
  "pdf.imposedVersion": "imposed for saddle stitching",
  /** changes.md, the report of what changed since the previous year's edition */
  "changes.title": "Changes in the {year} edition ({ordinal} anniversary)",
  "changes.titleAgainst": "Changes in the {year} edition ({ordinal} anniversary), against {previousYear}",
  "changes.firstEdition": "There is no earlier edition to compare with: this is the first anniversary after the event.",
  "changes.notPrepared": "The {previousYear} edition could not be prepared for comparison: {reason}",
  "changes.chapters": "Chapters",
  "changes.noChapterChanged": "No chapter changed.",
  "changes.chapterAdded": "added: {title}",
  "changes.chapterRemoved": "removed: {title}",
  "changes.chapterChanged": "changed: {title}",
  "changes.chaptersUnchanged": "unchanged: {titles}",
  /** between the titles of the unchanged chapters */
  "changes.titleSeparator": ", ",
  "changes.passageAdded": "added: {text}",
  "changes.passageRemoved": "removed: {text}",
  "changes.morePassages": "… and {count, plural, one {# more changed passage} other {# more changed passages}}",
  "changes.figures": "Figures",
  "changes.noFigureChanged": "No figure changed.",
  "changes.tableAdded": "new table {name} ({count, plural, one {# row} other {# rows}})",
  "changes.tableRemoved": "removed table {name}",
  "changes.rowAdded": "{name}: added row {key}",
  "changes.rowRemoved": "{name}: removed row {key}",
  "changes.starts": "Where each chapter starts",
  "changes.columnChapter": "chapter",
  "changes.columnPage": "page",
  "changes.columnBefore": "before",
  "changes.moved": "moved",
};

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;
