// Watches folders for saved files and reports them in batches: editors save in bursts (temp file, rename).
//
// Each folder is watched on its own (one inotify watch a folder), not through Node's recursive fs.watch: on
// Linux, Node 20's recursive watcher watches each file's inode, and an editor that saves by renaming a new
// file over the old one (vim, JetBrains editors) leaves it watching the old inode, deleted: every later save
// of that file went unseen. A folder's watch sees a file renamed into it and every write to it, by name.
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

/**
 * Editor droppings that are not content: swap and backup files, Vim's write test, Emacs's lock files,
 * JetBrains' safe-write copies.
 */
const NOISE =
  /(^|\/)(\.#[^/]*|[^/]*\.sw[a-p]x?|[^/]*~|4913|\.DS_Store|[^/]*\.tmp|[^/]*___jb_(tmp|old)___)$|(^|\/)(\.git|node_modules)(\/|$)/;

export function watchFiles(options: WatchOptions): { close(): void } {
  const debounce = options.debounceMs ?? 30;
  const ignore = (options.ignore ?? []).map((d) => path.resolve(d) + path.sep);
  const ignored = (file: string, rel: string) =>
    NOISE.test(rel) || ignore.some((d) => file.startsWith(d) || file + path.sep === d);
  let pending = new Set<string>();
  let first = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending];
    pending = new Set();
    if (files.length) options.onChange(files, first);
  };
  const changed = (file: string) => {
    if (pending.size === 0) first = performance.now();
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounce);
  };

  const watchers = new Map<string, fs.FSWatcher>();
  const unwatch = (dir: string) => {
    watchers.get(dir)?.close();
    watchers.delete(dir);
  };
  /** A folder and every folder under it, each with a watch of its own. */
  const watchTree = (root: string, dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(dir, (event, name) => {
        if (!name) return;
        const file = path.join(dir, name.toString());
        const rel = path.relative(root, file);
        if (ignored(file, rel)) return;
        if (event === "rename") {
          // a folder made or moved in is watched from now on; one removed or moved out, no longer
          if (isFolder(file)) watchTree(root, file);
          else for (const d of watchers.keys()) if (d === file || d.startsWith(file + path.sep)) unwatch(d);
        }
        changed(file);
      });
    } catch {
      // gone, or not readable: nothing to watch
      return;
    }
    watcher.on("error", () => unwatch(dir));
    watchers.set(dir, watcher);
    for (const entry of readFolder(dir)) {
      const sub = path.join(dir, entry);
      if (isFolder(sub) && !ignored(sub, path.relative(root, sub))) watchTree(root, sub);
    }
  };
  for (const dir of options.dirs) if (isFolder(dir)) watchTree(dir, dir);
  return {
    close() {
      clearTimeout(timer);
      for (const dir of [...watchers.keys()]) unwatch(dir);
    },
  };
}

function isFolder(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function readFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
