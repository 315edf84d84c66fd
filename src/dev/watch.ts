// Watches folders for saved files and reports them in batches: editors save in bursts (temp file, rename).
import fs from "node:fs";
import path from "node:path";

export interface WatchOptions {
  dirs: string[];
  /** called once per burst, with the changed files and when the burst's first event came */
  onChange(files: string[], firstEventAt: number): void;
  /** quiet time that ends a burst */
  debounceMs?: number;
  /** folders (absolute) whose changes are not the booklet's: the output */
  ignore?: string[];
}

/** Editor droppings that are not content: swap and backup files, Vim's write test, Emacs's lock files. */
const NOISE = /(^|\/)(\.#[^/]*|[^/]*\.sw[a-p]x?|[^/]*~|4913|\.DS_Store|[^/]*\.tmp)$|(^|\/)(\.git|node_modules)(\/|$)/;

export function watchFiles(options: WatchOptions): { close(): void } {
  const debounce = options.debounceMs ?? 30;
  const ignore = (options.ignore ?? []).map((d) => path.resolve(d) + path.sep);
  let pending = new Set<string>();
  let first = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending];
    pending = new Set();
    if (files.length) options.onChange(files, first);
  };
  const watchers = options.dirs
    .filter((d) => fs.existsSync(d))
    .map((dir) =>
      // recursive: Node 20 watches the whole tree on Linux too (inotify per folder)
      fs.watch(dir, { recursive: true }, (_event, name) => {
        if (!name) return;
        const file = path.join(dir, name.toString());
        if (NOISE.test(name.toString()) || ignore.some((d) => file.startsWith(d))) return;
        if (pending.size === 0) first = performance.now();
        pending.add(file);
        clearTimeout(timer);
        timer = setTimeout(flush, debounce);
      }),
    );
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
