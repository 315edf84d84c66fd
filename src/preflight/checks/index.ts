// Every check, in the order the report lists them. Each is (inspected PDF, context) → findings.
import type { Check } from "../finding.ts";
import { fonts } from "./fonts.ts";
import { footnotes } from "./footnotes.ts";
import { contents } from "./contents.ts";
import { folios } from "./folios.ts";
import { chapters } from "./chapters.ts";
import { keep } from "./keep.ts";
import { complete } from "./complete.ts";
import { extractable } from "./extractable.ts";
import { pageCount } from "./page-count.ts";
import { boxes } from "./boxes.ts";
import { images } from "./images.ts";
import { transparency } from "./transparency.ts";

export const CHECKS: { name: string; run: Check; print?: boolean }[] = [
  { name: "fonts", run: fonts },
  { name: "footnotes", run: footnotes },
  { name: "contents", run: contents },
  { name: "folios", run: folios },
  { name: "chapters", run: chapters },
  { name: "keep with next", run: keep },
  { name: "text", run: complete },
  { name: "text layer", run: extractable },
  { name: "page count", run: pageCount, print: true },
  { name: "page boxes", run: boxes, print: true },
  { name: "image resolution", run: images, print: true },
  { name: "transparency", run: transparency, print: true },
];
