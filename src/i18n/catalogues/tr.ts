// Turkish. Ordinals are written with a period (37. yıl dönümü), as Turkish style guides ask for numerals.
import type { Catalogue } from "./en.ts";

export const tr: Catalogue = {
  ordinal: "{n, selectordinal, other {#.}}",
  "cover.edition": "{ordinal} yıl dönümü · {date}",
  "titlePage.occasion": "{ordinal} yıl dönümü anısına hazırlanmış kitapçık",
  "contents.title": "İçindekiler",
  "foreword.title": "Önsöz",
  "sources.title": "Kaynaklar",
  "sources.intro":
    "Bu kitapçıktaki olgulara ilişkin her ifade, aşağıda listelenen yayımlanmış metinlerden birine dipnotla bağlanmıştır. Bir bilgi metnin kendisinde belirtilmemişse kayıt bunu söyler; başka hiçbir yerden bilgi eklenmemiştir.",
  "citation.title": "“{title}”,",
  "bibliography.title": "“{title}”.",
  "bibliography.noPublisher": "Yayıncı belirtilmemiş",
  "citation.noPublisher": "yayıncı belirtilmemiş",
  "date.unknown": "t.y.",
  "names.and": "{first} ve {last}",
  "colophon.title": "Künye",
  "colophon.edition": "{ordinal} yıl dönümü baskısı, {date}.",
  "colophon.editionInSeries": "{ordinal} yıl dönümü baskısı, {date}; bu kitapçığın {numberOrdinal} baskısı.",
  "colophon.publishedBy": "Yayımlayan: {publisher}.",
  "colophon.prepared": "Hazırlanma tarihi: {printDate}.",
  "colophon.production":
    "{fonts} yazı tipleriyle dizilmiştir. Markdown ve veri dosyalarından {generator} ile hazırlanmış, sayfalar Chromium içinde Paged.js ile düzenlenmiştir.",
  "colophon.productionWithCharts":
    "{fonts} yazı tipleriyle dizilmiştir. Markdown ve veri dosyalarından {generator} ile hazırlanmış, sayfalar Chromium içinde Paged.js ile düzenlenmiş, grafikler verilerden Vega-Lite ile çizilmiştir.",
  "backCover.line": "{title} · {ordinal} yıl dönümü · {year}",
  "notes.pagesTitle": "Notlar",
  "web.notesHeading": "Notlar",
  "web.backToText": "Metne dön",
  "pdf.subject": "{ordinal} yıl dönümü baskısı, {date}",
  "pdf.keyword": "{ordinal} yıl dönümü",
};
