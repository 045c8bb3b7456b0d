// The trained model of the "model" and "course" rounds: ONE multi-head attention layer whose four
// heads ask the four questions of the corpus. Reads top to bottom: config → weights → input
// (word vector ⧺ position) → reference forward in plain arrays → the same forward and its loss on tf.
//
// Only attention patterns are trained (the corpus labels say who should attend to whom), so the
// layer has queries and keys but no values or output projection: weights = softmax(QKᵀ/√d_head).
import * as tf from "@tensorflow/tfjs-core";
import { createRandom } from "./random.js";

export interface AttentionModelConfig {
  /** Length of a word vector: GloVe 100-d, fixed by the encoder cache. */
  wordDim: number;
  /**
   * Sinusoidal position channels *concatenated* after the word vector rather than added to it:
   * GloVe has no spare dimensions, and kept apart "which word" and "where" stay readable to a
   * model this small. Sin/cos pairs make "one token before me" a fixed rotation at any position,
   * which heads 1 and 3 need (subject just before the verb, adjective next to its noun). Even.
   */
  positionDim: number;
  /** ω_k = base^(−k/K): periods from 2π tokens (neighbours) to ~600 (early vs late in the sentence). */
  positionBase: number;
  /** One head per question of the corpus. */
  headCount: number;
  /**
   * Query/key width per head, the rank of each head's score form xᵢ·Wq·Wkᵀ·xⱼ. A head needs
   * about "word class × word class + an offset pattern"; 8 and 16 measured within 0.02 of 32 on
   * held-out accuracy. 32 leaves room for typed sentences and still makes a ~180 KB checkpoint.
   */
  headDim: number;
  /** Longest input, <s> included: the CLI and the rooms refuse longer sentences (60 words + <s>). */
  maxTokens: number;
  /** Std of the random init of Wq and Wk is initGain/√dModel: scores start with std ≈ 0.3, attention near uniform. */
  initGain: number;
}

export const DEFAULT_MODEL_CONFIG: AttentionModelConfig = {
  wordDim: 100,
  positionDim: 32,
  positionBase: 100,
  headCount: 4,
  headDim: 32,
  maxTokens: 61,
  initGain: 1,
};

/** Width of one token's input row: word vector then position channels. */
export function modelWidth(config: AttentionModelConfig): number {
  return config.wordDim + config.positionDim;
}

/** Everything the model learns, as plain arrays (what checkpoints store and workers pass around). */
export interface AttentionModelWeights {
  config: AttentionModelConfig;
  /** [wordDim] the word vector of <s>: learned, since GloVe has no start token. */
  startVector: Float32Array;
  /** [dModel, headCount·headDim] row-major; head h owns columns h·headDim … (h+1)·headDim − 1. */
  wq: Float32Array;
  /** [dModel, headCount·headDim] same layout as wq. */
  wk: Float32Array;
}

/** The untrained model: seeded normal Wq, Wk and a blank start vector. Same seed, same weights. */
export function initModelWeights(config: AttentionModelConfig, seed: number): AttentionModelWeights {
  const random = createRandom(seed);
  const dModel = modelWidth(config);
  const std = config.initGain / Math.sqrt(dModel);
  const matrix = () => Float32Array.from({ length: dModel * config.headCount * config.headDim }, () => random.normal() * std);
  return { config, startVector: new Float32Array(config.wordDim), wq: matrix(), wk: matrix() };
}

/** [n, positionDim] row-major: row t = (sin tω₀, cos tω₀, sin tω₁, cos tω₁, …), ω_k = base^(−k/K). */
export function positionTable(config: AttentionModelConfig, n: number): Float32Array {
  const pairs = config.positionDim / 2;
  const table = new Float32Array(n * config.positionDim);
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < pairs; k++) {
      const angle = t * config.positionBase ** (-k / pairs);
      table[t * config.positionDim + 2 * k] = Math.sin(angle);
      table[t * config.positionDim + 2 * k + 1] = Math.cos(angle);
    }
  }
  return table;
}

/** Tokens in a sentence given as [n − 1, wordDim] word vectors; throws past maxTokens or on a ragged array. */
export function checkedLength(config: AttentionModelConfig, words: Float32Array): number {
  const n = words.length / config.wordDim + 1;
  if (!Number.isInteger(n) || n > config.maxTokens) throw new Error(`model: ${n} tokens, expected a whole number ≤ ${config.maxTokens}`);
  return n;
}

/** [n, dModel] input rows: (<s> vector | word vectors) ⧺ positions. words: [n − 1, wordDim]. */
export function modelInput(weights: AttentionModelWeights, words: Float32Array): Float32Array {
  const { config } = weights;
  const n = checkedLength(config, words);
  const dModel = modelWidth(config);
  const positions = positionTable(config, n); // [n, P]
  const x = new Float32Array(n * dModel);
  for (let t = 0; t < n; t++) {
    const word = t === 0 ? weights.startVector : words.subarray((t - 1) * config.wordDim, t * config.wordDim);
    x.set(word, t * dModel);
    x.set(positions.subarray(t * config.positionDim, (t + 1) * config.positionDim), t * dModel + config.wordDim);
  }
  return x;
}

/**
 * Reference forward pass, written as plainly as the formula: for each head h,
 * Q = X·Wq_h, K = X·Wk_h, weights_h = softmax(QKᵀ/√d_head) row by row.
 * words: [n − 1, wordDim] (the sentence without <s>) → [headCount, n, n] row-major.
 */
export function referenceForward(weights: AttentionModelWeights, words: Float32Array): Float32Array {
  const { headCount: H, headDim: dh } = weights.config;
  const dModel = modelWidth(weights.config);
  const x = modelInput(weights, words); // [n, dModel]
  const n = x.length / dModel;
  const project = (w: Float32Array, t: number, h: number): Float64Array => {
    const out = new Float64Array(dh); // [dh] = X[t] · W[:, head h]
    for (let c = 0; c < dModel; c++) {
      const xc = x[t * dModel + c];
      for (let e = 0; e < dh; e++) out[e] += xc * w[c * H * dh + h * dh + e];
    }
    return out;
  };
  const result = new Float32Array(H * n * n);
  for (let h = 0; h < H; h++) {
    const q = Array.from({ length: n }, (_, t) => project(weights.wq, t, h));
    const k = Array.from({ length: n }, (_, t) => project(weights.wk, t, h));
    for (let i = 0; i < n; i++) {
      const scores = k.map((kj) => q[i].reduce((acc, qe, e) => acc + qe * kj[e], 0) / Math.sqrt(dh));
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      exps.forEach((e, j) => (result[(h * n + i) * n + j] = e / sum));
    }
  }
  return result;
}

/** The learned weights as tensors: tf.Variable while training, plain tensors for inference. */
export interface ModelTensors {
  startVector: tf.Tensor1D; // [wordDim]
  wq: tf.Tensor2D; // [dModel, H·dh]
  wk: tf.Tensor2D; // [dModel, H·dh]
}

/** Uploads plain weights as tensors; the caller disposes them (or calls this inside tf.tidy). */
export function toModelTensors(weights: AttentionModelWeights): ModelTensors {
  const { config } = weights;
  const shape: [number, number] = [modelWidth(config), config.headCount * config.headDim];
  return { startVector: tf.tensor1d(weights.startVector), wq: tf.tensor2d(weights.wq, shape), wk: tf.tensor2d(weights.wk, shape) };
}

/** Sentences padded to the longest one's T tokens (<s> included). */
export interface TokenBatch {
  /** [B, T − 1, wordDim] word vectors of tokens 1…T−1 (zeros in padding). */
  words: tf.Tensor3D;
  /** [B, T] 1 for a real token, 0 for padding. */
  tokenMask: tf.Tensor2D;
}

/** Large negative rather than −∞: masked keys get weight ≈ 0 without NaNs anywhere. */
const MASKED_SCORE = -1e9;

/** [B·T, dModel] the batch's input rows: (<s> vector | words) ⧺ positions, like modelInput. */
function inputRows(config: AttentionModelConfig, startVector: tf.Tensor1D, words: tf.Tensor3D): tf.Tensor2D {
  const [B, T1, wordDim] = words.shape;
  const T = T1 + 1;
  const start = tf.broadcastTo(tf.reshape(startVector, [1, 1, wordDim]), [B, 1, wordDim]); // [B, 1, wordDim]
  const tokens = tf.concat([start, words], 1); // [B, T, wordDim]
  const positions = tf.broadcastTo(tf.tensor3d(positionTable(config, T), [1, T, config.positionDim]), [B, T, config.positionDim]); // [B, T, P]
  return tf.reshape(tf.concat([tokens, positions], 2), [B * T, wordDim + config.positionDim]);
}

/** [B·T, H·dh] → [B·H, T, dh]: one matrix per (sentence, head). */
function splitHeads(m: tf.Tensor2D, B: number, T: number, config: AttentionModelConfig): tf.Tensor3D {
  const { headCount: H, headDim: dh } = config;
  return tf.reshape(tf.transpose(tf.reshape(m, [B, T, H, dh]), [0, 2, 1, 3]), [B * H, T, dh]);
}

/** [B·H, T, dh] → [B·T, H·dh]: the inverse of splitHeads. */
function mergeHeads(m: tf.Tensor3D, B: number, T: number, config: AttentionModelConfig): tf.Tensor2D {
  const { headCount: H, headDim: dh } = config;
  return tf.reshape(tf.transpose(tf.reshape(m, [B, H, T, dh]), [0, 2, 1, 3]), [B * T, H * dh]);
}

interface ForwardState {
  x: tf.Tensor2D; // [B·T, dModel]
  q: tf.Tensor3D; // [B·H, T, dh]
  k: tf.Tensor3D; // [B·H, T, dh]
  logits: tf.Tensor4D; // [B, H, T, T]
}

function forward(config: AttentionModelConfig, params: ModelTensors, batch: TokenBatch): ForwardState {
  const [B, T] = batch.tokenMask.shape;
  const { headCount: H, headDim: dh } = config;
  const x = inputRows(config, params.startVector, batch.words);
  const q = splitHeads(tf.matMul(x, params.wq), B, T, config);
  const k = splitHeads(tf.matMul(x, params.wk), B, T, config);
  // K is transposed explicitly: wasm's matMul with transposeB is much slower (see tfAttention.ts).
  const scores = tf.reshape(tf.mul(tf.matMul(q, tf.transpose(k, [0, 2, 1])), 1 / Math.sqrt(dh)), [B, H, T, T]);
  const keyBias = tf.reshape(tf.mul(tf.sub(1, batch.tokenMask), MASKED_SCORE), [B, 1, 1, T]); // [B, 1, 1, T]
  return { x, q, k, logits: tf.add(scores, keyBias) };
}

/** Attention logits on tf, call inside tf.tidy: → [B, H, T, T], padded keys at MASKED_SCORE. softmax → weights. */
export function forwardLogits(config: AttentionModelConfig, params: ModelTensors, batch: TokenBatch): tf.Tensor4D {
  return forward(config, params, batch).logits;
}

/** One sentence on tf, same contract as referenceForward: words [n − 1, wordDim] → [H, n, n] weights. */
export function tfForward(weights: AttentionModelWeights, words: Float32Array): Float32Array {
  const n = checkedLength(weights.config, words);
  const attention = tf.tidy(() => {
    const batch = { words: tf.tensor3d(words, [1, n - 1, weights.config.wordDim]), tokenMask: tf.ones([1, n]) as tf.Tensor2D };
    return tf.softmax(forwardLogits(weights.config, toModelTensors(weights), batch)); // [1, H, n, n]
  });
  try {
    return attention.dataSync() as Float32Array;
  } finally {
    attention.dispose();
  }
}

/**
 * Weighted cross-entropy of attention rows against their targets: −Σ w·log p(target) / Σ w.
 * targets: [B, H, T] int32 token indices; rowWeights: [B, H, T], 0 for padding rows. Scalar.
 */
export function attentionLoss(logits: tf.Tensor4D, targets: tf.Tensor3D, rowWeights: tf.Tensor3D): tf.Scalar {
  const T = logits.shape[3];
  const picked = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(targets, T)), 3); // [B, H, T] log p(target)
  return tf.div(tf.neg(tf.sum(tf.mul(picked, rowWeights))), tf.sum(rowWeights)) as tf.Scalar;
}

export type ModelGradients = ModelTensors;

/**
 * The loss and its gradients, call inside tf.tidy. The backward pass is written out: tfjs-core's
 * Node build registers no gradient functions (they ship in the @tensorflow/tfjs union package),
 * and for one attention layer the chain rule is short. With S the logits, P = softmax(S) and Y the
 * one-hot targets: ∂L/∂S = (P − Y)·w/Σw, ∂L/∂Q = ∂S·K/√dh, ∂L/∂K = ∂Sᵀ·Q/√dh, ∂L/∂W = Xᵀ·∂(XW),
 * and the start vector's gradient is the word part of ∂L/∂X at position 0.
 */
export function lossAndGradients(
  config: AttentionModelConfig,
  params: ModelTensors,
  batch: TokenBatch,
  targets: tf.Tensor3D,
  rowWeights: tf.Tensor3D,
): { loss: tf.Scalar; gradients: ModelGradients } {
  const [B, T] = batch.tokenMask.shape;
  const { headCount: H, headDim: dh, wordDim } = config;
  const { x, q, k, logits } = forward(config, params, batch);
  const loss = attentionLoss(logits, targets, rowWeights);
  const rowWeight = tf.expandDims(tf.div(rowWeights, tf.sum(rowWeights)), 3); // [B, H, T, 1]
  const dLogits = tf.mul(tf.sub(tf.softmax(logits), tf.oneHot(targets, T)), rowWeight); // [B, H, T, T]
  const dScores = tf.mul(tf.reshape(dLogits, [B * H, T, T]), 1 / Math.sqrt(dh)); // [B·H, T, T]
  const dq = mergeHeads(tf.matMul(dScores, k), B, T, config); // [B·T, H·dh]
  const dk = mergeHeads(tf.matMul(tf.transpose(dScores, [0, 2, 1]), q), B, T, config); // [B·T, H·dh]
  const xT = tf.transpose(x); // [dModel, B·T]
  const dx = tf.add(tf.matMul(dq, tf.transpose(params.wq)), tf.matMul(dk, tf.transpose(params.wk))); // [B·T, dModel]
  const dStart = tf.sum(tf.slice(tf.reshape(dx, [B, T, modelWidth(config)]), [0, 0, 0], [B, 1, wordDim]), [0, 1]); // [wordDim]
  return { loss, gradients: { startVector: dStart as tf.Tensor1D, wq: tf.matMul(xT, dq), wk: tf.matMul(xT, dk) } };
}

/** Reference loss for one sentence (plain arrays): the mean over tokens and heads of −log weight[target]. */
export function referenceLoss(weights: AttentionModelWeights, words: Float32Array, targets: number[][]): number {
  const attention = referenceForward(weights, words); // [H, n, n]
  const n = targets[0].length;
  let sum = 0;
  targets.forEach((row, h) => row.forEach((j, i) => (sum -= Math.log(attention[(h * n + i) * n + j]))));
  return sum / (n * targets.length);
}
