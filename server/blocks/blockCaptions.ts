// One-sentence captions for the blocks walk-through, written from each step's numbers (the
// strongest links, the strongest recalled facts), so the screen and the CLI say the same thing.
import { BlockStepKind, type BlocksFact, type BlocksHead, type WordAttention, type WordMeaning, type WordRecall } from "../../shared/blocks.js";

/** How a caption names each head's question, short enough for one line. */
const HEAD_PHRASES: Record<string, string> = {
  "Who did the action?": "who did it",
  "Where did it happen?": "where",
  "Positive or negative?": "how it felt",
  "Which earlier word is this about?": "who it means",
  "Which words share my topic?": "same topic",
};

export function headPhrase(head: BlocksHead): string {
  return HEAD_PHRASES[head.question] ?? head.question.replace(/\?$/, "").toLowerCase();
}

export function stepTitle(kind: BlockStepKind, block: number): string {
  if (kind === BlockStepKind.embed) return "Start · every word alone";
  return kind === BlockStepKind.attention ? `Block ${block} · the meeting room (attention)` : `Block ${block} · the archives (feed-forward)`;
}

const quoted = (word: string) => `“${word}”`;

/** `hero`: the word the caption features (the content word whose meaning moves most, chosen by the caller). */
export function embedCaption(words: readonly string[], hero: number, meanings: readonly WordMeaning[]): string {
  const near = meanings[hero]?.nearest.slice(0, 3) ?? [];
  const example = near.length ? `: ${quoted(words[hero])} alone is close to ${near.join(", ")}` : "";
  return `Before the first block every word is only its own GloVe vector${example}.`;
}

/**
 * The strongest link (weight × head gain) of the two listeners whose meaning this step moved
 * most; glue listening to glue is skipped. moved: [words] 1 − cosine between the word's vector
 * before and after the step.
 */
export function attentionCaption(
  words: readonly string[],
  heads: readonly BlocksHead[],
  attention: readonly WordAttention[],
  isGlue: readonly boolean[],
  moved: readonly number[],
): string {
  const handed = (link: { head: number; weight: number }) => link.weight * heads[link.head].gain;
  const picked = attention
    .map((a, from) => ({ from, link: a.links.filter((l) => !(isGlue[from] && isGlue[l.to])).sort((x, y) => handed(y) - handed(x))[0] }))
    .filter((c) => c.link !== undefined)
    .sort((a, b) => moved[b.from] - moved[a.from] || a.from - b.from)
    .slice(0, 2)
    .map((c) => ({ ...c.link, from: c.from }));
  if (picked.length === 0) return "Nobody finds anything to fetch: every head rests on the start token <s>, so the words keep their meaning.";
  const parts = picked.map((l) => `${quoted(words[l.from])} hears ${quoted(words[l.to])} (${headPhrase(heads[l.head])})`);
  return `Each word asks the others at once: ${parts.join(" and ")} — and adds what it heard to itself.`;
}

/**
 * The top recalled fact of the two content words whose meaning this step moved most (moved as
 * for attentionCaption); glue words only when no content word recalled anything. A fact is
 * about a thing, and "she" recalling "mother" (GloVe puts them close) says less than "bank"
 * recalling the river.
 */
export function feedForwardCaption(
  words: readonly string[],
  recalls: readonly WordRecall[],
  facts: readonly BlocksFact[],
  isGlue: readonly boolean[],
  moved: readonly number[],
): string {
  const best = recalls
    .flatMap((r, word) => r.facts.slice(0, 1).map((f) => ({ word, ...f })))
    .sort((a, b) => Number(isGlue[a.word]) - Number(isGlue[b.word]) || moved[b.word] - moved[a.word] || a.word - b.word)
    .slice(0, 2);
  if (best.length === 0) return "No fact fits any word yet: the archives hand nothing over.";
  const parts = best.map((b) => `${quoted(words[b.word])} recalls ${factLabel(facts[b.fact])}`);
  return `Each word looks itself up in the archives on its own: ${parts.join(" and ")}.`;
}

/** "bank + river → shore, water". */
export function factLabel(fact: BlocksFact): string {
  return `${fact.keys.join(" + ")} → ${fact.values.join(", ")}`;
}
