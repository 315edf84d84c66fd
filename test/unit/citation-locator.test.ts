// A citation's locator is the author's text: whatever it holds is printed as text in the note, never read as
// HTML (the citation partials write it with {{locator}}, which escapes it).
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { prepare } from "../../src/build.ts";
import { tempDir } from "../helpers/tmp.ts";

const MINIMAL = path.resolve(import.meta.dirname, "../fixtures/minimal");

it("prints a locator with markup in it as text", async () => {
  const content = path.join(tempDir("booklet-locator-"), "content");
  fs.cpSync(MINIMAL, content, { recursive: true });
  const chapter = path.join(content, "chapters/01-before.md");
  const text = fs.readFileSync(chapter, "utf8");
  fs.writeFileSync(chapter, `${text.trimEnd()}\n\nA last claim.[@gazette-1952, <a href="javascript:x">p. 3]\n`);
  const { document } = await prepare({ contentDir: content, edition: 2027, env: { SOURCE_DATE_EPOCH: "1790000000" } });
  // the note's text, escaped (and hyphenated: soft hyphens left out)
  const note = /<span class="fn"[^>]*>Gazette 1952, ([^<]*)<\/span>/.exec(document.html.replaceAll("\u00ad", ""));
  expect(note?.[1]).toBe("&lt;a href&#x3D;&quot;javascript:x&quot;&gt;p. 3.");
  expect(document.html).not.toMatch(/href="javascript:/);
});
