// Trains the attention model with Adam on tf, one step at a time, on sentences streamed from the
// seeded corpus generator. Shared by tools/train.ts (the checkpoint) and the live "course" round
// (which runs steps in chunks and shows progress between them).
import * as tf from "@tensorflow/tfjs-core";
import { lossAndGradients, type AttentionModelWeights, type ModelTensors } from "./AttentionModel.js";
import { SentenceGenerator, type LabeledSentence } from "./corpus.js";
import type { CorpusLists } from "./corpusLists.js";
import { createRandom, type Random } from "./random.js";
import { tokenVectors, type WordLookup } from "./wordVectors.js";

export interface TrainingOptions {
  /** Seeds the order of training sentences (the initial weights carry their own seed). */
  dataSeed: number;
  /** Sentences per Adam step. */
  batchSize: number;
  learningRate: number;
  /** Loss weight of a row with a real link, relative to 1 for a row that should rest on <s>. */
  linkWeight: number;
  /** Std of Gaussian noise added to word vectors during training (0 = none). */
  inputNoise: number;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = { dataSeed: 1, batchSize: 32, learningRate: 0.01, linkWeight: 1, inputNoise: 0 };

/** Pads sentences into tensors: words [B, T−1, wordDim], mask [B, T], targets [B, H, T]. Caller disposes. */
export function batchTensors(sentences: readonly LabeledSentence[], lookup: WordLookup, headCount: number, linkWeight = 1, noise?: { std: number; random: Random }) {
  const B = sentences.length;
  const T = Math.max(...sentences.map((s) => s.tokens.length));
  const d = lookup.dimension;
  const words = new Float32Array(B * (T - 1) * d);
  const mask = new Float32Array(B * T);
  const targets = new Int32Array(B * headCount * T);
  const rowWeights = new Float32Array(B * headCount * T);
  sentences.forEach((s, b) => {
    const vectors = tokenVectors(lookup, s.tokens);
    if (noise) for (let i = 0; i < vectors.length; i++) vectors[i] += noise.std * noise.random.normal();
    words.set(vectors, b * (T - 1) * d);
    mask.fill(1, b * T, b * T + s.tokens.length);
    s.targets.forEach((row, h) => {
      targets.set(row, (b * headCount + h) * T);
      row.forEach((j, i) => (rowWeights[(b * headCount + h) * T + i] = j === 0 ? 1 : linkWeight));
    });
  });
  return {
    words: tf.tensor3d(words, [B, T - 1, d]),
    tokenMask: tf.tensor2d(mask, [B, T]),
    targets: tf.tensor3d(targets, [B, headCount, T], "int32"),
    rowWeights: tf.tensor3d(rowWeights, [B, headCount, T]),
  };
}

/** tf registers variables by name, globally: every trainer needs its own names. */
let trainerCount = 0;

export class ModelTrainer {
  private readonly variables: { startVector: tf.Variable<tf.Rank.R1>; wq: tf.Variable<tf.Rank.R2>; wk: tf.Variable<tf.Rank.R2> };
  private readonly optimizer: tf.AdamOptimizer;
  private readonly sentences: SentenceGenerator;
  private readonly vectorCache = new Map<string, Float32Array>();
  private readonly lookup: WordLookup;
  private readonly noiseRandom: Random;
  private steps = 0;
  private isDisposed = false;

  /** Starts from `initial` (e.g. initModelWeights(config, seed)); trains on the corpus's training split only. */
  constructor(
    private readonly initial: AttentionModelWeights,
    lookup: WordLookup,
    lists: CorpusLists,
    readonly options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  ) {
    const { config } = initial;
    const width = config.wordDim + config.positionDim;
    const prefix = `attentionModel${++trainerCount}`;
    this.variables = tf.tidy(() => ({
      startVector: tf.variable(tf.tensor1d(initial.startVector), true, `${prefix}/startVector`),
      wq: tf.variable(tf.tensor2d(initial.wq, [width, config.headCount * config.headDim]), true, `${prefix}/wq`),
      wk: tf.variable(tf.tensor2d(initial.wk, [width, config.headCount * config.headDim]), true, `${prefix}/wk`),
    }));
    this.optimizer = tf.train.adam(options.learningRate);
    this.noiseRandom = createRandom(options.dataSeed + 1);
    this.sentences = new SentenceGenerator(lists, { templates: "train", words: "train" }, options.dataSeed);
    // Corpus words repeat constantly: memoise their vectors (a few hundred words).
    this.lookup = {
      dimension: lookup.dimension,
      vectorOf: (token) => {
        let v = this.vectorCache.get(token);
        if (!v) {
          v = lookup.vectorOf(token);
          if (v) this.vectorCache.set(token, v);
        }
        return v;
      },
    };
  }

  get stepCount(): number {
    return this.steps;
  }

  /** One Adam step on a fresh batch; returns the batch's mean cross-entropy before the update. */
  step(): number {
    if (this.isDisposed) throw new Error("ModelTrainer: disposed");
    const { config } = this.initial;
    const { batchSize, linkWeight, inputNoise } = this.options;
    const noise = inputNoise > 0 ? { std: inputNoise, random: this.noiseRandom } : undefined;
    const batch = batchTensors(this.sentences.batch(batchSize), this.lookup, config.headCount, linkWeight, noise);
    try {
      const params: ModelTensors = this.variables;
      const loss = tf.tidy(() => {
        const { loss, gradients } = lossAndGradients(config, params, batch, batch.targets, batch.rowWeights);
        const v = this.variables;
        this.optimizer.applyGradients({ [v.startVector.name]: gradients.startVector, [v.wq.name]: gradients.wq, [v.wk.name]: gradients.wk });
        return loss;
      });
      const value = loss.dataSync()[0];
      loss.dispose();
      this.steps++;
      return value;
    } finally {
      tf.dispose([batch.words, batch.tokenMask, batch.targets, batch.rowWeights]);
    }
  }

  /** The current weights as plain arrays (a copy: training on does not change them). */
  weights(): AttentionModelWeights {
    return {
      config: this.initial.config,
      startVector: this.variables.startVector.dataSync().slice() as Float32Array,
      wq: this.variables.wq.dataSync().slice() as Float32Array,
      wk: this.variables.wk.dataSync().slice() as Float32Array,
    };
  }

  /** Frees the variables and Adam's moment estimates; the trainer is unusable afterwards. */
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.optimizer.dispose();
    tf.dispose(Object.values(this.variables));
  }
}
