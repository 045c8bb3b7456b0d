// The sentence and heads rounds on the real server (real engine and model workers, real SQLite):
// a class is seated at tables of the scenario's sentence, the model plays the words nobody took,
// every table's attention is computed on its own and scored against its key, and the key reaches
// nobody before the reveal. Scores are checked against the engine's own matrix, recomputed here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import { maskFrom } from "../../../shared/attention.js";
import { ClientMessage, ServerMessage, type ErrorPayload } from "../../../shared/protocol.js";
import type { SentenceScenario, WordKey } from "../../../shared/scenario.js";
import { scoreSentenceTable, sentenceRoundKey, teamScore } from "../../../shared/scenarioScoring.js";
import type { SeatPayload, SentenceAttentionPayload, SentenceResultPayload, SentenceSeatingPayload } from "../../../shared/sentenceRound.js";
import { BotStudent, type ReceivedMessage } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { sentenceBotTexts } from "../../../server/bots/sentenceTexts.js";
import { botName, seededRandom } from "../../../server/bots/partyRehearsal.js";
import type { SentenceRoundSettings } from "../../../server/rooms/SentenceRoundRunner.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const CAT = "cat-on-the-mat"; // 10 words, 4 heads

async function partyOf(count: number, first = 0) {
  const host = await HostDriver.createParty(t.httpUrl);
  const bots: BotStudent[] = [];
  for (let i = 0; i < count; i++) bots.push(await new BotStudent(t.wsUrl, botName(first + i)).join(host.code));
  await host.waitFor((s) => s.guests.size === count, `${count} guests`);
  return { host, bots };
}

/** Records every message a host-side client gets, to check what arrived before the reveal. */
function recordAll(room: Room): ReceivedMessage[] {
  const received: ReceivedMessage[] = [];
  room.onMessage("*", (type, payload) => received.push({ type: String(type), payload, at: Date.now() }));
  return received;
}

async function startRound(host: HostDriver, bots: BotStudent[], roundType: "sentence" | "heads", scenarioId = CAT) {
  const seating = host.nextMessage<SentenceSeatingPayload>(ServerMessage.sentenceSeating, 60_000);
  const seats = bots.map((b) => b.next<SeatPayload>(ServerMessage.seat, 60_000));
  host.send(ClientMessage.startRound, { roundType, scenarioId });
  const [payload] = await Promise.all([seating, ...seats]);
  await host.waitForPhase("brief");
  return payload;
}

/** Opens writing (unless open), has `writers` write from their hints, reveals, and waits for every phone. */
async function writeAndReveal(host: HostDriver, bots: BotStudent[], writers: BotStudent[] = bots) {
  if ((host.room.state as unknown as { phase: string }).phase !== "write") {
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
  }
  const random = seededRandom(7);
  await Promise.all(writers.map((b) => b.submit(sentenceBotTexts(b.seat!, random))));
  const staff = host.nextMessage<SentenceAttentionPayload>(ServerMessage.sentenceAttention, 60_000);
  const results = bots.map((b) => b.next<SentenceResultPayload>(ServerMessage.sentenceResult, 60_000));
  host.send(ClientMessage.reveal);
  const [attention] = await Promise.all([staff, ...results]);
  await host.waitForPhase("reveal");
  return attention;
}

function roundSettings(sessionId: string): SentenceRoundSettings {
  return t.store.loadSessionSnapshot(sessionId)!.round!.settings as unknown as SentenceRoundSettings;
}

/**
 * Every table's full matrix again from the engine with the texts each seat played (the students'
 * as stored, the model's from the round's settings), scored here with the shared rules.
 */
async function expectedPoints(sessionId: string, bots: BotStudent[], keyOf: (head: number | null, scenario: SentenceScenario) => WordKey[]) {
  const settings = roundSettings(sessionId);
  const { scenario, seating, modelTexts } = settings;
  const byGuest = new Map(bots.map((b) => [b.welcome!.guestId, b]));
  const points = new Map<string, number>();
  for (const table of seating.tables) {
    const texts = table.seats.map((seat) => {
      const bot = seat.studentId ? byGuest.get(seat.studentId) : undefined;
      return bot?.submitted ? { query: bot.submitted.query, key: bot.submitted.key, value: bot.submitted.value } : modelTexts[table.head ?? 0][seat.position];
    });
    const { weights } = await t.engine.reveal({ texts, options: { sharpness: 1, mask: maskFrom(true, false) }, heardWordCount: 0 });
    const scores = scoreSentenceTable(weights, keyOf(table.head, scenario), scenario.words);
    table.seats.forEach((seat, k) => seat.studentId && points.set(seat.studentId, scores[k].points));
  }
  return points;
}

function hasAnswerKey(messages: ReceivedMessage[]): boolean {
  return messages.some((m) => /"keys"|"keyTargets"|"keyMass"/.test(JSON.stringify(m.payload ?? null)));
}

describe("the sentence round", () => {
  it("seats 25 students at 3 tables of a 10-word sentence, scores each table against the key, and keeps the key secret until the reveal", async () => {
    const { host, bots } = await partyOf(25);
    const screen = await new Client(t.wsUrl).joinById(host.code, { role: "screen" });
    const screenMessages = recordAll(screen);
    screen.send(ClientMessage.ready, {});
    const hostMessages = recordAll(host.room);

    const seating = await startRound(host, bots, "sentence");
    expect(seating.words).toEqual(["the", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired"]);
    expect(seating.tables).toHaveLength(3);
    const humanSeats = seating.tables.flatMap((tb) => tb.seats.filter((s) => s.guestId !== null));
    expect(humanSeats).toHaveLength(25);
    expect(new Set(humanSeats.map((s) => s.guestId)).size).toBe(25);
    // 30 seats for 25 students: the model plays 5 words, marked on every seat it plays.
    const modelSeats = seating.tables.flatMap((tb) => tb.seats.filter((s) => s.isModel));
    expect(modelSeats).toHaveLength(5);
    expect(modelSeats.every((s) => s.guestId === null && s.name === null)).toBe(true);
    // Every phone knows its word, its hint and its table, and who plays the other words.
    for (const bot of bots) {
      const seat = bot.seat!;
      const table = seating.tables[seat.tableIndex];
      expect(table.seats[seat.position].guestId).toBe(bot.welcome!.guestId);
      expect(seat.word).toBe(seating.words[seat.position]);
      expect(seat.hint.length).toBeGreaterThan(0);
      expect(seat.tablemates).toHaveLength(9);
      expect(seat.head).toBeNull();
    }

    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    // The name tag and the query are required; the value is optional (the word stands in).
    const [first] = bots;
    first.room.send(ClientMessage.submit, { query: "", key: "x", value: "" });
    const refused = await first.next<ErrorPayload>(ServerMessage.error);
    expect(refused).toMatchObject({ code: "empty_fields", fields: ["query"] });
    const acked = await first.submit({ query: "where did the cat sit", key: first.seat!.word, value: "" });
    expect(acked.value).toBe(first.seat!.word);
    // Stored before the acknowledgement.
    const stored = t.store.loadSessionSnapshot(host.created.sessionId)!.round!.guests.find((g) => g.guestId === first.welcome!.guestId);
    expect(stored?.submission).toMatchObject({ query: "where did the cat sit", value: first.seat!.word });

    // Nothing said anything about the key before the reveal: not to phones, host or projector, not in the state.
    expect(bots.some((b) => hasAnswerKey(b.received))).toBe(false);
    expect(hasAnswerKey(hostMessages) || hasAnswerKey(screenMessages)).toBe(false);
    expect([...hostMessages, ...screenMessages, ...bots.flatMap((b) => b.received)].some((m) => m.type === ServerMessage.sentenceAttention || m.type === ServerMessage.sentenceResult)).toBe(false);
    expect(JSON.stringify(host.room.state)).not.toMatch(/keys|keyTargets/);

    const onScreen = new Promise<SentenceAttentionPayload>((resolve) => screen.onMessage(ServerMessage.sentenceAttention, resolve));
    const attention = await writeAndReveal(host, bots, bots.slice(1));
    expect((await onScreen).tables).toHaveLength(3);
    expect(attention.tables).toHaveLength(3);
    expect(attention.keys).toHaveLength(4);
    expect(attention.teams).toEqual([]);

    // Each student's points are what the shared rules give on the engine's full matrix.
    const expected = await expectedPoints(host.created.sessionId, bots, (_head, scenario) => sentenceRoundKey(scenario));
    const state = host.room.state as unknown as { guests: Map<string, { score: number; rank: number }> };
    for (const bot of bots) {
      const result = bot.sentenceResult!;
      expect(result.word).toBe(bot.seat!.word);
      expect(result.points).toBe(expected.get(bot.welcome!.guestId));
      expect(state.guests.get(bot.welcome!.guestId)!.score).toBe(result.points);
      const table = attention.tables[bot.seat!.tableIndex];
      const seatPoints = table.points[bot.seat!.position];
      expect(seatPoints === null ? 0 : seatPoints).toBe(result.points);
      // Rows are the table's own: positions within the sentence, weights in [0, 1].
      for (const row of table.rows) for (const [j, w] of row) expect(j >= 0 && j < 10 && w >= 0 && w <= 1).toBe(true);
    }
    // "it" is a finder in two heads: its key combines them.
    const it = bots.find((b) => b.seat!.word === "it")!.sentenceResult!;
    expect(it.keyTargets.map((k) => k.word).sort()).toEqual(["cat", "tired"]);
    // Model seats show the model's own name tag: the word itself.
    for (const table of attention.tables) table.seats.forEach((s, k) => s.isModel && expect(table.nameTags[k]).toBe(s.word));

    // Stored: rows for every student and the staff's payload for projectors after a restart.
    const snapshot = t.store.loadSessionSnapshot(host.created.sessionId)!;
    expect(snapshot.round!.revealOrder).toHaveLength(25);
    expect(roundSettings(host.created.sessionId).revealed?.tables).toHaveLength(3);

    // A phone coming back gets its seat and result again; a projector joining now gets the tables.
    await bots[3].dropAndReconnect();
    await bots[3].next(ServerMessage.sentenceResult, 15_000);
    const late = await new Client(t.wsUrl).joinById(host.code, { role: "screen" });
    const caughtUp = new Promise((resolve) => late.onMessage(ServerMessage.sentenceAttention, resolve));
    late.send(ClientMessage.ready, {});
    expect(((await caughtUp) as SentenceAttentionPayload).tables).toHaveLength(3);

    // Changing the mask after the reveal recomputes every table.
    const recomputed = host.nextMessage<SentenceAttentionPayload>(ServerMessage.sentenceAttention, 60_000);
    host.send(ClientMessage.setAttention, { sharpness: 1, isSelfAttentionBlocked: false, isCausal: false });
    const again = await recomputed;
    expect(again.tables.some((tb) => tb.rows.some((row, k) => row.some(([j]) => j === k)))).toBe(true);

    await Promise.all([...bots.map((b) => b.leave()), host.leave(), screen.leave(), late.leave()]);
  }, 180_000);

  it("with 5 students, the model plays the other 5 words at one table, and a late student takes one of them", async () => {
    const { host, bots } = await partyOf(5);
    const seating = await startRound(host, bots, "sentence");
    expect(seating.tables).toHaveLength(1);
    const table = seating.tables[0];
    expect(table.seats.filter((s) => s.isModel)).toHaveLength(5);
    // The most interesting words go to the students: the finders "sat" and "it" are played by people.
    for (const word of ["sat", "it"]) expect(table.seats.find((s) => s.word === word)!.isModel).toBe(false);
    for (const bot of bots) expect(bot.seat!.tablemates.filter((m) => m.isModel)).toHaveLength(5);

    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    // A student arriving during writing takes a model-played word at once.
    const reseated = host.nextMessage<SentenceSeatingPayload>(ServerMessage.sentenceSeating);
    const lateBot = new BotStudent(t.wsUrl, "Late");
    const lateSeat = lateBot.next<SeatPayload>(ServerMessage.seat);
    await lateBot.join(host.code);
    const seat = await lateSeat;
    const after = await reseated;
    expect(after.tables).toHaveLength(1);
    expect(after.tables[0].seats[seat.position]).toMatchObject({ guestId: lateBot.welcome!.guestId, isModel: false });
    expect(after.tables[0].seats.filter((s) => s.isModel)).toHaveLength(4);
    // Stored with the round, so a restart keeps the seat.
    const stored = roundSettings(host.created.sessionId).seating.tables[0].seats[seat.position];
    expect(stored.studentId).toBe(lateBot.welcome!.guestId);

    const everyone = [...bots, lateBot];
    const random = seededRandom(3);
    await Promise.all(everyone.map((b) => b.submit(sentenceBotTexts(b.seat!, random))));
    const staff = host.nextMessage<SentenceAttentionPayload>(ServerMessage.sentenceAttention, 60_000);
    const results = everyone.map((b) => b.next<SentenceResultPayload>(ServerMessage.sentenceResult, 60_000));
    host.send(ClientMessage.reveal);
    const attention = await staff;
    await Promise.all(results);
    expect(attention.tables[0].seats.filter((s) => s.isModel)).toHaveLength(4);
    const expected = await expectedPoints(host.created.sessionId, everyone, (_h, scenario) => sentenceRoundKey(scenario));
    for (const bot of everyone) expect(bot.sentenceResult!.points).toBe(expected.get(bot.welcome!.guestId));
    await Promise.all([...everyone.map((b) => b.leave()), host.leave()]);
  }, 120_000);

  it("refuses an unknown scenario, a party scenario and a reveal with no texts, clearly, and the party goes on", async () => {
    const { host, bots } = await partyOf(2);
    const cases: Array<[string, string, RegExp]> = [
      ["sentence", "no-such-scenario", /No scenario "no-such-scenario"/],
      ["heads", "help-me-move", /party scenario/],
    ];
    for (const [roundType, scenarioId, message] of cases) {
      const refused = host.nextMessage<ErrorPayload>(ServerMessage.error, 30_000);
      host.send(ClientMessage.startRound, { roundType: roundType as "sentence", scenarioId });
      expect((await refused).message).toMatch(message);
    }
    const state = host.room.state as unknown as { phase: string; roundNumber: number };
    expect(state.phase).toBe("lobby");
    expect(state.roundNumber).toBe(0);

    await startRound(host, bots, "sentence");
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    const early = host.nextMessage<ErrorPayload>(ServerMessage.error);
    host.send(ClientMessage.reveal);
    expect((await early).message).toMatch(/At least 1 student must submit/);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 90_000);
});

describe("the heads round", () => {
  it("splits the class into one team per head, scores each team's tables against its head, and reports team scores", async () => {
    const { host, bots } = await partyOf(8, 10);
    const hostMessages = recordAll(host.room);
    const seating = await startRound(host, bots, "heads");
    expect(seating.questions).toHaveLength(4);
    // 8 students, 4 heads: 2 per team, each team at its own table, 8 model seats each.
    expect(seating.tables.map((tb) => tb.head)).toEqual([0, 1, 2, 3]);
    for (const table of seating.tables) expect(table.seats.filter((s) => !s.isModel)).toHaveLength(2);
    for (const bot of bots) {
      expect(bot.seat!.head).toBe(seating.tables[bot.seat!.tableIndex].head);
      expect(bot.seat!.headQuestion).toBe(seating.questions[bot.seat!.head!]);
    }
    expect(bots.some((b) => hasAnswerKey(b.received)) || hasAnswerKey(hostMessages)).toBe(false);

    const attention = await writeAndReveal(host, bots);
    expect(attention.teams.map((team) => [team.head, team.memberCount])).toEqual([[0, 2], [1, 2], [2, 2], [3, 2]]);
    const expected = await expectedPoints(host.created.sessionId, bots, (head, scenario) => scenario.heads[head!].key);
    for (const bot of bots) expect(bot.sentenceResult!.points).toBe(expected.get(bot.welcome!.guestId));
    // A team's score is the mean of its scored members, and each member's phone shows it.
    for (const team of attention.teams) {
      const members = bots.filter((b) => b.seat!.head === team.head).map((b) => b.sentenceResult!);
      const scored = members.map((r) => ({ role: "finder" as const, mass: r.keyMass ?? 0, points: r.points, isScored: r.keyMass !== null, reason: "" }));
      expect(team.score).toBe(teamScore(scored));
      for (const r of members) expect(r.teamScore).toBe(team.score);
    }
    // The "who did it" team's key: "sat" looks for "cat".
    expect(attention.keys[0][2]).toEqual([{ position: 1, share: 1 }]);
    // The host's roster names each student's word and table.
    // Asked for, not waited for: the reveal's own roster may have gone out before this listener.
    const roster = await new Promise<{ guests: Array<{ guestId: string; sentenceSeat?: { word: string; tableIndex: number } }> }>((resolve) => {
      host.room.onMessage(ServerMessage.hostRoster, resolve);
      host.room.send(ClientMessage.ready, {});
    });
    const entry = roster.guests.find((g) => g.guestId === bots[0].welcome!.guestId)!;
    expect(entry.sentenceSeat).toMatchObject({ word: bots[0].seat!.word, tableIndex: bots[0].seat!.tableIndex });
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 120_000);
});

describe("a restart", () => {
  it("brings back the seating, the texts and the round, and the reveal still works", async () => {
    const server = await startTestServer();
    const { port } = server.server;
    let second: TestServer | null = null;
    try {
      const host = await HostDriver.createParty(server.httpUrl);
      const bots: BotStudent[] = [];
      for (const name of ["Ada", "Ben", "Cy"]) bots.push(await new BotStudent(server.wsUrl, name).join(host.code));
      await host.waitFor((s) => s.guests.size === 3, "guests");
      const seats = bots.map((b) => b.next<SeatPayload>(ServerMessage.seat, 60_000));
      host.send(ClientMessage.startRound, { roundType: "sentence", scenarioId: CAT });
      await Promise.all(seats);
      host.send(ClientMessage.startWriting);
      await host.waitForPhase("write");
      const random = seededRandom(5);
      await Promise.all(bots.map((b) => b.submit(sentenceBotTexts(b.seat!, random))));
      const before = bots.map((b) => b.seat!);
      await server.stop();

      second = await startTestServer({ port, dbPath: server.store.path });
      // (The helper's URLs name the port it picked; the server was told to reuse the first one.)
      const hostBack = await new Client(server.wsUrl).joinById(host.code, { role: "host", hostKey: host.hostKey });
      hostBack.send(ClientMessage.ready, {});
      for (const [i, bot] of bots.entries()) {
        const seat = bot.next<SeatPayload>(ServerMessage.seat, 15_000);
        const submitted = bot.next(ServerMessage.submitted, 15_000);
        await bot.rejoin();
        expect(await seat).toMatchObject({ position: before[i].position, tableIndex: before[i].tableIndex });
        await submitted;
      }
      const results = bots.map((b) => b.next<SentenceResultPayload>(ServerMessage.sentenceResult, 60_000));
      hostBack.send(ClientMessage.reveal, {});
      const got = await Promise.all(results);
      expect(got.map((r) => r.word)).toEqual(before.map((s) => s.word));
      await Promise.all([...bots.map((b) => b.leave()), hostBack.leave()]);
    } finally {
      await second?.stop();
    }
  }, 180_000);
});
