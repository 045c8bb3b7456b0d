// Batched "nearest readable words" on tf: one [N, d] × [d, 20k] product and an exact two-step
// top-k, instead of N separate 20k-word scans in JS (~3 ms each, 1 s for 300 guests).
import * as tf from "@tensorflow/tfjs-core";
import type { ReadableWords } from "./TextEncoder.js";

/** Rows scored per call: bounds the [rows, words] score matrix (256 × 20k floats = 20 MB) when many rooms reveal at once. */
const CHUNK_ROWS = 256;

export class TfNearestWords {
  /** [d, words] unit word vectors as columns, kept on the backend for the worker's lifetime (one tensor). */
  private readonly wordColumns: tf.Tensor2D;
  private readonly words: string[];
  private readonly dimension: number;
  /** Words per block of the two-step search; divides the word count. */
  private readonly blockSize: number;

  constructor(readable: ReadableWords, dimension: number) {
    this.words = readable.words;
    this.dimension = dimension;
    this.blockSize = blockSizeFor(readable.words.length);
    // Stored pre-transposed: a plain matMul is much faster than transposeB on wasm.
    this.wordColumns = tf.tidy(() => tf.transpose(tf.tensor2d(readable.vectors, [readable.words.length, dimension])));
  }

  /**
   * vectors: [n, d] row-major. For each row, the k words of highest cosine, best first, minus that
   * row's `exclude` set. `k` is one count for every row or one per row (rows of several rooms). A
   * zero row (a guest who heard nothing) gets [].
   */
  async nearest(
    vectors: Float32Array,
    n: number,
    k: number | readonly number[],
    exclude: ReadonlyArray<ReadonlySet<string>> = [],
  ): Promise<string[][]> {
    const counts = typeof k === "number" ? new Array<number>(n).fill(k) : k;
    const result: string[][] = [];
    for (let from = 0; from < n; from += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, n - from);
      const picked = await this.nearestChunk(
        vectors.subarray(from * this.dimension, (from + rows) * this.dimension),
        rows,
        counts.slice(from, from + rows),
        exclude.slice(from, from + rows),
      );
      result.push(...picked);
    }
    return result;
  }

  private async nearestChunk(vectors: Float32Array, n: number, counts: readonly number[], exclude: ReadonlyArray<ReadonlySet<string>>): Promise<string[][]> {
    const d = this.dimension;
    const most = Math.max(0, ...counts);
    if (most <= 0) return Array.from({ length: n }, () => []);
    // Enough candidates that k survive even if every excluded word ranks near the top.
    const extra = Math.max(0, ...exclude.map((s) => s.size));
    const wanted = Math.min(this.words.length, most + extra);
    const candidates = await this.topCandidates(vectors, n, wanted);
    const result: string[][] = [];
    for (let row = 0; row < n; row++) {
      let squares = 0;
      for (let c = 0; c < d; c++) squares += vectors[row * d + c] ** 2;
      const skip = exclude[row];
      const ranked = squares > 1e-18 ? candidates.rankRow(row, counts[row] + (skip?.size ?? 0)) : [];
      result.push(ranked.map((i) => this.words[i]).filter((word) => !skip?.has(word)).slice(0, counts[row]));
    }
    return result;
  }

  /**
   * Each row's `wanted` best word indices, exactly, without a top-k over all [n, words] scores
   * (the costliest op after the product on wasm): the words are cut into blocks, a max per block
   * is cheap, and a row's `wanted` best words all lie in its `wanted` best blocks — a block
   * holding one of them has a max at least that word's score, and any other block's max is
   * lower. So only those blocks' scores ([n, wanted, block]) are read back and ranked in JS.
   */
  private async topCandidates(vectors: Float32Array, n: number, wanted: number): Promise<CandidateScores> {
    const d = this.dimension;
    const block = this.blockSize;
    const blocks = this.words.length / block;
    const picked = Math.min(blocks, wanted);
    const [blockIndices, scores] = tf.tidy(() => {
      // Row norms do not change the ranking within a row, so raw dot products suffice.
      const all = tf.reshape(tf.matMul(tf.tensor2d(vectors, [n, d]), this.wordColumns), [n * blocks, block]); // [n·blocks, block]
      const best = tf.topk(tf.reshape(tf.max(all, 1), [n, blocks]), picked, true).indices; // [n, picked]
      // Row r's blocks are rows r·blocks… of `all`. (A plain gather: wasm's gather with batchDims
      // reads out of bounds in tfjs 4.22.)
      const rowStarts = tf.reshape(tf.mul(tf.range(0, n, 1, "int32"), tf.scalar(blocks, "int32")), [n, 1]);
      const flat = tf.reshape(tf.add(best, rowStarts), [n * picked]);
      return [best, tf.gather(all, flat, 0)]; // [n·picked, block]
    });
    try {
      const [indices, values] = (await Promise.all([blockIndices.data(), scores.data()])) as [Int32Array, Float32Array];
      return new CandidateScores(indices, values, picked, block);
    } finally {
      blockIndices.dispose();
      scores.dispose();
    }
  }

  dispose(): void {
    this.wordColumns.dispose();
  }
}

/**
 * Words per block: a divisor of the word count near √words, so both the per-block max and the
 * read-back stay small (20 000 words → 125). A prime count falls back to one block per word,
 * which is a plain top-k.
 */
export function blockSizeFor(words: number): number {
  let best = 1;
  for (let size = 1; size * size <= words; size++) if (words % size === 0) best = size;
  return best;
}

/** The scores of each row's best blocks, and the word index each stands for. */
class CandidateScores {
  constructor(
    private readonly blockIndices: Int32Array, // [n, picked]
    private readonly scores: Float32Array, // [n·picked, block]
    private readonly picked: number,
    private readonly block: number,
  ) {}

  /** Word indices of the row's `count` best scores, best first (ties: lower index first). */
  rankRow(row: number, count: number): number[] {
    const best: Array<{ word: number; score: number }> = [];
    for (let p = 0; p < this.picked; p++) {
      const base = (row * this.picked + p) * this.block;
      const firstWord = this.blockIndices[row * this.picked + p] * this.block;
      for (let offset = 0; offset < this.block; offset++) {
        const score = this.scores[base + offset];
        if (best.length === count && score <= best[count - 1].score) continue;
        const word = firstWord + offset;
        let at = best.length;
        while (at > 0 && (best[at - 1].score < score || (best[at - 1].score === score && best[at - 1].word > word))) at--;
        best.splice(at, 0, { word, score });
        if (best.length > count) best.pop();
      }
    }
    return best.map((b) => b.word);
  }
}
