// Engine benchmark: attention for 40 / 300 / 1000 guests on the backend in use, as medians, with
// ratios to the naive loop (shared/attention.ts) and to tfjs' plain cpu backend in the same run;
// plus whole in-process reveals (encode + attention + nearest words).
//   npx tsx tools/bench.ts          readable table
//   npx tsx tools/bench.ts --json   one JSON document on stdout
import os from "node:os";
import { referenceAttention, type AttentionOptions } from "../shared/attention.js";
import { initComputeBackend, useComputeBackend, type BackendName } from "../server/engine/computeBackend.js";
import { Engine } from "../server/engine/Engine.js";
import { tfAttention, type AttentionInputs } from "../server/engine/tfAttention.js";

const isJson = process.argv.includes("--json");
const D = 100;
const SIZES = [40, 300, 1000];
/** Design targets on the wasm backend (DESIGN.md, "Numbers this product is held to"). */
const TARGET_MS: Record<number, number> = { 40: 5, 1000: 200 };
const OPTIONS: AttentionOptions = { sharpness: 1, mask: "noSelf" }; // party rounds

function randomInputs(n: number): AttentionInputs {
  // Entries ~ N(0, 1)-ish, like the √d-scaled sentence vectors the engine feeds in.
  const matrix = () => Float32Array.from({ length: n * D }, () => (Math.random() + Math.random() + Math.random() - 1.5) * 2);
  return { q: matrix(), k: matrix(), v: matrix(), n, d: D };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median wall time of `runs` calls after `warmUp` untimed ones (kernel compilation, JIT). */
async function timeMedian(runs: number, warmUp: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmUp; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Fewer repetitions for the slow paths so the whole run stays around a minute on 2 cores. */
const runsFor = (n: number, slow: boolean) => (slow ? (n >= 1000 ? 3 : n >= 300 ? 5 : 21) : n >= 1000 ? 9 : 21);

async function main(): Promise<void> {
  const backend = await initComputeBackend();
  const inputs = new Map(SIZES.map((n) => [n, randomInputs(n)]));
  const tfMs = new Map<number, number>();
  for (const n of SIZES) tfMs.set(n, await timeMedian(runsFor(n, false), 3, () => tfAttention(inputs.get(n)!, OPTIONS)));

  const referenceMs = new Map<number, number>();
  for (const n of SIZES) {
    const x = inputs.get(n)!;
    referenceMs.set(n, await timeMedian(runsFor(n, true), 1, () => referenceAttention(x.q, x.k, x.v, n, D, OPTIONS)));
  }

  const cpuMs = new Map<number, number>();
  if (backend.name !== "cpu") {
    await useComputeBackend("cpu");
    for (const n of SIZES) cpuMs.set(n, await timeMedian(runsFor(n, true), 1, () => tfAttention(inputs.get(n)!, OPTIONS)));
  }

  // Whole reveals in-process on the chosen backend: what a room waits for, minus the thread hop.
  const engine = await Engine.create({ backend: backend.name as BackendName });
  const words = engine.encoder.readableWords.words.slice(0, 5000);
  const text = () => Array.from({ length: 5 }, () => words[Math.floor(Math.random() * words.length)]).join(" ");
  const revealMs = new Map<number, number>();
  for (const n of [40, 300]) {
    const texts = Array.from({ length: n }, () => ({ query: text(), key: text(), value: text() }));
    revealMs.set(n, await timeMedian(n >= 300 ? 5 : 11, 1, () => engine.reveal({ texts, options: OPTIONS, heardWordCount: 6 })));
  }
  engine.dispose();

  const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
  const attention = SIZES.map((n) => {
    const ms = tfMs.get(n)!;
    return {
      guests: n,
      dimension: D,
      mask: OPTIONS.mask,
      medianMs: round(ms),
      referenceLoopMs: round(referenceMs.get(n)),
      tfjsCpuMs: round(cpuMs.get(n)),
      speedupVsReferenceLoop: round(referenceMs.get(n)! / ms),
      speedupVsTfjsCpu: cpuMs.has(n) ? round(cpuMs.get(n)! / ms) : null,
      targetMs: TARGET_MS[n] ?? null,
      meetsTarget: TARGET_MS[n] === undefined ? null : ms < TARGET_MS[n],
    };
  });
  const report = {
    backend: backend.name,
    isGpu: backend.isGpu,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    attention,
    reveal: [...revealMs].map(([guests, ms]) => ({ guests, heardWordCount: 6, medianMs: round(ms) })),
  };

  if (isJson) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  console.log(`backend ${report.backend}${report.isGpu ? " (GPU)" : ""}, ${report.cpus} × ${report.cpuModel}, node ${report.node}`);
  console.log("guests  tf ms     loop ms   cpu ms    ×loop   ×cpu    target");
  for (const r of attention) {
    const cells = [r.guests, r.medianMs, r.referenceLoopMs, r.tfjsCpuMs ?? "-", r.speedupVsReferenceLoop, r.speedupVsTfjsCpu ?? "-"];
    const target = r.targetMs === null ? "" : `< ${r.targetMs} ms ${r.meetsTarget ? "ok" : "MISSED"}`;
    console.log(`${cells.map((c) => String(c).padEnd(8)).join(" ")}${target}`);
  }
  for (const r of report.reveal) console.log(`whole reveal, ${r.guests} guests (encode + attention + ${r.heardWordCount} heard words): ${r.medianMs} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
