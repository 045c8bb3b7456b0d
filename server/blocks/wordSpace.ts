// The word vectors the blocks walk-through runs on: the model's GloVe lookup (raw vectors, the
// scale the trained model reads), the encoder's nearest readable words, and "meaning directions"
// (common component removed, unit length) for every cosine the walk-through takes.
import { readFileSync } from "node:fs";
import { DEFAULT_CACHE_PATH, decodeEncoderCache, type EncoderCacheData } from "../engine/encoderCache.js";
import { FUNCTION_WORDS } from "../engine/functionWords.js";
import { TextEncoder } from "../engine/TextEncoder.js";
import { wordLookupFromCache, type WordLookup } from "../model/wordVectors.js";

export interface BlocksWordSpace {
  /** Raw GloVe vectors with the model's spelling rules (what attendSentence embeds). */
  readonly lookup: WordLookup;
  /** [dimension] the SIF common component: a direction every GloVe vector shares, noise for meaning. */
  readonly commonComponent: Float32Array;
  /** The k readable words nearest to a vector by cosine, best first, skipping `exclude` (TextEncoder.nearestWords). */
  nearestWords(vector: ArrayLike<number>, k: number, exclude?: Iterable<string>): string[];
}

/** One decoded cache serves both halves, so the words and vectors always agree. */
export function blocksWordSpaceFromCache(data: EncoderCacheData): BlocksWordSpace {
  const encoder = new TextEncoder(data);
  return {
    lookup: wordLookupFromCache(data),
    commonComponent: data.commonComponent,
    nearestWords: (vector, k, exclude) => encoder.nearestWords(vector, k, exclude),
  };
}

/** Reads the encoder cache (~40 MB, well under a second). */
export function loadBlocksWordSpace(path: string = DEFAULT_CACHE_PATH): BlocksWordSpace {
  return blocksWordSpaceFromCache(decodeEncoderCache(readFileSync(path)));
}

/**
 * [d] unit vector of `v` with the common component removed. Raw GloVe vectors all lean the same
 * way (every pair of words has a cosine of ~0.2 from that alone); without it, cosines measure
 * meaning — the same treatment the encoder gives sentence vectors and nearest-word candidates.
 * A zero vector stays zero.
 */
export function meaningDirection(v: ArrayLike<number>, common: Float32Array): Float64Array {
  const d = common.length;
  const out = new Float64Array(d);
  let along = 0;
  for (let c = 0; c < d; c++) along += v[c] * common[c];
  let squares = 0;
  for (let c = 0; c < d; c++) {
    out[c] = v[c] - along * common[c];
    squares += out[c] * out[c];
  }
  const norm = Math.sqrt(squares);
  if (norm > 1e-12) for (let c = 0; c < d; c++) out[c] /= norm;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let c = 0; c < a.length; c++) sum += a[c] * b[c];
  return sum;
}

export function norm(v: ArrayLike<number>): number {
  return Math.sqrt(dot(v, v));
}

/** Glue words ("the", "of", "it") by the engine's own list; "a"/"i" are glue the list spells out too. */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}

/**
 * The word's own spellings among nearest words ("bank" → "banks", "banking") say nothing about
 * where its meaning went, so they are left out: same word, or one a prefix of the other (3+ letters).
 */
export function isInflectionOf(candidate: string, word: string): boolean {
  if (candidate === word) return true;
  if (word.length < 3 || candidate.length < 3) return false;
  return candidate.startsWith(word) || word.startsWith(candidate);
}

/** Nearest readable words of `vector`, k of them, without `word` and its inflections. */
export function nearestMeaning(space: BlocksWordSpace, vector: ArrayLike<number>, word: string, k: number): string[] {
  // Inflections are few; 12 spare candidates cover "bank" → banks, banking, banker, bankers…
  return space
    .nearestWords(vector, k + 12, [word])
    .filter((candidate) => !isInflectionOf(candidate, word))
    .slice(0, k);
}
