// pagedjs-cli 0.4.3, the tool users would otherwise run: installed on demand into bench/.cache (not a dependency).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
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
    execFileSync("npm", ["install", `pagedjs-cli@${PAGEDJS_CLI_VERSION}`, "--no-audit", "--no-fund", "--ignore-scripts"], {
      cwd: CACHE,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: "1", PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: "1" },
    });
  }
  const root = path.dirname(pkg);
  const pagedPkg = [path.join(root, "node_modules", "pagedjs", "package.json"), path.join(CACHE, "node_modules", "pagedjs", "package.json")].find((f) => fs.existsSync(f));
  const pagedjsVersion = pagedPkg ? JSON.parse(fs.readFileSync(pagedPkg, "utf8")).version : "unknown";
  return { script: path.join(root, "src", "cli.js"), pagedjsVersion };
}
