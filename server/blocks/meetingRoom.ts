// The "meeting room" of the blocks walk-through: one attention step over the words' current
// vectors. The trained model's four heads (server/model) decide who listens to whom; each head
// hands over the vectors of the words it attends to (the model has no value projection, so the
// value of a word is its vector), and a word that attends to <s> fetches nothing.
import { referenceForward, type AttentionModelWeights } from "../model/AttentionModel.js";
import { HEAD_QUESTIONS } from "../model/corpus.js";
import type { BlocksHead } from "../../shared/blocks.js";
import { dot, meaningDirection } from "./wordSpace.js";

/** The extra head: the checkpoint's four are trained on grammar links only (see topicHead). */
export const TOPIC_HEAD_QUESTION = "Which words share my topic?";

export interface TopicHeadSettings {
  /** Off: the meeting room is the trained model alone. */
  isEnabled: boolean;
  /** Softmax temperature over cosines; 0.05 as for the facts, so a clearly closer word wins. */
  temperature: number;
  /** Cosine score of <s>: a word no closer than this to any other content word fetches nothing. */
  sinkCosine: number;
  /** Share of a heard vector this head hands over (the trained heads use BlocksConfig.attentionGain). */
  gain: number;
}

export interface MeetingRoom {
  heads: BlocksHead[];
  /** [heads][n][n] attention rows over <s> (index 0) and the words (1…n−1); each row sums to 1. */
  weights: Float64Array[][];
  /** [n − 1, d] what each word fetched: Σ heads gain_h · Σ_{j ≥ 1} w_hij · x_j. */
  fetched: Float64Array;
}

/**
 * The walk-through's heads: the checkpoint's, then (when enabled) the topic head. Attention
 * runs on the model's plain-JS reference forward rather than tfForward: a 60-word sentence is
 * ~2 M multiply-adds, the result is the same on every backend (AttentionModel.test.ts holds the
 * two within 1e-5), and the walk-through stays a synchronous function with no tensors to free.
 */
export function meetingRoomHeads(model: AttentionModelWeights, topic: TopicHeadSettings, trainedGain: number): BlocksHead[] {
  const trained = Array.from({ length: model.config.headCount }, (_, h) => ({
    question: HEAD_QUESTIONS[h] ?? `Head ${h + 1}`,
    isTrained: true,
    gain: trainedGain,
  }));
  return topic.isEnabled ? [...trained, { question: TOPIC_HEAD_QUESTION, isTrained: false, gain: topic.gain }] : trained;
}

/**
 * The topic head: a word listens to the other content words whose meaning is close to its own —
 * the party round's "yours" course (identity projections) on word vectors, cos(x_i, x_j)/T.
 * Why it exists: the checkpoint learned four grammar links (subject, place, sentiment,
 * antecedent), so "bank" in "the bank of the river" asks none of them and sits at <s> in every
 * head; the measured walk-through then leaves "bank" the same in every sentence. Real models
 * have many more heads, several of which gather a word's topical context; this one does that
 * with no training at all, and the screen labels it "not trained". Glue words neither ask nor
 * answer here: their vectors say little (the engine never offers them as heard words either).
 */
function topicHead(words: Float32Array, isGlue: readonly boolean[], d: number, common: Float32Array, settings: TopicHeadSettings): Float64Array[] {
  const m = isGlue.length; // words without <s>
  const directions = Array.from({ length: m }, (_, i) => meaningDirection(words.subarray(i * d, (i + 1) * d), common));
  const rows: Float64Array[] = [];
  for (let i = -1; i < m; i++) {
    const row = new Float64Array(m + 1); // [<s>, words…]
    if (i < 0 || isGlue[i]) {
      row[0] = 1;
      rows.push(row);
      continue;
    }
    const scores = [settings.sinkCosine / settings.temperature];
    for (let j = 0; j < m; j++) scores.push(j === i || isGlue[j] ? -Infinity : dot(directions[i], directions[j]) / settings.temperature);
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    exps.forEach((e, j) => (row[j] = e / sum));
    rows.push(row);
  }
  return rows;
}

/**
 * One attention step. words: [m, d] the words' current vectors (raw GloVe scale, no <s>);
 * isGlue: [m] function words. Returns every head's rows and what each word fetched.
 */
export function meetRoom(
  model: AttentionModelWeights,
  words: Float32Array,
  isGlue: readonly boolean[],
  common: Float32Array,
  topic: TopicHeadSettings,
  trainedGain: number,
): MeetingRoom {
  const d = model.config.wordDim;
  const m = isGlue.length;
  const n = m + 1;
  const trained = referenceForward(model, words); // [H, n, n]
  const weights: Float64Array[][] = [];
  for (let h = 0; h < model.config.headCount; h++) {
    weights.push(Array.from({ length: n }, (_, i) => Float64Array.from(trained.subarray((h * n + i) * n, (h * n + i + 1) * n))));
  }
  if (topic.isEnabled) weights.push(topicHead(words, isGlue, d, common, topic));

  const fetched = new Float64Array(m * d); // [m, d]
  const heads = meetingRoomHeads(model, topic, trainedGain);
  weights.forEach((head, h) => {
    const gain = heads[h].gain;
    for (let i = 0; i < m; i++) {
      const row = head[i + 1];
      for (let j = 1; j < n; j++) {
        const w = gain * row[j];
        if (w < 1e-6) continue;
        for (let c = 0; c < d; c++) fetched[i * d + c] += w * words[(j - 1) * d + c];
      }
    }
  });
  return { heads, weights, fetched };
}
