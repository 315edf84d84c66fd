// The page's design as CSS custom properties (tokens): the page size, the text block, the type sizes and the
// typefaces, computed from booklet.yaml by one rule, written first so that any stylesheet after it can change
// them. The shipped stylesheet is written on these tokens only.

import type { ResolvedConfig } from "../config/index.ts";
import { pageSizeMm } from "../config/index.ts";

/**
 * The A5 page the shipped design was drawn on: 9.5/13.2 pt type on a 114 × 174 mm text block, margins 17 mm
 * above, 19 mm below, 19 mm at the spine and 15 mm at the fore edge. Other pages keep its proportions.
 */
const BASE = {
  width: 148,
  fontSize: 9.5,
  leading: 13.2,
  measure: 114,
  textHeight: 174,
  top: 17,
  bottom: 19,
  inner: 19,
  outer: 15,
};

export interface PageGeometry {
  /** the trimmed page, mm */
  width: number;
  height: number;
  /** body type size and leading, pt */
  fontSize: number;
  leading: number;
  /** the type size over the A5 design's (1 on A5): every other size of the stylesheet is multiplied by it */
  typeScale: number;
  /** the text block's margins, mm */
  margins: { top: number; bottom: number; inner: number; outer: number };
}

const round = (n: number, step: number) => Math.round(n / step) * step;
const fixed = (n: number) => Number(n.toFixed(2));

/**
 * The rule: the type size grows with the square root of the page's width (9.5 pt on A5, 11.3 pt on A4); the
 * measure grows with the type, so that a line holds as many characters as on A5 (about 70); the text block
 * keeps the A5 block's proportion (174 : 114), and the margins share what is left as on A5 (spine 19 : fore
 * edge 15, head 17 : foot 19). A page too small for that block keeps at least 12 mm beside and 15 mm above and
 * below it. booklet.yaml's fonts.size, fonts.leading and margins override any part.
 */
export function pageGeometry(config: Pick<ResolvedConfig, "pageSize" | "fonts" | "margins">): PageGeometry {
  const { width, height } = pageSizeMm(config.pageSize);
  const fontSize = config.fonts.size ?? round(BASE.fontSize * Math.sqrt(width / BASE.width), 0.1);
  const leading = config.fonts.leading ?? round((fontSize * BASE.leading) / BASE.fontSize, 0.1);
  const measure = Math.min((BASE.measure * fontSize) / BASE.fontSize, width - 24);
  const textHeight = Math.min((measure * BASE.textHeight) / BASE.measure, height - 30);
  const across = width - measure;
  const down = height - textHeight;
  const given = config.margins ?? {};
  const margins = {
    top: given.top ?? fixed(round((down * BASE.top) / (BASE.top + BASE.bottom), 0.1)),
    bottom: given.bottom ?? fixed(round((down * BASE.bottom) / (BASE.top + BASE.bottom), 0.1)),
    inner: given.inner ?? fixed(round((across * BASE.inner) / (BASE.inner + BASE.outer), 0.1)),
    outer: given.outer ?? fixed(round((across * BASE.outer) / (BASE.inner + BASE.outer), 0.1)),
  };
  return {
    width: fixed(width),
    height: fixed(height),
    fontSize: fixed(fontSize),
    leading: fixed(leading),
    typeScale: Number((fontSize / BASE.fontSize).toFixed(4)),
    margins,
  };
}

/** A length token as a stylesheet may set it: a number and a unit. */
const LENGTH = /^\d+(?:\.\d+)?(?:mm|cm|in|pt|px|pc|q)$/;
const MARGIN_TOKENS = ["top", "bottom", "inner", "outer"] as const;

/**
 * The `--margin-*` tokens that the content's stylesheets set in a `:root` rule: Paged.js reads an @page rule's
 * margins only as lengths written out (not var()), so the tokens stylesheet writes them there itself.
 */
export function marginTokens(stylesheets: string[]): Partial<Record<(typeof MARGIN_TOKENS)[number], string>> {
  const found: Partial<Record<(typeof MARGIN_TOKENS)[number], string>> = {};
  for (const css of stylesheets) {
    const plain = css.replace(/\/\*[\s\S]*?\*\//g, "");
    for (const rule of plain.matchAll(/:root\s*\{([^}]*)\}/g)) {
      for (const m of rule[1].matchAll(/--margin-(top|bottom|inner|outer)\s*:\s*([^;]+?)\s*(?:;|$)/g)) {
        if (LENGTH.test(m[2])) found[m[1] as (typeof MARGIN_TOKENS)[number]] = m[2];
      }
    }
  }
  return found;
}

export interface TokenOptions {
  geometry: PageGeometry;
  accent: string;
  /** the CSS font stacks, "\"Source Serif 4\", serif" */
  fontBody: string;
  fontDisplay: string;
  boldWeight: number;
  /** margins the content's stylesheets set (marginTokens) */
  marginOverrides?: ReturnType<typeof marginTokens>;
}

/** The tokens stylesheet: the page's size and margins, and every token's value for this booklet. */
export function tokensCss(o: TokenOptions): string {
  const g = o.geometry;
  const s = g.typeScale;
  const m = Object.fromEntries(MARGIN_TOKENS.map((k) => [k, o.marginOverrides?.[k] ?? `${g.margins[k]}mm`])) as Record<
    (typeof MARGIN_TOKENS)[number],
    string
  >;
  const pt = (n: number) => `${fixed(n * s)}pt`;
  return [
    `@page { size: ${g.width}mm ${g.height}mm; margin: ${m.top} ${m.outer} ${m.bottom} ${m.inner}; }`,
    `@page :left { margin-left: ${m.outer}; margin-right: ${m.inner}; }`,
    `@page :right { margin-left: ${m.inner}; margin-right: ${m.outer}; }`,
    ":root {",
    `  --page-width: ${g.width}mm;`,
    `  --page-height: ${g.height}mm;`,
    ...MARGIN_TOKENS.map((k) => `  --margin-${k}: ${m[k]};`),
    `  --font-body: ${o.fontBody};`,
    `  --font-display: ${o.fontDisplay};`,
    `  --weight-bold: ${o.boldWeight};`,
    `  --font-size: ${g.fontSize}pt;`,
    `  --leading: ${g.leading}pt;`,
    `  --type-scale: ${s};`,
    `  --note-size: ${pt(7.3)};`,
    `  --note-leading: ${pt(9.2)};`,
    `  --table-size: ${pt(7.6)};`,
    `  --table-leading: ${pt(9.6)};`,
    `  --accent: ${o.accent};`,
    "  --text-color: #1a1a1a;",
    "  --muted-color: #555;",
    "  --cover-text-color: #f4efe6;",
    "  --paragraph-indent: 1.2em;",
    "}",
    "",
  ].join("\n");
}
