// Word vectors for the model's tokens, read from the encoder's GloVe cache through its own
// Vocabulary (same spelling rules as the party rounds), and the sentence checks the model rounds
// rely on: empty, too long, nothing known.
import { readFileSync } from "node:fs";
import { tokenize } from "../../shared/text.js";
import { DEFAULT_CACHE_PATH, decodeEncoderCache, type EncoderCacheData } from "../engine/encoderCache.js";
import { Vocabulary } from "../engine/Vocabulary.js";
import { DEFAULT_MODEL_CONFIG } from "./AttentionModel.js";
import { START_TOKEN } from "./corpus.js";

/** What the model needs from the text encoder: one vector per typed token. */
export interface WordLookup {
  readonly dimension: number;
  /** [dimension] vector for one lower-case token, undefined if the encoder does not know it. */
  vectorOf(token: string): Float32Array | undefined;
}

/**
 * The cache has no one-letter words (the GloVe build it comes from dropped them), but "a" and "I"
 * are everywhere in typed sentences; they borrow the vector of the nearest two-letter word.
 */
const ONE_LETTER_STAND_INS: Record<string, string> = { a: "an", i: "me" };

/** A lookup over decoded cache data; a token that splits into several words ("don't") gets their mean. */
export function wordLookupFromCache(data: EncoderCacheData): WordLookup {
  const vocabulary = new Vocabulary(data.words);
  const d = data.dimension;
  const row = (i: number) => data.vectors.subarray(i * d, (i + 1) * d);
  return {
    dimension: d,
    vectorOf(token) {
      const direct = vocabulary.indexOf(ONE_LETTER_STAND_INS[token] ?? token);
      if (direct >= 0) return row(direct);
      const { indices } = vocabulary.resolve(token);
      if (indices.length === 0) return undefined;
      const mean = new Float32Array(d);
      for (const i of indices) row(i).forEach((x, c) => (mean[c] += x / indices.length));
      return mean;
    },
  };
}

/** Reads the encoder cache (~40 MB, well under a second) and wraps it as a lookup. */
export function loadWordLookup(path: string = DEFAULT_CACHE_PATH): WordLookup {
  return wordLookupFromCache(decodeEncoderCache(readFileSync(path)));
}

/** The longest sentence the model rounds accept, in typed words (<s> makes the model's maxTokens). */
export const MAX_SENTENCE_WORDS = DEFAULT_MODEL_CONFIG.maxTokens - 1;

export type SentenceProblem = "empty" | "tooLong" | "noKnownWords";

/** A sentence the model cannot take, with a message meant for the instructor. */
export class SentenceError extends Error {
  constructor(
    readonly problem: SentenceProblem,
    message: string,
  ) {
    super(message);
    this.name = "SentenceError";
  }
}

export interface EmbeddedSentence {
  /** START_TOKEN then the known words, lower-case, in reading order. */
  tokens: string[];
  /** [tokens.length − 1, dimension] vectors of tokens[1…]. */
  words: Float32Array;
  /** Typed words the encoder does not know: left out of `tokens`, reported rather than hidden. */
  unknownWords: string[];
}

/** Vectors for tokens that are all known (corpus sentences): [tokens.length − 1, dimension], tokens[0] = <s>. */
export function tokenVectors(lookup: WordLookup, tokens: readonly string[]): Float32Array {
  const words = new Float32Array((tokens.length - 1) * lookup.dimension);
  for (let t = 1; t < tokens.length; t++) {
    const v = lookup.vectorOf(tokens[t]);
    if (!v) throw new Error(`model: no word vector for "${tokens[t]}"`);
    words.set(v, (t - 1) * lookup.dimension);
  }
  return words;
}

/** Tokenizes typed text (punctuation dropped, lower case) and looks every word up; throws SentenceError. */
export function embedSentence(lookup: WordLookup, text: string): EmbeddedSentence {
  const typed = tokenize(text);
  if (typed.length === 0) throw new SentenceError("empty", "The sentence has no words.");
  if (typed.length > MAX_SENTENCE_WORDS) {
    throw new SentenceError("tooLong", `The sentence has ${typed.length} words; the model takes at most ${MAX_SENTENCE_WORDS}.`);
  }
  const known = typed.filter((token) => lookup.vectorOf(token) !== undefined);
  const unknownWords = [...new Set(typed.filter((token) => !known.includes(token)))];
  if (known.length === 0) {
    throw new SentenceError("noKnownWords", `The model knows none of these words: ${unknownWords.join(", ")}.`);
  }
  const tokens = [START_TOKEN, ...known];
  return { tokens, words: tokenVectors(lookup, tokens), unknownWords };
}
