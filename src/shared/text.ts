// Small text functions more than one stage needs.

/** The 1-based line and column of an offset in a text (lines end at "\n"; a "\r" before it counts as text). */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
}

/** Latin letters and digits in lower case, the rest one hyphen: "Ağdam, 1990" → "agdam-1990". */
export function slugify(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
