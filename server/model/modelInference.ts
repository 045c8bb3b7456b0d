// What the engine worker calls for the model rounds: attention of the trained or untrained model on
// any typed sentence, and the live training course, run in chunks of steps with progress between.
import { DEFAULT_MODEL_CONFIG, initModelWeights, tfForward, type AttentionModelConfig, type AttentionModelWeights } from "./AttentionModel.js";
import { HEAD_QUESTIONS, SentenceGenerator, type LabeledSentence } from "./corpus.js";
import type { CorpusLists } from "./corpusLists.js";
import { argmaxRow } from "./evaluate.js";
import { CHECKPOINT_RECIPE, ModelTrainer, UNTRAINED_SEED, type TrainingOptions } from "./ModelTrainer.js";
import { embedSentence, type WordLookup } from "./wordVectors.js";

export interface HeadAttention {
  question: string;
  /** [tokens.length][tokens.length]: weights[i][j] = how much token i attends to token j; rows sum to 1. */
  weights: number[][];
}

export interface SentenceAttention {
  /** Lower-case known words with <s> first. */
  tokens: string[];
  heads: HeadAttention[];
  /** Typed words the model has no vector for: left out of tokens, shown to the instructor. */
  unknownWords: string[];
}

/** The untrained model of the rounds: the architecture with seeded random weights. */
export function untrainedModel(config: AttentionModelConfig = DEFAULT_MODEL_CONFIG): AttentionModelWeights {
  return initModelWeights(config, UNTRAINED_SEED);
}

/** [H, n, n] flat weights → one question and n×n rows per head. */
function toHeads(attention: Float32Array, n: number): HeadAttention[] {
  return HEAD_QUESTIONS.map((question, h) => ({
    question,
    weights: Array.from({ length: n }, (_, i) => Array.from(attention.subarray((h * n + i) * n, (h * n + i + 1) * n))),
  }));
}

/**
 * Attention of `model` on typed text, computed on the active tf backend. Throws SentenceError
 * (wordVectors.ts) for an empty sentence, more than 60 words, or no known word.
 */
export function attendSentence(model: AttentionModelWeights, lookup: WordLookup, text: string): SentenceAttention {
  const { tokens, words, unknownWords } = embedSentence(lookup, text);
  return { tokens, heads: toHeads(tfForward(model, words), tokens.length), unknownWords };
}

/** Share of a labelled sentence's links (non-<s> targets) the attention gets right, top-1. */
export function linkAccuracy(attention: SentenceAttention, targets: number[][]): number {
  let links = 0;
  let hits = 0;
  targets.forEach((row, h) =>
    row.forEach((target, i) => {
      if (target === 0) return;
      links++;
      const weights = attention.heads[h].weights[i];
      if (argmaxRow(weights, 0, weights.length, 0) === target) hits++;
    }),
  );
  return links ? hits / links : NaN;
}

/** A sentence for the course screen: a held-out template with held-out words, so it is never trained on. */
export function courseSentence(lists: CorpusLists, seed: number): { text: string; targets: number[][] } {
  const sentence: LabeledSentence = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, seed).next();
  return { text: sentence.tokens.slice(1).join(" "), targets: sentence.targets };
}

export interface CourseProgress {
  /** Steps done so far, of totalSteps. */
  step: number;
  totalSteps: number;
  /** Mean training loss over this chunk's steps (cross-entropy, nats; ≈ log n at random init). */
  loss: number;
  /** The course sentence's attention after this chunk. */
  attention: SentenceAttention;
  /** Share of the course sentence's links right now; null when the sentence came without links. */
  sentenceAccuracy: number | null;
  /** Training time of this chunk, ms. */
  chunkMs: number;
  isFinished: boolean;
}

export interface CourseOptions {
  lookup: WordLookup;
  lists: CorpusLists;
  /** The sentence shown while training: typed text, or a courseSentence's text. */
  sentence: string;
  /** Its links per head, when known (a corpus sentence): enables sentenceAccuracy. */
  targets?: number[][];
  totalSteps?: number;
  initSeed?: number;
  training?: Partial<TrainingOptions>;
  config?: AttentionModelConfig;
}

/**
 * The live training course: the checkpoint's recipe from random init, in chunks. A worker calls
 * runChunk(k) repeatedly — each call blocks for k steps (~70 ms each on wasm, 64 sentences) — and
 * posts the returned progress between calls, so it can report, yield to messages, and stop early.
 */
export class TrainingCourse {
  private readonly trainer: ModelTrainer;
  private readonly totalSteps: number;

  constructor(private readonly options: CourseOptions) {
    this.totalSteps = options.totalSteps ?? CHECKPOINT_RECIPE.steps;
    const initial = initModelWeights(options.config ?? DEFAULT_MODEL_CONFIG, options.initSeed ?? CHECKPOINT_RECIPE.initSeed);
    const training = { ...CHECKPOINT_RECIPE.options, decaySteps: this.totalSteps, ...options.training };
    // Fail on a bad sentence now, not after the first chunk of training.
    embedSentence(options.lookup, options.sentence);
    this.trainer = new ModelTrainer(initial, options.lookup, options.lists, training);
  }

  get isFinished(): boolean {
    return this.trainer.stepCount >= this.totalSteps;
  }

  /** Runs up to `steps` more steps (never past totalSteps), then measures the course sentence. */
  runChunk(steps: number): CourseProgress {
    const started = performance.now();
    const count = Math.max(0, Math.min(steps, this.totalSteps - this.trainer.stepCount));
    let lossSum = 0;
    for (let s = 0; s < count; s++) lossSum += this.trainer.step();
    const chunkMs = performance.now() - started;
    const attention = attendSentence(this.trainer.weights(), this.options.lookup, this.options.sentence);
    return {
      step: this.trainer.stepCount,
      totalSteps: this.totalSteps,
      loss: count ? lossSum / count : NaN,
      attention,
      sentenceAccuracy: this.options.targets ? linkAccuracy(attention, this.options.targets) : null,
      chunkMs,
      isFinished: this.isFinished,
    };
  }

  /** The weights as they are now (e.g. to keep the course's result as the "trained" model). */
  weights(): AttentionModelWeights {
    return this.trainer.weights();
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
