// The dashboard's "Rehearse with bots" on the real server: the server's own bots play every round
// a phone plays, through the messages a phone sends (so their answers are validated, stored and
// scored like anyone's): picks in model and course rounds, texts in party, sentence and heads
// rounds (a bot added mid-writing too), and nothing to answer in the blocks walk-through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelAttentionPayload, ModelSentencePayload, PredictionResultPayload } from "../../../shared/modelRound.js";
import { ClientMessage, ServerMessage } from "../../../shared/protocol.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

type Guest = { id: string; isBot: boolean; hasSubmitted: boolean; isPlaying: boolean; score: number; lastPoints: number; connection: string };
type State = { phase: string; roundNumber: number; courseStep: number; guests: Map<string, Guest> };
const stateOf = (host: HostDriver) => host.room.state as unknown as State;
const botsOf = (host: HostDriver) => [...stateOf(host).guests.values()].filter((g) => g.isBot);

const QUEEN = "The queen thanked the farmer in the garden because she was happy.";

/** A party with `bots` rehearsal bots from the dashboard and a phone per human name. */
async function rehearsal(bots: number, humans: string[]) {
  const host = await HostDriver.createParty(t.httpUrl);
  const phones: BotStudent[] = [];
  for (const name of humans) phones.push(await new BotStudent(t.wsUrl, name).join(host.code));
  host.send(ClientMessage.addBots, { count: bots });
  await host.waitFor((s) => s.guests.size === bots + humans.length, `${bots} bots and ${humans.length} phones`);
  return { host, phones };
}

function waitForBotsAnswered(host: HostDriver, what: string) {
  return host.waitFor(() => botsOf(host).every((g) => g.hasSubmitted), `bots answered (${what})`, 20_000);
}

/** The latest round as stored, by guest id. */
function storedRound(host: HostDriver) {
  const round = t.store.loadSessionSnapshot(host.created.sessionId)!.round!;
  return { round, byGuest: new Map(round.guests.map((g) => [g.guestId, g])) };
}

describe("rehearsal bots in model and course rounds", () => {
  it("pick a word like a phone, after a pause, and their picks are stored and scored", async () => {
    const { host, phones } = await rehearsal(6, ["Human A", "Human B"]);
    const [sentence] = await Promise.all([
      phones[0].next<ModelSentencePayload>(ServerMessage.modelSentence, 30_000),
      host.send(ClientMessage.startRound, { roundType: "model", sentence: QUEEN, writeSeconds: 60 }),
    ]);
    await host.waitForPhase("brief", 30_000);
    // Nothing is picked before the question opens (a pick then is refused).
    await new Promise((r) => setTimeout(r, 1500));
    expect(botsOf(host).some((g) => g.hasSubmitted)).toBe(false);

    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    const opened = Date.now();
    const queen = sentence.tokens.indexOf("queen");
    await phones[0].predict(queen); // one human picks, the other never does
    await waitForBotsAnswered(host, "model round");
    // Not all at once: a short, human-like pause each.
    expect(Date.now() - opened).toBeGreaterThan(1000);

    const shown = host.nextMessage<ModelAttentionPayload>(ServerMessage.modelAttention, 30_000);
    const humanResults = phones.map((p) => p.next<PredictionResultPayload>(ServerMessage.predictionResult, 30_000));
    host.send(ClientMessage.reveal);
    const attention = await shown;
    await Promise.all(humanResults);
    await host.waitForPhase("reveal");
    // The projector counts the bots' picks with the class's: 6 bots and 1 human picked.
    expect(Object.values(attention.votes).reduce((a, b) => a + b, 0)).toBe(7);

    const { round, byGuest } = storedRound(host);
    expect(round.type).toBe("model");
    const bots = botsOf(host);
    expect(bots).toHaveLength(6);
    for (const bot of bots) {
      const stored = byGuest.get(bot.id)!;
      expect(sentence.question.choices).toContain(stored.prediction!.choice);
      expect(stored.prediction!.answerMs).toBeGreaterThanOrEqual(1000);
      const result = stored.result as unknown as PredictionResultPayload;
      expect(result.choice).toBe(stored.prediction!.choice);
      expect(result.isCorrect).toBe(sentence.tokens[result.choice!] === sentence.tokens[result.trainedAnswer]);
      expect(result.points >= 100).toBe(result.isCorrect);
      expect(result.pointsReason).not.toMatch(/No pick/);
      expect(bot.score).toBe(result.points);
      expect(bot.lastPoints).toBe(result.points);
    }
    // The human who never picked is the only "no pick".
    const silent = byGuest.get(phones[1].welcome!.guestId)!;
    expect(silent.prediction).toBeNull();
    expect(phones[1].predictionResult!.choice).toBeNull();
    expect(host.errors).toEqual([]);

    // The course round: the same question, picks scored when training ends.
    const scoresBefore = new Map(botsOf(host).map((g) => [g.id, g.score]));
    host.send(ClientMessage.startRound, { roundType: "course", sentence: QUEEN, courseSteps: 20 });
    await host.waitForPhase("brief", 30_000);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await waitForBotsAnswered(host, "course round");
    const courseResults = phones.map((p) => p.next<PredictionResultPayload>(ServerMessage.predictionResult, 120_000));
    host.send(ClientMessage.reveal);
    await Promise.all(courseResults);
    await host.waitFor((s) => (s as unknown as State).courseStep === 20, "the course finished", 60_000);
    const course = storedRound(host);
    expect(course.round.type).toBe("course");
    for (const bot of botsOf(host)) {
      const stored = course.byGuest.get(bot.id)!;
      const result = stored.result as unknown as PredictionResultPayload;
      expect(result.choice).toBe(stored.prediction!.choice);
      expect(bot.score).toBe(scoresBefore.get(bot.id)! + result.points);
    }
    expect(host.errors).toEqual([]);
    await Promise.all([...phones.map((p) => p.leave()), host.leave()]);
  }, 180_000);
});

describe("rehearsal bots in the other rounds", () => {
  it("write for their word in sentence and heads rounds, sit out the walk-through, and a bot added mid-writing plays the party round", async () => {
    const { host, phones } = await rehearsal(4, ["Human"]);
    for (const roundType of ["sentence", "heads"] as const) {
      host.send(ClientMessage.startRound, { roundType, scenarioId: "cat-on-the-mat", writeSeconds: 60 });
      await host.waitForPhase("brief", 60_000);
      host.send(ClientMessage.startWriting);
      await host.waitForPhase("write");
      await waitForBotsAnswered(host, roundType);
      await phones[0].submit({ query: "animal", key: "cat", value: "" });
      host.send(ClientMessage.reveal);
      await host.waitForPhase("reveal", 60_000);
      const { round, byGuest } = storedRound(host);
      expect(round.type).toBe(roundType);
      for (const bot of botsOf(host)) {
        expect(byGuest.get(bot.id)!.submission!.query).not.toBe("");
        expect(byGuest.get(bot.id)!.result).not.toBeNull();
      }
    }

    host.send(ClientMessage.startRound, { roundType: "blocks", sentence: "She sat on the bank of the river." });
    await host.waitForPhase("reveal", 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(botsOf(host).every((g) => g.connection === "online")).toBe(true);

    host.send(ClientMessage.startRound, { roundType: "party", writeSeconds: 60 });
    await host.waitForPhase("brief");
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    // A late bot gets its card as it joins and plays this round, as a late phone does.
    host.send(ClientMessage.addBots, { count: 1 });
    await host.waitFor((s) => s.guests.size === 6, "the late bot");
    await waitForBotsAnswered(host, "party round");
    expect(botsOf(host).every((g) => g.isPlaying)).toBe(true);
    host.send(ClientMessage.reveal);
    await host.waitForPhase("reveal", 60_000);
    const { byGuest } = storedRound(host);
    for (const bot of botsOf(host)) expect(byGuest.get(bot.id)!.score).not.toBeNull();
    expect(host.errors).toEqual([]);
    await Promise.all([...phones.map((p) => p.leave()), host.leave()]);
  }, 240_000);
});
