// Writes a room queues for the end of the turn (PartyStore.writeSoon): they land together after
// the room's synchronous work (or, while rooms wait for their rows, after those, within a limit), in the order queued, before any later write to rounds or any read;
// one that fails is rolled back alone; close() does not drop them. And stage two of a reveal
// (recordHeardWords) changes only the heard words of the stored results.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RevealBurstHold } from "../../../server/RevealBurstHold.js";
import { PartyStore } from "../../../server/storage/PartyStore.js";
import { revealRecordsFromOutcome } from "../../../server/storage/revealRecords.js";
import { GUESTS, makeTempDir, seedParty } from "./storeFixtures.js";

let dir: string;
let file: string;
let store: PartyStore;
beforeEach(() => {
  dir = makeTempDir();
  file = path.join(dir, "party.db");
  store = PartyStore.open(file);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Round 1's stored points per guest, read through a second connection (what a crash would leave). */
function pointsOnDisk(round1Id: number): number[] {
  const other = PartyStore.open(file);
  try {
    const snapshot = other.loadSessionHistory(other.listSessions()[0].id)!;
    return snapshot.rounds.find((r) => r.id === round1Id)!.guests.map((g) => g.score?.points ?? -1);
  } finally {
    other.close();
  }
}

describe("PartyStore.writeSoon", () => {
  it("writes at the end of the turn, in the order queued", async () => {
    const { round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    const times = (k: number) => records.scores.map((s) => ({ ...s, points: s.points * k }));
    store.writeSoon("first", () => store.recordReveal(round1Id, records.rows, times(2)));
    store.writeSoon("second", () => store.recordReveal(round1Id, records.rows, times(3)));
    const original = records.scores.map((s) => s.points);
    expect(pointsOnDisk(round1Id)).toEqual(original);
    await nextTurn();
    expect(pointsOnDisk(round1Id)).toEqual(original.map((p) => p * 3));
  });

  it("lands before a later write to the rounds and before a read of the session", () => {
    const { sessionId, round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    store.writeSoon("reveal", () => store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points: 7 }))));
    // Same turn: the read sees the queued write.
    expect(store.loadSessionHistory(sessionId)!.rounds[0].guests.map((g) => g.score?.points)).toEqual(GUESTS.map(() => 7));
    store.writeSoon("reveal again", () => store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points: 9 }))));
    store.setRoundPhase(round1Id, "scores");
    expect(pointsOnDisk(round1Id)).toEqual(GUESTS.map(() => 9));
  });

  it("rolls back a failing write alone and keeps the others", async () => {
    const { round1Id, outcome } = seedParty(store, { isRound2Played: false });
    const records = revealRecordsFromOutcome(outcome);
    store.writeSoon("half-done then broken", () => {
      store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points: 1 })));
      throw new Error("disk on fire");
    });
    store.writeSoon("fine", () => store.recordHeardWords(round1Id, new Map([[GUESTS[0].guestId, ["kept"]]])));
    await nextTurn();
    const round = store.loadSessionSnapshot(store.listSessions()[0].id)!.round!;
    expect(round.guests.map((g) => g.score?.points)).toEqual(records.scores.map((s) => s.points));
    expect((round.guests[0].result as { heardWords: string[] }).heardWords).toEqual(["kept"]);
  });

  it("waits while rooms wait for their rows, and lands once they have them", async () => {
    const { round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    let roomsWaiting = 2;
    store.deferWritesWhile(new RevealBurstHold(() => roomsWaiting > 0, 1000));
    store.writeSoon("reveal", () => store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points: 4 }))));
    const original = records.scores.map((s) => s.points);
    await new Promise((r) => setTimeout(r, 30));
    expect(pointsOnDisk(round1Id)).toEqual(original);
    roomsWaiting = 0;
    await new Promise((r) => setTimeout(r, 30));
    expect(pointsOnDisk(round1Id)).toEqual(GUESTS.map(() => 4));
  });

  it("waits no longer than its limit for an engine that never finishes", async () => {
    const { round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    store.deferWritesWhile(new RevealBurstHold(() => true, 60));
    store.writeSoon("reveal", () => store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points: 6 }))));
    await new Promise((r) => setTimeout(r, 20));
    expect(pointsOnDisk(round1Id)).toEqual(records.scores.map((s) => s.points));
    await new Promise((r) => setTimeout(r, 120));
    expect(pointsOnDisk(round1Id)).toEqual(GUESTS.map(() => 6));
  });

  it("commits a long queue in slices, with turns of the event loop between them, in the order queued", async () => {
    const { round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    // Each write takes ~4 ms: 20 of them are several slices of ~10 ms.
    const slow = (points: number) => () => {
      const until = performance.now() + 4;
      while (performance.now() < until);
      store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points })));
    };
    for (let k = 1; k <= 20; k++) store.writeSoon(`reveal ${k}`, slow(1000 + k));
    const seenBetween: number[] = [];
    // A turn of the loop between slices runs this timer; it reads what is on disk by then.
    const sampler = setInterval(() => seenBetween.push(pointsOnDisk(round1Id)[0]), 0);
    while (pointsOnDisk(round1Id)[0] !== 1020) await new Promise((r) => setTimeout(r, 5));
    clearInterval(sampler);
    const partial = seenBetween.filter((p) => p > 1000 && p < 1020);
    expect(partial.length).toBeGreaterThan(0);
    expect([...seenBetween].sort((a, b) => a - b)).toEqual(seenBetween); // never goes back: queue order
  });

  it("does not lose queued writes when the store closes", () => {
    const { round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    store.writeSoon("last words", () => store.recordReveal(round1Id, records.rows, records.scores.map((s) => ({ ...s, points: 5 }))));
    store.close();
    expect(pointsOnDisk(round1Id)).toEqual(GUESTS.map(() => 5));
  });
});

describe("PartyStore.recordHeardWords", () => {
  it("sets each guest's heard words in its stored result and nothing else", () => {
    const { sessionId, round1Id } = seedParty(store, { isRound2Played: false });
    const before = store.loadSessionSnapshot(sessionId)!.round!;
    store.recordHeardWords(round1Id, new Map([[GUESTS[1].guestId, ["truck", "road"]], ["not-a-guest", ["x"]]]));
    const after = store.loadSessionSnapshot(sessionId)!.round!;
    expect(after.guests).toHaveLength(GUESTS.length);
    after.guests.forEach((g, i) => {
      const old = before.guests[i].result as object;
      expect(old).toBeTruthy();
      expect(g.result).toEqual(i === 1 ? { ...old, heardWords: ["truck", "road"] } : old);
      expect(g.score).toEqual(before.guests[i].score);
    });
  });
});
