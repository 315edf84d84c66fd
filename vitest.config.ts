// Tests mirror the pipeline: unit tests per stage (test/unit), end-to-end tests that build in the real
// browser and read the PDF back (test/e2e).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    // end-to-end tests start Chromium; two cores on the CI machine
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: process.env.CI ? ["default", ["json", { outputFile: "test/.tmp/results.json" }]] : ["default"],
  },
});
