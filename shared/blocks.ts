// The blocks walk-through as the server computes it and the projector shows it (DESIGN.md
// teaching point 4): a sentence through three transformer blocks, each a "meeting room"
// (attention) then the "archives" (feed-forward fact memory). Plain JSON, no classes.

/** What one step of the walk-through did to the words. */
export const BlockStepKind = {
  /** Every word is its own GloVe vector: the meaning it has alone, before any block. */
  embed: "embed",
  /** The meeting room: words fetch each other's vectors with the attention heads. */
  attention: "attention",
  /** The archives: each word looks its current vector up in a key–value memory of facts. */
  feedForward: "feedForward",
} as const;
export type BlockStepKind = (typeof BlockStepKind)[keyof typeof BlockStepKind];

/** One attention head of the meeting room. */
export interface BlocksHead {
  /** The head's question, as the screen labels it. */
  question: string;
  /** True for the checkpoint's trained heads; false for the plain word-similarity head. */
  isTrained: boolean;
  /** Share of each heard vector this head adds to the listening word (0–1). */
  gain: number;
}

/** One fact of the archives, in words ("bank + river → shore, bank, water"). */
export interface BlocksFact {
  /** Stable id from the facts file ("bank-river"). */
  id: string;
  /** Words whose average vector is the fact's key. */
  keys: string[];
  /** Words whose average vector the fact hands over. */
  values: string[];
}

/** A word's meaning after a step: its nearest vocabulary words and how far it has moved. */
export interface WordMeaning {
  /** Nearest readable words of the current vector by cosine, best first (the word itself, its inflections and glue words left out). */
  nearest: string[];
  /** Cosine between the current vector and the word's own GloVe vector: 1 = unchanged. */
  similarityToStart: number;
}

/** An attention link of one word at one attention step. */
export interface AttentionLink {
  /** Index into `words` of the word listened to. */
  to: number;
  /** Index into `heads`. */
  head: number;
  /** That head's attention weight on `to`, 0–1. */
  weight: number;
}

/** What one word did in the meeting room. */
export interface WordAttention {
  /** Strongest links over all heads, best first (weight ≥ the payload's minLinkWeight). */
  links: AttentionLink[];
  /** Mean over heads of the weight on the start token <s>: the share of "nothing to fetch". */
  sink: number;
}

/** One fact a word recalled in the archives. */
export interface FactRecall {
  /** Index into the payload's `facts`. */
  fact: number;
  /** Softmax weight of that fact for this word, 0–1. */
  weight: number;
}

/** What one word did in the archives. */
export interface WordRecall {
  /** Strongest facts, best first (weight ≥ the payload's minFactWeight). */
  facts: FactRecall[];
  /** Weight on the empty drawer (no fact fits): the softmax over all facts plus this sums to 1. */
  none: number;
}

export interface BlockStep {
  kind: BlockStepKind;
  /** 1-based block number; 0 for the embed step. */
  block: number;
  /** Short title: "Block 1 · the meeting room (attention)". */
  title: string;
  /** One sentence for the screen saying what happened, computed from this step's numbers. */
  caption: string;
  /** [words.length] every word's meaning after this step. */
  meanings: WordMeaning[];
  /** [words.length] attention steps only. */
  attention?: WordAttention[];
  /** [words.length] feed-forward steps only. */
  recalls?: WordRecall[];
}

export interface BlocksPayload {
  /** The sentence as typed. */
  sentence: string;
  /** Known words in reading order, lower case (the start token <s> is not listed). */
  words: string[];
  /** [words.length] glue words ("the", "of"): the screen shows them smaller. */
  isFunctionWord: boolean[];
  /** Typed words the encoder does not know: left out of `words`, reported rather than hidden. */
  unknownWords: string[];
  heads: BlocksHead[];
  /** The facts that some word recalled (indices in recalls point here), in memory order. */
  facts: BlocksFact[];
  /** Facts in the whole memory (the screen says "1 of 90 facts"). */
  factCount: number;
  /** embed, then attention and feedForward for each block: 1 + 2·blockCount steps. */
  steps: BlockStep[];
  /** The thresholds links and recalls were cut at, so a reader knows what is left out. */
  minLinkWeight: number;
  minFactWeight: number;
}

/** The walk-through's step list for n blocks, for a screen that wants to label its stepper before a payload arrives. */
export function blockStepKinds(blockCount: number): Array<{ kind: BlockStepKind; block: number }> {
  const steps: Array<{ kind: BlockStepKind; block: number }> = [{ kind: BlockStepKind.embed, block: 0 }];
  for (let b = 1; b <= blockCount; b++) steps.push({ kind: BlockStepKind.attention, block: b }, { kind: BlockStepKind.feedForward, block: b });
  return steps;
}
