// End to end, the render stage alone: the parts of a document (its front matter, its chapters) laid out
// several in one Paged.js run are the parts laid out each in a run of its own, and the document laid out
// whole: the same pages with the same text, read back with Poppler's pdftotext. And a part's pages do not
// depend on the run it was laid out in: a chapter kept in the layout cache from a run of all the parts,
// joined with a chapter that changed and was laid out alone, prints what the changed document laid out
// whole prints.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { paginate } from "../../src/render/paginate.ts";
import { type LocalServer, startServer } from "../../src/render/server.ts";
import type { PaginateOptions } from "../../src/render/types.ts";
import { tempDir } from "../helpers/tmp.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("parts laid out several in a run", () => {
  const content = tempDir("booklet-runs-content-");
  const work = tempDir("booklet-runs-");
  let session: BrowserSession;
  let server: LocalServer;
  let n = 0;

  /** The screen layout's PDF of the content as it is now, whole or in parts; its path and the debug lines. */
  async function layOut(how: Partial<PaginateOptions>): Promise<{ pdf: string; debug: string[] }> {
    const { document, config } = await prepare({ contentDir: content, cwd: ROOT });
    const debug: string[] = [];
    const result = await paginate({
      browser: session.browser,
      server,
      key: `runs${++n}`,
      doc: { html: document.html, styles: document.styles, contentDir: config.contentDir },
      timeouts: config.timeouts,
      epochMs: 1_800_000_000_000,
      log: (l) => debug.push(l),
      ...how,
    });
    const pdf = path.join(work, `${n}.pdf`);
    fs.writeFileSync(pdf, result.pdf);
    return { pdf, debug };
  }
  const pages = (pdf: string) =>
    execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f").slice(0, -1);

  beforeAll(async () => {
    fs.cpSync(path.join(ROOT, "test/fixtures/minimal"), content, { recursive: true });
    session = await launchBrowser({ timeoutSeconds: 60 });
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
    await session?.close();
  });

  it("lays the five parts out in one run, in up to four, and whole, to the same pages", async () => {
    const whole = await layOut({});
    const oneRun = await layOut({ inParts: true, parallel: 1 });
    // a run for parts of any size (runWorth 0): as many runs as four allow
    const fourRuns = await layOut({ inParts: true, parallel: 4, runWorth: 0 });
    // the front matter, three chapters and the back matter: one run of five parts
    expect(oneRun.debug.filter((l) => /-p\d: laid out .*\(run 1 of 1, 5 parts\)/.test(l))).toHaveLength(5);
    // as many runs as four allow, neighbours of a size put together: more than one; the back matter in the
    // last chapter's run, after it
    expect(fourRuns.debug.filter((l) => /-p\d: laid out .*\(run \d of [234], \d parts\)/.test(l))).toHaveLength(5);
    const runOf = (id: string) =>
      /\(run (\d) of/.exec(fourRuns.debug.find((l) => l.includes(`laid out ${id},`)) ?? "")?.[1];
    expect(runOf("colophon")).toBe(runOf("ch-03-after"));
    // with four cores but a few thousand characters to lay out, one run: a second would not pay its start
    const fourCores = await layOut({ inParts: true, parallel: 4 });
    expect(fourCores.debug.filter((l) => /-p\d: laid out .*\(run 1 of 1, 5 parts\)/.test(l))).toHaveLength(5);
    expect(pages(whole.pdf).length).toBeGreaterThan(8);
    expect(pages(oneRun.pdf)).toEqual(pages(whole.pdf));
    expect(pages(fourRuns.pdf)).toEqual(pages(whole.pdf));
  });

  it("joins a chapter kept from a run of all the parts with one laid out again alone", async () => {
    const cache = { dir: path.join(work, "cache"), generator: "booklet test" };
    await layOut({ inParts: true, parallel: 1, cache });
    const file = path.join(content, "chapters", "02-night.md");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("The bridge held.", "The old bridge held."));
    const changed = await layOut({ inParts: true, parallel: 1, cache });
    expect(changed.debug.filter((l) => l.endsWith("from the layout cache"))).toHaveLength(4);
    expect(changed.debug.filter((l) => /-p2: laid out ch-02-night, .*\(run 1 of 1, 1 parts\)/.test(l))).toHaveLength(1);
    const whole = await layOut({});
    expect(pages(changed.pdf).join("")).toContain("The old bridge held.");
    expect(pages(changed.pdf)).toEqual(pages(whole.pdf));
  });
});
