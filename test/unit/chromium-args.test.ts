// booklet starts Chromium before puppeteer is loaded, with a command line of its own making: it must be the one
// puppeteer's launch would make of booklet's flags (puppeteer's defaults and features, then booklet's), so
// that a puppeteer upgrade that changes its defaults is seen here, not in a browser that behaves differently.
import puppeteer from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { chromiumArgs, LAUNCH_FLAGS } from "../../src/render/browser.ts";

describe("Chromium's command line", () => {
  it("is what puppeteer.defaultArgs makes of booklet's flags, for a headless launch", () => {
    const userDataDir = "/tmp/booklet-chromium-1-abc";
    const puppeteers = puppeteer.defaultArgs({ headless: true, userDataDir, args: [...LAUNCH_FLAGS] });
    expect(chromiumArgs(userDataDir)).toEqual(puppeteers);
  });

  it("has one --disable-features and one --enable-features, with puppeteer's features and booklet's", () => {
    const args = chromiumArgs("/tmp/x");
    const disable = args.filter((a) => a.startsWith("--disable-features="));
    const enable = args.filter((a) => a.startsWith("--enable-features="));
    expect(disable).toHaveLength(1);
    expect(enable).toHaveLength(1);
    expect(disable[0].split("=")[1].split(",")).toEqual(expect.arrayContaining(["Translate", "WebUIOmniboxPopup"]));
  });
});
