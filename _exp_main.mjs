import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const variant = process.argv[2];
const url = new URL("./_exp_worker.ts", import.meta.url);
let w;
if (variant === "a") w = new Worker(url, { execArgv: ["--import", "tsx/esm"], workerData: { x: 1 } });
if (variant === "b") {
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}));`;
  w = new Worker(code, { eval: true, workerData: { x: 1 } });
}
if (variant === "c") {
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  w = new Worker(code, { eval: true, workerData: { x: 1 } });
}
w.on("message", (m) => { console.log(variant, "msg", m); w.terminate(); });
w.on("error", (e) => console.log(variant, "err", String(e).slice(0,200)));
