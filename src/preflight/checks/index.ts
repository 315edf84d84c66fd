// Every check, in the order the report lists them. Each is (inspected PDF, context) → findings.
import type { Check } from "../finding.ts";
import { boxes } from "./boxes.ts";
import { chapters } from "./chapters.ts";
import { complete } from "./complete.ts";
import { contents } from "./contents.ts";
import { extractable } from "./extractable.ts";
import { filled } from "./filled.ts";
import { folios } from "./folios.ts";
import { fonts } from "./fonts.ts";
import { footnotes } from "./footnotes.ts";
import { images } from "./images.ts";
import { keep } from "./keep.ts";
import { pageCount } from "./page-count.ts";
import { transparency } from "./transparency.ts";

export { inFamilies } from "./fonts.ts";

export const CHECKS: { run: Check; print?: boolean }[] = [
  { run: fonts },
  { run: footnotes },
  { run: contents },
  { run: folios },
  { run: chapters },
  { run: keep },
  { run: filled },
  { run: complete },
  { run: extractable },
  { run: pageCount, print: true },
  { run: boxes, print: true },
  { run: images, print: true },
  { run: transparency, print: true },
];
