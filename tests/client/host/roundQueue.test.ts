import { describe, expect, it } from "vitest";
import {
  addRound,
  clampSeconds,
  currentDeckId,
  deckTitle,
  emptyQueue,
  formatMinutes,
  loadQueue,
  markStarted,
  MAX_QUEUED,
  moveRound,
  nextStart,
  parseQueue,
  QUEUE_STORAGE_PREFIX,
  removeRound,
  saveQueue,
  type DeckSummary,
  type RoundQueue,
} from "../../../client/host/roundQueue.js";

const DECKS: DeckSummary[] = [
  { id: "neighbourhood", title: "Neighbourhood party", items: 12 },
  { id: "school-trip", title: "School trip", items: 10 },
  { id: "startup", title: "Startup", items: 10 },
];

const plan = (): RoundQueue => addRound(addRound(addRound(emptyQueue(), "school-trip", 90), "startup", 120), "neighbourhood", 60);
const decksOf = (q: RoundQueue) => q.rounds.map((r) => r.deckId);

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
    const q = addRound(addRound(emptyQueue(), "startup", 5), "school-trip", 99_999);
    expect(q.rounds).toEqual([
      { id: "q1", deckId: "startup", writeSeconds: 15 },
      { id: "q2", deckId: "school-trip", writeSeconds: 1800 },
    ]);
    // An id is never reused while its round is still queued.
    const r = addRound(removeRound(q, "q1"), "neighbourhood", 60);
    expect(r.rounds.map((x) => x.id)).toEqual(["q2", "q3"]);
  });

  it("ignores an empty deck and stops at the limit", () => {
    expect(addRound(emptyQueue(), "", 60).rounds).toEqual([]);
    let q = emptyQueue();
    for (let i = 0; i < MAX_QUEUED + 5; i++) q = addRound(q, "startup", 60);
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
    expect(nextStart(plan(), DECKS, 200)).toEqual({ deckId: "school-trip", writeSeconds: 90, queuedId: "q1" });
  });

  it("falls back to the first listed deck and the given time when the queue is empty", () => {
    expect(nextStart(emptyQueue(), DECKS, 45)).toEqual({ deckId: "neighbourhood", writeSeconds: 45, queuedId: null });
    expect(nextStart(emptyQueue(), DECKS, Number.NaN).writeSeconds).toBe(120);
    // Decks not loaded: no deckId, so the server deals from its default deck.
    expect(nextStart(emptyQueue(), [], 60)).toEqual({ deckId: undefined, writeSeconds: 60, queuedId: null });
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
        { id: "q1", deckId: "startup", writeSeconds: 9999 },
        { id: "q1", deckId: "school-trip", writeSeconds: 60 }, // duplicate id
        { id: "q2", deckId: "", writeSeconds: 60 },
        { id: 3, deckId: "startup" },
        null,
        { id: "q4", deckId: "hospital" }, // no time: the default
      ],
      current: { roundNumber: 0, deckId: "startup" },
    });
    expect(parseQueue(raw)).toEqual({
      rounds: [
        { id: "q1", deckId: "startup", writeSeconds: 1800 },
        { id: "q4", deckId: "hospital", writeSeconds: 120 },
      ],
      current: null,
    });
  });
});
