// A warning (a source never cited) carries the text of its file, so that it is printed with a code frame
// like an error whenever the reporter prints it (beside the errors of a failed check).

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import { BookletErrors } from "../../src/errors/booklet-error.ts";
import { formatError } from "../../src/errors/reporter.ts";
import { createLogger } from "../../src/log.ts";
import { project } from "../fixtures/bad/corpus.ts";

describe("a source never cited", () => {
  it("is printed with a code frame of sources.yaml beside the errors of a failed check", async () => {
    const { content } = project("source-never-cited");
    // and one error, so that the check fails and prints everything through the reporter
    fs.appendFileSync(path.join(content, "chapters/02-second.md"), "\nAn unknown one.[@nobody]\n");
    const e = await prepare({ contentDir: content }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(BookletErrors);
    const warning = (e as BookletErrors).errors.find((w) => w.kind === "SourceNeverCited")!;
    expect(warning.severity).toBe("warning");
    const text = formatError(warning, { cwd: content });
    expect(text).toMatch(/^warning B209 SourceNeverCited/);
    expect(text).toMatch(/>\s+12 \| - id: unused-2022/);
  });
});

describe("a booklet.yaml without a publisher", () => {
  const printed = async (contentDir: string) => {
    let out = "";
    const log = createLogger({
      stream: {
        write: (s: string) => {
          out += s;
          return true;
        },
      },
      env: {},
    });
    const r = await prepare({ contentDir, log });
    return { out, html: r.document.html };
  };

  it("is a warning naming booklet.yaml, printed by check and build, and the pages do without a publisher", async () => {
    const contentDir = path.resolve(import.meta.dirname, "../fixtures/notes-rule");
    const { out, html } = await printed(contentDir);
    expect(out).toMatch(
      /^warning B105 NoPublisher: booklet.yaml names no publisher\n {2}at (.*\/)?test\/fixtures\/notes-rule\/booklet.yaml\n/m,
    );
    expect(out).toContain("what to do: A booklet meant for print usually names who publishes it");
    expect(html).not.toMatch(/publisher|Published by|name="author"/);
  });

  it("is not given when booklet.yaml names one", async () => {
    const { out, html } = await printed(path.resolve(import.meta.dirname, "../fixtures/minimal"));
    expect(out).not.toContain("NoPublisher");
    expect(html).toContain('<p class="tp-publisher">Booklet test fixtures</p>');
  });
});
