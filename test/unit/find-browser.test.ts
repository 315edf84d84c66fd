// Which browser a build starts: the one named, else Chromium's headless shell, else the first browser found.
import { describe, expect, it } from "vitest";
import { findBrowser } from "../../src/render/browser.ts";

const SHELL = "/usr/lib/chromium/chromium-headless-shell";
const BROWSER = "/usr/bin/chromium";
const on =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe("findBrowser", () => {
  it("takes Debian's headless shell before its browser", () => {
    expect(findBrowser({ env: {}, exists: on(BROWSER, SHELL) })).toBe(SHELL);
  });

  it("takes the browser where the shell is not installed", () => {
    expect(findBrowser({ env: {}, exists: on(BROWSER, "/usr/bin/google-chrome") })).toBe(BROWSER);
  });

  it("takes the browser named by PUPPETEER_EXECUTABLE_PATH, then by booklet.yaml, before either", () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: "/opt/chrome" };
    expect(findBrowser({ env, configured: "/opt/other", exists: on(SHELL, "/opt/chrome", "/opt/other") })).toBe(
      "/opt/chrome",
    );
    expect(findBrowser({ env: {}, configured: "/opt/other", exists: on(SHELL, "/opt/other") })).toBe("/opt/other");
  });

  it("names where it looked when there is none, the shell first", () => {
    expect(() => findBrowser({ env: {}, exists: on() })).toThrow(
      `Looked in ${SHELL}, /usr/bin/chromium, /usr/bin/chromium-browser`,
    );
  });
});
