// The store's writes and what comes back: a whole session round trip, the snapshot a party is
// rebuilt from, secrets kept as hashes only, and commits surviving a SIGKILLed process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PartyStore } from "../../../server/storage/PartyStore.js";
import { attentionPayloadFromRound, revealRecordsFromOutcome } from "../../../server/storage/revealRecords.js";
import { hashSecret, secretMatchesHash } from "../../../server/storage/secretHash.js";
import { GUESTS, makeTempDir, ROUND1_TEXTS, seedParty, T0 } from "./storeFixtures.js";

let dir: string;
let file: string;
let store: PartyStore;
beforeEach(() => {
  dir = makeTempDir();
  file = path.join(dir, "party.db");
  store = PartyStore.open(file, { now: () => T0 + 999_000 });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("PartyStore", () => {
  it("round-trips a whole session through a reopened file", () => {
    const seeded = seedParty(store);
    store.endSession(seeded.sessionId, T0 + 900_000);
    store.close();
    store = PartyStore.open(file);

    const history = store.loadSessionHistory(seeded.sessionId)!;
    expect(history.session).toMatchObject({ code: "KQXWP", status: "ended", createdAt: T0, endedAt: T0 + 900_000 });
    expect(history.session.settings).toEqual({ writeSeconds: 90, isLocked: false });
    expect(history.players.map((p) => [p.name, p.seat, p.isKicked])).toEqual([
      ["Ann", 0, false], ["Bob", 1, false], ["Cy", 2, true], ["=Di", 3, false], ["Eve", 4, false],
    ]);
    expect(history.players[0]).not.toHaveProperty("rejoinSecretHash");
    const [r1, r2] = history.rounds;
    expect(r1).toMatchObject({ number: 1, type: "party", phase: "scores", isWritingOpen: false, phaseEndsAt: null, revealedAt: T0 + 160_000 });
    expect(r1.guests.map((g) => g.submission?.query)).toEqual(ROUND1_TEXTS.map((t) => t.query));
    expect(r1.guests[0].submission?.unknownWords).toEqual({ query: [], key: ["cakes"], value: [] });
    expect(r1.guests.map((g) => g.score?.points)).toEqual([100, 95, 105, 90]);
    expect(r1.guests.map((g) => g.score?.rankAfter)).toEqual([2, 3, 1, 4]);
    expect(r1.guests[2].score?.matchMass).toBeCloseTo(0.8);
    expect(r1.guests[0].attentionTop).toEqual([["g-bob", 0.7], ["g-cy", 0.2], ["g-di", 0.1]]);
    expect(r1.guests.every((g) => g.result === null)).toBe(true); // reports do not load them
    expect(r2.settings).toEqual({ sharpness: 2 });
    expect(attentionPayloadFromRound(r1)).toEqual(seeded.outcome.attention);
  });

  it("snapshots a party caught mid-write with everything a restart needs", () => {
    const { sessionId, hostKey, round2Id } = seedParty(store);
    const snapshot = store.loadSessionSnapshot(sessionId)!;

    expect(snapshot.session).toMatchObject({ id: sessionId, code: "KQXWP", status: "open", hostKeyHash: hashSecret(hostKey) });
    const byName = new Map(snapshot.players.map((p) => [p.name, p]));
    expect(snapshot.players.map((p) => p.guestId)).toEqual(["g-ann", "g-bob", "g-cy", "g-di", "g-eve"]);
    expect(byName.get("Ann")).toMatchObject({ totalScore: 100, rank: 2, previousRank: null, lastPoints: 0, isKicked: false });
    expect(byName.get("Cy")).toMatchObject({ totalScore: 105, rank: 1, isKicked: true });
    expect(byName.get("Eve")).toMatchObject({ totalScore: 0, rank: null, lastPoints: 0 });
    for (const g of GUESTS) expect(secretMatchesHash(g.rejoinSecret, byName.get(g.name)!.rejoinSecretHash)).toBe(true);
    expect(secretMatchesHash("secret-ann-0123456789", byName.get("Bob")!.rejoinSecretHash)).toBe(false);

    const round = snapshot.round!;
    expect(round).toMatchObject({ id: round2Id, number: 2, phase: "write", isWritingOpen: true, phaseEndsAt: T0 + 420_000, revealedAt: null, revealOrder: [] });
    expect(round.guests.map((g) => g.guestId)).toEqual(["g-ann", "g-bob", "g-di", "g-eve"]);
    const [ann, bob, di, eve] = round.guests;
    expect(ann.card).toEqual({ needId: "bike", offerId: "truck" });
    expect(ann.submission).toMatchObject({ query: "a bike please", key: "truck owner", moderation: "ok", submittedAt: T0 + 330_000 });
    expect(bob.submission?.moderation).toBe("flagged");
    expect(di.submission).toBeNull();
    expect(eve.card).toEqual({ needId: "tax", offerId: "cake" });
    expect([ann, bob, di, eve].every((g) => g.score === null && g.result === null && g.attentionTop === null)).toBe(true);
    expect(attentionPayloadFromRound(round)).toBeNull();
  });

  it("snapshots a party in the scores phase with each phone's result and the projector's lines", () => {
    const { sessionId, outcome } = seedParty(store, { isRound2Played: false });
    const snapshot = store.loadSessionSnapshot(sessionId)!;
    expect(snapshot.round).toMatchObject({ number: 1, phase: "scores", revealOrder: ["g-ann", "g-bob", "g-cy", "g-di"] });
    for (const g of snapshot.round!.guests) expect(g.result).toEqual(outcome.results.get(g.guestId));
    expect(attentionPayloadFromRound(snapshot.round!)).toEqual(outcome.attention);
    expect(snapshot.players.map((p) => [p.name, p.totalScore, p.rank, p.lastPoints])).toEqual([
      ["Ann", 100, 2, 100], ["Bob", 95, 3, 95], ["Cy", 105, 1, 105], ["=Di", 90, 4, 90],
    ]);
  });

  it("gives lastPoints from the latest round once it is revealed, and replaces a recomputed reveal", () => {
    const { sessionId, round1Id, outcome } = seedParty(store);
    const records = revealRecordsFromOutcome(outcome);
    // A sharper slider recomputes round 1 while its scores show: phase and first reveal time stay.
    const doubled = records.scores.map((s) => ({ ...s, points: s.points * 2, totalAfter: s.totalAfter * 2 }));
    store.recordReveal(round1Id, records.rows.slice(0, 2), doubled, T0 + 170_000);
    const r1 = store.loadSessionHistory(sessionId)!.rounds[0];
    expect(r1).toMatchObject({ phase: "scores", revealedAt: T0 + 160_000, revealOrder: ["g-ann", "g-bob"] });
    expect(r1.guests.map((g) => g.score?.points)).toEqual([200, 190, 210, 180]);

    const fresh = store.createSession({ code: "ZZZZZ", hostKey: "other-key-0123456789" });
    store.recordPlayer(fresh.id, { guestId: "a", name: "A", seat: 0, rejoinSecret: "sa" });
    const roundId = store.startRound(fresh.id, { number: 1, type: "party" });
    store.recordReveal(roundId, [], [{ guestId: "a", points: 42, matchMass: 0.42, totalAfter: 42, rankAfter: 1, previousRank: null, result: null }]);
    expect(store.loadSessionSnapshot(fresh.id)!.players[0]).toMatchObject({ lastPoints: 42, totalScore: 42, rank: 1 });
    expect(store.loadSessionSnapshot(fresh.id)!.round).toMatchObject({ phase: "reveal", revealedAt: T0 + 999_000 });
  });

  it("stores host keys and rejoin secrets as hashes only", () => {
    const { hostKey } = seedParty(store);
    store.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    for (const secret of [hostKey, ...GUESTS.map((g) => g.rejoinSecret)]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(hashSecret(secret)))).toBe(true);
    }
    store = PartyStore.open(file);
  });

  it("verifies the host key per session without telling a missing session from a wrong key", () => {
    const { sessionId, hostKey } = seedParty(store);
    const other = store.createSession({ code: "MMMMM", hostKey: "key-of-other-session" });
    expect(store.verifyHostKey(sessionId, hostKey)).toBe(true);
    expect(store.verifyHostKey(sessionId, "key-of-other-session")).toBe(false);
    expect(store.verifyHostKey(other.id, hostKey)).toBe(false);
    expect(store.verifyHostKey("no-such-session", hostKey)).toBe(false);
    expect(store.verifyHostKey(sessionId, "")).toBe(false);
    expect(store.verifyHostKey(sessionId, undefined)).toBe(false);
    expect(store.listSessionsForHostKey(hostKey).map((s) => s.id)).toEqual([sessionId]);
    expect(store.listSessionsForHostKey("wrong")).toEqual([]);
  });

  it("finds the open session by code, keeps codes unique among open sessions, lists newest first", () => {
    const { sessionId } = seedParty(store);
    expect(store.findOpenSessionByCode("KQXWP")?.id).toBe(sessionId);
    expect(() => store.createSession({ code: "KQXWP", hostKey: "k2" })).toThrow(/already belongs to an open session/);
    store.endSession(sessionId);
    expect(store.findOpenSessionByCode("KQXWP")).toBeUndefined();
    const again = store.createSession({ code: "KQXWP", hostKey: "k2", createdAt: T0 + 1 });
    expect(store.findOpenSessionByCode("KQXWP")?.id).toBe(again.id);
    expect(store.listSessions().map((s) => [s.id, s.playerCount, s.roundCount])).toEqual([[again.id, 0, 0], [sessionId, 5, 2]]);
    expect(store.listSessions({ status: "ended" }).map((s) => s.id)).toEqual([sessionId]);
  });

  it("merges settings, renames, moderates, and refuses writes to rows that do not exist", () => {
    const { sessionId, round2Id } = seedParty(store);
    store.updateSessionSettings(sessionId, { isLocked: true, sharpness: 1.5 });
    expect(store.getSession(sessionId)?.settings).toEqual({ writeSeconds: 90, isLocked: true, sharpness: 1.5 });
    store.renamePlayer(sessionId, "g-bob", "Robert");
    store.setModeration(round2Id, "g-bob", "approved");
    const snapshot = store.loadSessionSnapshot(sessionId)!;
    expect(snapshot.players[1].name).toBe("Robert");
    expect(snapshot.round!.guests[1].submission?.moderation).toBe("approved");
    expect(() => store.renamePlayer(sessionId, "nobody", "X")).toThrow(/No player nobody/);
    expect(() => store.setModeration(round2Id, "g-di", "hidden")).toThrow(/No submission/);
    expect(() => store.endSession("nope")).toThrow(/No session nope/);
    expect(() => store.recordSubmission(round2Id, {
      guestId: "g-di", query: "q", key: "k", value: "v", unknownWords: { query: [], key: [], value: [] }, moderation: "rude" as never,
    })).toThrow(/CHECK constraint/);
  });

  it("deletes a session with everything under it", () => {
    const { sessionId } = seedParty(store);
    expect(store.deleteSession(sessionId)).toBe(true);
    expect(store.loadSessionSnapshot(sessionId)).toBeUndefined();
    expect(store.listSessions()).toEqual([]);
    expect(store.deleteSession(sessionId)).toBe(false);
  });

  it("keeps every committed write when the writing process is killed with SIGKILL", () => {
    store.close();
    const script = path.join(dir, "writer.ts");
    const storeModule = path.resolve("server/storage/PartyStore.ts");
    fs.writeFileSync(
      script,
      `import { PartyStore } from ${JSON.stringify(storeModule)};
       const store = PartyStore.open(${JSON.stringify(file)});
       const s = store.createSession({ code: "CRASH", hostKey: "crash-host-key" });
       for (let seat = 0; seat < 30; seat++) store.recordPlayer(s.id, { guestId: "g" + seat, name: "G" + seat, seat, rejoinSecret: "r" + seat });
       const roundId = store.startRound(s.id, { number: 1, type: "party", cards: [] });
       store.setRoundPhase(roundId, "write", { isOpen: true, endsAt: Date.now() + 60000 });
       for (let i = 0; i < 30; i++) store.recordSubmission(roundId, { guestId: "g" + i, query: "q" + i, key: "k" + i, value: "v" + i, unknownWords: { query: [], key: [], value: [] } });
       process.stdout.write(s.id);
       process.kill(process.pid, "SIGKILL");`,
    );
    const child = spawnSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8", timeout: 30_000 });
    expect(child.signal).toBe("SIGKILL");
    const sessionId = child.stdout.trim();
    store = PartyStore.open(file);
    const snapshot = store.loadSessionSnapshot(sessionId)!;
    expect(snapshot.players).toHaveLength(30);
    expect(snapshot.round).toMatchObject({ phase: "write", isWritingOpen: true });
    expect(snapshot.round!.guests.map((g) => g.submission?.query)).toEqual(Array.from({ length: 30 }, (_, i) => `q${i}`));
  });
});
