// `npm run compile`: src/ bundled into dist/ by esbuild, with the dependencies it imports, so that a build
// loads 40 files, not the 1,100 it found, read and linked one by one on every run when each source and each
// dependency was a file of its own (Node 20 has no compile cache). Modules imported only where they are needed
// (puppeteer, pdf-lib, Vega, the document stage…) stay in chunks of their own, loaded as late as before.
// Type checking is tsc's (`npm run typecheck`, run by compile first); esbuild only strips the types.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { writeFingerprint } from "./fresh.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");

fs.rmSync(dist, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // the dependencies written as CommonJS call require() for Node's own modules and for files they find at run
  // time: in an ES module it has to be made, in every chunk, from the chunk's own place in dist/
  banner: {
    js: 'import { createRequire as __bookletCreateRequire } from "node:module"; const require = __bookletCreateRequire(import.meta.url);',
  },
  // no source maps: Node reads none without --enable-source-maps, and they would add 6 MB; a stack of the
  // sources' own is had by running them (BOOKLET_FROM_SOURCE=1)
  logLevel: "warning",
});

// the patched Paged.js polyfill kept in dist/ (src/render/pagedjs.ts), then the mark of a finished compile
const { tsImport } = await import("tsx/esm/api");
const pagedjs = await tsImport(path.join(root, "src", "render", "pagedjs.ts"), import.meta.url);
pagedjs.keepPolyfill();
writeFingerprint(root);
