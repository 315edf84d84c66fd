// What a layout's page asks for, throws and says, noted as it happens for the checks after the layout and
// for the error that may end it.
import type { ConsoleMessage, HTTPRequest, Page } from "puppeteer-core";
import type { PaginateOptions } from "./types.ts";

/** What a layout's page reported while it ran, for the checks after it and the error that may end it. */
export interface Watch {
  blocked: string[];
  pageErrors: string[];
  // scripts the page's Content-Security-Policy (server.ts) stopped: they got past the content checks
  refusedScripts: string[];
  dropped: string[];
  droppedAt: number[];
  // the pages laid out so far and the chapter of the last one
  progress: { pages: number; chapter?: string; title?: string };
  // what was being waited for, for an error that ends the wait (a time-out, the browser's crash)
  stage: { name: string; doing: string };
}

/**
 * What the page asks for, throws and says, noted in the watch as it happens; returns what stops the noting,
 * for a page kept for the next layout (page-pool.ts).
 */
export function watchPage(page: Page, options: PaginateOptions, watch: Watch): () => void {
  const { server } = options;
  const onRequest = (req: HTTPRequest) => {
    // only the local server: a build reaches nothing else, not even file: URLs
    if (req.url().startsWith(`${server.origin}/`) || req.url().startsWith("data:")) void req.continue();
    else {
      watch.blocked.push(req.url());
      void req.abort("blockedbyclient");
    }
  };
  const onError = (err: unknown) => {
    watch.pageErrors.push((err as Error).message ?? String(err));
    options.log?.(`[page error] ${(err as Error).stack ?? err}`);
  };
  const onMessage = (msg: ConsoleMessage) => onConsole(msg.text(), msg.type(), options, watch);
  page.on("request", onRequest);
  page.on("pageerror", onError);
  page.on("console", onMessage);
  return () => {
    page.off("request", onRequest);
    page.off("pageerror", onError);
    page.off("console", onMessage);
  };
}

function onConsole(text: string, type: string, options: PaginateOptions, watch: Watch): void {
  if (text.startsWith("booklet:page ")) {
    // "booklet:page N CHAPTER-ID TITLE": how far the layout got, for a time-out's message
    const [, n, id, title] = /^booklet:page (\d+) ?(\S*) ?(.*)$/.exec(text) ?? [];
    const before = watch.progress;
    watch.progress = { pages: Number(n), chapter: id || before.chapter, title: id ? title : before.title };
    options.onPage?.(Number(n));
    return;
  }
  options.log?.(`[page ${type}] ${text}`);
  if (text.startsWith("Unable to layout item")) {
    // Paged.js gives up on an element it cannot fit on any page and drops it (pagedjs issue 274); the
    // build's preflight then names the missing text, this says where the layout gave up
    const { title, pages } = watch.progress;
    watch.droppedAt.push(pages + 1);
    watch.dropped.push(
      `Paged.js could not lay out an element${title ? ` in "${title}"` : ""} (page ${pages + 1}) and left it out: a line, image or table row taller than the page?`,
    );
    return;
  }
  if (type !== "error") return;
  // what the browser stops before any request is made, so that interception never sees it: a load the
  // Content-Security-Policy forbids, a file: URL, an inline script or event handler
  const refusedLoad =
    /^(?:Loading|Refused to load) the [\w -]+? '([^']+)'/.exec(text) ??
    /^Not allowed to load local resource: (\S+)/.exec(text);
  if (refusedLoad) watch.blocked.push(refusedLoad[1]);
  else if (
    /^(?:Executing|Refused to execute|Evaluating|Refused to evaluate|Compiling or instantiating)\b/.test(text) &&
    /Content Security Policy/.test(text)
  )
    watch.refusedScripts.push(text.split(" violates")[0]);
}
