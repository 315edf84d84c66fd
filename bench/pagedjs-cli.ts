// pagedjs-cli 0.4.3, the tool users would otherwise run: installed on demand into bench/.cache (not a dependency).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PAGEDJS_CLI_VERSION = "0.4.3";
const CACHE = path.join(path.dirname(fileURLToPath(import.meta.url)), ".cache", "pagedjs-cli");

export interface PagedjsCli {
  /** its cli.js, run with node */
  script: string;
  /** the Paged.js it lays out with (must be the 0.4.3 booklet uses, for a fair comparison) */
  pagedjsVersion: string;
}

export function ensurePagedjsCli(log: (line: string) => void): PagedjsCli {
  const pkg = path.join(CACHE, "node_modules", "pagedjs-cli", "package.json");
  if (!fs.existsSync(pkg) || JSON.parse(fs.readFileSync(pkg, "utf8")).version !== PAGEDJS_CLI_VERSION) {
    log(`installing pagedjs-cli ${PAGEDJS_CLI_VERSION} into ${path.relative(process.cwd(), CACHE)} (once)`);
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(path.join(CACHE, "package.json"), '{ "private": true }\n');
    // no browser download (none is possible here): it is given the system Chromium by PUPPETEER_EXECUTABLE_PATH
    execFileSync(
      "npm",
      ["install", `pagedjs-cli@${PAGEDJS_CLI_VERSION}`, "--no-audit", "--no-fund", "--ignore-scripts"],
      {
        cwd: CACHE,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: "1" },
      },
    );
  }
  const root = path.dirname(pkg);
  const pagedPkg = [
    path.join(root, "node_modules", "pagedjs", "package.json"),
    path.join(CACHE, "node_modules", "pagedjs", "package.json"),
  ].find((f) => fs.existsSync(f));
  const pagedjsVersion = pagedPkg ? JSON.parse(fs.readFileSync(pagedPkg, "utf8")).version : "unknown";
  return { script: path.join(root, "src", "cli.js"), pagedjsVersion };
}

/**
 * pagedjs-cli takes the browser's flags as one comma-separated list (--browserArgs), so a flag whose value
 * has commas, booklet's --disable-features=A,B,…, cannot pass through it. It gets the flags without commas
 * that way, and the rest from a wrapper around Chromium that merges the features into the --disable-features
 * its puppeteer passes (Chromium reads only the last one): the same browser, started the same way as booklet's.
 */
export function browserFor(options: { chromium: string; flags: readonly string[] }): {
  executable: string;
  browserArgs: string;
} {
  const plain = options.flags.filter((f) => !f.includes(","));
  const features = options.flags
    .filter((f) => f.startsWith("--disable-features="))
    .map((f) => f.slice("--disable-features=".length));
  const wrapper = path.join(CACHE, "chromium-wrapper.sh");
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(
    wrapper,
    `#!/usr/bin/env bash
# written by bench/pagedjs-cli.ts: Chromium with booklet's --disable-features merged into puppeteer's
extra=${JSON.stringify(features.join(","))}
args=()
merged=0
for a in "$@"; do
  case "$a" in
    --disable-features=*) args+=("$a,$extra"); merged=1 ;;
    *) args+=("$a") ;;
  esac
done
[ "$merged" = 1 ] || [ -z "$extra" ] || args+=("--disable-features=$extra")
exec ${JSON.stringify(options.chromium)} "\${args[@]}"
`,
    { mode: 0o755 },
  );
  return { executable: wrapper, browserArgs: plain.join(",") };
}
