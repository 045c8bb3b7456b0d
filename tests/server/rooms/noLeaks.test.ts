// Records every message each student receives through a whole two-round session and checks
// that nothing secret arrives: no other guest's card, no other guest's texts before the reveal,
// no host key, no rejoin secret but its own, no projector lines, no roster, no matrix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, ServerMessage, type ResultPayload } from "../../../shared/protocol.js";
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

const STUDENT_ONLY_TYPES = new Set<string>([ServerMessage.welcome, ServerMessage.card, ServerMessage.submitted, ServerMessage.result, ServerMessage.heard, ServerMessage.error]);

describe("secrets", () => {
  it("never reach the wrong phone during a whole session", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    const names = ["Ana", "Bo", "Cai", "Dee"];
    const bots: BotStudent[] = [];
    for (const name of names) bots.push(await new BotStudent(t.wsUrl, name).join(host.code));
    const texts = (round: number, i: number) => ({
      query: `round${round} query of guest number${i} about gardening`,
      key: `round${round} tag of guest number${i}`,
      value: `round${round} secret value of guest number${i}`,
    });

    for (const round of [1, 2]) {
      // A guest may be dealt in round 2 the card another guest had in round 1: compare per round.
      const roundStart = bots.map((b) => b.received.length);
      host.send(ClientMessage.startRound, { roundType: "party" });
      const cards = await Promise.all(bots.map((b) => b.next<{ need: string; offer: string }>(ServerMessage.card)));
      host.send(ClientMessage.startWriting);
      await host.waitForPhase("write");
      for (const [i, bot] of bots.entries()) await bot.submit(texts(round, i));
      const revealAt = Date.now();
      const results = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
      host.send(ClientMessage.reveal);
      const rows = await Promise.all(results);
      host.send(ClientMessage.showScores);
      await host.waitForPhase("scores");

      for (const [i, bot] of bots.entries()) {
        const thisRound = bot.received.slice(roundStart[i]);
        const before = JSON.stringify(thisRound.filter((m) => m.at < revealAt));
        for (const [j] of bots.entries()) {
          if (j === i) continue;
          // Another guest's card is never sent to me, before or after the reveal.
          if (cards[j].need !== cards[i].need) expect(JSON.stringify(thisRound)).not.toContain(cards[j].need);
          // Another guest's texts reach me only after the reveal.
          expect(before).not.toContain(texts(round, j).key);
          expect(before).not.toContain(texts(round, j).value);
          expect(before).not.toContain(texts(round, j).query);
          // Other guests' queries never reach me at all; their rejoin secrets neither.
          expect(JSON.stringify(bot.received)).not.toContain(texts(round, j).query);
          expect(JSON.stringify(bot.received)).not.toContain(bots[j].welcome!.rejoinSecret);
        }
        expect(JSON.stringify(bot.received)).not.toContain(host.hostKey);
        for (const m of bot.received) expect(STUDENT_ONLY_TYPES.has(m.type), `student got "${m.type}"`).toBe(true);
        // My result is my own row: top-k of others, never the matrix.
        expect(rows[i].attendedTo.length).toBeLessThanOrEqual(3);
        expect(rows[i].attendedTo.every((a) => a.guestId !== bot.welcome!.guestId)).toBe(true);
      }
    }
    // The shared state never held a card, a query or a value.
    const stateJson = JSON.stringify(t.colyseus.getRoomById(host.code).state.toJSON());
    for (const [i] of bots.entries()) {
      expect(stateJson).not.toContain(texts(2, i).query);
      expect(stateJson).not.toContain(texts(2, i).value);
    }
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });
});
