// Scaled dot-product attention on TensorFlow.js: the same math as shared/attention.ts
// (weights = softmax(sharpness · QKᵀ/√d + mask), output = weights · V), on whichever backend is active.
import * as tf from "@tensorflow/tfjs-core";
import { ATTENTION_MASKS, type AttentionMask, type AttentionOptions, type AttentionResult } from "../../shared/attention.js";

/** One room's inputs: row-major [n, d] matrices, one row per guest. */
export interface AttentionInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  n: number;
  d: number;
}

/**
 * [n, n] boolean "query i may see key j", or null when everything is allowed. Built in JS and
 * uploaded (n² bytes, ~1 ms at n = 1000): on wasm a broadcast comparison of index ranges
 * (notEqual([n,1], [1,n])) takes ~200 ms at n = 1000, slower than the whole attention.
 */
function allowedPairs(n: number, mask: AttentionMask): tf.Tensor2D | null {
  if (mask === "none") return null;
  const allowed = new Uint8Array(n * n); // row-major [query i, key j]
  if (mask === "noSelf") {
    allowed.fill(1);
    for (let i = 0; i < n; i++) allowed[i * n + i] = 0;
  } else {
    const self = mask === "causal" ? 1 : 0; // causal: j ≤ i; causalNoSelf: j < i
    for (let i = 0; i < n; i++) allowed.fill(1, i * n, i * n + i + self);
  }
  return tf.tensor2d(allowed, [n, n], "bool");
}

/**
 * The attention graph on tensors; call inside tf.tidy. q, k, v: [n, d] → weights [n, n], output [n, d].
 * One room; tfBatchedAttention.ts runs the same ops with rooms on a leading axis (what the engine
 * uses), this one stays as the single-room baseline the benchmark and tests compare against.
 */
export function attentionTensors(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  options: AttentionOptions,
): { weights: tf.Tensor2D; output: tf.Tensor2D } {
  const [n, d] = q.shape;
  // K is transposed explicitly: the wasm backend's matMul with transposeB is ~10× slower than a
  // transpose followed by a plain matMul (measured: 190 ms vs 17 ms at n = 1000).
  const scores: tf.Tensor2D = tf.mul(tf.matMul(q, tf.transpose(k)), options.sharpness / Math.sqrt(d)); // [n, n]
  const allowed = allowedPairs(n, options.mask);
  if (allowed === null) {
    const weights = tf.softmax(scores);
    return { weights, output: tf.matMul(weights, v) };
  }
  // Forbidden pairs get −∞ so softmax gives them exactly 0. A row with no allowed key at all
  // (a lone guest under noSelf) comes out of softmax as NaN; the second `where` zeroes it, as
  // the reference does, and zero weights then give a zero output row.
  const masked = tf.where(allowed, scores, tf.fill([n, n], -Infinity));
  const weights = tf.where(allowed, tf.softmax(masked), tf.zeros([n, n])) as tf.Tensor2D;
  return { weights, output: tf.matMul(weights, v) };
}

export function validateAttentionInputs({ q, k, v, n, d }: AttentionInputs): void {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1) throw new Error(`attention: bad shape n=${n}, d=${d}`);
  for (const [name, m] of [["q", q], ["k", k], ["v", v]] as const) {
    if (m.length !== n * d) throw new Error(`attention: ${name} has ${m.length} values, expected n·d = ${n * d}`);
  }
}

export function validateAttentionOptions(options: AttentionOptions): void {
  if (!Number.isFinite(options.sharpness) || options.sharpness < 0) {
    throw new Error(`attention: sharpness must be a finite number ≥ 0, got ${options.sharpness}`);
  }
  if (!ATTENTION_MASKS.includes(options.mask)) throw new Error(`attention: unknown mask ${String(options.mask)}`);
}

/**
 * Runs attention on the active tf backend and reads the results back to JS. Every intermediate
 * tensor is freed by tf.tidy; the two kept results are disposed after the read-back, so repeated
 * reveals leave tf.memory().numTensors unchanged.
 */
export async function tfAttention(inputs: AttentionInputs, options: AttentionOptions): Promise<AttentionResult> {
  validateAttentionInputs(inputs);
  validateAttentionOptions(options);
  const { n, d } = inputs;
  const result = tf.tidy(() =>
    attentionTensors(tf.tensor2d(inputs.q, [n, d]), tf.tensor2d(inputs.k, [n, d]), tf.tensor2d(inputs.v, [n, d]), options),
  );
  try {
    // data() rather than dataSync(): on a GPU backend it does not stall the thread.
    const [weights, output] = await Promise.all([result.weights.data(), result.output.data()]);
    return { weights: weights as Float32Array, output: output as Float32Array };
  } finally {
    result.weights.dispose();
    result.output.dispose();
  }
}
