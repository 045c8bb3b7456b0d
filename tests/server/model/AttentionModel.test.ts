import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { initComputeBackend, useComputeBackend } from "../../../server/engine/computeBackend.js";
import {
  DEFAULT_MODEL_CONFIG,
  forwardLogits,
  initModelWeights,
  lossAndGradients,
  referenceForward,
  referenceLoss,
  tfForward,
  toModelTensors,
  type AttentionModelConfig,
  type AttentionModelWeights,
} from "../../../server/model/AttentionModel.js";
import { createRandom } from "../../../server/model/random.js";

/** Fixed weights with some spread (an untrained init is too uniform to test softmax with). */
function fixedWeights(config: AttentionModelConfig, seed: number, gain = 3): AttentionModelWeights {
  const weights = initModelWeights({ ...config, initGain: gain }, seed);
  const random = createRandom(seed + 1);
  weights.startVector.forEach((_, i) => (weights.startVector[i] = random.normal() * 0.5));
  return weights;
}

/** [n − 1, wordDim] word vectors like GloVe's in scale (components ≈ ±0.5). */
function fixedWords(n: number, wordDim: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: (n - 1) * wordDim }, () => random.normal() * 0.5);
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

beforeAll(async () => {
  await initComputeBackend("wasm");
});

describe("the untrained model", () => {
  it("is the same for the same seed and different for another", () => {
    const a = initModelWeights(DEFAULT_MODEL_CONFIG, 7);
    expect(initModelWeights(DEFAULT_MODEL_CONFIG, 7).wq).toEqual(a.wq);
    expect(initModelWeights(DEFAULT_MODEL_CONFIG, 8).wq).not.toEqual(a.wq);
  });

  it("attends almost uniformly (random attention, not sharp random picks)", () => {
    const n = 12;
    const attention = referenceForward(initModelWeights(DEFAULT_MODEL_CONFIG, 1001), fixedWords(n, 100, 3));
    expect(Math.max(...attention)).toBeLessThan(3 / n);
  });
});

describe.each(["wasm", "cpu"] as const)("tf forward vs the reference on %s", (backend) => {
  beforeAll(async () => {
    await useComputeBackend(backend);
  });

  it.each([2, 5, 13, 61])("agrees within 1e-4 for a sentence of %i tokens", (n) => {
    const weights = fixedWeights(DEFAULT_MODEL_CONFIG, n);
    const words = fixedWords(n, 100, n + 100);
    const want = referenceForward(weights, words);
    const got = tfForward(weights, words);
    expect(maxDifference(got, want)).toBeLessThan(1e-4);
    // Sharp enough that the comparison means something: some rows put most weight on one token.
    expect(Math.max(...want)).toBeGreaterThan(0.5);
  });

  it("gives each sentence of a padded batch the attention it gets alone", () => {
    const weights = fixedWeights(DEFAULT_MODEL_CONFIG, 5);
    const lengths = [4, 9, 6];
    const T = Math.max(...lengths);
    const sentences = lengths.map((n, b) => fixedWords(n, 100, 40 + b));
    const padded = new Float32Array(lengths.length * (T - 1) * 100);
    const mask = new Float32Array(lengths.length * T);
    sentences.forEach((w, b) => {
      padded.set(w, b * (T - 1) * 100);
      mask.fill(1, b * T, b * T + lengths[b]);
    });
    const batched = tf.tidy(() => {
      const batch = { words: tf.tensor3d(padded, [lengths.length, T - 1, 100]), tokenMask: tf.tensor2d(mask, [lengths.length, T]) };
      return tf.softmax(forwardLogits(weights.config, toModelTensors(weights), batch));
    });
    const all = batched.dataSync();
    batched.dispose();
    const H = weights.config.headCount;
    sentences.forEach((words, b) => {
      const n = lengths[b];
      const alone = referenceForward(weights, words);
      for (let h = 0; h < H; h++) {
        for (let i = 0; i < n; i++) {
          const row = all.subarray(((b * H + h) * T + i) * T, ((b * H + h) * T + i) * T + T);
          expect(maxDifference(row.subarray(0, n), alone.subarray((h * n + i) * n, (h * n + i + 1) * n))).toBeLessThan(1e-4);
          expect(maxDifference(row.subarray(n), new Float32Array(T - n))).toBeLessThan(1e-6); // padding gets nothing
        }
      }
    });
  });
});

describe("the hand-written backward pass", () => {
  // Small enough for finite differences in float64 on the reference.
  const config: AttentionModelConfig = { ...DEFAULT_MODEL_CONFIG, wordDim: 6, positionDim: 4, headDim: 3, maxTokens: 8 };
  const n = 5;
  const weights = fixedWeights(config, 21, 1.5);
  const words = fixedWords(n, config.wordDim, 22);
  const targets = [
    [0, 2, 0, 1, 0],
    [0, 0, 4, 4, 0],
    [0, 0, 0, 0, 3],
    [0, 0, 0, 2, 1],
  ];

  it("matches finite differences of the reference loss", () => {
    const [loss, ...gradients] = tf.tidy(() => {
      const batch = { words: tf.tensor3d(words, [1, n - 1, config.wordDim]), tokenMask: tf.ones([1, n]) as tf.Tensor2D };
      const result = lossAndGradients(config, toModelTensors(weights), batch, tf.tensor3d(targets.flat(), [1, 4, n], "int32"), tf.ones([1, 4, n]) as tf.Tensor3D);
      return [result.loss, result.gradients.startVector, result.gradients.wq, result.gradients.wk];
    });
    const grads = { startVector: gradients[0], wq: gradients[1], wk: gradients[2] };
    expect(loss.dataSync()[0]).toBeCloseTo(referenceLoss(weights, words, targets), 5);
    const epsilon = 1e-3;
    for (const name of ["startVector", "wq", "wk"] as const) {
      const analytic = grads[name].dataSync();
      for (const index of [0, 3, 5, 11, 40, analytic.length - 1].filter((i) => i < analytic.length)) {
        const shifted = (delta: number) => {
          const copy = { ...weights, [name]: Float32Array.from(weights[name]) };
          copy[name][index] += delta;
          return referenceLoss(copy, words, targets);
        };
        const numeric = (shifted(epsilon) - shifted(-epsilon)) / (2 * epsilon);
        expect(Math.abs(analytic[index] - numeric), `${name}[${index}]`).toBeLessThan(2e-3 + 2e-2 * Math.abs(numeric));
      }
    }
    tf.dispose([loss, ...gradients]);
  });
});
