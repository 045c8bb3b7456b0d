// Lines the instructor's sentence up with the model's tokens, so the phone can show the sentence
// as it was typed (capitals, punctuation) while marking words by token index: the asked word, the
// student's pick, and words the model does not know (left out of the tokens by the server).
import { WORD_PATTERN } from "../../shared/text.js";

export interface SentenceSegment {
  text: string;
  /** Index into tokens ("<s>" is 0, so words start at 1); null for spaces, punctuation and unknown words. */
  tokenIndex: number | null;
  /** A word the model has no vector for (the server dropped it from the tokens). */
  isUnknown: boolean;
}

/** The token a typed word becomes (as shared/text.ts tokenize does it). */
function asToken(word: string): string {
  return word.toLowerCase().normalize("NFC").replace("’", "'");
}

/**
 * Splits `sentence` into words and the text between them, each word tied to its token. When the
 * typed text and the tokens do not line up (they always should), falls back to the tokens alone,
 * one word each, so the question is still readable.
 */
export function sentenceSegments(sentence: string, tokens: readonly string[]): SentenceSegment[] {
  const segments: SentenceSegment[] = [];
  const pattern = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);
  let next = tokens[0] === "<s>" ? 1 : 0;
  let at = 0;
  for (const match of sentence.matchAll(pattern)) {
    const start = match.index;
    if (start > at) segments.push({ text: sentence.slice(at, start), tokenIndex: null, isUnknown: false });
    const isToken = next < tokens.length && tokens[next] === asToken(match[0]);
    segments.push({ text: match[0], tokenIndex: isToken ? next : null, isUnknown: !isToken });
    if (isToken) next += 1;
    at = start + match[0].length;
  }
  if (at < sentence.length) segments.push({ text: sentence.slice(at), tokenIndex: null, isUnknown: false });
  if (next === tokens.length) return segments;
  // Out of step: show the model's words as they are.
  const words: SentenceSegment[] = [];
  tokens.forEach((token, i) => {
    if (token === "<s>") return;
    if (words.length > 0) words.push({ text: " ", tokenIndex: null, isUnknown: false });
    words.push({ text: token, tokenIndex: i, isUnknown: false });
  });
  return words;
}
