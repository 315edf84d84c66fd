// Links inside the booklet: every `href="#id"` of the finished document must reach an id it defines, and no
// id may be defined twice (a link, a bookmark or a page reference would go to the wrong place).
import { BookletError, type SourceLocation } from "../errors/index.ts";
import { lineColumn } from "../shared/index.ts";

/** A chapter (or the foreword, the colophon): its file as written and its HTML as rendered. */
export interface AnchorPart {
  file: string;
  text: string;
  html: string;
}

/** A template file: links and ids that no chapter holds come from one of these. */
export interface AnchorTemplate {
  file: string;
  text: string;
}

const ID = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g;
const HREF = /\shref\s*=\s*(?:"#([^"]*)"|'#([^']*)'|#([^\s>"']+))/g;

/**
 * `unknowable`: targets that may be defined by a part that failed (a chapter that could not be loaded): a
 * link to them is not reported, the failure is.
 */
export function checkAnchors(
  html: string,
  parts: AnchorPart[],
  templates: AnchorTemplate[],
  unknowable: (target: string) => boolean = () => false,
): BookletError[] {
  const problems: BookletError[] = [];
  const ids = new Map<string, number>();
  for (const m of html.matchAll(ID)) {
    const id = m[1] ?? m[2] ?? m[3];
    ids.set(id, (ids.get(id) ?? 0) + 1);
  }

  for (const [id, count] of ids) {
    if (count < 2) continue;
    const written = new RegExp(`\\bid\\s*=\\s*["']?${escapeRegExp(id)}(?=["'\\s>])`, "g");
    // the chapter whose HTML holds it, at its last place in the file: the second definition is the one to change
    const part = [...parts].reverse().find((p) => new RegExp(written.source).test(p.html));
    const where = part ? lastMatch(part.text, written) : undefined;
    problems.push(
      new BookletError(
        "DuplicateId",
        `The id "${id}" is given to ${count} elements of the booklet; links and page references to it would go to the first.`,
        {
          location: part ? { file: part.file, ...where } : undefined,
          sourceText: part?.text,
        },
      ),
    );
  }

  const reported = new Set<string>();
  for (const m of html.matchAll(HREF)) {
    const raw = m[1] ?? m[2] ?? m[3];
    let target = raw;
    try {
      target = decodeURIComponent(raw);
    } catch {
      // a malformed escape: compared as written
    }
    if (ids.has(target) || ids.has(raw) || reported.has(raw) || unknowable(target)) continue;
    reported.add(raw);
    const link = new RegExp(`\\shref\\s*=\\s*["']?#${escapeRegExp(raw)}(?=["'\\s>])`);
    const part = parts.find((p) => link.test(p.html));
    // in Markdown `[text](#x)`, in HTML href="#x"
    const written = new RegExp(
      `\\]\\(\\s*<?#${escapeRegExp(raw)}(?=[\\s>)])|href\\s*=\\s*["']?#${escapeRegExp(raw)}(?=["'\\s>])`,
      "g",
    );
    let location: SourceLocation | undefined;
    let sourceText: string | undefined;
    if (part) {
      location = { file: part.file, ...firstMatch(part.text, written) };
      sourceText = part.text;
    } else {
      const template = templates.find((t) => new RegExp(written.source).test(t.text));
      if (template) {
        location = { file: template.file, ...firstMatch(template.text, written) };
        sourceText = template.text;
      }
    }
    const like = [...ids.keys()].find((id) => id.toLowerCase() === target.toLowerCase() || id.endsWith(`--${target}`));
    problems.push(
      new BookletError(
        "BrokenAnchor",
        `The link to #${raw} goes nowhere: no chapter, heading or element of the booklet has the id "${target}".${like ? ` Did you mean #${like}?` : ""}`,
        {
          location,
          sourceText,
        },
      ),
    );
  }
  return problems;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Where a pattern is first written, pointing at the `#` or the `id`. */
function firstMatch(text: string, re: RegExp): { line?: number; column?: number } {
  re.lastIndex = 0;
  const m = re.exec(text);
  if (!m) return {};
  const hash = m[0].indexOf("#");
  return lineColumn(text, m.index + Math.max(hash, 0));
}

function lastMatch(text: string, re: RegExp): { line?: number; column?: number } {
  const last = [...text.matchAll(re)].at(-1);
  return last ? lineColumn(text, last.index) : {};
}
