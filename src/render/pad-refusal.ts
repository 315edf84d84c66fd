// Whether the pages a saddle-stitched booklet needs can be added in front of the back cover in a laid-out page,
// by Paged.js (page-handlers.js, bookletAddPages) or in a join's page (join-pad.ts): printPadded asks before
// either adds them. When they cannot, the build lays the whole document out again with them in its HTML.

/**
 * Runs in a laid-out page: why its last page (the back cover) cannot move on by `count` pages, as it is laid
 * out; "" when it can. Moving it changes its side when `count` is odd, and its number always: a counter reset
 * on that number (a rule Paged.js writes for a `counter-reset: page` on it) or a link to it would then be wrong.
 */
export function whyNotAdded(count: number): string {
  const pages = document.querySelectorAll<HTMLElement>(".pagedjs_pages > .pagedjs_page");
  const back = pages[pages.length - 1];
  if (!back) return "the page has no page";
  if (count % 2) return "an odd number of pages would put the back cover on the other side";
  const opener = back.querySelector(".pagedjs_page_content > div")?.firstElementChild;
  if (opener?.nodeName !== "SECTION" || !opener.id || opener.hasAttribute("data-split-from"))
    return "the last page does not begin a section of its own";
  const number = back.dataset.pageNumber;
  for (const sheet of document.styleSheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of rules)
      if ((rule as CSSStyleRule).selectorText?.includes(`data-page-number="${number}"`))
        return "a counter is reset on the last page";
  }
  for (const el of back.querySelectorAll("[id]"))
    if (document.querySelector(`[href="#${CSS.escape(el.id)}"]`)) return `the page of #${el.id} is referred to`;
  return "";
}
