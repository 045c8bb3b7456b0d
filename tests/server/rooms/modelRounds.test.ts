// The model and course rounds on the real server with the real model worker: the sentence and the
// question reach every phone, picks are acknowledged and stored, the reveal scores them against the
// trained model and shows both models to the staff, bad sentences are refused without starting a
// round, and the live course trains from random init while the room keeps answering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlocksPayload } from "../../../shared/blocks.js";
import type { CourseProgressPayload, ModelAttentionPayload, ModelSentencePayload } from "../../../shared/modelRound.js";
import { ClientMessage, ServerMessage, type ErrorPayload, type NoticePayload } from "../../../shared/protocol.js";
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

const QUEEN = "The queen thanked the farmer in the garden because she was happy.";

async function partyWith(names: string[]) {
  const host = await HostDriver.createParty(t.httpUrl);
  const bots: BotStudent[] = [];
  for (const name of names) bots.push(await new BotStudent(t.wsUrl, name).join(host.code));
  await host.waitFor((s) => s.guests.size === names.length, "guests");
  return { host, bots };
}

function argmax(row: number[]): number {
  return row.indexOf(Math.max(...row));
}

describe("the model round", () => {
  it("asks every phone about the sentence, scores picks against the trained model, and shows both models", async () => {
    const { host, bots } = await partyWith(["Ada", "Ben", "Cy"]);
    const sentences = bots.map((b) => b.next<ModelSentencePayload>(ServerMessage.modelSentence, 30_000));
    host.send(ClientMessage.startRound, { roundType: "model", sentence: QUEEN });
    const [sentence] = await Promise.all(sentences);
    await host.waitForPhase("brief");
    expect(sentence.tokens).toEqual(["<s>", "the", "queen", "thanked", "the", "farmer", "in", "the", "garden", "because", "she", "was", "happy"]);
    // The question is about a link the trained model makes: "she" → head 4 (which earlier word).
    expect(sentence.question).toMatchObject({ word: "she", head: 3 });
    const { choices } = sentence.question;
    const queen = sentence.tokens.indexOf("queen");
    const farmer = sentence.tokens.indexOf("farmer");
    expect(choices).toContain(queen);
    expect(choices).toContain(farmer);
    expect(choices).not.toContain(0);
    expect(choices).not.toContain(sentence.question.wordIndex);

    // Picks are refused before the question opens.
    bots[0].room.send(ClientMessage.predict, { choice: queen });
    expect((await bots[0].next<ErrorPayload>(ServerMessage.error)).code).toBe("wrong_phase");

    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    expect(await bots[0].predict(queen)).toEqual({ choice: queen });
    expect(await bots[1].predict(farmer)).toEqual({ choice: farmer });
    bots[2].room.send(ClientMessage.predict, { choice: 99 });
    expect((await bots[2].next<ErrorPayload>(ServerMessage.error)).message).toMatch(/not one of the choices/);
    // A text submission makes no sense here and is refused clearly.
    bots[2].room.send(ClientMessage.submit, { query: "a", key: "b", value: "c" });
    expect((await bots[2].next<ErrorPayload>(ServerMessage.error)).message).toMatch(/answer the question/);

    const shown = host.nextMessage<ModelAttentionPayload>(ServerMessage.modelAttention, 30_000);
    const results = bots.map((b) => b.next(ServerMessage.predictionResult, 30_000));
    host.send(ClientMessage.reveal);
    const attention = await shown;
    await Promise.all(results);
    await host.waitForPhase("reveal");

    // The staff get both models, every head a row-stochastic matrix over the tokens.
    for (const model of [attention.trained, attention.untrained]) {
      expect(model.heads).toHaveLength(4);
      for (const head of model.heads) {
        expect(head.weights).toHaveLength(sentence.tokens.length);
        for (const row of head.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
      }
    }
    const she = sentence.question.wordIndex;
    expect(argmax(attention.trained.heads[3].weights[she])).toBe(queen);
    expect(attention.votes).toEqual({ [queen]: 1, [farmer]: 1 });

    const [ada, ben, cy] = bots.map((b) => b.predictionResult!);
    expect(ada).toMatchObject({ choice: queen, trainedAnswer: queen, isCorrect: true });
    expect(ada.points).toBeGreaterThanOrEqual(100);
    expect(ada.points).toBeLessThanOrEqual(150);
    expect(ben).toMatchObject({ choice: farmer, isCorrect: false, points: 0 });
    expect(cy).toMatchObject({ choice: null, isCorrect: false, points: 0 });
    expect(ada.rank).toBe(1);
    const adaState = (host.room.state as unknown as { guests: Map<string, { score: number }> }).guests.get(bots[0].welcome!.guestId)!;
    expect(adaState.score).toBe(ada.points);

    // Stored: the picks and the phones' results survive in the database.
    const history = t.store.loadSessionHistory(host.created.sessionId)!;
    expect(history.rounds[0].type).toBe("model");

    // A new sentence after the reveal: both models handle it on the fly.
    const next = host.nextMessage<ModelAttentionPayload>(ServerMessage.modelAttention, 30_000);
    host.send(ClientMessage.modelSentence, { sentence: "The dog chased the cat in the park because it was angry." });
    const fresh = await next;
    expect(fresh.question).toBeNull();
    const tokens = fresh.trained.tokens;
    expect(tokens[argmax(fresh.trained.heads[0].weights[tokens.indexOf("chased")])]).toBe("dog");
    expect(tokens[argmax(fresh.trained.heads[1].weights[tokens.indexOf("chased")])]).toBe("park");

    // A reconnecting phone gets its result again.
    await bots[0].dropAndReconnect();
    await bots[0].next(ServerMessage.predictionResult, 15_000);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 90_000);

  it("refuses bad sentences with a clear message and starts nothing", async () => {
    const { host, bots } = await partyWith(["Dee", "Eve"]);
    const cases: Array<[string, RegExp]> = [
      ["   ", /no clear link|no words/i],
      ["🎉🎉🎉 日本語のテキスト", /knows none of these words/],
      [Array.from({ length: 500 }, () => "word").join(" "), /500 words; the model takes at most 60/],
      ["zzxqv qqxvz vvqzx", /knows none of these words/],
      // Under the model's 60 words but more than the projector shows readably.
      [Array.from({ length: 30 }, (_, i) => (i % 2 ? "dog" : "cat")).join(" "), /30 words; the projector shows at most 24/],
      // No pronoun, no content word with a link: nothing fair to ask ("the" is never asked about).
      ["the of and", /knows none|no clear link/],
    ];
    for (const [sentence, expected] of cases) {
      const refused = host.nextMessage<ErrorPayload>(ServerMessage.error, 30_000);
      host.send(ClientMessage.startRound, { roundType: "model", sentence: sentence.trim() === "" ? "." : sentence });
      expect((await refused).message).toMatch(sentence.trim() === "" ? /no words/ : expected);
    }
    expect((host.room.state as unknown as { phase: string; roundNumber: number }).phase).toBe("lobby");
    expect((host.room.state as unknown as { roundNumber: number }).roundNumber).toBe(0);
    // The party still plays afterwards.
    host.send(ClientMessage.startRound, { roundType: "model" });
    await host.waitForPhase("brief", 30_000);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 90_000);
});

describe("words the models do not know", () => {
  it("start the round without them and say so as a notice, not an error", async () => {
    const { host, bots } = await partyWith(["Jo"]);
    const notice = host.nextMessage<NoticePayload>(ServerMessage.notice, 30_000);
    host.send(ClientMessage.startRound, { roundType: "model", sentence: "The queen thanked the zzxqv farmer because she was happy." });
    expect(await notice).toEqual({ code: "unknown_words", words: ["zzxqv"], message: "The models do not know: zzxqv — left out of the sentence" });
    await host.waitForPhase("brief", 30_000);
    host.send(ClientMessage.skipRound);
    await host.waitForPhase("scores");

    const blocksNotice = host.nextMessage<NoticePayload>(ServerMessage.notice, 60_000);
    host.send(ClientMessage.startRound, { roundType: "blocks", sentence: "She sat on the qqxvz bank of the river." });
    expect(await blocksNotice).toMatchObject({ code: "unknown_words", words: ["qqxvz"] });
    await host.waitForPhase("reveal", 30_000);
    // The round went ahead: nothing was refused.
    expect(host.errors).toEqual([]);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 120_000);
});

describe("the course round", () => {
  it("trains from random init live, reports progress to staff and phones, and scores picks against the result", async () => {
    const { host, bots } = await partyWith(["Fay", "Gus"]);
    const sentence = bots[0].next<ModelSentencePayload>(ServerMessage.modelSentence, 30_000);
    host.send(ClientMessage.startRound, { roundType: "course", sentence: QUEEN, courseSteps: 60 });
    const { question, tokens } = await sentence;
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await bots[0].predict(tokens.indexOf("queen"));

    const ticks: CourseProgressPayload[] = [];
    host.room.onMessage(ServerMessage.courseProgress, (p: CourseProgressPayload) => ticks.push(p));
    const results = bots.map((b) => b.next(ServerMessage.predictionResult, 120_000));
    host.send(ClientMessage.reveal);
    await host.waitForPhase("reveal");
    // While it trains the room keeps answering: a student's message is handled at once.
    const during = performance.now();
    bots[1].room.send(ClientMessage.predict, { choice: 1 });
    await bots[1].next(ServerMessage.error, 5_000);
    expect(performance.now() - during).toBeLessThan(1000);
    await Promise.all(results);

    expect(ticks.length).toBeGreaterThan(3);
    const last = ticks[ticks.length - 1];
    expect(last).toMatchObject({ step: 60, totalSteps: 60, isFinished: true });
    // The loss falls from its random-init value.
    expect(last.losses[last.losses.length - 1][1]).toBeLessThan(last.losses[0][1]);
    expect(last.pattern.tokens).toEqual(tokens);
    // Phones follow the same numbers through the room state.
    await host.waitFor((s) => (s as unknown as { courseStep: number }).courseStep === 60, "course state");
    expect((host.room.state as unknown as { courseTotalSteps: number }).courseTotalSteps).toBe(60);
    const fay = bots[0].predictionResult!;
    expect(fay.question).toEqual(question);
    expect(fay.trainedAnswer).toBe(last.pattern.heads[question.head].weights[question.wordIndex].indexOf(Math.max(...last.pattern.heads[question.head].weights[question.wordIndex])));
    host.send(ClientMessage.showScores);
    await host.waitForPhase("scores");
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 180_000);
});

describe("the blocks round", () => {
  it("computes the walk-through for the staff, steps every screen along, and refuses bad sentences", async () => {
    const { host, bots } = await partyWith(["Hal", "Ivy"]);
    const refused = host.nextMessage<ErrorPayload>(ServerMessage.error, 30_000);
    host.send(ClientMessage.startRound, { roundType: "blocks", sentence: "qqxvz zzqxv" });
    expect((await refused).message).toMatch(/knows none of these words/);
    expect((host.room.state as unknown as { roundNumber: number }).roundNumber).toBe(0);

    const walk = host.nextMessage<BlocksPayload>(ServerMessage.blocks, 60_000);
    host.send(ClientMessage.startRound, { roundType: "blocks", sentence: "She sat on the bank of the river." });
    const payload = await walk;
    await host.waitForPhase("reveal", 30_000);
    expect(payload.words).toEqual(["she", "sat", "on", "the", "bank", "of", "the", "river"]);
    expect(payload.steps.map((s) => s.kind)).toEqual(["embed", "attention", "feedForward", "attention", "feedForward", "attention", "feedForward"]);
    // By the last block "bank" has drifted toward the river, computed, not drawn.
    const bank = payload.words.indexOf("bank");
    expect(payload.steps.at(-1)!.meanings[bank].nearest.slice(0, 6)).toEqual(expect.arrayContaining(["river"]));
    // The phones never get the walk-through itself (it is 10 KB); they follow the step's caption.
    expect(bots[0].received.some((m) => m.type === ServerMessage.blocks)).toBe(false);
    host.send(ClientMessage.blocksStep, { step: 2 });
    await host.waitFor((s) => (s as unknown as { blocksStep: number }).blocksStep === 2, "step 2");
    const state = host.room.state as unknown as { blocksStepCount: number; blocksCaption: string };
    expect(state.blocksStepCount).toBe(7);
    expect(state.blocksCaption).toContain(payload.steps[2].title);
    host.send(ClientMessage.blocksStep, { step: 99 });
    await host.waitFor((s) => (s as unknown as { blocksStep: number }).blocksStep === 6, "clamped to the last step");
    host.send(ClientMessage.showScores);
    await host.waitForPhase("scores");
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  }, 120_000);
});
