// What Paged.js needs of the document's shape: the pages are laid out element by element, and text that
// stands directly in <body> (a partial overridden by plain text) makes it fail with a null error in a part
// that has nothing to do with it. Such text is found here and blamed on the template that writes it.
import { BookletError } from "../errors/index.ts";
import { lineColumn, VOID_ELEMENTS as VOID } from "../shared/index.ts";

const RAW = new Set(["script", "style", "textarea", "title"]);

/** The pieces of text that stand directly in <body>, outside every element (trimmed; blanks are not text). */
export function looseText(html: string): string[] {
  const open = /<body\b[^>]*>/i.exec(html);
  const end = html.search(/<\/body\s*>/i);
  if (!open) return [];
  const body = html.slice(open.index + open[0].length, end < 0 ? html.length : end);
  const tag = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  const found: string[] = [];
  let depth = 0;
  let at = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(at, m.index).trim();
    if (depth === 0 && text) found.push(text);
    at = tag.lastIndex;
    const [whole, closing, rawName, selfClosing] = m;
    if (whole.startsWith("<!--")) continue;
    const name = rawName.toLowerCase();
    if (RAW.has(name) && !closing) {
      // its content is not markup: skip to its end tag
      const close = body.toLowerCase().indexOf(`</${name}`, at);
      at = tag.lastIndex = close < 0 ? body.length : close;
    }
    if (VOID.has(name) || selfClosing) continue;
    depth = Math.max(0, depth + (closing ? -1 : 1));
  }
  const rest = body.slice(at).trim();
  if (depth === 0 && rest) found.push(rest);
  return found;
}

/** Text loose in <body>, as errors at the template (layout or partial) where it is written. */
export function looseTextProblems(
  html: string,
  templates: { file: string; text: string }[],
  layoutFile: string,
): BookletError[] {
  return looseText(html).map((text) => {
    const snippet = text.split("\n")[0].slice(0, 60);
    const where = templates.find((t) => t.text.includes(snippet));
    const message = `The text "${snippet}${snippet.length < text.length ? "…" : ""}" stands directly in the page's <body>, outside any element: Paged.js cannot lay it out.`;
    return where
      ? new BookletError("LooseText", message, {
          location: { file: where.file, ...lineColumn(where.text, where.text.indexOf(snippet)) },
          sourceText: where.text,
        })
      : new BookletError("LooseText", message, { location: { file: layoutFile } });
  });
}
