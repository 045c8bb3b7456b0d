// The blocks walk-through (DESIGN.md teaching point 4): a sentence through three transformer
// blocks on real vectors — the meeting room (the trained model's attention) then the archives (a
// fact memory) in each — with every word's meaning read out after every step. A pure function of
// (word space, model weights, facts, sentence) returning the plain BlocksPayload of shared/blocks.ts.
import { BlockStepKind, type BlockStep, type BlocksPayload, type WordAttention, type WordMeaning, type WordRecall } from "../../shared/blocks.js";
import { DEFAULT_CHECKPOINT_PATH, loadCheckpoint } from "../model/checkpoint.js";
import type { AttentionModelWeights } from "../model/AttentionModel.js";
import { embedSentence } from "../model/wordVectors.js";
import { attentionCaption, embedCaption, feedForwardCaption, stepTitle } from "./blockCaptions.js";
import { DEFAULT_FACTS_DIR, buildFactMemory, loadFactFiles, lookUpFacts, type FactLookupSettings, type FactMemory } from "./factMemory.js";
import { meetRoom, meetingRoomHeads, type TopicHeadSettings } from "./meetingRoom.js";
import { dot, isFunctionWord, loadBlocksWordSpace, meaningDirection, nearestMeaning, norm, type BlocksWordSpace } from "./wordSpace.js";

export interface BlocksConfig {
  /** Blocks in the walk-through; three show "deepening" without the screen turning into a film. */
  blockCount: number;
  topicHead: TopicHeadSettings;
  facts: FactLookupSettings;
  /**
   * Share of a heard word's vector each *trained* head hands over. The model has no output
   * projection to say how heads combine; 0.5 lets a pronoun that finds its antecedent in block 1
   * ("she" → "queen") mean mostly the antecedent by block 3, while a verb that hears its subject
   * and its place stays a verb (at 1 it became its subject after one block; at 0.25 "she" still
   * meant "mother, daughter" after three — measured on the README's sentences).
   */
  attentionGain: number;
  /**
   * Share of the recalled value added to the word: 0.5 moves "bank" most of the way to "river,
   * shore" in three blocks without the fact's words pushing out the word's own (at 1 the recall
   * wiped out what the sentence said, and every word near a popular fact became that fact).
   */
  factGain: number;
  /** Nearest words shown per word and step: four fit under a word on the projector. */
  nearestCount: number;
  /** Links under this weight are left out of the payload (the sums still use every weight). */
  minLinkWeight: number;
  maxLinksPerWord: number;
  /** Recalled facts under this weight are left out of the payload. */
  minFactWeight: number;
  maxFactsPerWord: number;
}

export const DEFAULT_BLOCKS_CONFIG: BlocksConfig = {
  blockCount: 3,
  // The topic head hands over half what a trained head does: it is a similarity guess, not a
  // learned link, and at 0.5 it pulled words of one sentence into one meaning by block 3.
  topicHead: { isEnabled: true, temperature: 0.05, sinkCosine: 0.1, gain: 0.25 },
  // Empty drawer at cosine 0.55: a word alone scores ~0.6–1 with its own facts and < 0.5 with
  // others, so glue words and unrelated words mostly take nothing.
  facts: { temperature: 0.05, noneCosine: 0.55 },
  attentionGain: 0.5,
  factGain: 0.5,
  nearestCount: 4,
  minLinkWeight: 0.1,
  maxLinksPerWord: 3,
  minFactWeight: 0.05,
  maxFactsPerWord: 3,
};

/** Everything the walk-through reads; load once, call walkBlocks for any number of sentences. */
export interface BlocksResources {
  space: BlocksWordSpace;
  model: AttentionModelWeights;
  memory: FactMemory;
}

export function loadBlocksResources(paths: { cachePath?: string; checkpointPath?: string; factsDir?: string } = {}): BlocksResources {
  const space = loadBlocksWordSpace(paths.cachePath);
  const model = loadCheckpoint(paths.checkpointPath ?? DEFAULT_CHECKPOINT_PATH).weights;
  const memory = buildFactMemory(loadFactFiles(paths.factsDir ?? DEFAULT_FACTS_DIR), space);
  return { space, model, memory };
}

/**
 * Add & Norm, as in the original Transformer: x_i ← (x_i + gain·Δ_i) rescaled to the length of
 * the word's own GloVe vector. Rescaling keeps the trained model's input at the scale it was
 * trained on (raw GloVe lengths, ~4–8) in every block, and keeps each step's contribution the same
 * size in block 3 as in block 1 rather than shrinking against a growing sum. x, delta: [m, d].
 */
function addAndNorm(x: Float32Array, delta: Float64Array, gain: number, lengths: readonly number[], d: number): void {
  for (let i = 0; i < lengths.length; i++) {
    const row = new Float64Array(d);
    for (let c = 0; c < d; c++) row[c] = x[i * d + c] + gain * delta[i * d + c];
    const scale = lengths[i] / (norm(row) || 1);
    for (let c = 0; c < d; c++) x[i * d + c] = row[c] * scale;
  }
}

/**
 * Walks `sentence` through config.blockCount blocks. Throws SentenceError (server/model/wordVectors.ts)
 * for an empty sentence, more than the model's 60 words, or no known word; unknown words among
 * known ones are left out and listed in `unknownWords`.
 */
export function walkBlocks(resources: BlocksResources, sentence: string, config: BlocksConfig = DEFAULT_BLOCKS_CONFIG): BlocksPayload {
  const { space, model, memory } = resources;
  const common = space.commonComponent;
  const d = space.lookup.dimension;
  const embedded = embedSentence(space.lookup, sentence);
  const words = embedded.tokens.slice(1);
  const m = words.length;
  const isGlue = words.map(isFunctionWord);
  const x = Float32Array.from(embedded.words); // [m, d] the residual stream, updated in place
  const start = words.map((_, i) => meaningDirection(x.subarray(i * d, (i + 1) * d), common));
  const lengths = words.map((_, i) => norm(x.subarray(i * d, (i + 1) * d)));

  const meanings = (): WordMeaning[] =>
    words.map((word, i) => {
      const row = x.subarray(i * d, (i + 1) * d);
      return {
        nearest: nearestMeaning(space, row, word, config.nearestCount),
        similarityToStart: round(dot(meaningDirection(row, common), start[i]), 4),
      };
    });

  const directions = () => words.map((_, i) => meaningDirection(x.subarray(i * d, (i + 1) * d), common));
  /** [m] 1 − cosine between each word's meaning before a step and now: what the captions feature. */
  const movedSince = (before: Float64Array[]) => directions().map((now, i) => 1 - dot(now, before[i]));

  const usedFacts = new Map<number, number>(); // memory index → payload index
  const steps: BlockStep[] = [];
  const embedMeanings = meanings();
  // The embed caption features the word that moves most; it is written once the walk is done.
  steps.push({ kind: BlockStepKind.embed, block: 0, title: stepTitle(BlockStepKind.embed, 0), caption: "", meanings: embedMeanings });

  const heads = meetingRoomHeads(model, config.topicHead, config.attentionGain);
  for (let block = 1; block <= config.blockCount; block++) {
    const room = meetRoom(model, x, isGlue, common, config.topicHead, config.attentionGain);
    const attention: WordAttention[] = words.map((_, i) => {
      const links = room.weights
        .flatMap((rows, head) => Array.from(rows[i + 1]).map((weight, j) => ({ to: j - 1, head, weight: round(weight, 4) })))
        .filter((link) => link.to >= 0 && link.to !== i && link.weight >= config.minLinkWeight)
        .sort((a, b) => b.weight - a.weight || a.head - b.head || a.to - b.to)
        .slice(0, config.maxLinksPerWord);
      const sink = room.weights.reduce((sum, rows) => sum + rows[i + 1][0], 0) / room.weights.length;
      return { links, sink: round(sink, 4) };
    });
    let before = directions();
    addAndNorm(x, room.fetched, 1, lengths, d);
    const afterAttention = meanings();
    steps.push({
      kind: BlockStepKind.attention,
      block,
      title: stepTitle(BlockStepKind.attention, block),
      caption: attentionCaption(words, heads, attention, isGlue, movedSince(before)),
      meanings: afterAttention,
      attention,
    });

    const recalled = new Float64Array(m * d);
    const recalls: WordRecall[] = words.map((_, i) => {
      const lookup = lookUpFacts(memory, x.subarray(i * d, (i + 1) * d), common, config.facts);
      recalled.set(lookup.output, i * d);
      const facts = Array.from(lookup.weights, (weight, f) => ({ f, weight }))
        .filter((r) => r.weight >= config.minFactWeight)
        .sort((a, b) => b.weight - a.weight || a.f - b.f)
        .slice(0, config.maxFactsPerWord)
        .map(({ f, weight }) => {
          if (!usedFacts.has(f)) usedFacts.set(f, usedFacts.size);
          return { fact: f, weight: round(weight, 4) };
        });
      return { facts, none: round(lookup.none, 4) };
    });
    before = directions();
    addAndNorm(x, recalled, config.factGain, lengths, d);
    const afterFacts = meanings();
    steps.push({
      kind: BlockStepKind.feedForward,
      block,
      title: stepTitle(BlockStepKind.feedForward, block),
      caption: feedForwardCaption(words, recalls, memory.facts, isGlue, movedSince(before)),
      meanings: afterFacts,
      recalls,
    });
  }

  steps[0].caption = embedCaption(words, mostMovedWord(isGlue, steps[steps.length - 1].meanings), embedMeanings);

  // Payload fact indices: the used facts in memory order, so the list reads like the files.
  const order = [...usedFacts.keys()].sort((a, b) => a - b);
  const payloadIndex = new Map(order.map((f, k) => [f, k]));
  for (const step of steps) for (const recall of step.recalls ?? []) for (const r of recall.facts) r.fact = payloadIndex.get(r.fact)!;

  return {
    sentence,
    words,
    isFunctionWord: isGlue,
    unknownWords: embedded.unknownWords,
    heads,
    facts: order.map((f) => memory.facts[f]),
    factCount: memory.facts.length,
    steps,
    minLinkWeight: config.minLinkWeight,
    minFactWeight: config.minFactWeight,
  };
}

/** The content word whose meaning ends furthest from where it started (any word if all are glue). */
function mostMovedWord(isGlue: readonly boolean[], final: readonly WordMeaning[]): number {
  let best = -1;
  final.forEach((meaning, i) => {
    if (isGlue[i] && isGlue.some((g) => !g)) return;
    if (best < 0 || meaning.similarityToStart < final[best].similarityToStart) best = i;
  });
  return Math.max(best, 0);
}

/** Rounded for the wire: 4 decimals are more than a screen or a reader needs. */
function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
