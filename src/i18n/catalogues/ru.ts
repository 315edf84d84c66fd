// Russian. An ordinal's ending agrees with its noun's gender and case (37-я годовщина, к 37-й годовщине,
// 2-е издание), so each phrase writes the number with its own ending; {ordinal} alone is the masculine 37-й.
import type { Catalogue } from "./en.ts";

export const ru: Catalogue = {
  ordinal: "{n, selectordinal, other {#-й}}",
  "cover.edition": "{n}-я годовщина · {date}",
  "titlePage.occasion": "Памятное издание к {n}-й годовщине",
  "contents.title": "Содержание",
  "foreword.title": "Предисловие",
  "sources.title": "Источники",
  "sources.intro":
    "Каждое утверждение о фактах в этой брошюре снабжено сноской на один из опубликованных текстов, перечисленных ниже. Если какие-либо сведения в самом тексте не указаны, в записи об этом сказано; ничего не добавлено из других мест.",
  "citation.title": "«{title}»,",
  "bibliography.title": "«{title}».",
  "bibliography.noPublisher": "Издатель не указан",
  "citation.noPublisher": "издатель не указан",
  "date.unknown": "б. г.",
  "names.and": "{first} и {last}",
  "colophon.title": "Выходные данные",
  "colophon.edition": "Издание к {n}-й годовщине, {date}.",
  "colophon.editionInSeries": "Издание к {n}-й годовщине, {date}; {number}-е издание этой брошюры.",
  "colophon.publishedBy": "Издатель: {publisher}.",
  "colophon.prepared": "Подготовлено {printDate}.",
  "colophon.production":
    "Набрано шрифтами {fonts}. Свёрстано из файлов Markdown и данных программой {generator}; страницы разместил Paged.js в Chromium.",
  "colophon.productionWithCharts":
    "Набрано шрифтами {fonts}. Свёрстано из файлов Markdown и данных программой {generator}; страницы разместил Paged.js в Chromium, диаграммы построены по данным с помощью Vega-Lite.",
  "backCover.line": "{title} · {n}-я годовщина · {year}",
  "notes.pagesTitle": "Для заметок",
  "web.notesHeading": "Примечания",
  "web.backToText": "Назад к тексту",
  "pdf.subject": "Издание к {n}-й годовщине, {date}",
  "pdf.keyword": "{n}-я годовщина",
};
