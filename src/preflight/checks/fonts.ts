// Fonts: every font embedded, none Type 3, and none from outside the booklet's own families (a fallback).
import { outcome, type Check, type Finding } from "../finding.ts";
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
      if (!f.embedded) notEmbedded.push({ page: page.number, message: `page ${page.number}: the font ${f.name} (${f.subtype}) is not embedded` });
      if (f.subtype === "Type3") type3.push({ page: page.number, message: `page ${page.number}: ${f.name} is a Type 3 font (a face that was not loaded, synthesised by Chromium); printers reject Type 3` });
      else if (context.fontFamilies.length && !inFamilies(f.name, context.fontFamilies)) {
        const chars = charactersIn(page, f.name);
        fallback.push({
          page: page.number,
          message: `page ${page.number}: ${f.name} is not one of the booklet's fonts (${context.fontFamilies.join(", ")}): Chromium drew ${chars ? `“${chars}”` : "a glyph"} with a fallback font because ${chars && [...chars].length > 1 ? "they are" : "it is"} missing from them`,
        });
      }
    }
  }
  const families = context.fontFamilies.join(" and ");
  const findings: Finding[] = [
    ...outcome("fonts.embedded", notEmbedded, `all fonts embedded (${count} font uses on ${pdf.pageCount} pages)`),
    ...outcome("fonts.no-type3", type3, "no Type 3 font"),
  ];
  if (context.fontFamilies.length) findings.push(...outcome("fonts.no-fallback", fallback, `every font is ${families}`));
  return findings;
};

/** The characters a page draws with one font, when the inspection read which font drew each text item. */
function charactersIn(page: InspectedPage, font: string): string {
  const chars = new Set<string>();
  for (const item of page.items) if (item.font === font) for (const c of item.text.trim()) chars.add(c);
  return [...chars].slice(0, 12).join("");
}
