// The pages a saddle-stitched booklet needs, added in a join's page. A join's pages are not its Paged.js's, so
// Paged.js cannot lay them out after the page before the back cover there (page-handlers.js, bookletAddPages):
// they are made as Paged.js makes them, from the notes pages' markup (pad.ts), so that the document is not laid
// out a second time for them.
import type { Page } from "puppeteer-core";

/**
 * Runs in the joined page: each section of `html` (notesHtml) on a page of its own in front of the last page,
 * as Paged.js lays it out there: a `booklet-notes` named page, the first on the back cover's side, each page's
 * box a copy of a page of its side with nothing in its note area (Paged.js makes a side's page boxes alike; the
 * named page's style empties their margins). The back cover is numbered on. Called once the back cover is found
 * able to move (pad-refusal.ts, whyNotAdded); returns why the pages cannot be made here, and changes nothing
 * then; "" when they are added.
 */
export function addJoinedPages(html: string): string {
  const area = document.querySelector<HTMLElement>(".pagedjs_pages");
  const pages = [...document.querySelectorAll<HTMLElement>(".pagedjs_pages > .pagedjs_page")];
  const back = pages[pages.length - 1];
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const sections = [...holder.children] as HTMLElement[];
  if (!area || !back) return "the joined page has no page";
  // a running element (position: running) is a copy of content in a margin box, which Paged.js carries from
  // page to page: which one an added page would show is Paged.js's to say
  if (document.querySelector(".pagedjs_pages .pagedjs_margin-content > *"))
    return "a margin box holds a running element, which Paged.js would carry onto the added pages";
  const backSide = back.classList.contains("pagedjs_left_page") ? "left" : "right";
  const before = pages.slice(0, -1).reverse();
  const made: HTMLElement[] = [];
  for (const [i, section] of sections.entries()) {
    const side = i % 2 === 0 ? backSide : backSide === "left" ? "right" : "left";
    // the nearest to the back cover: the pages of the text's end, not the cover's or a chapter opening's
    const from = before.find(
      (p) =>
        p.classList.contains(`pagedjs_${side}_page`) &&
        !p.classList.contains("pagedjs_blank_page") &&
        p.querySelector(".pagedjs_footnote_content.pagedjs_footnote_empty") !== null,
    );
    const wrapper = from?.querySelector(".pagedjs_page_content > div");
    if (!from || !wrapper) return `no ${side}-hand page without notes to make the added pages like`;
    const page = from.cloneNode(true) as HTMLElement;
    for (const name of page.getAttributeNames()) if (name !== "class") page.removeAttribute(name);
    page.className = `pagedjs_page pagedjs_${side}_page pagedjs_named_page pagedjs_booklet-notes_page pagedjs_booklet-notes_first_page`;
    // the attributes Paged.js gives a section that breaks to a page of its own
    const breaks = i === 0 ? side : "page";
    page.dataset.breakBefore = breaks;
    Object.assign(section.dataset, { id: section.id, page: "booklet-notes", breakBefore: breaks });
    page.querySelector(".pagedjs_page_content > div")?.replaceChildren(section);
    made.push(page);
  }
  for (const page of made) area.insertBefore(page, back);
  for (const [k, page] of [...made, back].entries()) {
    page.id = `page-${pages.length + k}`;
    page.dataset.pageNumber = String(pages.length + k);
  }
  area.style.setProperty("--pagedjs-page-count", String(pages.length + made.length));
  return "";
}

/** The pages added in a join's page (addJoinedPages): "" when they are, else why not. */
export const addInJoin = (page: Page, html: string): Promise<string> => page.evaluate(addJoinedPages, html);
