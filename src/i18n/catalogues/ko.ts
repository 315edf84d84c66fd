// Korean. An anniversary is counted with 주년 (37주년), not with an ordinal; {ordinal} is 제37. A particle after
// a value would depend on its last sound, so the phrases put values where no particle follows them.
import type { Catalogue } from "./en.ts";

export const ko: Catalogue = {
  ordinal: "{n, selectordinal, other {제#}}",
  "cover.edition": "{n}주년 · {date}",
  "titlePage.occasion": "{n}주년 기념 책자",
  "contents.title": "차례",
  "foreword.title": "머리말",
  "sources.title": "출처",
  "sources.intro":
    "이 책자의 모든 사실 서술에는 아래에 든 출판 문헌 가운데 하나를 가리키는 각주가 달려 있다. 원문에 밝혀져 있지 않은 사항은 항목에 그렇다고 적었으며, 다른 데서 가져와 보탠 내용은 없다.",
  "citation.title": "「{title}」,",
  "bibliography.title": "「{title}」.",
  "bibliography.noPublisher": "발행처 미상",
  "citation.noPublisher": "발행처 미상",
  "date.unknown": "연도 미상",
  "names.and": "{first}, {last}",
  "colophon.title": "판권",
  "colophon.edition": "{n}주년 기념판, {date}.",
  "colophon.editionInSeries": "{n}주년 기념판, {date}. 이 책자의 제{number}판.",
  "colophon.publishedBy": "펴낸 곳: {publisher}.",
  "colophon.prepared": "만든 날: {printDate}.",
  "colophon.production":
    "글꼴: {fonts}. 제작 도구: {generator} (Markdown 및 데이터 파일에서 생성). 페이지 배치: Chromium의 Paged.js.",
  "colophon.productionWithCharts":
    "글꼴: {fonts}. 제작 도구: {generator} (Markdown 및 데이터 파일에서 생성). 페이지 배치: Chromium의 Paged.js. 도표: 데이터에서 Vega-Lite로 작성.",
  "backCover.line": "{title} · {n}주년 · {year}",
  "notes.pagesTitle": "메모",
  "web.notesHeading": "주",
  "web.backToText": "본문으로 돌아가기",
  "pdf.subject": "{n}주년 기념판, {date}",
  "pdf.keyword": "{n}주년",
};
