import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceAttention, type AttentionMask, type AttentionOptions } from "../../../shared/attention.js";
import { initComputeBackend, useComputeBackend } from "../../../server/engine/computeBackend.js";
import { tfAttention, type AttentionInputs } from "../../../server/engine/tfAttention.js";
import { groupRoomsBySize, tfBatchedAttention, type RoomAttention } from "../../../server/engine/tfBatchedAttention.js";

/** Deterministic pseudo-random numbers (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInputs(n: number, d: number, seed: number): AttentionInputs {
  const next = random(seed);
  // Entries of about ±3, like the √d-scaled sentence vectors the engine feeds in.
  const matrix = () => Float32Array.from({ length: n * d }, () => (next() * 2 - 1) * 3);
  return { q: matrix(), k: matrix(), v: matrix(), n, d };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const MASKS: AttentionMask[] = ["none", "noSelf", "causal", "causalNoSelf"];

/** Rooms of mixed sizes, masks and sharpness, as a burst of reveals from different classes. */
function mixedRooms(sizes: number[], d = 100): RoomAttention[] {
  return sizes.map((n, i) => ({
    inputs: randomInputs(n, d, 1000 + i * 17 + n),
    options: { sharpness: [1, 0, 2.5, 0.7][i % 4], mask: MASKS[i % MASKS.length] } satisfies AttentionOptions,
  }));
}

beforeAll(async () => {
  await initComputeBackend("wasm");
});

describe("groupRoomsBySize", () => {
  it("keeps rooms of similar size together and a big room apart from small ones", () => {
    expect(groupRoomsBySize([40, 38, 40, 35])).toEqual([[0, 2, 1, 3]]);
    // The 300-guest room takes in one small room (padded work 2 × 300² ≤ 2 × the real cells),
    // not a second one.
    expect(groupRoomsBySize([40, 300, 40, 41])).toEqual([[1, 3], [0, 2]]);
    const sizes = [300, 40, 40, 40, 40, 12, 3];
    for (const group of groupRoomsBySize(sizes)) {
      const widest = Math.max(...group.map((i) => sizes[i]));
      const real = group.reduce((sum, i) => sum + sizes[i] ** 2, 0);
      if (group.length > 1) expect(group.length * widest ** 2).toBeLessThanOrEqual(2 * real);
    }
    expect(groupRoomsBySize([])).toEqual([]);
  });

  it("places every room in exactly one group", () => {
    const sizes = Array.from({ length: 60 }, (_, i) => 1 + ((i * 37) % 120));
    const placed = groupRoomsBySize(sizes).flat().sort((a, b) => a - b);
    expect(placed).toEqual(sizes.map((_, i) => i));
  });
});

describe.each(["wasm", "cpu"] as const)("tfBatchedAttention on %s", (backend) => {
  beforeAll(async () => {
    await useComputeBackend(backend);
    expect(tf.getBackend()).toBe(backend);
  });

  it("gives every room of a mixed batch the reference's numbers (weights within 1e-5)", async () => {
    const rooms = mixedRooms([40, 7, 40, 1, 33, 2, 40, 12]);
    const results = await tfBatchedAttention(rooms);
    rooms.forEach(({ inputs: x, options }, i) => {
      const want = referenceAttention(x.q, x.k, x.v, x.n, x.d, options);
      expect(maxDifference(results[i].weights, want.weights)).toBeLessThan(1e-5);
      // Outputs are sums of n values of about ±3: float32 rounding grows with n, hence 1e-4.
      expect(maxDifference(results[i].output, want.output)).toBeLessThan(1e-4);
    });
  });

  it("equals the un-batched call room by room within 1e-5", async () => {
    const rooms = mixedRooms([40, 40, 25, 300, 3]);
    const batched = await tfBatchedAttention(rooms);
    for (const [i, { inputs, options }] of rooms.entries()) {
      const alone = await tfAttention(inputs, options);
      expect(maxDifference(batched[i].weights, alone.weights)).toBeLessThan(1e-5);
      expect(maxDifference(batched[i].output, alone.output)).toBeLessThan(1e-5);
    }
  });

  it("zeroes padded cells: a lone guest under noSelf next to a full room gets a zero row", async () => {
    const [lone, full] = await tfBatchedAttention(mixedRooms([1, 40]).map((r) => ({ ...r, options: { sharpness: 1, mask: "noSelf" as const } })));
    expect(Array.from(lone.weights)).toEqual([0]);
    expect(Array.from(lone.output).every((x) => x === 0)).toBe(true);
    for (let i = 0; i < 40; i++) expect(full.weights.subarray(i * 40, (i + 1) * 40).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it("leaks no tensors over repeated batches", async () => {
    await tfBatchedAttention(mixedRooms([5, 9])); // warm kernels
    const before = tf.memory().numTensors;
    for (let r = 0; r < 5; r++) await tfBatchedAttention(mixedRooms([5, 9, 40, 2]));
    await expect(tfBatchedAttention([{ inputs: { ...randomInputs(3, 4, 1), n: 4 }, options: { sharpness: 1, mask: "none" } }])).rejects.toThrow(/values/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
