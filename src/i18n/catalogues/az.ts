// Azerbaijani. The ordinal suffix follows the vowel harmony of the number's last word (1-ci, 3-cü, 6-cı,
// 9-cu, 40-cı, 100-cü): CLDR's az ordinal categories one, few, many and other are exactly these four forms.
import type { Catalogue } from "./en.ts";

export const az: Catalogue = {
  ordinal: "{n, selectordinal, one {#-ci} few {#-cü} many {#-cı} other {#-cu}}",
  "cover.edition": "{ordinal} ildönümü · {date}",
  "titlePage.occasion": "{ordinal} ildönümünə həsr olunmuş xatirə kitabçası",
  "contents.title": "Mündəricat",
  "foreword.title": "Ön söz",
  "sources.title": "Mənbələr",
  "sources.intro":
    "Bu kitabçadakı hər bir fakt haşiyədə aşağıdakı nəşr olunmuş mətnlərdən birinə istinad edir. Mətnin özündə göstərilməyən məlumat barədə bu, qeyddə açıq deyilir; heç nə kənardan əlavə edilməyib.",
  "citation.title": "«{title}»,",
  "bibliography.title": "«{title}».",
  "bibliography.noPublisher": "Nəşriyyat göstərilməyib",
  "citation.noPublisher": "nəşriyyat göstərilməyib",
  "date.unknown": "tarixsiz",
  "names.and": "{first} və {last}",
  "colophon.title": "Buraxılış məlumatları",
  "colophon.edition": "{ordinal} ildönümü nəşri, {date}.",
  "colophon.editionInSeries": "{ordinal} ildönümü nəşri, {date}; bu kitabçanın {numberOrdinal} nəşri.",
  "colophon.publishedBy": "Nəşr edən: {publisher}.",
  "colophon.prepared": "Hazırlanma tarixi: {printDate}.",
  "colophon.production":
    "{fonts} şriftləri ilə yığılıb. Markdown və verilənlər fayllarından {generator} ilə tərtib edilib; səhifələri Chromium-da Paged.js düzüb.",
  "colophon.productionWithCharts":
    "{fonts} şriftləri ilə yığılıb. Markdown və verilənlər fayllarından {generator} ilə tərtib edilib; səhifələri Chromium-da Paged.js düzüb, qrafikləri isə verilənlərdən Vega-Lite çəkib.",
  "backCover.line": "{title} · {ordinal} ildönümü · {year}",
  "notes.pagesTitle": "Qeydlər",
  "web.notesHeading": "Qeydlər",
  "web.backToText": "Mətnə qayıt",
  "pdf.subject": "{ordinal} ildönümü nəşri, {date}",
  "pdf.keyword": "{ordinal} ildönümü",
};
