// Attention for several rooms in one TensorFlow.js call: rooms become a leading batch axis
// [rooms, n, d], smaller rooms padded to the group's largest n, the padding masked out so every
// room's numbers equal its own un-batched attention (same ops, exact zeros where padded).
import * as tf from "@tensorflow/tfjs-core";
import { type AttentionOptions, type AttentionResult } from "../../shared/attention.js";
import { validateAttentionInputs, validateAttentionOptions, type AttentionInputs } from "./tfAttention.js";

export interface RoomAttention {
  inputs: AttentionInputs;
  options: AttentionOptions;
}

/**
 * A group pads every room to its largest n, so a 300-guest room next to 40-guest rooms would
 * compute 300² cells for each of them. Rooms join a group only while the padded cells stay within
 * this factor of the real ones; a mixed batch then runs as a few groups, still one call each.
 */
const MAX_PADDING_FACTOR = 2;
/** Bounds one group's [rooms, n, n] score tensor (4 M floats = 16 MB). */
const MAX_GROUP_CELLS = 4_000_000;

/** Indices of `rooms`, split into groups of similar size (largest first within the sort). */
export function groupRoomsBySize(sizes: readonly number[]): number[][] {
  const order = sizes.map((n, i) => ({ n, i })).sort((a, b) => b.n - a.n || a.i - b.i);
  const groups: number[][] = [];
  let current: number[] = [];
  let largest = 0;
  let realCells = 0;
  for (const { n, i } of order) {
    const paddedCells = (current.length + 1) * largest * largest;
    const isFit = current.length > 0 && paddedCells <= MAX_PADDING_FACTOR * (realCells + n * n) && paddedCells <= MAX_GROUP_CELLS;
    if (!isFit && current.length > 0) {
      groups.push(current);
      current = [];
    }
    if (current.length === 0) {
      largest = n;
      realCells = 0;
    }
    current.push(i);
    realCells += n * n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** [rooms, width, width] "query i may see key j" for each room's mask; padded rows and columns are 0. */
function allowedPairs(rooms: readonly RoomAttention[], width: number): Uint8Array {
  const allowed = new Uint8Array(rooms.length * width * width);
  rooms.forEach(({ inputs: { n }, options: { mask } }, b) => {
    for (let i = 0; i < n; i++) {
      const row = (b * width + i) * width;
      // Row i allows keys [0, end) — all n, or up to itself under the causal masks — minus itself under noSelf.
      const end = mask === "causal" ? i + 1 : mask === "causalNoSelf" ? i : n;
      allowed.fill(1, row, row + end);
      if (mask === "noSelf") allowed[row + i] = 0;
    }
  });
  return allowed;
}

/** One group's rows as [rooms, width, d], zero rows where padded. */
function padded(rooms: readonly RoomAttention[], width: number, d: number, pick: (x: AttentionInputs) => Float32Array): Float32Array {
  const out = new Float32Array(rooms.length * width * d);
  rooms.forEach(({ inputs }, b) => out.set(pick(inputs), b * width * d));
  return out;
}

/** One group of rooms (same d) in one call. */
async function groupAttention(rooms: readonly RoomAttention[]): Promise<AttentionResult[]> {
  const d = rooms[0].inputs.d;
  const width = Math.max(...rooms.map((r) => r.inputs.n));
  const b = rooms.length;
  const result = tf.tidy(() => {
    const q = tf.tensor3d(padded(rooms, width, d, (x) => x.q), [b, width, d]);
    const k = tf.tensor3d(padded(rooms, width, d, (x) => x.k), [b, width, d]);
    const v = tf.tensor3d(padded(rooms, width, d, (x) => x.v), [b, width, d]);
    // Each room has its own sharpness slider. [b, 1, 1]
    const scale = tf.tensor3d(Float32Array.from(rooms, (r) => r.options.sharpness / Math.sqrt(d)), [b, 1, 1]);
    // Explicit transpose + plain matMul: the same choice as the single-room path (faster on wasm).
    const scores = tf.mul(tf.matMul(q, tf.transpose(k, [0, 2, 1])), scale); // [b, width, width]
    const allowed = tf.tensor3d(allowedPairs(rooms, width), [b, width, width], "bool");
    // −∞ gives forbidden and padded keys exactly 0 after the softmax; rows with nothing allowed
    // (padding, or a lone guest under noSelf) come out NaN and are zeroed by the second `where`.
    const masked = tf.where(allowed, scores, tf.fill([b, width, width], -Infinity));
    const weights = tf.where(allowed, tf.softmax(masked), tf.zeros([b, width, width])); // [b, width, width]
    return { weights, output: tf.matMul(weights, v) }; // output [b, width, d]
  });
  try {
    const [weights, output] = (await Promise.all([result.weights.data(), result.output.data()])) as [Float32Array, Float32Array];
    return rooms.map(({ inputs: { n } }, r) => {
      const roomWeights = new Float32Array(n * n);
      for (let i = 0; i < n; i++) {
        const from = (r * width + i) * width;
        roomWeights.set(weights.subarray(from, from + n), i * n);
      }
      const from = r * width * d;
      return { weights: roomWeights, output: output.slice(from, from + n * d) };
    });
  } finally {
    result.weights.dispose();
    result.output.dispose();
  }
}

/**
 * Attention for every room, in input order; one tf call per size group (usually one for all).
 * Rooms of another dimension than the first form their own groups.
 */
export async function tfBatchedAttention(rooms: readonly RoomAttention[]): Promise<AttentionResult[]> {
  for (const room of rooms) {
    validateAttentionInputs(room.inputs);
    validateAttentionOptions(room.options);
  }
  const results: AttentionResult[] = new Array(rooms.length);
  const byDimension = new Map<number, number[]>();
  rooms.forEach((room, i) => byDimension.set(room.inputs.d, [...(byDimension.get(room.inputs.d) ?? []), i]));
  for (const indices of byDimension.values()) {
    for (const group of groupRoomsBySize(indices.map((i) => rooms[i].inputs.n))) {
      const members = group.map((g) => indices[g]);
      const computed = await groupAttention(members.map((i) => rooms[i]));
      members.forEach((i, m) => (results[i] = computed[m]));
    }
  }
  return results;
}
