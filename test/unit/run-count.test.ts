// How many Paged.js runs lay out the parts a build must lay out: a run a core but one at most (the browser's
// own processes and Node take one), and a run only for enough to lay out to pay its start (RUN_WORTH
// characters of HTML).
import { describe, expect, it } from "vitest";
import { groupBySize, RUN_WORTH, runCount } from "../../src/render/parts.ts";

describe("runs of parts", () => {
  it("lays a few small parts out in one run, whatever the cores", () => {
    // the shipped booklet's new edition: its front matter, foreword and last chapter changed
    expect(runCount([1873, 2424, 10069], 2)).toBe(1);
    expect(runCount([1873, 2424, 10069], 8)).toBe(1);
  });

  it("gives each core but one a run once there is enough to lay out for every run", () => {
    const shipped = [1873, 2494, 5967, 6556, 21908, 7293, 3758, 1836, 10069];
    // 2 cores: one run, the other core is the browser's and Node's
    expect(runCount(shipped, 2)).toBe(1);
    expect(runCount(shipped, 3)).toBe(2);
    expect(runCount(shipped, 8)).toBe(Math.floor(61754 / RUN_WORTH));
    expect(runCount([RUN_WORTH - 1, RUN_WORTH], 3)).toBe(1);
    expect(runCount([RUN_WORTH, RUN_WORTH], 3)).toBe(2);
    expect(runCount([RUN_WORTH, RUN_WORTH, RUN_WORTH], 1)).toBe(1);
  });

  it("never makes more runs than parts, nor fewer than one", () => {
    expect(runCount([10 * RUN_WORTH], 4)).toBe(1);
    expect(runCount([], 4)).toBe(1);
    expect(runCount([5, 5, 5], 4, 0)).toBe(3);
    expect(runCount([5, 5, 5, 5], 4, 0)).toBe(3);
    expect(groupBySize([5, 5, 5], runCount([5, 5, 5], 3, 0))).toHaveLength(2);
  });
});
