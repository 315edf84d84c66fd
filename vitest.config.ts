// Tests mirror the pipeline: unit tests per stage (test/unit), end-to-end tests that build in the real
// browser and read the PDF back (test/e2e).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    // guards against a hang, not limits on speed: end-to-end tests start Chromium, on two cores that CI may
    // share with other work (at a load of 30 a build that takes 40 s took three minutes)
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: process.env.CI ? ["default", ["json", { outputFile: "test/.tmp/results.json" }]] : ["default"],
  },
});
