// Peak memory of a process and everything it started (Node and the Chromium tree), sampled from /proc.
import fs from "node:fs";

export interface MemoryPeak {
  /** the highest sum of resident set sizes seen at one sample, in bytes */
  rss: number;
  /** the same for proportional set sizes (shared pages divided among the processes that share them): the figure */
  pss: number;
  /** processes in the tree at the PSS peak */
  processes: number;
  /** at the PSS peak: PSS, RSS and count by kind of process (node, browser, zygote, gpu-process, utility, renderer …) */
  byKind: Record<string, { count: number; rss: number; pss: number }>;
  samples: number;
}

/** What a process is: node, Chromium's browser process, or the --type Chromium gave it. */
export function kindOf(pid: number): string {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0+$/, "");
    // Chromium rewrites its children's command lines with spaces between the arguments
    const args = raw.includes("\0") ? raw.split("\0") : raw.split(" ");
    if (/(^|\/)node$/.test(args[0])) return "node";
    const type = args.find((a) => a.startsWith("--type="))?.slice(7);
    if (!type) return /chrom/.test(args[0]) ? "browser" : args[0].split("/").pop() || "?";
    return type === "renderer" && args.includes("--top-chrome-webui") ? "renderer (Chromium's own WebUI)" : type;
  } catch {
    return "?";
  }
}

/** The pid and all its descendants, from the parent pid in /proc/<pid>/stat. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // the command name may hold spaces and parentheses: the fields after the last ")" are fixed
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

function kb(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}

/** One reading of the tree: RSS and PSS summed over its processes. */
export function treeMemory(root: number): {
  rss: number;
  pss: number;
  processes: number;
  pids: { pid: number; rss: number; pss: number }[];
} {
  let rss = 0;
  let pss = 0;
  const pids: { pid: number; rss: number; pss: number }[] = [];
  for (const pid of processTree(root)) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const r = kb(rollup, "Rss");
      const p = kb(rollup, "Pss");
      rss += r;
      pss += p;
      pids.push({ pid, rss: r, pss: p });
    } catch {
      // exited between the listing and the reading
    }
  }
  return { rss, pss, processes: pids.length, pids };
}

/** Samples the tree of `pid` every `intervalMs` until stopped; returns the peaks. */
export function sampleMemory(pid: number, intervalMs = 50): { stop(): MemoryPeak } {
  const peak: MemoryPeak = { rss: 0, pss: 0, processes: 0, byKind: {}, samples: 0 };
  const sample = () => {
    const m = treeMemory(pid);
    peak.samples++;
    peak.rss = Math.max(peak.rss, m.rss);
    if (m.pss > peak.pss) {
      peak.pss = m.pss;
      peak.processes = m.processes;
      peak.byKind = {};
      for (const p of m.pids) {
        const kind = kindOf(p.pid);
        peak.byKind[kind] ??= { count: 0, rss: 0, pss: 0 };
        const k = peak.byKind[kind];
        k.count++;
        k.rss += p.rss;
        k.pss += p.pss;
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
