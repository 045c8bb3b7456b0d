// What a rehearsal bot picks in a model or course round. Bots are clients: they know only what
// a phone knows (the sentence, the asked word, the head's question and the choices), never the
// trained model's answer, and guess roughly as a student would — a noun before a pronoun, a word
// after "in" for a place, a neighbour for a feeling — with a plain guess now and then. So the
// class's picks are plausible, often right on easy questions, and never all right.
import type { ModelSentencePayload } from "../../shared/modelRound.js";

const DETERMINERS = new Set(["the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "my", "your", "our"]);
const PREPOSITIONS = new Set(["in", "at", "on", "under", "near", "by", "inside", "outside", "behind", "beside", "into", "across", "over", "through", "from", "to"]);

/** How often a bot ignores every cue and taps any choice (a student guessing). */
const GUESS_RATE = 0.2;

/** Token index of the bot's pick: always one of the question's choices. */
export function botPrediction(sentence: Pick<ModelSentencePayload, "tokens" | "question">, random: () => number = Math.random): number {
  const { tokens, question } = sentence;
  const { choices, wordIndex } = question;
  if (choices.length === 0) throw new Error("The question has no choices");
  if (random() < GUESS_RATE) return choices[Math.floor(random() * choices.length)];
  const asks = question.headQuestion.toLowerCase();
  const weights = choices.map((j) => {
    const before = tokens[j - 1] ?? "";
    // "the farmer": a noun, as a student reads it; "in the garden": a place.
    const isNounLike = DETERMINERS.has(before);
    const isPlaceLike = PREPOSITIONS.has(before) || (isNounLike && PREPOSITIONS.has(tokens[j - 2] ?? ""));
    const isEarlier = j < wordIndex;
    const distance = Math.abs(j - wordIndex);
    let weight = 1;
    if (/\bwhere\b/.test(asks)) weight *= isPlaceLike ? 6 : 1;
    else if (/\bwho\b/.test(asks)) weight *= (isNounLike ? 3 : 1) * (isEarlier ? 2 : 1);
    else if (/positive|negative|feel/.test(asks)) weight *= distance <= 2 ? 3 : 1;
    else if (/earlier|about|refer|stand/.test(asks)) weight *= (isNounLike ? 3 : 1) * (isEarlier ? 3 : 1);
    else weight *= isNounLike ? 1.5 : 1;
    // A near word comes to mind first, a little.
    return weight * (1 + 2 / (1 + distance));
  });
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) {
    r -= w;
    if (r < 0) return choices[i];
  }
  return choices[choices.length - 1];
}
