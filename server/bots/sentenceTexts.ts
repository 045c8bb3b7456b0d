// What a rehearsal bot writes for the word it plays in a sentence or heads round. Bots are
// clients: they know only their SeatPayload (the sentence, their word, its hint and the team's
// question), never the answer key, and write roughly what a student who read the hint would.
import type { SeatPayload } from "../../shared/sentenceRound.js";
import { tokenize } from "../../shared/text.js";
import { FUNCTION_WORDS } from "../engine/functionWords.js";

/** Words a student would reach for when a head's question asks for them. */
const QUESTION_CUES: Array<[RegExp, string[]]> = [
  [/\bwho(m)?\b/i, ["person", "people", "animal"]],
  [/\bwhere\b/i, ["place", "room", "building"]],
  [/positive|negative|feel/i, ["feeling", "mood"]],
  [/earlier|pronoun|stand for/i, ["person", "people", "animal", "thing"]],
  [/mean/i, ["meaning", "context"]],
  [/describ/i, ["object", "thing"]],
  [/changes/i, ["not", "opposite"]],
];

/** Cue words for every question the text asks ("An action. Who sat, and where?" → who and where cues). */
const cuesIn = (text: string) => QUESTION_CUES.filter(([pattern]) => pattern.test(text)).flatMap(([, cues]) => cues);

/** Hint words that only talk to the student ("you", "point", "offer") say nothing about the word. */
const HINT_NOISE = new Set(["you", "your", "point", "points", "offer", "word", "words", "other", "others", "looking", "look", "need", "which", "whom"]);

const contentWords = (text: string) => tokenize(text).filter((w) => !FUNCTION_WORDS.has(w) && !HINT_NOISE.has(w) && w.length > 1);
const unique = (words: string[]) => [...new Set(words)];

export interface BotTexts {
  query: string;
  key: string;
  value: string;
}

/**
 * The query names the other words of the sentence the hint mentions and cue words for what the
 * team's question (or else the hint) asks; the name tag is the word with what the hint says it
 * is. The hint's own description stays out of the query: two verbs whose hints both say
 * "action" would otherwise find each other. The value is left empty half the time (the word
 * itself stands in), as students may.
 */
export function sentenceBotTexts(seat: SeatPayload, random: () => number = Math.random): BotTexts {
  const hintWords = contentWords(seat.hint).filter((w) => w !== seat.word);
  const others = new Set(seat.words.filter((w) => w !== seat.word));
  const mentioned = hintWords.filter((w) => others.has(w));
  const cues = seat.headQuestion ? cuesIn(seat.headQuestion) : cuesIn(seat.hint);
  const described = hintWords.filter((w) => !others.has(w));
  const query = unique([...mentioned, ...cues, ...(mentioned.length + cues.length === 0 ? described : [])]).slice(0, 5);
  const key = unique([seat.word, ...hintWords.filter((w) => !others.has(w))]).slice(0, 3);
  return {
    query: (query.length ? query : ["what", "next"]).join(" "),
    key: key.join(" "),
    value: random() < 0.5 ? "" : seat.word,
  };
}
