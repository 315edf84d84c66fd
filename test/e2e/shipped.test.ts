// End to end: the shipped booklet (content/) built by the real build() in Chromium: the same page-level facts
// as the fixture's, on the real text.
import path from "node:path";
import { beforeAll, describe } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { type Built, bookletFacts, buildAndInspect } from "./booklet-facts.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const config = loadConfig({ contentDir: CONTENT }).config;
let built: Built;

beforeAll(async () => {
  built = await buildAndInspect("shipped", CONTENT, 2027);
});

describe("the shipped booklet", () => {
  bookletFacts(
    () => built,
    () => ({
      title: `${config.title}${config.subtitle ? `: ${config.subtitle}` : ""}`,
      author: config.author ?? config.publisher,
      subject:
        config.description ?? `${built.result.edition.ordinal} anniversary edition, ${built.result.edition.dateText}`,
      keywords: config.keywords,
      language: config.language,
      contentDir: CONTENT,
    }),
  );
});
