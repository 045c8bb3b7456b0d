import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceAttention, type AttentionMask, type AttentionOptions } from "../../../shared/attention.js";
import { initComputeBackend, useComputeBackend } from "../../../server/engine/computeBackend.js";
import { tfAttention, type AttentionInputs } from "../../../server/engine/tfAttention.js";

/** Deterministic pseudo-random numbers (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInputs(n: number, d: number, seed: number, spread = 3): AttentionInputs {
  const next = random(seed);
  const matrix = () => Float32Array.from({ length: n * d }, () => (next() * 2 - 1) * spread);
  return { q: matrix(), k: matrix(), v: matrix(), n, d };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

async function expectMatchesReference(inputs: AttentionInputs, options: AttentionOptions): Promise<void> {
  const got = await tfAttention(inputs, options);
  const want = referenceAttention(inputs.q, inputs.k, inputs.v, inputs.n, inputs.d, options);
  expect(Array.from(got.weights).every(Number.isFinite)).toBe(true);
  expect(maxDifference(got.weights, want.weights)).toBeLessThan(1e-4);
  expect(maxDifference(got.output, want.output)).toBeLessThan(1e-4);
}

const MASKS: AttentionMask[] = ["none", "noSelf", "causal", "causalNoSelf"];

beforeAll(async () => {
  await initComputeBackend("wasm");
});

describe.each(["wasm", "cpu"] as const)("tfAttention on %s", (backend) => {
  beforeAll(async () => {
    await useComputeBackend(backend);
    expect(tf.getBackend()).toBe(backend);
  });

  it.each([
    [2, 4],
    [7, 16],
    [40, 100],
    [300, 100],
  ])("matches the reference within 1e-4 for n=%i, d=%i under every mask", async (n, d) => {
    for (const mask of MASKS) {
      for (const sharpness of [0, 1, 3.5]) await expectMatchesReference(randomInputs(n, d, n * 31 + d), { sharpness, mask });
    }
  });

  it("gives a lone guest under noSelf a zero row and output", async () => {
    const inputs = randomInputs(1, 8, 5);
    const r = await tfAttention(inputs, { sharpness: 1, mask: "noSelf" });
    expect(Array.from(r.weights)).toEqual([0]);
    expect(Array.from(r.output).every((x) => x === 0)).toBe(true);
    await expectMatchesReference(inputs, { sharpness: 1, mask: "none" });
    await expectMatchesReference(inputs, { sharpness: 1, mask: "causal" });
  });

  it("stays exact on edge inputs: zeros, identical rows, huge scores", async () => {
    const n = 5;
    const d = 3;
    const zeros = new Float32Array(n * d);
    await expectMatchesReference({ q: zeros, k: zeros, v: randomInputs(n, d, 1).v, n, d }, { sharpness: 1, mask: "noSelf" });
    const same = new Float32Array(n * d).fill(2);
    await expectMatchesReference({ q: same, k: same, v: same, n, d }, { sharpness: 1, mask: "causal" });
    // Scores of ±1e4 would overflow a naive exp; both sides subtract the row max first.
    await expectMatchesReference(randomInputs(n, d, 9, 100), { sharpness: 50, mask: "none" });
  });

  it("rows of the weights sum to 1 and masked pairs are exactly 0", async () => {
    const n = 12;
    const causal = await tfAttention(randomInputs(n, 10, 3), { sharpness: 2, mask: "causal" });
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        sum += causal.weights[i * n + j];
        if (j > i) expect(causal.weights[i * n + j]).toBe(0);
      }
      expect(sum).toBeCloseTo(1, 5);
    }
  });

  it("leaks no tensors over repeated calls, including failed ones", async () => {
    await tfAttention(randomInputs(20, 8, 2), { sharpness: 1, mask: "noSelf" }); // warm kernels
    const before = tf.memory().numTensors;
    for (let r = 0; r < 10; r++) {
      for (const mask of MASKS) await tfAttention(randomInputs(20, 8, r), { sharpness: 1, mask });
    }
    await expect(tfAttention(randomInputs(3, 4, 1), { sharpness: 1, mask: "sideways" as AttentionMask })).rejects.toThrow(/unknown mask/);
    await expect(tfAttention({ ...randomInputs(3, 4, 1), n: 4 }, { sharpness: 1, mask: "none" })).rejects.toThrow(/values/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("computeBackend", () => {
  it("picks wasm here (no native tfjs installed) and reports it as not a GPU", async () => {
    const info = await initComputeBackend(undefined);
    expect(info).toEqual({ name: "wasm", isGpu: false });
  });

  it("honours a forced backend and refuses an unknown or unavailable one", async () => {
    expect(await initComputeBackend("cpu")).toEqual({ name: "cpu", isGpu: false });
    await expect(initComputeBackend("quantum")).rejects.toThrow(/expected one of/);
    await expect(initComputeBackend("node-gpu")).rejects.toThrow(/could not start/);
    await initComputeBackend("wasm");
  });
});
