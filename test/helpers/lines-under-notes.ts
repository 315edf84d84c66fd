// Which torture seeds print a line of text under the notes' rule, where the rule crosses it:
//   node --import tsx test/helpers/lines-under-notes.ts FIRST LAST [PAGE-SIZE]
// Each seed's booklet (test/torture/generate.ts) is laid out as the build lays it out, without the safety
// net, and every page's text is measured in the page: a line that the notes' rule crosses above its
// descenders is drawn over by them. Neither the layout's check nor the preflight sees it, nor
// Poppler's text: every word is there. Paged.js keeps at least one line on a page, even when that line's
// notes then fill it; patch 095 moves the notes under it, and this tool checks that none is left.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateTorture } from "../torture/generate.ts";
import { layouts } from "./layout-pdf.ts";

/** In the laid-out page: "page N: “first words”" for each text that reaches below its page's notes' rule. */
function linesUnderNotes(): string[] {
  const out: string[] = [];
  for (const page of document.querySelectorAll<HTMLElement>(".pagedjs_page")) {
    // the build hides pages laid out long before (page-handlers.js): shown, they can be measured
    page.classList.remove("booklet-laid-out");
    const content = page.querySelector(".pagedjs_page_content");
    if (!content) continue;
    const block = content.getBoundingClientRect();
    // the rule is the top border of the notes' box; a page without notes shows none
    const notes = page.querySelector(".pagedjs_footnote_content:not(.pagedjs_footnote_empty)");
    if (!notes?.querySelector("[data-note='footnote']")) continue;
    const rule = notes.getBoundingClientRect().top;
    const texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let t = texts.nextNode(); t; t = texts.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      // a text in the next column is overflow Paged.js moves on, not a line drawn on this page; a rule
      // through a line's descenders only touches it (patch 095 leaves that as it is)
      const crossed = (r: DOMRect) => r.width > 0 && r.left < block.right && r.bottom - rule > r.height / 4;
      const under = [...range.getClientRects()].some(crossed);
      if (under && t.textContent?.trim())
        out.push(`page ${page.dataset.pageNumber}: “${t.textContent.trim().replace(/\s+/g, " ").slice(0, 40)}”`);
    }
  }
  return out;
}

const [first, last, pageSize] = process.argv.slice(2);
const engine = await layouts();
try {
  for (let seed = Number(first); seed <= Number(last || first); seed++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "booklet-under-notes-"));
    try {
      generateTorture(seed, path.join(dir, "content"), { pageSize });
      const found = await engine.inPage(path.join(dir, "content"), linesUnderNotes);
      console.log(`seed ${seed}: ${found.length ? found.join("; ") : "none"}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await engine.close();
}
