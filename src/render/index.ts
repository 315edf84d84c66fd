// Layout: the document served to Chromium and paginated by Paged.js, and the pages added for saddle stitching.
export { type BrowserSession, closeAllBrowsers, launchBrowser } from "./browser.ts";
export { captureShell } from "./join-shell.ts";
export { openLayoutCache, partKey, writeEntry } from "./layout-cache.ts";
export { checkSameLayout, insertBeforeLastPage, lastSide, NOTES_CSS, notesHtml, paddingCount } from "./pad.ts";
export { pagedPolyfill } from "./pagedjs.ts";
export { paginate } from "./paginate.ts";
export { loaded, setPageReferences } from "./parts.ts";
export { type LocalServer, startServer } from "./server.ts";
export type { PadOptions, PageLayout, Paginated } from "./types.ts";
