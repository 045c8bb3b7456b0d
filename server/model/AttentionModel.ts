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
   * Sinusoidal position channels *concatenated* after the word vector (not added): GloVe has no
   * spare dimensions, and with so few weights the model reads "which word" and "where" more
   * easily from separate channels. Even: one sin/cos pair per frequency.
   */
  positionDim: number;
  /** Position channels are multiplied by this. */
  positionScale: number;
  /** Frequencies run from 1 rad/token down to base^(-1) rad/token: neighbours and whole sentences. */
  positionBase: number;
  /** One head per question of the corpus. */
  headCount: number;
  /** Query/key width per head: the rank of each head's bilinear form word·Wq·Wkᵀ·word. */
  headDim: number;
  /** Longest input, <s> included: the CLI and the rooms refuse longer sentences (60 words + <s>). */
  maxTokens: number;
  /** Std of the random init of Wq and Wk is initGain/√dModel: scores start small, attention near uniform. */
  initGain: number;
}

export const DEFAULT_MODEL_CONFIG: AttentionModelConfig = {
  wordDim: 100,
  positionDim: 32,
  positionBase: 100,
  positionScale: 1,
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
      table[t * config.positionDim + 2 * k] = Math.sin(angle) * config.positionScale;
      table[t * config.positionDim + 2 * k + 1] = Math.cos(angle) * config.positionScale;
    }
  }
  return table;
}

/** [n, dModel] input rows: (<s> vector | word vectors) ⧺ positions. words: [n − 1, wordDim]. */
export function modelInput(weights: AttentionModelWeights, words: Float32Array): Float32Array {
  const { config } = weights;
  const n = words.length / config.wordDim + 1;
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

/** A padded batch of sentences. Sentence b has lengths[b] real tokens; the rest is padding. */
export interface TokenBatch {
  /** [B, T − 1, wordDim] word vectors of tokens 1…T−1 (zeros in padding). */
  words: tf.Tensor3D;
  /** [B, T] 1 for a real token, 0 for padding. */
  tokenMask: tf.Tensor2D;
}

/** Large negative rather than −∞: masked keys get weight ≈ 0 without NaNs in the gradients. */
const MASKED_SCORE = -1e9;

/**
 * Attention logits (pre-softmax scores) on tf; call inside tf.tidy. → [B, H, T, T], padded keys
 * pushed to MASKED_SCORE. Same math as referenceForward, batched.
 */
export function forwardLogits(config: AttentionModelConfig, params: ModelTensors, batch: TokenBatch): tf.Tensor4D {
  const [B, T1, wordDim] = batch.words.shape;
  const T = T1 + 1;
  const { headCount: H, headDim: dh, positionDim: P } = config;
  const start = tf.broadcastTo(tf.reshape(params.startVector, [1, 1, wordDim]), [B, 1, wordDim]); // [B, 1, wordDim]
  const words = tf.concat([start, batch.words], 1); // [B, T, wordDim]
  const positions = tf.broadcastTo(tf.tensor3d(positionTable(config, T), [1, T, P]), [B, T, P]); // [B, T, P]
  const x = tf.reshape(tf.concat([words, positions], 2), [B * T, wordDim + P]); // [B·T, dModel]
  const heads = (w: tf.Tensor2D) => tf.reshape(tf.transpose(tf.reshape(tf.matMul(x, w), [B, T, H, dh]), [0, 2, 1, 3]), [B * H, T, dh]);
  const q = heads(params.wq); // [B·H, T, dh]
  const kT = tf.transpose(heads(params.wk), [0, 2, 1]); // [B·H, dh, T] (explicit transpose: faster than transposeB on wasm)
  const scores = tf.reshape(tf.mul(tf.matMul(q, kT), 1 / Math.sqrt(dh)), [B, H, T, T]); // [B, H, T, T]
  const keyBias = tf.reshape(tf.mul(tf.sub(1, batch.tokenMask), MASKED_SCORE), [B, 1, 1, T]); // [B, 1, 1, T]
  return tf.add(scores, keyBias);
}

/**
 * Cross-entropy of every real token's attention row against its target, averaged over tokens
 * and heads. targets: [B, H, T] int32 token indices (padding rows are ignored). Scalar.
 */
export function attentionLoss(logits: tf.Tensor4D, targets: tf.Tensor3D, tokenMask: tf.Tensor2D): tf.Scalar {
  const [B, H, T] = logits.shape;
  const logProbs = tf.logSoftmax(logits); // [B, H, T, T]
  const picked = tf.sum(tf.mul(logProbs, tf.oneHot(targets, T)), 3); // [B, H, T]
  const rowMask = tf.reshape(tokenMask, [B, 1, T]); // [B, 1, T] broadcast over heads
  const count = tf.mul(tf.sum(tokenMask), H);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, rowMask))), count) as tf.Scalar;
}
