// Engine benchmark: attention for 40 / 300 / 1000 guests on the backend in use, as medians, with
// ratios to the naive loop (shared/attention.ts) and to tfjs' plain cpu backend in the same run;
// plus whole in-process reveals (encode + attention + nearest words), and 50 rooms of 40 revealing
// together, batched versus one by one.
//   npx tsx tools/bench.ts          readable table
//   npx tsx tools/bench.ts --json   one JSON document on stdout
import os from "node:os";
import { referenceAttention, type AttentionOptions } from "../shared/attention.js";
import { initComputeBackend, useComputeBackend, type BackendName } from "../server/engine/computeBackend.js";
import { Engine } from "../server/engine/Engine.js";
import { tfAttention, type AttentionInputs } from "../server/engine/tfAttention.js";
import { maxBatchGuests, splitIntoBatches } from "../server/engine/batchLimits.js";
import { tfBatchedAttention } from "../server/engine/tfBatchedAttention.js";

const isJson = process.argv.includes("--json");
const D = 100;
const SIZES = [40, 300, 1000];
/** The batched case: many classes revealing at about the same moment. */
const BATCH_ROOMS = 50;
const BATCH_GUESTS = 40;
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

/** Median times of the three parts of a reveal of n guests (the same steps as Engine.revealBatch). */
async function revealBreakdown(engine: Engine, n: number, text: () => string) {
  const texts = Array.from({ length: n }, () => ({ query: text(), key: text(), value: text() }));
  const encodeMs = await timeMedian(5, 1, () => texts.forEach((t) => [t.query, t.key, t.value].forEach((x) => engine.encoder.encode(x))));
  const inputs = randomInputs(n);
  const attentionMs = await timeMedian(5, 1, () => tfAttention(inputs, OPTIONS));
  const outputs = randomInputs(n).v;
  const nearestMs = await timeMedian(5, 1, () => engine.nearestWords(outputs, n, 6));
  return { encodeMs, attentionMs, nearestMs };
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
  // Where a 300-guest reveal's time goes: encoding the texts, attention, nearest words.
  const breakdown = await revealBreakdown(engine, 300, text);

  // Many rooms revealing together: one batched call versus the same rooms one by one.
  const batchRooms = Array.from({ length: BATCH_ROOMS }, () => randomInputs(BATCH_GUESTS));
  const roomAttention = batchRooms.map((inputs) => ({ inputs, options: OPTIONS }));
  const batchedAttentionMs = await timeMedian(9, 2, () => tfBatchedAttention(roomAttention));
  const oneByOneAttentionMs = await timeMedian(9, 2, async () => {
    for (const inputs of batchRooms) await tfAttention(inputs, OPTIONS);
  });
  // What the engine worker does on this backend: batches of at most maxBatchGuests() guests.
  const workerBatchGuests = maxBatchGuests(backend.isGpu);
  const workerBatches = splitIntoBatches(roomAttention, (room) => room.inputs.n, workerBatchGuests);
  const workerBatchesMs = await timeMedian(9, 2, async () => {
    for (const batch of workerBatches) await tfBatchedAttention(batch);
  });
  const requests = Array.from({ length: BATCH_ROOMS }, () => ({
    texts: Array.from({ length: BATCH_GUESTS }, () => ({ query: text(), key: text(), value: text() })),
    options: OPTIONS,
    heardWordCount: 6,
  }));
  const batchedRevealMs = await timeMedian(3, 1, () => engine.revealBatch(requests));
  const oneByOneRevealMs = await timeMedian(3, 1, async () => {
    for (const request of requests) await engine.reveal(request);
  });
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
    revealBreakdown: { guests: 300, encodeMs: round(breakdown.encodeMs), attentionMs: round(breakdown.attentionMs), nearestWordsMs: round(breakdown.nearestMs) },
    batched: {
      rooms: BATCH_ROOMS,
      guestsPerRoom: BATCH_GUESTS,
      attention: { batchedMs: round(batchedAttentionMs), oneByOneMs: round(oneByOneAttentionMs), speedup: round(oneByOneAttentionMs / batchedAttentionMs) },
      /** As the worker batches them on this backend (at most maxGuests a batch). */
      workerBatches: { maxGuests: workerBatchGuests, batches: workerBatches.length, ms: round(workerBatchesMs), speedupVsOneByOne: round(oneByOneAttentionMs / workerBatchesMs) },
      wholeReveal: { batchedMs: round(batchedRevealMs), oneByOneMs: round(oneByOneRevealMs), speedup: round(oneByOneRevealMs / batchedRevealMs) },
    },
    loadAverage: os.loadavg().map((x) => round(x)),
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
  const b = report.revealBreakdown;
  console.log(`  300 guests: encode ${b.encodeMs} ms, attention ${b.attentionMs} ms, nearest words ${b.nearestWordsMs} ms`);
  const x = report.batched;
  console.log(`${x.rooms} rooms × ${x.guestsPerRoom} guests: attention batched ${x.attention.batchedMs} ms vs one by one ${x.attention.oneByOneMs} ms (×${x.attention.speedup})`);
  const howWorker = x.workerBatches.batches === x.rooms ? "one room a call" : `batches of ≤ ${x.workerBatches.maxGuests} guests`;
  console.log(`  as the worker does it on ${report.backend} (${howWorker}, ${x.workerBatches.batches} calls): ${x.workerBatches.ms} ms (×${x.workerBatches.speedupVsOneByOne} vs one by one)`);
  console.log(`  whole reveals batched ${x.wholeReveal.batchedMs} ms vs one by one ${x.wholeReveal.oneByOneMs} ms (×${x.wholeReveal.speedup})`);
  console.log(`load average ${report.loadAverage.join(" ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
