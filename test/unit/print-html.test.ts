// The web edition without a browser: notes at the chapters' ends, stylesheets, fonts and images inside.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fontFaceCss } from "../../src/document/fonts.ts";
import type { RenderedDocument } from "../../src/document/render.ts";
import { BookletError } from "../../src/errors/booklet-error.ts";
import { createMessages } from "../../src/i18n/messages.ts";
import { footnotesToEndnotes, renderHtml } from "../../src/output/html.ts";
import { tempProject } from "../helpers/tmp.ts";

const doc = (html: string, styles: Record<string, string> = {}): RenderedDocument => ({
  html,
  styles: new Map(Object.entries(styles)),
  chapters: [],
  warnings: [],
  inputs: [],
});

describe("the web edition", () => {
  it("turns each chapter's page-bottom notes into numbered notes after it, linked both ways", () => {
    const html = [
      `<body><section class="chapter" id="ch-a"><p>One<span class="fn" data-n="1">First <i>note</i> with <span class="fn-p">two</span> <span class="fn-p">parts</span>.</span> and two.<span class="fn" data-n="2">Second.</span></p>`,
      `<figure><table><tr><th>x<span class="fn" data-n="3">In a table.</span></th></tr></table></figure></section>`,
      `<section class="chapter" id="ch-b"><p>Again<span class="fn" data-n="1">Other first.</span></p></section></body>`,
    ].join("\n");
    const out = footnotesToEndnotes(html, "Notes", "Back");
    expect(out).not.toMatch(/class="fn"/);
    expect(out.match(/<a class="fn-ref"/g)).toHaveLength(4);
    // chapter a's three notes close chapter a, in order; chapter b's own list closes b
    const a = out.slice(out.indexOf('id="ch-a"'), out.indexOf('id="ch-b"'));
    expect(a).toMatch(
      /<aside class="notes"[\s\S]*<li id="fn-ch-a-1" value="1"[^>]*>First <i>note<\/i> with <span class="fn-p">two<\/span> <span class="fn-p">parts<\/span>\. <a class="fn-back" href="#fnref-ch-a-1"[\s\S]*id="fn-ch-a-2"[\s\S]*id="fn-ch-a-3"[\s\S]*<\/aside>\n<\/section>/,
    );
    expect(a).toContain(
      '<a class="fn-ref" id="fnref-ch-a-1" href="#fn-ch-a-1" role="doc-noteref"><sup>1</sup></a> and two.',
    );
    const b = out.slice(out.indexOf('id="ch-b"'));
    expect(b).toContain('href="#fn-ch-b-1"');
    expect(b).toContain('<li id="fn-ch-b-1" value="1"');
    expect(b).not.toContain("fn-ch-a");
  });

  it("inlines the stylesheets and only the font subsets the text uses, as data: URLs", () => {
    const fonts = fontFaceCss(["source-serif-4/400.css"]);
    const latin = doc(
      `<html><head><meta charset="utf-8"><link rel="stylesheet" href="_styles/fonts.css"><link rel="stylesheet" href="_styles/a.css"></head><body><p>Plain text</p></body></html>`,
      { "/_styles/fonts.css": fonts, "/_styles/a.css": "p { color: red; }" },
    );
    const out = renderHtml({
      document: latin,
      contentDir: "/nonexistent",
      messages: createMessages({ language: "en-GB" }),
    });
    expect(out).not.toMatch(/<link/);
    expect(out).toContain("p { color: red; }");
    expect(out).toMatch(/<meta name="viewport"/);
    expect(out).not.toMatch(/url\((?!data:)/);
    const faces = (html: string) => html.match(/@font-face/g)?.length ?? 0;
    expect(faces(out)).toBe(1);
    expect(out).toMatch(/src: url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\) format\('woff2'\)/);
    // Azerbaijani letters and Cyrillic need their subsets too
    const az = renderHtml({
      document: { ...latin, html: latin.html.replace("Plain text", "Şəhidlər Xiyabanı — Москва") },
      contentDir: "/nonexistent",
      messages: createMessages({ language: "en-GB" }),
    });
    expect(faces(az)).toBe(3);
    expect(az).toContain("cyrillic-400-normal");
    expect(az).toContain("latin-ext-400-normal");
  });

  it("inlines the content's images and refuses one from the network or outside the content folder", () => {
    const dir = tempProject({ "images/dot.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>` });
    const out = renderHtml({
      document: doc(
        `<html><head></head><body><img src="_content/images/dot.svg" alt=""><img alt="" src="images/dot.svg"></body></html>`,
      ),
      contentDir: dir,
      messages: createMessages({ language: "en" }),
    });
    const src = `data:image/svg+xml;base64,${fs.readFileSync(path.join(dir, "images/dot.svg")).toString("base64")}`;
    expect(out.split(src)).toHaveLength(3);
    expect(() =>
      renderHtml({
        document: doc(`<img src="https://example.org/x.png">`),
        contentDir: dir,
        messages: createMessages({ language: "en" }),
      }),
    ).toThrow(BookletError);
    expect(() =>
      renderHtml({
        document: doc(`<img src="../secret.png">`),
        contentDir: dir,
        messages: createMessages({ language: "en" }),
      }),
    ).toThrow(/outside the content folder/);
    expect(() =>
      renderHtml({
        document: doc(`<img src="images/missing.png">`),
        contentDir: dir,
        messages: createMessages({ language: "en" }),
      }),
    ).toThrow(/does not exist/);
  });

  it("heads the notes in the booklet's language", () => {
    const html = `<section id="c"><p>x<span class="fn" data-n="1">n</span></p></section>`;
    expect(
      renderHtml({ document: doc(html), contentDir: "/x", messages: createMessages({ language: "az" }) }),
    ).toContain('<p class="notes-heading">Qeydlər</p>');
    expect(
      renderHtml({ document: doc(html), contentDir: "/x", messages: createMessages({ language: "en-GB" }) }),
    ).toContain('<p class="notes-heading">Notes</p>');
  });
});
