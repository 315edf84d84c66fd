import { describe, expect, it } from "vitest";
import { hyphenateHtml } from "../../src/markdown/hyphenate.ts";

const shown = (html: string) => html.replace(/\u00AD/g, "~");

describe("build-time hyphenation", () => {
  it("hyphenates the words of running text", () => {
    expect(shown(hyphenateHtml("<p>The catalogue lists every recording.</p>", "en-GB"))).toBe("<p>The cata~logue lists every re~cord~ing.</p>");
  });

  it("leaves web addresses, linked or not, and code alone", () => {
    const url = "https://archive.example.org/collections/broadcasts";
    const html = `<p>At <a href="${url}">${url}</a>, ${url}/recordings and <code>catalogue_recordings</code>: recordings.</p>`;
    expect(shown(hyphenateHtml(html, "en-GB"))).toBe(html.replace(/: recordings/, ": re~cord~ings"));
  });

  it("leaves headings alone", () => {
    expect(hyphenateHtml("<h2>Remembrance</h2>", "en-GB")).toBe("<h2>Remembrance</h2>");
  });
});
