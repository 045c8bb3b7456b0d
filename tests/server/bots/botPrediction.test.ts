// What a rehearsal bot picks in a model or course round: always one of the choices, guided by
// what a student would see in the sentence (never the model's answer), right some of the time.
import { describe, expect, it } from "vitest";
import type { PredictionQuestion } from "../../../shared/modelRound.js";
import { botPrediction } from "../../../server/bots/botPrediction.js";
import { seededRandom } from "../../../server/bots/partyRehearsal.js";
import { botRandom } from "../../../server/bots/rehearsalBots.js";

const QUEEN = ["<s>", "the", "queen", "thanked", "the", "farmer", "in", "the", "garden", "because", "she", "was", "happy"];
const at = (word: string) => QUEEN.indexOf(word);
const choices = ["queen", "thanked", "farmer", "garden", "happy"].map(at);

function question(wordIndex: number, head: number, headQuestion: string): PredictionQuestion {
  return { wordIndex, word: QUEEN[wordIndex], head, headQuestion, choices: choices.filter((c) => c !== wordIndex) };
}

/** How often each word is picked over many bots (one seeded stream each, as the room gives them). */
function tally(q: PredictionQuestion, bots = 2000): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < bots; i++) {
    const choice = botPrediction({ tokens: QUEEN, question: q }, botRandom("session", `bot ${i}`));
    expect(q.choices).toContain(choice);
    counts.set(QUEEN[choice], (counts.get(QUEEN[choice]) ?? 0) + 1);
  }
  return counts;
}

describe("a bot's pick", () => {
  it("is plausible for a pronoun: earlier nouns far more than the verb or the adjective, right sometimes, not always", () => {
    const counts = tally(question(at("she"), 3, "Which earlier word is this about?"));
    const share = (w: string) => (counts.get(w) ?? 0) / 2000;
    for (const noun of ["queen", "farmer", "garden"]) expect(share(noun)).toBeGreaterThan(share("thanked"));
    expect(share("happy")).toBeLessThan(0.12);
    // The right answer (the queen) is a real candidate, but the class is not unanimous.
    expect(share("queen")).toBeGreaterThan(0.15);
    expect(share("queen")).toBeLessThan(0.6);
  });

  it("looks after a preposition for a place, and before the verb for who did it", () => {
    const where = tally(question(at("thanked"), 1, "Where did it happen?"));
    expect(where.get("garden")! / 2000).toBeGreaterThan(0.5);
    const who = tally(question(at("thanked"), 0, "Who did the action?"));
    expect(who.get("queen")!).toBeGreaterThan(who.get("happy") ?? 0);
    expect(who.get("queen")!).toBeGreaterThan(who.get("garden")!);
  });

  it("is repeatable for the same seed", () => {
    const q = question(at("she"), 3, "Which earlier word is this about?");
    const picks = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => botPrediction({ tokens: QUEEN, question: q }, random));
    };
    expect(picks(5)).toEqual(picks(5));
    expect(new Set(picks(5)).size).toBeGreaterThan(1);
  });
});
