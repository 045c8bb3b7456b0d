// Turns a guest's text into one 100-d sentence vector (SIF-weighted GloVe average with the common
// component removed, unit norm), and vectors back into readable nearest words. Pure: no tf.
import { FUNCTION_WORDS } from "./functionWords.js";
import { readFileSync } from "node:fs";
import { DEFAULT_CACHE_PATH, decodeEncoderCache, type EncoderCacheData } from "./encoderCache.js";
import { harmonicNumber, removeComponent, sifWeight, zipfProbability } from "./sif.js";
import { Vocabulary } from "./Vocabulary.js";

export interface EncodedText {
  /** [dimension] unit norm, or all zeros when no word of the text is known. */
  vector: Float32Array;
  knownWords: string[];
  unknownWords: string[];
}

/** How many of the most frequent alphabetic words nearest-word answers come from: common enough to read. */
// 20k content words read well on a phone and keep a 300-guest reveal's nearest-word search
// (the costliest step of a reveal) inside the latency budget; rarer words read like typos.
export const READABLE_WORD_COUNT = 20_000;

export interface ReadableWords {
  words: string[];
  /** [words.length, dimension] row-major, unit rows with the common component removed. */
  vectors: Float32Array;
}

// Named after its job in the design, so it shadows the web-platform TextEncoder inside modules
// that import it; nothing in the engine needs that one.
export class TextEncoder {
  readonly vocabulary: Vocabulary;
  readonly dimension: number;
  /** [vocabulary size] SIF weight a/(a+p(w)) per vocabulary word. */
  readonly weights: Float32Array;
  private readonly vectors: Float32Array; // [count, d]
  private readonly commonComponent: Float32Array; // [d]
  private readableCache: ReadableWords | null = null;

  constructor(data: EncoderCacheData) {
    this.vocabulary = new Vocabulary(data.words);
    this.dimension = data.dimension;
    this.vectors = data.vectors;
    this.commonComponent = data.commonComponent;
    const harmonicN = harmonicNumber(data.sourceSize);
    this.weights = Float32Array.from(data.ranks, (rank) => sifWeight(zipfProbability(rank, harmonicN)));
  }

  static fromCache(bytes: Uint8Array): TextEncoder {
    return new TextEncoder(decodeEncoderCache(bytes));
  }

  static load(path: string = DEFAULT_CACHE_PATH): TextEncoder {
    return TextEncoder.fromCache(readFileSync(path));
  }

  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  /** SIF weight of a vocabulary word, undefined if the word is not in the vocabulary. */
  weightOf(word: string): number | undefined {
    const i = this.vocabulary.indexOf(word);
    return i >= 0 ? this.weights[i] : undefined;
  }

  /** Raw GloVe vector of a vocabulary word (a copy), undefined if unknown. */
  wordVector(word: string): Float32Array | undefined {
    const i = this.vocabulary.indexOf(word);
    return i >= 0 ? this.vectors.slice(i * this.dimension, (i + 1) * this.dimension) : undefined;
  }

  encode(text: string): EncodedText {
    const d = this.dimension;
    const resolved = this.vocabulary.resolve(text);
    const sum = new Float64Array(d); // the 1/|s| of SIF's average is dropped: unit norm follows
    for (const i of resolved.indices) {
      const w = this.weights[i];
      const base = i * d;
      for (let c = 0; c < d; c++) sum[c] += w * this.vectors[base + c];
    }
    removeComponent(sum, this.commonComponent);
    const vector = new Float32Array(d);
    const norm = Math.sqrt(sum.reduce((acc, x) => acc + x * x, 0));
    // A text of weightless words only ("I a") has a zero sum: report zeros, not NaNs.
    if (norm > 1e-9) for (let c = 0; c < d; c++) vector[c] = sum[c] / norm;
    return { vector, knownWords: resolved.knownWords, unknownWords: resolved.unknownWords };
  }

  unknownWords(text: string): string[] {
    return this.vocabulary.unknownWords(text);
  }

  /** Vocabulary words of a text as the encoder embeds them ("don't" → "do", "not"). */
  embeddedWords(text: string): string[] {
    return this.vocabulary.resolve(text).indices.map((i) => this.vocabulary.words[i]);
  }

  /**
   * The most frequent alphabetic words (≥ 2 letters), unit-normalised after removing the common
   * component — the same treatment sentence vectors get, so cosines compare like with like.
   */
  get readableWords(): ReadableWords {
    if (this.readableCache) return this.readableCache;
    const d = this.dimension;
    const words: string[] = [];
    const rows: number[] = [];
    const all = this.vocabulary.words;
    for (let i = 0; i < all.length && words.length < READABLE_WORD_COUNT; i++) {
      if (!/^\p{L}{2,}$/u.test(all[i]) || FUNCTION_WORDS.has(all[i])) continue;
      words.push(all[i]);
      rows.push(i);
    }
    const vectors = new Float32Array(words.length * d);
    rows.forEach((i, row) => {
      vectors.set(this.vectors.subarray(i * d, (i + 1) * d), row * d);
      removeComponent(vectors, this.commonComponent, row * d);
      let squares = 0;
      for (let c = 0; c < d; c++) squares += vectors[row * d + c] ** 2;
      const norm = Math.sqrt(squares) || 1;
      for (let c = 0; c < d; c++) vectors[row * d + c] /= norm;
    });
    this.readableCache = { words, vectors };
    return this.readableCache;
  }

  /**
   * The k readable words closest to vec by cosine, best first, skipping `exclude`.
   * Plain JS, ~3 ms per vector; the engine batches many vectors through tf instead.
   */
  nearestWords(vec: ArrayLike<number>, k: number, exclude: Iterable<string> = []): string[] {
    const { words, vectors } = this.readableWords;
    const d = this.dimension;
    const skip = new Set(exclude);
    let norm = 0;
    for (let c = 0; c < d; c++) norm += vec[c] * vec[c];
    if (!(norm > 1e-18) || k <= 0) return [];
    // Keep the best k in a small sorted array: k ≪ 30k, so insertion beats sorting every score.
    const best: Array<{ word: string; score: number }> = [];
    for (let row = 0; row < words.length; row++) {
      let dot = 0;
      const base = row * d;
      for (let c = 0; c < d; c++) dot += vec[c] * vectors[base + c];
      if (best.length === k && dot <= best[k - 1].score) continue;
      if (skip.has(words[row])) continue;
      let at = best.length;
      while (at > 0 && best[at - 1].score < dot) at--;
      best.splice(at, 0, { word: words[row], score: dot });
      if (best.length > k) best.pop();
    }
    return best.map((b) => b.word);
  }
}
