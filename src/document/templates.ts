// Finds templates, partials and stylesheets: the content folder's own templates/ first, then the shipped ones.
import fs from "node:fs";
import path from "node:path";
import { packagePath } from "../paths.ts";

export const SHIPPED_TEMPLATES = packagePath("templates");

export interface TemplateSet {
  /** folders searched in order: the content's templates/, then the shipped templates/ */
  dirs: string[];
  /** the file for a relative template path, from the first folder that has it */
  resolve(rel: string): string | undefined;
  /** every partial by name (templates/partials/NAME.hbs), the content's overriding the shipped */
  partials(): Map<string, string>;
  /** stylesheet files (templates/styles/*.css), by name, the content's overriding the shipped */
  styles(): Map<string, string>;
}

export function templateSet(contentDir: string): TemplateSet {
  const own = path.join(contentDir, "templates");
  const dirs = [own, SHIPPED_TEMPLATES].filter((d) => fs.existsSync(d));
  const resolve = (rel: string) => dirs.map((d) => path.join(d, rel)).find((f) => fs.existsSync(f));
  const collect = (sub: string, ext: string) => {
    const found = new Map<string, string>();
    for (const dir of [...dirs].reverse()) {
      const folder = path.join(dir, sub);
      if (!fs.existsSync(folder)) continue;
      for (const f of fs.readdirSync(folder).sort())
        if (f.endsWith(ext)) found.set(f.slice(0, -ext.length), path.join(folder, f));
    }
    return found;
  };
  return { dirs, resolve, partials: () => collect("partials", ".hbs"), styles: () => collect("styles", ".css") };
}
