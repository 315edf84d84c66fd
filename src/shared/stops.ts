// A sentence that ends with an abbreviation ends with the abbreviation's stop: "20 января 2027 г." (how Intl
// writes a Russian date) followed by the sentence's full stop is "2027 г.", not "2027 г..". Two stops after
// a letter become one; three or more are an ellipsis and stay.
const DOUBLE_STOP = /(?<=\p{L})\.\.(?!\.)/gu;

export function oneStop(text: string): string {
  return text.includes("..") ? text.replace(DOUBLE_STOP, ".") : text;
}

/** The same in the text of an HTML document, its tags, code and preformatted text left as they are. */
export function oneStopInHtml(html: string): string {
  if (!html.includes("..")) return html;
  return html
    .split(/(<(?:code|pre|script|style)[\s>][\s\S]*?<\/(?:code|pre|script|style)>|<[^>]*>)/)
    .map((part, i) => (i % 2 === 1 ? part : oneStop(part)))
    .join("");
}
