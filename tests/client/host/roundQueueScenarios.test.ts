// The round queue's sentence, heads and blocks rounds: plans from the form, what "Start round"
// sends (checked against the room's own schema), the rows' summaries and what storage keeps.
import { describe, expect, it } from "vitest";
import {
  addRound,
  DEFAULT_BLOCKS_SENTENCE,
  DEFAULT_SCENARIO_ID,
  emptyQueue,
  nextStart,
  parseQueue,
  planFromForm,
  planSummary,
  roundsWithScenario,
  sentenceScenarioOptions,
  startPayload,
  withoutScenario,
  type ListedScenario,
} from "../../../client/host/roundQueue.js";
import { StartRoundSchema } from "../../../shared/protocol.js";

const SCENARIOS: ListedScenario[] = [
  { id: "cat-on-the-mat", title: "The cat sat on the mat", level: "beginner", kind: "sentence", summary: "…", wordCount: 10, questions: ["a", "b", "c", "d"] },
  { id: "help-me-move", title: "Who can help me move?", level: "beginner", kind: "party", summary: "…", wordCount: 0, questions: [] },
  { id: "dog-and-ball", title: "Dog and ball", level: "beginner", kind: "sentence", summary: "…", wordCount: 9, questions: ["a"], isCustom: true },
];

describe("sentence, heads and blocks rounds in the plan", () => {
  it("builds plans from the form, with each round type's own default", () => {
    expect(planFromForm("sentence", { scenarioId: "dog-and-ball" })).toEqual({ roundType: "sentence", scenarioId: "dog-and-ball" });
    expect(planFromForm("heads", { scenarioId: "" })).toEqual({ roundType: "heads", scenarioId: DEFAULT_SCENARIO_ID });
    expect(planFromForm("blocks", { sentence: "  " })).toEqual({ roundType: "blocks", sentence: DEFAULT_BLOCKS_SENTENCE });
    expect(planFromForm("blocks", { sentence: "The  bank\nlends money." })).toEqual({ roundType: "blocks", sentence: "The bank lends money." });
  });

  it("sends what the room's schema accepts (a walk-through has no timer)", () => {
    for (const plan of [planFromForm("sentence", { scenarioId: "cat-on-the-mat" }), planFromForm("heads", {}), planFromForm("blocks", {})]) {
      const payload = startPayload({ plan, writeSeconds: 90, queuedId: null });
      expect(StartRoundSchema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
    }
    expect(startPayload({ plan: { roundType: "heads", scenarioId: "dog-and-ball" }, writeSeconds: 90, queuedId: null })).toEqual({ roundType: "heads", writeSeconds: 90, scenarioId: "dog-and-ball" });
    expect(startPayload({ plan: { roundType: "blocks", sentence: "x y" }, writeSeconds: 90, queuedId: null })).toEqual({ roundType: "blocks", sentence: "x y" });
  });

  it("queues and starts them like any round", () => {
    const q = addRound(addRound(emptyQueue(), { roundType: "heads", scenarioId: "dog-and-ball" }, 200), { roundType: "blocks", sentence: "x" }, 60);
    expect(nextStart(q, [], 120).plan).toEqual({ roundType: "heads", scenarioId: "dog-and-ball" });
    expect(nextStart(emptyQueue(), [], 120, { roundType: "sentence", scenarioId: "cat-on-the-mat" }).plan).toEqual({ roundType: "sentence", scenarioId: "cat-on-the-mat" });
  });

  it("names scenario rounds by the scenario's title, or its id when the list does not have it", () => {
    expect(planSummary({ roundType: "sentence", scenarioId: "dog-and-ball" }, [], 80, SCENARIOS)).toBe("Dog and ball");
    expect(planSummary({ roundType: "heads", scenarioId: "gone" }, [], 80, SCENARIOS)).toBe("gone");
    expect(planSummary({ roundType: "blocks", sentence: DEFAULT_BLOCKS_SENTENCE }, [])).toBe(`“${DEFAULT_BLOCKS_SENTENCE}”`);
  });

  it("lists only sentence scenarios, custom ones starred, with their size", () => {
    expect(sentenceScenarioOptions(SCENARIOS)).toEqual([
      { id: "cat-on-the-mat", label: "The cat sat on the mat (10 words · 4 heads)", isCustom: false },
      { id: "dog-and-ball", label: "★ Dog and ball (9 words · 1 head)", isCustom: true },
    ]);
  });

  it("keeps them through storage and drops malformed ones", () => {
    const q = addRound(addRound(emptyQueue(), { roundType: "sentence", scenarioId: "dog-and-ball" }, 200), { roundType: "blocks", sentence: "The bank." }, 60);
    expect(parseQueue(JSON.stringify(q))).toEqual(q);
    const bad = { rounds: [{ id: "q1", roundType: "heads", scenarioId: "../etc" }, { id: "q2", roundType: "blocks" }, { id: "q3", roundType: "sentence" }], current: null };
    expect(parseQueue(JSON.stringify(bad)).rounds).toEqual([]);
  });
});

describe("a deleted scenario", () => {
  it("takes the queued rounds that play it out of the queue, and nothing else", () => {
    let queue = addRound(emptyQueue(), { roundType: "sentence", scenarioId: "dog-and-ball" }, 90);
    queue = addRound(queue, { roundType: "heads", scenarioId: "cat-on-the-mat" }, 90);
    queue = addRound(queue, { roundType: "heads", scenarioId: "dog-and-ball" }, 90);
    queue = addRound(queue, { roundType: "model", sentence: "dog-and-ball" }, 90);
    expect(roundsWithScenario(queue, "dog-and-ball").map((r) => r.id)).toEqual(["q1", "q3"]);
    const after = withoutScenario(queue, "dog-and-ball");
    expect(after.rounds.map((r) => r.id)).toEqual(["q2", "q4"]);
    expect(withoutScenario(after, "dog-and-ball")).toBe(after);
  });
});
