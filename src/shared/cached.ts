// A file of a cache (the layout cache, the chart cache, the preview's kept pages), written whole or not at
// all: to a temporary file beside it, then renamed, so that builds sharing the folder read a whole file or none.
import fs from "node:fs";
import path from "node:path";

/** Writes `data` to `file` through `tmp`; undefined when written, else why not (nothing is left behind). */
export function writeWhole(file: string, tmp: string, data: string): Error | undefined {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
    return undefined;
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // no folder to remove it from (a file in the folder's place): no temporary file was made
    }
    return e as Error;
  }
}
