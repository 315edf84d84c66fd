// Run before every test file: the temporary folders its tests made with test/helpers/tmp.ts are removed after
// its last test, so that a test run leaves the system's temporary folder as it found it.
import { afterAll } from "vitest";
import { removeTempDirs } from "./helpers/tmp.ts";

afterAll(() => removeTempDirs());
