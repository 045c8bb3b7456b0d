import { describe, expect, it } from "vitest";
import {
  addRound,
  clampSeconds,
  clampSteps,
  cleanSentence,
  COURSE_STEP_LIMITS,
  currentDeckId,
  DEFAULT_SENTENCE,
  deckTitle,
  emptyQueue,
  formatMinutes,
  loadQueue,
  markStarted,
  MAX_QUEUED,
  moveRound,
  nextStart,
  numberFieldProblem,
  parseQueue,
  planFromForm,
  planSummary,
  QUEUE_STORAGE_PREFIX,
  removeRound,
  saveQueue,
  startPayload,
  type DeckSummary,
  type RoundPlan,
  type RoundQueue,
  WRITE_SECONDS_LIMITS,
} from "../../../client/host/roundQueue.js";
import { StartRoundSchema } from "../../../shared/protocol.js";

const DECKS: DeckSummary[] = [
  { id: "neighbourhood", title: "Neighbourhood party", items: 12 },
  { id: "school-trip", title: "School trip", items: 10 },
  { id: "startup", title: "Startup", items: 10 },
];

const party = (deckId: string): RoundPlan => ({ roundType: "party", deckId });
const plan = (): RoundQueue => addRound(addRound(addRound(emptyQueue(), party("school-trip"), 90), party("startup"), 120), party("neighbourhood"), 60);
const decksOf = (q: RoundQueue) => q.rounds.map((r) => (r.roundType === "party" ? r.deckId : r.roundType));
const QUEEN = "The queen thanked the farmer in the garden because she was happy.";

/** An in-memory Storage. */
function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k: string) => data.get(k) ?? null,
    key: (i: number) => [...data.keys()][i] ?? null,
    removeItem: (k: string) => void data.delete(k),
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe("round queue operations", () => {
  it("adds rounds at the end with fresh ids and clamped times", () => {
    const q = addRound(addRound(emptyQueue(), party("startup"), 5), party("school-trip"), 99_999);
    expect(q.rounds).toEqual([
      { id: "q1", roundType: "party", deckId: "startup", writeSeconds: 15 },
      { id: "q2", roundType: "party", deckId: "school-trip", writeSeconds: 1800 },
    ]);
    // An id is never reused while its round is still queued.
    const r = addRound(removeRound(q, "q1"), party("neighbourhood"), 60);
    expect(r.rounds.map((x) => x.id)).toEqual(["q2", "q3"]);
  });

  it("ignores an empty deck and stops at the limit", () => {
    expect(addRound(emptyQueue(), party(""), 60).rounds).toEqual([]);
    expect(addRound(emptyQueue(), { roundType: "party" }, 60).rounds).toEqual([]);
    let q = emptyQueue();
    for (let i = 0; i < MAX_QUEUED + 5; i++) q = addRound(q, party("startup"), 60);
    expect(q.rounds).toHaveLength(MAX_QUEUED);
  });

  it("removes by id and leaves the queue alone for an unknown id", () => {
    const q = plan();
    expect(decksOf(removeRound(q, "q2"))).toEqual(["school-trip", "neighbourhood"]);
    expect(removeRound(q, "nope")).toBe(q);
  });

  it("moves rounds up and down, stopping at either end", () => {
    const q = plan();
    expect(decksOf(moveRound(q, "q3", -1))).toEqual(["school-trip", "neighbourhood", "startup"]);
    expect(decksOf(moveRound(q, "q3", -5))).toEqual(["neighbourhood", "school-trip", "startup"]);
    expect(decksOf(moveRound(q, "q1", 1))).toEqual(["startup", "school-trip", "neighbourhood"]);
    expect(moveRound(q, "q1", -1)).toBe(q);
    expect(moveRound(q, "q3", 1)).toBe(q);
    expect(moveRound(q, "nope", 1)).toBe(q);
    expect(q.rounds.map((r) => r.id)).toEqual(["q1", "q2", "q3"]); // the original is untouched
  });
});

describe("starting the next round", () => {
  it("starts the head of the queue with its deck and time", () => {
    expect(nextStart(plan(), DECKS, 200)).toEqual({ plan: party("school-trip"), writeSeconds: 90, queuedId: "q1" });
  });

  it("falls back to the first listed deck and the given time when the queue is empty", () => {
    expect(nextStart(emptyQueue(), DECKS, 45)).toEqual({ plan: party("neighbourhood"), writeSeconds: 45, queuedId: null });
    expect(nextStart(emptyQueue(), DECKS, Number.NaN).writeSeconds).toBe(120);
    // Decks not loaded: no deckId, so the server deals from its default deck.
    expect(nextStart(emptyQueue(), [], 60)).toEqual({ plan: { roundType: "party" }, writeSeconds: 60, queuedId: null });
    // The form's deck when the server lists it; a deck it does not list falls back to the first.
    expect(nextStart(emptyQueue(), DECKS, 60, party("startup")).plan).toEqual(party("startup"));
    expect(nextStart(emptyQueue(), DECKS, 60, party("gone")).plan).toEqual(party("neighbourhood"));
  });

  it("starts the form's model round or course when nothing is queued, and queued ones first", () => {
    const model: RoundPlan = { roundType: "model", sentence: QUEEN };
    expect(nextStart(emptyQueue(), DECKS, 30, model)).toEqual({ plan: model, writeSeconds: 30, queuedId: null });
    const course: RoundPlan = { roundType: "course", sentence: "The dog chased the cat.", courseSteps: 40 };
    const q = addRound(addRound(emptyQueue(), course, 45), party("startup"), 60);
    expect(nextStart(q, DECKS, 30, model)).toEqual({ plan: course, writeSeconds: 45, queuedId: "q1" });
    // A model round is no party round: it records no deck.
    const started = markStarted(q, nextStart(q, DECKS, 30), 3);
    expect(started).toEqual({ rounds: [{ id: "q2", roundType: "party", deckId: "startup", writeSeconds: 60 }], current: null });
  });

  it("a confirmed start takes the round off the queue and records the round's deck", () => {
    const q = plan();
    const started = markStarted(q, nextStart(q, DECKS, 60), 1);
    expect(decksOf(started)).toEqual(["startup", "neighbourhood"]);
    expect(started.current).toEqual({ roundNumber: 1, deckId: "school-trip" });
    expect(currentDeckId(started, 1)).toBe("school-trip");
    expect(currentDeckId(started, 2)).toBeNull(); // a round this dashboard did not start
    expect(currentDeckId(emptyQueue(), 0)).toBeNull();

    const fallback = markStarted(emptyQueue(), nextStart(emptyQueue(), DECKS, 60), 4);
    expect(fallback).toEqual({ rounds: [], current: { roundNumber: 4, deckId: "neighbourhood" } });
    expect(markStarted(emptyQueue(), nextStart(emptyQueue(), [], 60), 4).current).toBeNull();
  });

  it("names decks by title, or by id when the server no longer lists them", () => {
    expect(deckTitle(DECKS, "startup")).toBe("Startup");
    expect(deckTitle(DECKS, "gone")).toBe("gone");
  });

  it("formats times and clamps seconds", () => {
    expect([formatMinutes(120), formatMinutes(45), formatMinutes(600)]).toEqual(["2:00", "0:45", "10:00"]);
    expect([clampSeconds("30"), clampSeconds(14), clampSeconds(2000), clampSeconds("x"), clampSeconds(44.6)]).toEqual([30, 15, 1800, 120, 45]);
    expect([clampSteps("40"), clampSteps(5), clampSteps(99_999), clampSteps(""), clampSteps("x")]).toEqual([40, 20, 2000, 20, 400]);
  });
});

describe("numbers typed into the round form", () => {
  it("are refused with the limit and what was typed, never quietly moved to the nearest limit", () => {
    expect(numberFieldProblem("5", COURSE_STEP_LIMITS)).toBe("Training steps: at least 20 — you typed 5.");
    expect(numberFieldProblem("5000", COURSE_STEP_LIMITS)).toBe("Training steps: at most 2000 — you typed 5000.");
    expect(numberFieldProblem("", COURSE_STEP_LIMITS)).toBe("Training steps: enter a whole number from 20 to 2000.");
    expect(numberFieldProblem("12.5", COURSE_STEP_LIMITS)).toBe("Training steps: a whole number from 20 to 2000 — “12.5” is not one.");
    expect(numberFieldProblem(" 20 ", COURSE_STEP_LIMITS)).toBeNull();
    expect(numberFieldProblem("2000", COURSE_STEP_LIMITS)).toBeNull();
    expect(numberFieldProblem("10", WRITE_SECONDS_LIMITS)).toBe("Time: at least 15 — you typed 10.");
  });

  it("use the limits the server's schema enforces", () => {
    const course = (courseSteps: number) => StartRoundSchema.safeParse({ roundType: "course", courseSteps });
    expect(course(COURSE_STEP_LIMITS.min).success).toBe(true);
    expect(course(COURSE_STEP_LIMITS.max).success).toBe(true);
    const refused = course(COURSE_STEP_LIMITS.min - 1);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe("a course needs at least 20 training steps");
    expect(course(COURSE_STEP_LIMITS.max + 1).success).toBe(false);
    const seconds = (writeSeconds: number) => StartRoundSchema.safeParse({ roundType: "party", writeSeconds }).success;
    expect([seconds(WRITE_SECONDS_LIMITS.min - 1), seconds(WRITE_SECONDS_LIMITS.min), seconds(WRITE_SECONDS_LIMITS.max), seconds(WRITE_SECONDS_LIMITS.max + 1)]).toEqual([false, true, true, false]);
  });
});

describe("model rounds and courses in the plan", () => {
  it("builds a plan from the form: an empty sentence box means the default sentence", () => {
    expect(planFromForm("model", { sentence: "  The dog   chased\nthe cat. " })).toEqual({ roundType: "model", sentence: "The dog chased the cat." });
    expect(planFromForm("model", { sentence: "   " })).toEqual({ roundType: "model", sentence: DEFAULT_SENTENCE });
    expect(planFromForm("course", { sentence: "", courseSteps: "40" })).toEqual({ roundType: "course", sentence: DEFAULT_SENTENCE, courseSteps: 40 });
    expect(planFromForm("party", { deckId: "startup", sentence: "ignored" })).toEqual(party("startup"));
    expect(planFromForm("party", { deckId: "" })).toEqual({ roundType: "party" });
    expect(cleanSentence("x".repeat(5000))).toHaveLength(3000);
  });

  it("sends what the room's schema accepts for every round type", () => {
    const starts = [
      nextStart(emptyQueue(), DECKS, 60),
      nextStart(emptyQueue(), [], 60),
      nextStart(emptyQueue(), DECKS, 20, { roundType: "model", sentence: QUEEN }),
      nextStart(emptyQueue(), DECKS, 20, { roundType: "course", sentence: QUEEN, courseSteps: 40 }),
    ];
    const payloads = starts.map(startPayload);
    expect(payloads).toEqual([
      { roundType: "party", writeSeconds: 60, deckId: "neighbourhood" },
      { roundType: "party", writeSeconds: 60 },
      { roundType: "model", writeSeconds: 20, sentence: QUEEN },
      { roundType: "course", writeSeconds: 20, sentence: QUEEN, courseSteps: 40 },
    ]);
    for (const payload of payloads) expect(StartRoundSchema.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
  });

  it("summarises rounds for the queue's rows", () => {
    expect(planSummary(party("startup"), DECKS)).toBe("Startup");
    expect(planSummary({ roundType: "model", sentence: QUEEN }, DECKS)).toBe(`“${QUEEN}”`);
    expect(planSummary({ roundType: "course", sentence: QUEEN, courseSteps: 40 }, DECKS, 20)).toBe("40 steps · “The queen thanked t…”");
  });
});

describe("storage", () => {
  it("keeps one queue per party code and round-trips it", () => {
    const storage = memoryStorage();
    const q = markStarted(plan(), nextStart(plan(), DECKS, 60), 2);
    saveQueue(storage, "ABCDE", q);
    expect(loadQueue(storage, "ABCDE")).toEqual(q);
    expect(loadQueue(storage, "FGHIJ")).toEqual(emptyQueue());
    saveQueue(storage, "ABCDE", emptyQueue());
    expect(storage.data.size).toBe(0); // nothing left behind
  });

  it("stays out of the party history's keys", () => {
    // PartyHistory takes every "cocktail.host.<X>" key for a legacy host key.
    expect(QUEUE_STORAGE_PREFIX.startsWith("cocktail.host.")).toBe(false);
    const storage = memoryStorage();
    saveQueue(storage, "ABCDE", plan());
    expect([...storage.data.keys()]).toEqual(["cocktail.queue.ABCDE"]);
  });

  it("survives missing or throwing storage", () => {
    expect(loadQueue(null, "ABCDE")).toEqual(emptyQueue());
    const broken = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => undefined,
    };
    expect(loadQueue(broken, "ABCDE")).toEqual(emptyQueue());
    expect(() => saveQueue(broken, "ABCDE", plan())).not.toThrow();
  });

  it("drops malformed entries instead of trusting them", () => {
    expect(parseQueue("not json")).toEqual(emptyQueue());
    expect(parseQueue("null")).toEqual(emptyQueue());
    expect(parseQueue('{"rounds": 3}')).toEqual(emptyQueue());
    const raw = JSON.stringify({
      rounds: [
        { id: "q1", deckId: "startup", writeSeconds: 9999 }, // stored before round types: a party round
        { id: "q1", deckId: "school-trip", writeSeconds: 60 }, // duplicate id
        { id: "q2", deckId: "", writeSeconds: 60 },
        { id: 3, deckId: "startup" },
        null,
        { id: "q4", deckId: "hospital" }, // no time: the default
        { id: "q5", roundType: "model", sentence: "  The dog chased the cat. ", writeSeconds: 30 },
        { id: "q6", roundType: "model", sentence: "" }, // a model round needs its sentence
        { id: "q7", roundType: "course", sentence: "The cat sat.", courseSteps: 5 },
        { id: "q8", roundType: "blocks" }, // not plannable here
      ],
      current: { roundNumber: 0, deckId: "startup" },
    });
    expect(parseQueue(raw)).toEqual({
      rounds: [
        { id: "q1", roundType: "party", deckId: "startup", writeSeconds: 1800 },
        { id: "q4", roundType: "party", deckId: "hospital", writeSeconds: 120 },
        { id: "q5", roundType: "model", sentence: "The dog chased the cat.", writeSeconds: 30 },
        { id: "q7", roundType: "course", sentence: "The cat sat.", courseSteps: 20, writeSeconds: 120 },
      ],
      current: null,
    });
  });
});
