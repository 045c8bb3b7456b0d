// What a reveal costs on the wire: a phone gets its own row's top-k and summary (O(k) bytes),
// never the N×N matrix; the projector gets top-k per guest; room state holds no matrices. Uses the
// load harness's parties (real colyseus.js clients counting the bytes of every frame).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerMessage, type AttentionPayload, type ResultPayload } from "../../../shared/protocol.js";
import { getDeck } from "../../../server/party/partyDeck.js";
import { seededRandom } from "../../../server/bots/partyRehearsal.js";
import { concurrencyLimit, PartyLoad, type RevealMeasure } from "../../../tools/load/partyLoad.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

async function playReveal(students: number): Promise<{ party: PartyLoad; measure: RevealMeasure; attention: AttentionPayload }> {
  const party = await PartyLoad.create(t.httpUrl);
  await party.join(students, concurrencyLimit(20));
  await party.write(getDeck(), seededRandom(students));
  const attention = party.host.nextMessage<AttentionPayload>(ServerMessage.attention, 60_000);
  const measure = await party.reveal(300);
  return { party, measure, attention: await attention };
}

describe("reveal payloads", () => {
  it("send each phone O(k) message bytes whatever the room size, and no matrix anywhere", async () => {
    const small = await playReveal(8);
    const large = await playReveal(80);
    for (const { party, measure, attention } of [small, large]) {
      const n = party.students.length;
      expect(measure.missingResults).toBe(0);
      for (const bot of party.students) {
        const result = bot.result as ResultPayload;
        expect(result.attendedTo.length).toBeLessThanOrEqual(5);
        expect(result.attendedBy.length).toBeLessThanOrEqual(5);
        // Nothing a phone received carries a row, let alone the matrix.
        for (const message of bot.received) expect(JSON.stringify(message.payload)).not.toMatch(/"weights"/);
      }
      // The projector's lines: top-k per guest, not full rows.
      expect(attention.rows).toHaveLength(n);
      for (const row of attention.rows) expect(row.length).toBeLessThanOrEqual(5);
      // Room state: no numeric arrays of N entries or more (a row or a matrix).
      const state = JSON.stringify((party.host.room.state as unknown as { toJSON(): unknown }).toJSON());
      const longest = Math.max(0, ...[...state.matchAll(/\[([\d.,\s-]*)\]/g)].map((m) => m[1].split(",").length));
      expect(longest).toBeLessThan(n);
    }
    const messageBytes = (m: RevealMeasure) => Math.max(...m.bytes.map((b) => b.messages));
    // Ten times the guests, about the same result message per phone: O(k), not O(N).
    expect(messageBytes(large.measure)).toBeLessThan(1.5 * messageBytes(small.measure));
    expect(messageBytes(large.measure)).toBeLessThan(2_000);
    // The state patch (everyone's new score and rank) is O(N): linear, far from N² floats.
    const patchPerGuest = Math.max(...large.measure.bytes.map((b) => b.patches)) / large.party.students.length;
    expect(patchPerGuest).toBeLessThan(64);
    await Promise.all([small.party.close(), large.party.close()]);
  });
});
