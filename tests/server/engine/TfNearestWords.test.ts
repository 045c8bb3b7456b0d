// The tf nearest-word search (block maxima, then only the best blocks ranked) must give exactly
// the words of the plain JS scan over every readable word.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import { initComputeBackend } from "../../../server/engine/computeBackend.js";
import { TextEncoder } from "../../../server/engine/TextEncoder.js";
import { blockSizeFor, TfNearestWords } from "../../../server/engine/TfNearestWords.js";

let encoder: TextEncoder;
let nearest: TfNearestWords;
beforeAll(async () => {
  await initComputeBackend("wasm");
  encoder = TextEncoder.load();
  nearest = new TfNearestWords(encoder.readableWords, encoder.dimension);
});
afterAll(() => nearest?.dispose());

/** Mixes of two or three encoded texts, like attention outputs (weights · values). */
function outputs(count: number): Float32Array {
  const texts = ["I bake chocolate cake", "my truck moves furniture", "I work at the hospital", "I know every trail and river", "I fix pipes and taps", "music and dancing all night"];
  const d = encoder.dimension;
  const vectors = texts.map((t) => encoder.encode(t).vector);
  const out = new Float32Array(count * d);
  for (let row = 0; row < count; row++) {
    const a = vectors[row % vectors.length];
    const b = vectors[(row * 7 + 1) % vectors.length];
    const w = (row % 10) / 10;
    for (let c = 0; c < d; c++) out[row * d + c] = 10 * (w * a[c] + (1 - w) * b[c]);
  }
  return out;
}

describe("TfNearestWords", () => {
  it("picks a block size that divides the word count", () => {
    expect(blockSizeFor(20_000)).toBe(125);
    expect(blockSizeFor(97)).toBe(1);
    expect(20_000 % blockSizeFor(encoder.readableWords.words.length)).toBe(0);
  });

  it("finds the same words as the plain scan, across chunks, with per-row counts and exclusions", async () => {
    const n = 300; // more than one chunk of rows
    const d = encoder.dimension;
    const vectors = outputs(n);
    const counts = Array.from({ length: n }, (_, i) => [6, 1, 12][i % 3]);
    const exclude = Array.from({ length: n }, (_, i) => new Set(i % 2 ? ["cake", "bakery", "truck"] : []));
    const got = await nearest.nearest(vectors, n, counts, exclude);
    for (let row = 0; row < n; row++) {
      const want = encoder.nearestWords(vectors.subarray(row * d, (row + 1) * d), counts[row], exclude[row]);
      expect(got[row]).toEqual(want);
    }
  });

  it("gives a zero row no words and leaks no tensors", async () => {
    const before = tf.memory().numTensors;
    const zero = new Float32Array(encoder.dimension * 2);
    zero.set(outputs(1));
    const got = await nearest.nearest(zero, 2, 4);
    expect(got[0]).toHaveLength(4);
    expect(got[1]).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
