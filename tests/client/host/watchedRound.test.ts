import { describe, expect, it } from "vitest";
import { courseStatus, HEAD_QUESTIONS, headOptions, heaviest, linkTable, phaseWords, shortQuestion, voteLine } from "../../../client/host/watchedRound.js";
import type { CourseProgressPayload, SentencePattern } from "../../../shared/modelRound.js";

const TOKENS = ["<s>", "the", "queen", "thanked", "she"];
/** One-hot rows: row i attends to targets[i] (0 = <s>, the sink). */
function pattern(targetsPerHead: number[][]): SentencePattern {
  return {
    tokens: TOKENS,
    heads: targetsPerHead.map((targets, h) => ({
      question: `question ${h + 1}`,
      weights: targets.map((t) => TOKENS.map((_, j) => (j === t ? 0.7 : 0.3 / (TOKENS.length - 1)))),
    })),
  };
}

function progress(over: Partial<CourseProgressPayload>): CourseProgressPayload {
  return {
    roundNumber: 1,
    step: 120,
    totalSteps: 400,
    losses: [
      [20, 2.31],
      [120, 0.614],
    ],
    accuracy: 0.853,
    pattern: pattern([[0, 0, 0, 0, 2]]),
    elapsedMs: 4210,
    isFinished: false,
    ...over,
  };
}

describe("the dashboard in model and course rounds", () => {
  it("names the phase buttons for what they do in each round type", () => {
    expect(phaseWords("party")).toMatchObject({ write: "Start writing", reveal: "Reveal attention", done: "submitted" });
    expect(phaseWords("model")).toMatchObject({ write: "Open the question", reveal: "Reveal", writeStep: "Predict", done: "answered" });
    expect(phaseWords("course")).toMatchObject({ write: "Open the question", reveal: "Run the training course", revealStep: "Training" });
  });

  it("offers all heads, then each head by number and question", () => {
    expect(headOptions().map((o) => [o.head, o.label])).toEqual([
      [null, "All heads"],
      [0, "1 Who did the action?"],
      [1, "2 Where did it happen?"],
      [2, "3 Positive or negative?"],
      [3, "4 Which earlier word is this about?"],
    ]);
    expect(headOptions(["a?"]).map((o) => o.label)).toEqual(["All heads", "1 a?"]);
  });

  it("finds the heaviest target and reads every word's links, <s> as no link", () => {
    expect(heaviest([0.1, 0.6, 0.3])).toEqual({ index: 1, weight: 0.6 });
    expect(heaviest([])).toEqual({ index: 0, weight: 0 });
    const table = linkTable(pattern([[0, 0, 0, 2, 0], [0, 0, 0, 0, 2]]));
    expect(table.map((r) => r.word)).toEqual(["the", "queen", "thanked", "she"]);
    expect(table[2].cells[0]).toMatchObject({ target: "queen", isSink: false });
    expect(table[2].cells[1]).toMatchObject({ target: "<s>", isSink: true });
    expect(table[3].cells[1].target).toBe("queen");
  });

  it("sums up the class's votes, most popular first, with those who did not pick", () => {
    expect(voteLine({ votes: { 2: 3, 3: 1 } }, TOKENS, 5)).toBe("queen 3 · thanked 1 · no pick 1");
    expect(voteLine({ votes: {} }, TOKENS, 2)).toBe("no pick 2");
    expect(voteLine({ votes: {} }, TOKENS, 0)).toBe("nobody picked");
  });

  it("describes the course while it trains, when it finishes and when it was stopped", () => {
    expect(courseStatus(null)).toMatchObject({ isTraining: true, share: 0 });
    expect(courseStatus(progress({}))).toEqual({ isTraining: true, share: 0.3, line: "step 120 / 400 · 85 % of the links right · loss 0.61 · 4.2 s" });
    expect(courseStatus(progress({ step: 400, isFinished: true })).line).toMatch(/^Finished: step 400 \/ 400/);
    expect(courseStatus(progress({ isFinished: true }))).toMatchObject({ isTraining: false, line: expect.stringMatching(/^Stopped early: step 120/) });
  });
});

describe("the links table's headers", () => {
  it("names each head in a word, and shortens unknown questions", () => {
    expect(HEAD_QUESTIONS.map(shortQuestion)).toEqual(["who", "where", "+ / −", "about"]);
    expect(shortQuestion("What colour is it?")).toBe("what colour");
  });
});
