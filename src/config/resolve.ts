// The resolved configuration: booklet.yaml with defaults filled, plus where things are, read-only.
import path from "node:path";
import type { BookletConfig } from "./schema.ts";

export type ResolvedConfig = Readonly<
  BookletConfig & {
    /** absolute path of the content folder */
    contentDir: string;
    /** absolute path of booklet.yaml */
    configFile: string;
    /** absolute path of the folder that holds the year folders (output/ by default) */
    outDir: string;
  }
>;

export function resolveConfig(options: {
  config: BookletConfig;
  contentDir: string;
  configFile: string;
  outDir?: string;
  cwd?: string;
}): ResolvedConfig {
  const cwd = options.cwd ?? process.cwd();
  return Object.freeze({
    ...options.config,
    contentDir: path.resolve(cwd, options.contentDir),
    configFile: path.resolve(cwd, options.configFile),
    outDir: path.resolve(cwd, options.outDir ?? "output"),
  });
}
