// French. {ordinal} is masculine (1er anniversaire, 37e anniversaire); an edition is feminine (1re édition),
// so that phrase writes its own. A narrow no-break space stands before ; as French typography wants.
import type { Catalogue } from "./en.ts";

export const fr: Catalogue = {
  ordinal: "{n, selectordinal, one {#er} other {#e}}",
  "cover.edition": "{ordinal} anniversaire · {date}",
  "titlePage.occasion": "Livret commémoratif pour le {ordinal} anniversaire",
  "contents.title": "Sommaire",
  "foreword.title": "Avant-propos",
  "sources.title": "Sources",
  "sources.intro":
    "Chaque fait avancé dans ce livret renvoie en note à l’un des textes publiés ci-dessous. Lorsqu’une information n’est pas donnée par le texte lui-même, la notice le signale\u202f; rien n’a été ajouté d’ailleurs.",
  "citation.title": "«\u202f{title}\u202f»,",
  "bibliography.title": "«\u202f{title}\u202f».",
  "bibliography.noPublisher": "Éditeur non indiqué",
  "citation.noPublisher": "éditeur non indiqué",
  "date.unknown": "s. d.",
  "names.and": "{first} et {last}",
  "colophon.title": "Colophon",
  "colophon.edition": "Édition du {ordinal} anniversaire, pour le {date}.",
  "colophon.editionInSeries":
    "Édition du {ordinal} anniversaire, pour le {date}\u202f; {number, selectordinal, one {#re} other {#e}} édition de ce livret.",
  "colophon.publishedBy": "Publié par {publisher}.",
  "colophon.prepared": "Préparé le {printDate}.",
  "colophon.production":
    "Composé en {fonts}. Réalisé à partir de fichiers Markdown et de données avec {generator}\u202f; les pages ont été mises en page par Paged.js dans Chromium.",
  "colophon.productionWithCharts":
    "Composé en {fonts}. Réalisé à partir de fichiers Markdown et de données avec {generator}\u202f; les pages ont été mises en page par Paged.js dans Chromium, et les graphiques tracés à partir des données par Vega-Lite.",
  "backCover.line": "{title} · {ordinal} anniversaire · {year}",
  "notes.pagesTitle": "Notes",
  "web.notesHeading": "Notes",
  "web.backToText": "Retour au texte",
  "pdf.subject": "Édition du {ordinal} anniversaire, {date}",
  "pdf.keyword": "{ordinal} anniversaire",
};
