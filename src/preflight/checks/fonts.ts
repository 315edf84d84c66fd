// Fonts: every font embedded, none Type 3, and none from outside the booklet's own families (a fallback).

import { count as plural } from "../../shared/index.ts";
import { type Check, type Finding, outcome } from "../finding.ts";
import type { InspectedPage } from "../inspect.ts";

/** "Source Serif 4" → "SourceSerif4": how a family's fonts are named inside a PDF. */
export function compactFamily(family: string): string {
  return family.replace(/[\s_-]+/g, "");
}

/** Whether a PDF font name belongs to one of the families. */
export function inFamilies(fontName: string, families: string[]): boolean {
  const name = compactFamily(fontName).toLowerCase();
  return families.some((f) => name.startsWith(compactFamily(f).toLowerCase()));
}

export const fonts: Check = (pdf, context) => {
  const notEmbedded: { page: number; message: string }[] = [];
  const type3: { page: number; message: string }[] = [];
  const fallback: { page: number; message: string }[] = [];
  let count = 0;
  for (const page of pdf.pages) {
    for (const f of page.fonts) {
      count++;
      if (!f.embedded)
        notEmbedded.push({
          page: page.number,
          message: `page ${page.number}: the font ${f.name} (${f.subtype}) is not embedded`,
        });
      if (f.subtype === "Type3")
        type3.push({
          page: page.number,
          message: `page ${page.number}: ${f.name} is a Type 3 font (a face that was not loaded, synthesised by Chromium); printers reject Type 3`,
        });
      else if (context.fontFamilies.length && !inFamilies(f.name, context.fontFamilies)) {
        const runs = textSetIn(page, f.name);
        fallback.push({
          page: page.number,
          message: `page ${page.number}: ${runs ? `${runs} ${runs.includes("”, “") ? "are" : "is"} set in ${f.name}` : `${f.name} is used`}, a font the booklet does not declare (booklet.yaml's fonts: ${declared(context.fontFamilies).join(", ")}): a character missing from the booklet's fonts (a system font drew it), a style naming another family (monospace for code), or an @font-face of a stylesheet`,
        });
      }
    }
  }
  const families = declared(context.fontFamilies).join(" and ");
  const findings: Finding[] = [
    ...outcome(
      "fonts.embedded",
      notEmbedded,
      `all fonts embedded (${count} font uses on ${plural(pdf.pageCount, "page")})`,
    ),
    ...outcome("fonts.no-type3", type3, "no Type 3 font"),
  ];
  if (context.fontFamilies.length)
    findings.push(...outcome("fonts.no-fallback", fallback, `every font is ${families}`));
  return findings;
};

/** The families, without the font names of their files ("DejaVu Serif", not also "DejaVuSerif-Bold"). */
function declared(families: string[]): string[] {
  return families.filter(
    (f) => !families.some((g) => g !== f && compactFamily(f).toLowerCase().startsWith(compactFamily(g).toLowerCase())),
  );
}

/** The text a page sets in one font, when the inspection read which font drew each text item: “ə”, “x.yaml”. */
function textSetIn(page: InspectedPage, font: string): string {
  const runs: string[] = [];
  let current = "";
  for (const item of page.items) {
    if (item.font === font) current += item.text + (item.eol ? " " : "");
    else if (current.trim()) {
      runs.push(current.trim());
      current = "";
    } else current = "";
  }
  if (current.trim()) runs.push(current.trim());
  const distinct = [...new Set(runs)];
  return distinct.length
    ? distinct
        .slice(0, 3)
        .map((r) => `“${r.length > 30 ? `${r.slice(0, 29)}…` : r}”`)
        .join(", ") + (distinct.length > 3 ? " …" : "")
    : "";
}
