// Spawning our worker threads (engine, model) the same way under TypeScript sources and in the
// build. Under tsx (vitest, `npm run dev`) a module URL ends in .ts: Node 20 does not apply the
// parent's `--import tsx` loader hooks inside worker threads (spawning the .ts file with execArgv
// ['--import', 'tsx'] fails with "Unknown file extension .ts"), so a two-line bootstrap imports
// tsx's ESM API in the worker and loads the .ts entry through it. In the build, esbuild bundles
// each worker to dist/server/<name>.js beside main.js, and that file is spawned directly.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * @param callerUrl import.meta.url of the module that owns the worker
 * @param relativeEntry the worker's entry beside the caller, without extension (e.g. "./modelWorker")
 */
export function spawnWorker(callerUrl: string, relativeEntry: string, workerData: unknown): Worker {
  const isTypeScriptSource = callerUrl.endsWith(".ts");
  if (!isTypeScriptSource) return new Worker(new URL(`${relativeEntry}.js`, callerUrl), { workerData });
  const workerUrl = new URL(`${relativeEntry}.ts`, callerUrl).href;
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApiUrl())})` +
    `.then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(callerUrl)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** file: URL of tsx's ESM API ("tsx/esm/api"), found through its package.json exports map. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve("tsx/package.json");
  const exportsMap = require(packageJsonPath).exports as Record<string, { import?: { default?: string } }>;
  const relative = exportsMap["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
  return pathToFileURL(join(dirname(packageJsonPath), relative)).href;
}
