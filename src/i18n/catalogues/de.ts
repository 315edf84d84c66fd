// German. Ordinals are the numeral with a period (37. Jahrestag), whatever the noun's case.
import type { Catalogue } from "./en.ts";

export const de: Catalogue = {
  ordinal: "{n, selectordinal, other {#.}}",
  "cover.edition": "{ordinal} Jahrestag · {date}",
  "titlePage.occasion": "Eine Gedenkschrift zum {ordinal} Jahrestag",
  "contents.title": "Inhalt",
  "foreword.title": "Vorwort",
  "sources.title": "Quellen",
  "sources.intro":
    "Jede Tatsachenaussage dieses Hefts ist in einer Fußnote mit einem der unten aufgeführten veröffentlichten Texte belegt. Wo eine Angabe im Text selbst fehlt, sagt der Eintrag das; nichts wurde von anderswo ergänzt.",
  "citation.title": "„{title}“,",
  "bibliography.title": "„{title}“.",
  "bibliography.noPublisher": "Verlag nicht angegeben",
  "citation.noPublisher": "Verlag nicht angegeben",
  "date.unknown": "o. J.",
  "names.and": "{first} und {last}",
  "colophon.title": "Impressum",
  "colophon.edition": "Ausgabe zum {ordinal} Jahrestag, {date}.",
  "colophon.editionInSeries": "Ausgabe zum {ordinal} Jahrestag, {date}; die {numberOrdinal} Ausgabe dieses Hefts.",
  "colophon.publishedBy": "Herausgegeben von {publisher}.",
  "colophon.prepared": "Erstellt am {printDate}.",
  "colophon.production":
    "Gesetzt in {fonts}. Aus Markdown- und Datendateien erzeugt mit {generator}; den Seitenumbruch besorgte Paged.js in Chromium.",
  "colophon.productionWithCharts":
    "Gesetzt in {fonts}. Aus Markdown- und Datendateien erzeugt mit {generator}; den Seitenumbruch besorgte Paged.js in Chromium, die Diagramme zeichnete Vega-Lite aus den Daten.",
  "backCover.line": "{title} · {ordinal} Jahrestag · {year}",
  "notes.pagesTitle": "Notizen",
  "web.notesHeading": "Anmerkungen",
  "web.backToText": "Zurück zum Text",
  "pdf.subject": "Ausgabe zum {ordinal} Jahrestag, {date}",
  "pdf.keyword": "{ordinal} Jahrestag",
};
