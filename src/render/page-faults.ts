// What went wrong in a layout's page, made into errors that say what to do and where: a time-out, a closed
// browser, a request refused or for a missing file, a script the page refused, an error the page threw.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { SHIPPED_TEMPLATES } from "../document/index.ts";
import { BookletError, type SourceLocation } from "../errors/index.ts";
import { readContentText } from "../files.ts";
import { lineColumn, slugify } from "../shared/index.ts";
import type { LocalServer } from "./server.ts";
import { tempDirCause } from "./tempdir.ts";

/**
 * An error that ended a wait, made into one that says what to do: a time-out names the stage, how far the
 * layout got and the chapter it was in, and the key of booklet.yaml that sets the limit; a browser that
 * closed says so instead of puppeteer's "Target closed" or "Requesting main frame too early!".
 */
export function explain(
  e: unknown,
  ctx: {
    stage: { name: string; doing: string };
    progress: { pages: number; chapter?: string; title?: string };
    browser: Browser;
    timeouts: { paginate: number; print: number };
    contentDir: string;
  },
): unknown {
  const { stage, progress } = ctx;
  const limit = stage.name === "print" ? ctx.timeouts.print : ctx.timeouts.paginate;
  // the last page's section: a chapter (ch-…), or one of booklet's own (the cover, the contents, the sources)
  const chapter = progress.chapter?.startsWith("ch-") ? progress.chapter : undefined;
  const where = chapter
    ? `, the last of them in the chapter "${progress.title || chapter}" (${chapter})`
    : progress.chapter
      ? `, the last of them in the section ${progress.chapter}`
      : "";
  const done =
    progress.pages > 0 ? `it had laid out ${progress.pages} page${progress.pages === 1 ? "" : "s"}${where}` : "";
  if (e instanceof BookletError && e.kind === "StageTimeout") {
    const cannot = "for what Paged.js cannot lay out (a table or an image taller than a page, an unusual @page rule)";
    const look = !stage.doing.startsWith("laying out")
      ? "The browser is slow or stuck"
      : chapter
        ? `Look in that chapter, and at what follows it, ${cannot}`
        : progress.pages > 0
          ? // the pages laid out are all booklet's own (the cover, the title page, the contents)
            `Look at what follows those pages, ${cannot}`
          : "It stopped before the first page was done: look at the stylesheets (an @page rule Paged.js cannot handle)";
    return new BookletError(
      "StageTimeout",
      `The ${stage.name} stage did not finish ${stage.doing} within ${limit} s${done ? `: ${done}` : ""}. ${look}; if the booklet is only long or the machine slow, raise \`timeouts.${stage.name}\` in booklet.yaml (now ${limit}).`,
      chapterLocation(stage.doing.startsWith("laying out") ? chapter : undefined, ctx.contentDir),
    );
  }
  if (e instanceof BookletError) return e;
  // a full or missing temporary folder makes the browser fail in many ways ("Protocol error (IO.read)")
  const machine = tempDirCause(e);
  if (machine) return machine;
  if (!ctx.browser.connected) {
    return new BookletError(
      "BrowserCrashed",
      `The browser closed while the ${stage.name} stage was ${stage.doing}${done ? ` (${done})` : ""}.`,
      { cause: e },
    );
  }
  return e;
}

/** The chapter file of a chapter id (ch-<file name>), for an error to point at. */
export function chapterLocation(id: string | undefined, contentDir: string): { location?: SourceLocation } {
  if (!id?.startsWith("ch-")) return {};
  const folders = [
    path.join(contentDir, "chapters"),
    ...(fs.existsSync(path.join(contentDir, "editions"))
      ? fs.readdirSync(path.join(contentDir, "editions")).map((y) => path.join(contentDir, "editions", y, "chapters"))
      : []),
  ];
  for (const folder of folders.reverse()) {
    if (!fs.existsSync(folder)) continue;
    const name = fs.readdirSync(folder).find((f) => f.endsWith(".md") && `ch-${slugify(f.slice(0, -3))}` === id);
    if (name) return { location: { file: path.join(folder, name) } };
  }
  return {};
}

export function pageError(errors: string[], cause?: unknown): BookletError {
  return new BookletError("PageError", errors.slice(0, 3).join("\n"), { cause });
}

export function checkRequests(args: {
  blocked: string[];
  refusedScripts: string[];
  pageErrors: string[];
  server: LocalServer;
  key: string;
  contentDir: string;
}) {
  const { blocked, refusedScripts, pageErrors, server, key, contentDir } = args;
  if (blocked.length) {
    const urls = [...new Set(blocked)];
    throw new BookletError(
      "RequestBlocked",
      urls.length === 1
        ? `The document asked for ${urls[0]}, and was refused: nothing outside the local server may be loaded.`
        : `The document asked for these, and was refused:\n${urls
            .slice(0, 5)
            .map((u) => `  ${u}`)
            .join("\n")}\nNothing outside the local server may be loaded; the first is shown below.`,
      whereWritten([urls[0]], contentDir) ?? {},
    );
  }
  if (refusedScripts.length) {
    throw new BookletError(
      "UnsafeContent",
      `The page tried to run a script, and the renderer refused it (${refusedScripts[0].toLowerCase()}). The content checks did not see it, so it was made when a template ran: a value inserted unescaped with {{{…}}}, as below, or a helper's output.`,
      // (the shipped templates insert only HTML that the checks have seen)
      whereWritten(["{{{", "{{&"], path.join(contentDir, "templates"), false) ?? {},
    );
  }
  const misses = server.misses.filter((m) => m.startsWith(`/${key}/`) && !m.endsWith("/favicon.ico"));
  if (misses.length) {
    const files = [...new Set(misses)].map((u) => u.slice(key.length + 2));
    throw new BookletError(
      "MissingFile",
      files.length === 1
        ? `The document refers to ${files[0]}, which does not exist in the content folder.`
        : `The document refers to files that do not exist in the content folder:\n${files
            .slice(0, 5)
            .map((u) => `  ${u}`)
            .join("\n")}\nThe first is shown below.`,
      whereWritten([files[0]], contentDir) ?? {},
    );
  }
  if (pageErrors.length) throw pageError(pageErrors);
}

const TEXT_FILES = /\.(md|hbs|html?|css|ya?ml|svg|csv|json|txt)$/i;

/**
 * The file, line and column where a URL the page asked for is written: in the content folder (a chapter, a
 * template, a stylesheet, booklet.yaml for a value a template inserts), then in the shipped templates.
 */
function whereWritten(
  texts: string[],
  dir: string,
  alsoShipped = true,
): { location: SourceLocation; sourceText: string } | undefined {
  const needles = [...new Set(texts.flatMap((t) => [t, decodeSafely(t)]))];
  for (const folder of alsoShipped ? [dir, SHIPPED_TEMPLATES] : [dir]) {
    for (const rel of textFiles(folder)) {
      const file = path.join(folder, rel);
      let text: string;
      try {
        text = readContentText(file, dir);
      } catch {
        // a file that leads out of the folder, is too large or is not UTF-8 was refused where it is used
        continue;
      }
      for (const needle of needles) {
        const at = text.indexOf(needle);
        if (at < 0) continue;
        return { location: { file, ...lineColumn(text, at) }, sourceText: text };
      }
    }
  }
  return undefined;
}

function textFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(
      (rel) =>
        TEXT_FILES.test(rel) && !rel.split(path.sep).some((part) => part === "node_modules" || part.startsWith(".")),
    )
    .sort()
    .filter((rel) => {
      const stat = fs.statSync(path.join(dir, rel));
      return stat.isFile() && stat.size < 2_000_000;
    });
}

function decodeSafely(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
