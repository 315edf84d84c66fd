// Whether a process group still runs, as the browser's closing waits for it: a group with a live process
// runs; once every process of it has been killed (and reaped, or left a zombie), it does not.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { groupRuns } from "../../src/pid.ts";

describe("a process group", () => {
  it("runs while a process of it runs, and not once it was killed", async () => {
    // a group of its own (detached), with a child of its leader in it too
    const leader = spawn("sh", ["-c", "sleep 30 & wait"], { detached: true, stdio: "ignore" });
    const pgid = leader.pid as number;
    await new Promise((r) => setTimeout(r, 100));
    expect(groupRuns(pgid)).toBe(true);
    process.kill(-pgid, "SIGKILL");
    await once(leader, "exit");
    const until = Date.now() + 5000;
    while (groupRuns(pgid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(groupRuns(pgid)).toBe(false);
  });

  it("does not run when no process has that group", () => {
    expect(groupRuns(2 ** 22 - 3)).toBe(false);
  });
});
