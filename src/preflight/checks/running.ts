// The running text of a page as the keep rules read it from the tagged structure tree: its blocks in reading
// order, the notes apart.

import type { FlowRun, InspectedPdf } from "../inspect.ts";

export const HEADING = /^H[1-6]?$/;

/** Page `n`'s running blocks (1-based): text, and images (a Figure holds no text, but fills its place). */
export function running(pdf: InspectedPdf, n: number): FlowRun[] {
  return pdf.pages[n - 1]?.flow?.filter((r) => !r.note && (r.text.trim() || r.block === "Figure")) ?? [];
}

/** Whether the page with these running blocks ends the chapter before it: blank, or opening a chapter. */
export function endsChapter(next: FlowRun[]): boolean {
  // a chapter opens with its number, then its H1
  return next.length === 0 || next.slice(0, 2).some((r) => r.block === "H1");
}
