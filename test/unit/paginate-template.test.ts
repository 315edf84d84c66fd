// The document Paged.js gets has its body inside <template data-ref="pagedjs-content">, as Paged.js would make
// it (previewer.js, wrapContent), so that Chromium never lays the unpaginated document out first.
import { describe, expect, it } from "vitest";
import { inTemplate } from "../../src/render/page-run.ts";

describe("the document given to Paged.js", () => {
  it("has the body's whole content in the template, and the head and body attributes as they were", () => {
    const html = `<!doctype html><html lang="en"><head><title>T</title></head><body class="booklet" data-x="1"><section id="a"><p>One</p></section>\n<section id="b">Two</section></body></html>`;
    expect(inTemplate(html)).toBe(
      `<!doctype html><html lang="en"><head><title>T</title></head><body class="booklet" data-x="1"><template data-ref="pagedjs-content"><section id="a"><p>One</p></section>\n<section id="b">Two</section></template></body></html>`,
    );
  });

  it("leaves a document without a body as it is", () => {
    expect(inTemplate("<p>no body</p>")).toBe("<p>no body</p>");
  });

  it("wraps up to the last </body>, so that a closing tag quoted in the text does not cut it short", () => {
    const html = `<html><body><pre>&lt;/body&gt; and </body> as text</pre><p>after</p></body></html>`;
    const out = inTemplate(html);
    expect(out.startsWith(`<html><body><template data-ref="pagedjs-content"><pre>`)).toBe(true);
    expect(out.endsWith(`<p>after</p></template></body></html>`)).toBe(true);
  });
});
