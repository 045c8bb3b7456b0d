// Top-1 accuracy of a model's heads on labelled sentences, and the chance level to compare it with:
// the measurement behind the accuracy table of tools/train.ts.
import * as tf from "@tensorflow/tfjs-core";
import { forwardLogits, toModelTensors, type AttentionModelWeights } from "./AttentionModel.js";
import { HEAD_COUNT, type LabeledSentence } from "./corpus.js";
import { batchTensors } from "./ModelTrainer.js";
import type { WordLookup } from "./wordVectors.js";

export interface HeadScore {
  /** Share of linked tokens (a real target, not <s>) whose largest weight is on that target. */
  linkedAccuracy: number;
  /** Share of all tokens, those that should rest on <s> included, whose largest weight is on their target. */
  allAccuracy: number;
  /** What linkedAccuracy a uniformly random pick among each row's tokens would score: the mean of 1/n. */
  chance: number;
  /** How many linked tokens the accuracy is measured on. */
  linkedCount: number;
}

/** Index of the largest entry of row i of the [n, n] block starting at `offset` (the first one on ties). */
export function argmaxRow(weights: ArrayLike<number>, offset: number, n: number, i: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (weights[offset + i * n + j] > weights[offset + i * n + best]) best = j;
  return best;
}

/** Sentences per tf batch while evaluating: big enough to amortise the per-op overhead of wasm. */
const EVALUATION_BATCH = 250;

/** Runs the model on tf over all sentences (batched, tensors freed) and scores each head's top-1 choices. */
export function evaluateModel(weights: AttentionModelWeights, lookup: WordLookup, sentences: readonly LabeledSentence[]): HeadScore[] {
  const totals = Array.from({ length: HEAD_COUNT }, () => ({ linked: 0, linkedHits: 0, hits: 0, tokens: 0, chance: 0 }));
  const params = toModelTensors(weights);
  try {
    for (let start = 0; start < sentences.length; start += EVALUATION_BATCH) {
      const chunk = sentences.slice(start, start + EVALUATION_BATCH);
      const batch = batchTensors(chunk, lookup, HEAD_COUNT, { linkWeight: 1 });
      const choices = tf.tidy(() => tf.argMax(forwardLogits(weights.config, params, batch), 3)); // [B, H, T] int32
      const T = batch.tokenMask.shape[1];
      const chosen = choices.dataSync();
      tf.dispose([choices, ...Object.values(batch)]);
      chunk.forEach((sentence, b) => {
        const n = sentence.tokens.length;
        sentence.targets.forEach((row, h) => {
          const t = totals[h];
          t.tokens += n;
          row.forEach((target, i) => {
            const isHit = chosen[(b * HEAD_COUNT + h) * T + i] === target;
            if (isHit) t.hits++;
            if (target === 0) return;
            t.linked++;
            t.chance += 1 / n;
            if (isHit) t.linkedHits++;
          });
        });
      });
    }
  } finally {
    tf.dispose(Object.values(params));
  }
  return totals.map((t) => ({
    linkedAccuracy: t.linked ? t.linkedHits / t.linked : NaN,
    allAccuracy: t.hits / t.tokens,
    chance: t.linked ? t.chance / t.linked : NaN,
    linkedCount: t.linked,
  }));
}
