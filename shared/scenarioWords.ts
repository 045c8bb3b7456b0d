// How a scenario names the words of its sentence. Words are the tokens the model sees (lower case,
// punctuation dropped); authors write "cat" for a word that occurs once and "the#2" for the second
// "the", and everything downstream works with positions (0-based, in reading order).
import { tokenize } from "./text.js";

/** The sentence's words exactly as the encoder and the trained model tokenize it. */
export function sentenceWords(sentence: string): string[] {
  return tokenize(sentence);
}

/** 0-based positions at which `word` occurs. */
export function positionsOf(words: readonly string[], word: string): number[] {
  return words.flatMap((w, i) => (w === word ? [i] : []));
}

/** "the#2" → { word: "the", occurrence: 2 }; "cat" → { word: "cat", occurrence: null }. */
export function splitWordRef(ref: string): { word: string; occurrence: number | null } {
  const match = /^(.*)#(\d+)$/.exec(ref.trim());
  const word = (match ? match[1] : ref).trim().toLowerCase().replace("’", "'");
  return { word, occurrence: match ? Number(match[2]) : null };
}

/** The readable name of the word at `position`: its text, with "#n" only when the word repeats. */
export function wordRefOf(words: readonly string[], position: number): string {
  const word = words[position];
  const positions = positionsOf(words, word);
  return positions.length === 1 ? word : `${word}#${positions.indexOf(position) + 1}`;
}

export type WordRefResolution = { position: number; error?: undefined } | { position?: undefined; error: string };

/**
 * One word of the sentence from its readable name. Errors say which word and why, and list the
 * sentence's words, so an author can fix a typo without counting.
 */
export function resolveWordRef(words: readonly string[], ref: string): WordRefResolution {
  const { word, occurrence } = splitWordRef(ref);
  const positions = positionsOf(words, word);
  if (positions.length === 0) {
    return { error: `"${ref}" is not a word of the sentence (its words: ${words.join(", ")})` };
  }
  if (occurrence === null) {
    if (positions.length === 1) return { position: positions[0] };
    const choices = positions.map((_, k) => `"${word}#${k + 1}"`).join(" or ");
    return { error: `"${word}" occurs ${positions.length} times in the sentence; write ${choices}` };
  }
  if (occurrence < 1 || occurrence > positions.length) {
    const times = positions.length === 1 ? "once" : `${positions.length} times`;
    return { error: `"${ref}": "${word}" occurs only ${times} in the sentence` };
  }
  return { position: positions[occurrence - 1] };
}
