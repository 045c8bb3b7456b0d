// Scores of the sentence and heads rounds against hand-computed numbers, on a small table whose
// attention rows are written out in full.
import { describe, expect, it } from "vitest";
import type { WordKey } from "../../shared/scenario.js";
import { scoreSentenceTable, sentenceRoundKey, teamScore } from "../../shared/scenarioScoring.js";

// "the cat sat because it": positions 0…4.
const WORDS = ["the", "cat", "sat", "because", "it"];
const none: WordKey = { targets: [], isWeighted: false };
const list = (...positions: number[]): WordKey => ({ targets: positions.map((position) => ({ position, weight: 1 / positions.length })), isWeighted: false });
const shares = (entries: Array<[number, number]>): WordKey => ({ targets: entries.map(([position, weight]) => ({ position, weight })), isWeighted: true });

// [5, 5] row-major; row i = attention of word i.
const WEIGHTS = [
  // the    cat   sat   because it
  [0.2, 0.2, 0.2, 0.2, 0.2], // the
  [0.1, 0.1, 0.6, 0.1, 0.1], // cat
  [0.1, 0.7, 0.1, 0.0, 0.1], // sat
  [0.2, 0.2, 0.2, 0.2, 0.2], // because
  [0.1, 0.4, 0.2, 0.1, 0.2], // it
].flat();

describe("scoreSentenceTable", () => {
  it("scores a finder on the mass its row puts on a list key's targets", () => {
    // sat → cat: 0.7 → 70. it → cat or sat (any): 0.4 + 0.2 = 0.6 → 60.
    const scores = scoreSentenceTable(WEIGHTS, [none, none, list(1), none, list(1, 2)], WORDS);
    expect(scores[2]).toMatchObject({ role: "finder", points: 70, isScored: true });
    expect(scores[2].mass).toBeCloseTo(0.7, 12);
    expect(scores[4]).toMatchObject({ role: "finder", points: 60 });
    expect(scores[2].reason).toBe('70% of your attention matched the key ("cat")');
  });

  it("caps each target at its share when the key has shares", () => {
    // it → {cat 0.5, sat 0.5}: min(0.4, 0.5) + min(0.2, 0.5) = 0.6 → 60.
    // sat → {cat 0.5, it 0.5}: min(0.7, 0.5) + min(0.1, 0.5) = 0.6 → 60, though 0.8 of its row is on them.
    const scores = scoreSentenceTable(WEIGHTS, [none, none, shares([[1, 0.5], [4, 0.5]]), none, shares([[1, 0.5], [2, 0.5]])], WORDS);
    expect(scores[4].points).toBe(60);
    expect(scores[2].points).toBe(60);
  });

  it("scores a word others look for on how well they found it, relative to their share", () => {
    // cat is the target of sat (list, share 1: found 0.7) and of it (shares: cat 0.5, got 0.4 → 0.8).
    // Mean (0.7 + 0.8) / 2 = 0.75 → 75. "the" and "because" have no link: not scored.
    const key = [none, none, list(1), none, shares([[1, 0.5], [2, 0.5]])];
    const scores = scoreSentenceTable(WEIGHTS, key, WORDS);
    expect(scores[1]).toMatchObject({ role: "found", points: 75, isScored: true });
    expect(scores[1].mass).toBeCloseTo(0.75, 12);
    expect(scores[1].reason).toBe('"sat", "it" found you: 75% of what the key asks');
    expect(scores[0]).toMatchObject({ role: "unlinked", points: 0, isScored: false });
    expect(scores[3]).toMatchObject({ role: "unlinked", points: 0, isScored: false });
  });

  it("caps a found word at 100 when it gets more than its share", () => {
    // sat gives cat 0.7 where the key asks for 0.5 → share counted as 1 → 100.
    const scores = scoreSentenceTable(WEIGHTS, [none, none, shares([[1, 0.5], [4, 0.5]]), none, none], WORDS);
    expect(scores[1].points).toBe(100);
    // it gets 0.1 of the 0.5 asked → 20.
    expect(scores[4]).toMatchObject({ role: "found", points: 20 });
  });

  it("refuses weights of the wrong size", () => {
    expect(() => scoreSentenceTable([1, 0, 0, 1], [none, none, none], ["a", "b", "c"])).toThrow(/4 weights for 3 words/);
  });
});

describe("teamScore", () => {
  it("is the mean of the scored members, leaving unlinked words out", () => {
    const scores = scoreSentenceTable(WEIGHTS, [none, none, list(1), none, list(1, 2)], WORDS);
    // Scored: cat found (sat gave 0.7, it gave 0.4 of 0.5 asked → 0.8; mean 0.75 → 75), sat 70, it 60.
    expect(scores.map((s) => s.points)).toEqual([0, 75, 70, 0, 60]);
    expect(teamScore(scores)).toBe(Math.round((75 + 70 + 60) / 3));
    expect(teamScore([scores[0], scores[3]])).toBe(0);
  });
});

describe("sentenceRoundKey", () => {
  it("uses a lone head's key as written and splits a word's attention between heads", () => {
    const heads = [
      { question: "Who did the action?", modelHead: 0, key: [none, none, list(1), none, none] },
      { question: "Where did it happen?", modelHead: 1, key: [none, none, list(0), none, none] },
      { question: "Which earlier word is this about?", modelHead: 3, key: [none, none, none, none, list(1, 2)] },
    ];
    const key = sentenceRoundKey({ words: WORDS, heads });
    expect(key[2]).toEqual(shares([[1, 0.5], [0, 0.5]]));
    expect(key[4]).toEqual(list(1, 2));
    expect(key[0]).toEqual(none);
  });
});
