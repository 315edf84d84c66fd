// Just before a laid-out page is printed, its rules for one medium are made to apply (or not) on every
// medium (rulesForEveryMedium): the print must be what it was, and no rule may still depend on the medium.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, launchBrowser } from "../../src/render/browser.ts";
import { rulesForEveryMedium } from "../../src/render/in-page.ts";
import { tempDir } from "../helpers/tmp.ts";

const HTML = `<!doctype html><html lang="en"><head><style>
p { color: rgb(0, 0, 255); font-size: 14pt; }
@media print { .a { color: rgb(255, 0, 0); } .a::after { content: " printed"; } }
@media screen { .b { color: rgb(0, 128, 0); } .b::after { content: " screen"; } }
@supports (display: grid) { @media print { .c::after { content: " nested"; } } }
@media (min-width: 1px) { .d::after { content: " wide"; } }
</style></head><body><p class="a">alpha</p><p class="b">beta</p><p class="c">gamma</p><p class="d">delta</p></body></html>`;

let session: BrowserSession;
let dir: string;

beforeAll(async () => {
  session = await launchBrowser({ timeoutSeconds: 60 });
  dir = tempDir();
});
afterAll(async () => {
  await session?.close();
});

async function open(): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setContent(HTML);
  return page;
}

/** The PDF's text, read back by Poppler. */
async function printed(page: Page, name: string): Promise<string> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await page.pdf({ width: "100mm", height: "100mm", printBackground: true }));
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ").trim();
}

/** Each paragraph's colour and generated text, as the page styles them on `medium`. */
async function styles(page: Page, medium: "screen" | "print"): Promise<string[]> {
  await page.emulateMediaType(medium);
  const out = await page.evaluate(() =>
    [...document.querySelectorAll("p")].map(
      (p) => `${p.className} ${getComputedStyle(p).color} ${getComputedStyle(p, "::after").content}`,
    ),
  );
  await page.emulateMediaType(undefined);
  return out;
}

describe("rules for every medium, before the print", () => {
  it("prints what the page printed before", async () => {
    const before = await open();
    const expected = await printed(before, "before");
    await before.close();
    const after = await open();
    expect(await after.evaluate(rulesForEveryMedium)).toBe(3);
    const text = await printed(after, "after");
    await after.close();
    expect(text).toBe(expected);
    expect(text).toBe("alpha printed beta gamma nested delta wide");
  });

  it("leaves no rule that depends on the medium, and styles the page as it printed it", async () => {
    const page = await open();
    const print = await styles(page, "print");
    expect(await styles(page, "screen")).not.toEqual(print);
    await page.evaluate(rulesForEveryMedium);
    expect(await styles(page, "screen")).toEqual(print);
    expect(await styles(page, "print")).toEqual(print);
    expect(print).toContain('a rgb(255, 0, 0) " printed"');
    expect(print).toContain("b rgb(0, 0, 255) none");
    await page.close();
  });
});
