// The tests' own temporary folders: a run killed before its tests ended leaves folders named by its process,
// which the next run removes; a folder of a process still running, or of anything else, is left alone.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { removeStaleTempDirs, tempDir } from "../helpers/tmp.ts";

it("removes the folders of test processes that have ended, and only those", () => {
  const tmp = tempDir("booklet-test-stale-");
  const mine = `booklet-bad-pid${process.pid}-Ab12Cd`;
  const gone = "booklet-bad-pid999999999-Ab12Cd";
  const seeded = "booklet-torture-4242-Ab12Cd";
  const other = "booklet-chromium-999999999-Ab12Cd";
  for (const d of [mine, gone, seeded, other]) fs.mkdirSync(path.join(tmp, d));
  expect(removeStaleTempDirs(tmp)).toEqual([gone]);
  expect(fs.readdirSync(tmp).sort()).toEqual([mine, seeded, other].sort());
});

it("names a folder by the test process", () => {
  expect(path.basename(tempDir("booklet-x-"))).toMatch(new RegExp(`^booklet-x-pid${process.pid}-[A-Za-z0-9]{6}$`));
});
