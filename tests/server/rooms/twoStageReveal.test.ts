// A party reveal reaches phones in two messages: `result` (row, points, rank) as soon as the
// attention is scored, with its heard words pending, then `heard` once the nearest-word search
// is done. Checks the order, that the pieces add up to the full result, and that a phone coming
// back afterwards, the store and a recompute all end up with the words.
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, ServerMessage, type AttentionPayload, type HeardPayload, type ResultPayload } from "../../../shared/protocol.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const TEXTS = [
  { query: "I need a truck to move my sofa", key: "bakes chocolate cakes", value: "birthday cake with chocolate" },
  { query: "I want a sweet birthday cake", key: "fixes bicycles", value: "new brakes and tyres" },
  { query: "my bike has a flat tyre", key: "drives a moving truck", value: "truck for furniture and boxes" },
  { query: "who grows vegetables", key: "gardener", value: "tomatoes and potatoes from my garden" },
];

async function revealedParty() {
  const host = await HostDriver.createParty(t.httpUrl);
  const screen = await new Client(t.wsUrl).joinById(host.code, { role: "screen" });
  const screenTypes: string[] = [];
  screen.onMessage("*", (type) => screenTypes.push(String(type)));
  const bots: BotStudent[] = [];
  for (const [i] of TEXTS.entries()) bots.push(await new BotStudent(t.wsUrl, `Guest${i}`).join(host.code));
  host.send(ClientMessage.startRound, { roundType: "party" });
  await Promise.all(bots.map((b) => b.next(ServerMessage.card)));
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write");
  for (const [i, bot] of bots.entries()) await bot.submit(TEXTS[i]);
  const rows = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
  const heard = bots.map((b) => b.next<HeardPayload>(ServerMessage.heard));
  const lines = new Promise<AttentionPayload>((resolve) => screen.onMessage(ServerMessage.attention, resolve));
  host.send(ClientMessage.reveal);
  return { host, screen, screenTypes, bots, rows: await Promise.all(rows), heard: await Promise.all(heard), lines: await lines };
}

describe("two-stage party reveal", () => {
  it("sends each phone its row first, heard words pending, and the words strictly after", async () => {
    const { host, screen, screenTypes, bots, rows, heard, lines } = await revealedParty();
    for (const [i, bot] of bots.entries()) {
      const types = bot.received.map((m) => m.type);
      expect(types.filter((type) => type === ServerMessage.result)).toHaveLength(1);
      expect(types.filter((type) => type === ServerMessage.heard)).toHaveLength(1);
      expect(types.indexOf(ServerMessage.result)).toBeLessThan(types.indexOf(ServerMessage.heard));
      expect(bot.resultAt).toBeLessThanOrEqual(bot.heardAt);
      // Stage one: everything but the words.
      expect(rows[i]).toMatchObject({ roundNumber: 1, heardWords: [], isHeardPending: true });
      expect(rows[i].attendedTo.length).toBeGreaterThan(0);
      expect(rows[i].rank).toBeGreaterThanOrEqual(1);
      // Stage two: the words, for the same round, none of them from the guest's own query.
      expect(heard[i].roundNumber).toBe(1);
      expect(heard[i].heardWords.length).toBeGreaterThan(0);
      for (const word of heard[i].heardWords) expect(TEXTS[i].query.toLowerCase().split(/\s+/)).not.toContain(word);
      // The bot's result now holds both; the row itself is unchanged.
      expect(bot.result).toEqual({ ...rows[i], heardWords: heard[i].heardWords, isHeardPending: false });
    }
    // The projector's lines went out with the rows; staff get no `heard`.
    expect(lines.guestIds).toHaveLength(TEXTS.length);
    expect(screenTypes).not.toContain(ServerMessage.heard);
    await Promise.all([...bots.map((b) => b.leave()), host.leave(), screen.leave()]);
  });

  it("gives a phone that comes back the whole result, and stores the words", async () => {
    const { host, screen, bots, heard } = await revealedParty();
    const back = bots[2].next<ResultPayload>(ServerMessage.result);
    await bots[2].rejoin();
    const full = await back;
    expect(full.heardWords).toEqual(heard[2].heardWords);
    expect(full.isHeardPending).toBe(false);

    // The store has the second stage's results (a party restored after a crash shows the words).
    const round = t.store.loadSessionSnapshot(host.created.sessionId)!.round!;
    for (const [i, bot] of bots.entries()) {
      const stored = round.guests.find((g) => g.guestId === bot.welcome!.guestId)!.result as ResultPayload;
      expect(stored.heardWords).toEqual(heard[i].heardWords);
      expect(stored.isHeardPending).toBeFalsy();
    }
    await Promise.all([...bots.map((b) => b.leave()), host.leave(), screen.leave()]);
  });

  it("sends rows then words again when the instructor recomputes", async () => {
    const { host, screen, bots, rows } = await revealedParty();
    const again = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    const heardAgain = bots.map((b) => b.next<HeardPayload>(ServerMessage.heard));
    host.send(ClientMessage.setAttention, { sharpness: 4, isSelfAttentionBlocked: true, isCausal: false });
    const after = await Promise.all(again);
    const words = await Promise.all(heardAgain);
    for (const [i, bot] of bots.entries()) {
      expect(after[i].isHeardPending).toBe(true);
      expect(after[i].attendedTo[0].weight).toBeGreaterThan(rows[i].attendedTo[0].weight);
      expect(words[i].heardWords.length).toBeGreaterThan(0);
      expect(bot.result).toMatchObject({ heardWords: words[i].heardWords, isHeardPending: false, points: after[i].points });
    }
    await Promise.all([...bots.map((b) => b.leave()), host.leave(), screen.leave()]);
  });
});
