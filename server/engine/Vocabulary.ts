// Maps what a person typed onto the encoder's vocabulary: GloVe's spelling conventions
// (clitics, no accents, no digits or one-letter words) and the "unknown words" report. Holds
// only words, so the main thread can run it for instant feedback without the vectors.
import { tokenize } from "../../shared/text.js";

export interface ResolvedText {
  /** Vocabulary indices to embed, in reading order (a typed token may give 0–2 of them). */
  indices: number[];
  /** Typed tokens the encoder understood (deduplicated, in order). */
  knownWords: string[];
  /** Typed tokens it did not: shown to the student, never silently dropped (deduplicated). */
  unknownWords: string[];
}

/**
 * GloVe's tokenizer splits "don't" into "do" + "n't" and "it's" into "it" + "'s", but the wink
 * build of it dropped those clitic tokens. When a clitic is missing from the vocabulary it is
 * replaced by the word it stands for; "'s" (is / has / possessive) has no single reading and is
 * a near-zero-weight function word under SIF anyway, so it is skipped rather than reported.
 */
const CLITIC_EXPANSIONS: Record<string, string | null> = {
  "n't": "not",
  "'re": "are",
  "'ll": "will",
  "'ve": "have",
  "'m": "am",
  "'d": "would",
  "'s": null,
};

/** Stems GloVe spells oddly before "n't" ("ca" + "n't") versus the English word before "not". */
const NEGATION_STEMS: Record<string, { glove: string; english: string }> = {
  "can't": { glove: "ca", english: "can" },
  "won't": { glove: "wo", english: "will" },
  "shan't": { glove: "sha", english: "shall" },
};

/**
 * The wink vocabulary has no one-character tokens at all. "a" and "i" are the English words among
 * them; as the most frequent words of the language their SIF weight would be ≈ 0.02, so they are
 * accepted as known and contribute nothing, instead of being reported on nearly every text.
 */
const WEIGHTLESS_WORDS = new Set(["a", "i"]);

/** Digits are missing too; small numbers are spelled out ("2 cats" → "two cats"). */
const NUMBER_WORDS: Record<string, string> = Object.fromEntries(
  [
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    "fifteen sixteen seventeen eighteen nineteen twenty",
  ]
    .join(" ")
    .split(" ")
    .map((word, n) => [String(n), word]),
);
Object.assign(NUMBER_WORDS, { "30": "thirty", "40": "forty", "50": "fifty", "100": "hundred", "1000": "thousand" });

export class Vocabulary {
  private readonly indexOfWord: Map<string, number>;

  constructor(readonly words: readonly string[]) {
    this.indexOfWord = new Map(words.map((word, i) => [word, i]));
  }

  get size(): number {
    return this.words.length;
  }

  /** Index of an exact vocabulary word, or -1. */
  indexOf(word: string): number {
    return this.indexOfWord.get(word) ?? -1;
  }

  /** Tokenizes text and maps every token; the one place the spelling conventions live. */
  resolve(text: string): ResolvedText {
    const indices: number[] = [];
    const known = new Set<string>();
    const unknown = new Set<string>();
    for (const token of tokenize(text)) {
      const parts = this.resolveToken(token);
      if (parts === null) {
        unknown.add(token);
        continue;
      }
      known.add(token);
      indices.push(...parts);
    }
    return { indices, knownWords: [...known], unknownWords: [...unknown] };
  }

  /** Fast path for drafts: only the tokens that would be reported. */
  unknownWords(text: string): string[] {
    const unknown = new Set<string>();
    for (const token of tokenize(text)) if (this.resolveToken(token) === null) unknown.add(token);
    return [...unknown];
  }

  /** Vocabulary indices for one lower-case token, [] for a known weightless word, null if unknown. */
  private resolveToken(token: string): number[] | null {
    const direct = this.lookupSpelling(token);
    if (direct !== null) return direct;
    if (WEIGHTLESS_WORDS.has(token)) return [];
    const apostrophe = token.indexOf("'");
    if (apostrophe > 0) return this.resolveApostrophe(token, apostrophe);
    return null;
  }

  /** The token itself, its accent-free spelling ("café" → "cafe") or a spelled-out number. */
  private lookupSpelling(token: string): number[] | null {
    const candidates = [token, token.normalize("NFD").replace(/\p{M}/gu, ""), NUMBER_WORDS[token]];
    for (const candidate of candidates) {
      if (candidate === undefined) continue;
      const i = this.indexOf(candidate);
      if (i >= 0) return [i];
    }
    return null;
  }

  private resolveApostrophe(token: string, apostrophe: number): number[] | null {
    const isNegation = token.endsWith("n't");
    const clitic = isNegation ? "n't" : token.slice(apostrophe);
    if (clitic in CLITIC_EXPANSIONS) {
      const hasGloveClitic = this.indexOf(clitic) >= 0;
      const special = NEGATION_STEMS[token];
      const stem = special ? (hasGloveClitic ? special.glove : special.english) : token.slice(0, token.length - clitic.length);
      const stemIndices = this.resolveToken(stem);
      if (stemIndices === null) return null;
      if (hasGloveClitic) return [...stemIndices, this.indexOf(clitic)];
      const expansion = CLITIC_EXPANSIONS[clitic];
      const expansionIndex = expansion === null ? -1 : this.indexOf(expansion);
      return expansionIndex >= 0 ? [...stemIndices, expansionIndex] : stemIndices;
    }
    // Names and loans ("o'neil", "l'amour"): the joined spelling, else the parts with the
    // one-letter elisions dropped; unknown if a longer part is unknown.
    const joined = this.lookupSpelling(token.replace("'", ""));
    if (joined !== null) return joined;
    const parts = token.split("'").filter((part) => part.length > 1);
    const resolved = parts.map((part) => this.lookupSpelling(part));
    return parts.length > 0 && resolved.every((r) => r !== null) ? resolved.flatMap((r) => r ?? []) : null;
  }
}
