// Lays a content folder out as the build does (prepare, then paginate with the print version's bleed) and
// writes the PDF that Paged.js and Chromium made, before any preflight: what a test reads back with Poppler.
import fs from "node:fs";
import path from "node:path";
import { prepare } from "../../src/build.ts";
import { layoutCss, printSettings } from "../../src/output/formats.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { isLost } from "../../src/render/checked.ts";
import { layOut } from "../../src/render/page-run.ts";
import { paginate } from "../../src/render/paginate.ts";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import type { Paginated, PaginateOptions } from "../../src/render/types.ts";

export interface Layouts {
  layout(
    contentDir: string,
    pdfFile: string,
    log?: (line: string) => void,
    safetyNet?: boolean,
    /** laid out by chapter, with the layout cache in this folder */
    byChapter?: { cacheDir: string },
  ): Promise<Paginated>;
  /** Lays a content folder out (unchecked, not printed), then runs `fn` in the laid-out page. */
  inPage<T>(contentDir: string, fn: () => T): Promise<T>;
  close(): Promise<void>;
}

export async function layouts(): Promise<Layouts> {
  const session: BrowserSession = await launchBrowser({ timeoutSeconds: 60 });
  const server: LocalServer = await startServer();
  let n = 0;
  return {
    async layout(contentDir, pdfFile, log, safetyNet = true, byChapter = undefined) {
      const paginated = await paginate({
        ...(await layoutOptions(contentDir, session, server, `t${++n}`)),
        log,
        warn: log,
        safetyNet,
        ...(byChapter && {
          inParts: true,
          parallel: 2,
          cache: { dir: byChapter.cacheDir, generator: "booklet test" },
        }),
      });
      fs.writeFileSync(pdfFile, paginated.pdf);
      return paginated;
    },
    async inPage(contentDir, fn) {
      const options = await layoutOptions(contentDir, session, server, `t${++n}`);
      const found = await layOut(options, options.doc.html, false, { finish: ({ page }) => page.evaluate(fn) });
      // an unchecked layout never reports lost text: this only narrows the type
      if (isLost(found)) throw new Error(`${contentDir}: an unchecked layout reported lost text`);
      return found;
    },
    async close() {
      await server.close();
      await session.close();
    },
  };
}

/** A content folder's document with the options the build lays it out with: the print version's bleed. */
async function layoutOptions(
  contentDir: string,
  session: BrowserSession,
  server: LocalServer,
  key: string,
): Promise<PaginateOptions> {
  const { config, document } = await prepare({ contentDir, outDir: path.join(contentDir, "out"), edition: 2027 });
  const extra = layoutCss(config, printSettings(config, undefined));
  return {
    browser: session.browser,
    server,
    key,
    doc: {
      html: document.html,
      styles: new Map([...document.styles, ["/_styles/zz-extra.css", extra]]),
      contentDir: config.contentDir,
    },
    extraStylesheet: "_styles/zz-extra.css",
    timeouts: { paginate: 300, print: 120 },
    epochMs: Date.UTC(2027, 0, 1),
  };
}
