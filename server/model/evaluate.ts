// Top-1 accuracy of a model's heads on labelled sentences, and the chance level to compare it with.
// Uses the plain reference forward, so the numbers do not depend on the tf backend.
import { referenceForward, type AttentionModelWeights } from "./AttentionModel.js";
import { HEAD_COUNT, type LabeledSentence } from "./corpus.js";
import { tokenVectors, type WordLookup } from "./wordVectors.js";

export interface HeadScore {
  /** Share of linked tokens (a real target, not <s>) whose largest weight is on that target. */
  linkedAccuracy: number;
  /** Share of all tokens, sink targets included, whose largest weight is on their target. */
  allAccuracy: number;
  /** Expected linkedAccuracy of a uniformly random pick among each row's tokens: mean of 1/n. */
  chance: number;
  /** How many linked tokens the accuracy is measured on. */
  linkedCount: number;
}

/** Index of the largest entry of row i of an [n, n] block starting at `offset` (first one on ties). */
export function argmaxRow(weights: ArrayLike<number>, offset: number, n: number, i: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (weights[offset + i * n + j] > weights[offset + i * n + best]) best = j;
  return best;
}

/** Per-head hit counts for one sentence's [H, n, n] attention against its targets. */
export function countHits(attention: ArrayLike<number>, targets: number[][]): Array<{ linked: number; linkedHits: number; hits: number; chance: number }> {
  const n = targets[0].length;
  return targets.map((row, h) => {
    const counts = { linked: 0, linkedHits: 0, hits: 0, chance: 0 };
    for (let i = 0; i < n; i++) {
      const isHit = argmaxRow(attention, h * n * n, n, i) === row[i];
      if (isHit) counts.hits++;
      if (row[i] === 0) continue;
      counts.linked++;
      counts.chance += 1 / n;
      if (isHit) counts.linkedHits++;
    }
    return counts;
  });
}

export function evaluateModel(weights: AttentionModelWeights, lookup: WordLookup, sentences: readonly LabeledSentence[]): HeadScore[] {
  const totals = Array.from({ length: HEAD_COUNT }, () => ({ linked: 0, linkedHits: 0, hits: 0, tokens: 0, chance: 0 }));
  for (const sentence of sentences) {
    const attention = referenceForward(weights, tokenVectors(lookup, sentence.tokens)); // [H, n, n]
    countHits(attention, sentence.targets).forEach((c, h) => {
      const t = totals[h];
      t.linked += c.linked;
      t.linkedHits += c.linkedHits;
      t.hits += c.hits;
      t.tokens += sentence.tokens.length;
      t.chance += c.chance;
    });
  }
  return totals.map((t) => ({
    linkedAccuracy: t.linked ? t.linkedHits / t.linked : NaN,
    allAccuracy: t.hits / t.tokens,
    chance: t.linked ? t.chance / t.linked : NaN,
    linkedCount: t.linked,
  }));
}
