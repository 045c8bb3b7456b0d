// What the model writes when it plays a word nobody in the class took. It plays honestly: its
// query names the words the trained model itself attends to from that word, never the answer
// key; its name tag and value are the word itself, as a word's key and value come from the word.
import type { SentenceScenario } from "../../shared/scenario.js";
import type { SentenceAttention } from "../model/modelInference.js";
import type { SentenceTable } from "./seating.js";

export interface ModelPlayedTexts {
  query: string;
  key: string;
  value: string;
  /** Positions (in the sentence's words) the query was built from, strongest first. */
  attendedPositions: number[];
  /** Attention the model parks on <s> from this word, in [0, 1]: high means "nothing to look for here". */
  sinkMass: number;
}

/** A runner-up word joins the query only when it gets at least this share of the top word's weight. */
const RUNNER_UP_SHARE = 0.5;
const MAX_QUERY_WORDS = 2;

/** Row of token `position + 1` (tokens start with <s>) for one model head, or the mean of all heads. */
function attentionRow(attention: SentenceAttention, token: number, modelHead: number | null): number[] {
  const heads = modelHead === null ? attention.heads : [attention.heads[modelHead]];
  if (heads.some((h) => h === undefined)) throw new Error(`modelPlayedTexts: the model has no head ${modelHead}`);
  return attention.tokens.map((_, j) => heads.reduce((sum, h) => sum + h.weights[token][j], 0) / heads.length);
}

/**
 * The texts for the word at `position`, from the trained model's attention on the scenario's
 * sentence (attendSentence). modelHead: the head the table plays, or null for the sentence round
 * (and for a question of the author's own), which uses the mean over the model's heads.
 */
export function modelPlayedTexts(attention: SentenceAttention, words: readonly string[], position: number, modelHead: number | null): ModelPlayedTexts {
  const modelWords = attention.tokens.slice(1);
  if (modelWords.length !== words.length || modelWords.some((w, i) => w !== words[i])) {
    throw new Error(`modelPlayedTexts: the attention is for "${modelWords.join(" ")}", not "${words.join(" ")}"`);
  }
  const token = position + 1;
  const row = attentionRow(attention, token, modelHead);
  const candidates = row
    .map((weight, j) => ({ weight, j }))
    .filter(({ j }) => j !== 0 && j !== token)
    .sort((a, b) => b.weight - a.weight);
  const top = candidates[0];
  if (!top) throw new Error("modelPlayedTexts: a sentence of one word has no other word to look for");
  const chosen = candidates.slice(0, MAX_QUERY_WORDS).filter((c) => c.weight >= RUNNER_UP_SHARE * top.weight);
  const attendedPositions = chosen.map((c) => c.j - 1);
  return {
    query: attendedPositions.map((p) => words[p]).join(" "),
    key: words[position],
    value: words[position],
    attendedPositions,
    sinkMass: row[0],
  };
}

/** Texts for every model-played seat of a table, by position; the table's head decides which model head plays. */
export function modelSeatTexts(attention: SentenceAttention, scenario: SentenceScenario, table: SentenceTable): Map<number, ModelPlayedTexts> {
  const modelHead = table.head === null ? null : scenario.heads[table.head].modelHead;
  const modelSeats = table.seats.filter((s) => s.studentId === null);
  return new Map(modelSeats.map((s) => [s.position, modelPlayedTexts(attention, scenario.words, s.position, modelHead)]));
}
