// The model round's game: which question the phones get about the sentence, and how a pick scores.
// The question is chosen from the trained model's own attention (it asks about a link the model
// actually makes), so the class predicts the model — the lesson is what a trained head does.
import { PREDICTION_POINTS, PREDICTION_SPEED_BONUS, type PredictionQuestion, type SentencePattern } from "../../shared/modelRound.js";
import { FUNCTION_WORDS } from "../engine/functionWords.js";

/** Pronoun → antecedent first (the source's "it"), then verb → subject, event → place, noun → sentiment. */
const HEAD_PREFERENCE = [3, 0, 1, 2];
/** Below this the trained model is not sure enough for a fair question. */
const MIN_ANSWER_WEIGHT = 0.35;
const MAX_CHOICES = 8;

export class QuestionError extends Error {
  override name = "QuestionError";
}

/** The heaviest target of token i under head h, skipping nothing (so <s> can win). */
export function heaviestTarget(pattern: SentencePattern, head: number, i: number): { index: number; weight: number } {
  const row = pattern.heads[head].weights[i];
  let index = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[index]) index = j;
  return { index, weight: row[index] };
}

function isContentWord(token: string): boolean {
  return token !== "<s>" && !FUNCTION_WORDS.has(token);
}

/** Pronouns are glue words too, but "which word will *she* look at?" is the round's best question. */
const PRONOUNS = new Set(["he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "us", "you", "i", "me"]);

/** A word worth asking about: a content word or a pronoun, never "the" or "of". */
function isAskable(token: string): boolean {
  return isContentWord(token) || PRONOUNS.has(token);
}

/** Throws QuestionError when the trained model makes no clear link to a content word. */
export function pickQuestion(trained: SentencePattern, untrained: SentencePattern): PredictionQuestion {
  const { tokens } = trained;
  for (const head of HEAD_PREFERENCE) {
    let best: { i: number; j: number; weight: number } | null = null;
    for (let i = 1; i < tokens.length; i++) {
      const { index: j, weight } = heaviestTarget(trained, head, i);
      if (j === 0 || j === i || weight < MIN_ANSWER_WEIGHT || !isAskable(tokens[i]) || !isContentWord(tokens[j])) continue;
      if (!best || weight > best.weight) best = { i, j, weight };
    }
    if (!best) continue;
    const decoy = heaviestTarget(untrained, head, best.i).index;
    return {
      wordIndex: best.i,
      word: tokens[best.i],
      head,
      headQuestion: trained.heads[head].question,
      choices: choicesFor(tokens, best.i, [best.j, decoy]),
    };
  }
  throw new QuestionError(
    "The trained model finds no clear link in this sentence to ask the class about. Try one with a person, an action and a place, e.g. “The queen thanked the farmer in the garden because she was happy.”",
  );
}

/** Content words other than the asked word, one per spelling, always including `mustInclude`; at most 8. */
function choicesFor(tokens: string[], asked: number, mustInclude: number[]): number[] {
  const picked = new Set(mustInclude.filter((j) => j !== asked && j !== 0));
  const spellings = new Set([...picked].map((j) => tokens[j]));
  for (let j = 1; j < tokens.length && picked.size < MAX_CHOICES; j++) {
    if (j === asked || !isContentWord(tokens[j]) || spellings.has(tokens[j])) continue;
    picked.add(j);
    spellings.add(tokens[j]);
  }
  return [...picked].sort((a, b) => a - b);
}

/** A pick is right when it names the same word the model chose (a repeated word counts wherever it stands). */
export function isCorrectPick(tokens: string[], choice: number | null, answer: number): boolean {
  return choice !== null && tokens[choice] === tokens[answer];
}

/** 100 for a right pick, plus up to 50 the faster it came within the answer window. */
export function predictionPoints(isCorrect: boolean, answerMs: number, windowMs: number): number {
  if (!isCorrect) return 0;
  const speed = windowMs > 0 ? Math.max(0, Math.min(1, 1 - answerMs / windowMs)) : 0;
  return PREDICTION_POINTS + Math.round(PREDICTION_SPEED_BONUS * speed);
}
