// Pieces several stages use, each with one home here.
export { writeWhole } from "./cached.ts";
export { count } from "./count.ts";
export { type Box, MM, type SizedBox } from "./geometry.ts";
export { escapeHtml, VOID_ELEMENTS } from "./html.ts";
export { removeOnStop, removeScratchDir, removeScratchDirs, scratchDir } from "./scratch.ts";
export { contentFile, PAGE_HANDLERS, TYPES, typeOf } from "./serve.ts";
export { oneStop, oneStopInHtml } from "./stops.ts";
export { lineColumn, slugify } from "./text.ts";
export { timed } from "./timed.ts";
export { checkSchema, validated, valueAt } from "./validate.ts";
export { type LocatedYaml, parseYaml } from "./yaml.ts";
