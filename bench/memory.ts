// Peak memory of a process and everything it started (Node and the Chromium tree), sampled from /proc.
import fs from "node:fs";

export interface MemoryPeak {
  /** the highest sum of resident set sizes seen at one sample, in bytes */
  rss: number;
  /** the same for proportional set sizes (shared pages divided among the processes that share them) */
  pss: number;
  /** processes in the tree at that sample */
  processes: number;
  samples: number;
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
export function treeMemory(root: number): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of processTree(root)) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += kb(rollup, "Rss");
      pss += kb(rollup, "Pss");
      processes++;
    } catch {
      // exited between the listing and the reading
    }
  }
  return { rss, pss, processes };
}

/** Samples the tree of `pid` every `intervalMs` until stopped; returns the peaks. */
export function sampleMemory(pid: number, intervalMs = 50): { stop(): MemoryPeak } {
  const peak: MemoryPeak = { rss: 0, pss: 0, processes: 0, samples: 0 };
  const sample = () => {
    const m = treeMemory(pid);
    peak.samples++;
    if (m.rss > peak.rss) {
      peak.rss = m.rss;
      peak.processes = m.processes;
    }
    peak.pss = Math.max(peak.pss, m.pss);
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
