// Builds what `npm start` serves: the client pages (Vite) into dist/client and the server
// (esbuild, dependencies left external) into dist/server. Prints the phone page's JS size.
import { build as viteBuild } from "vite";
import { build as esbuild } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await viteBuild({ configFile: path.join(root, "vite.config.ts"), logLevel: quiet ? "warn" : "info" });
  await esbuild({
    entryPoints: {
      main: path.join(root, "server/main.ts"),
      engineWorker: path.join(root, "server/engine/engineWorker.ts"),
      modelWorker: path.join(root, "server/model/modelWorker.ts"),
    },
    outdir: path.join(root, "dist/server"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  fs.writeFileSync(path.join(root, "dist/.build-stamp"), new Date().toISOString());
  if (!quiet) {
    for (const [page, bytes] of Object.entries(pageScriptSizes())) {
      console.error(`  ${page}: ${(bytes.raw / 1024).toFixed(1)} KB JS, ${(bytes.gzip / 1024).toFixed(1)} KB gzipped`);
    }
    console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/**
 * The JS files a built page loads: the scripts and module preloads its HTML names, plus every
 * chunk those import, statically or with import() (paths relative to dist/client).
 */
export function pageScripts(html) {
  const dir = path.join(root, "dist/client");
  const text = fs.readFileSync(path.join(dir, html), "utf8");
  const pending = [...text.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const found = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (found.has(file)) continue;
    found.add(file);
    const body = fs.readFileSync(path.join(dir, file), "utf8");
    for (const m of body.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']\.\/([^"']+\.js)["']/g)) {
      pending.push(path.posix.join(path.posix.dirname(file), m[1]));
    }
  }
  return [...found].sort();
}

/** JS bytes each page loads (its entry plus the chunks it imports), raw and gzipped. */
export function pageScriptSizes() {
  const dir = path.join(root, "dist/client");
  const sizes = {};
  for (const html of fs.readdirSync(dir).filter((f) => f.endsWith(".html"))) {
    let raw = 0;
    let gzip = 0;
    for (const file of pageScripts(html)) {
      const body = fs.readFileSync(path.join(dir, file));
      raw += body.length;
      gzip += zlib.gzipSync(body, { level: 9 }).length;
    }
    sizes[html] = { raw, gzip };
  }
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildAll().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
