// Regressions found by a newcomer trying to break the product: ranks after a kick, projector
// focus from a non-host, a double-clicked reveal, chunked join bodies, JSON errors on the API,
// party-creation floods.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { ClientMessage, ServerMessage, type ErrorPayload, type ResultPayload } from "../../../shared/protocol.js";
import { writingParty } from "../../helpers/writingParty.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ partiesPerMinutePerIp: 4 });
});
afterAll(async () => {
  await t?.stop();
});

type Guests = Map<string, { rank: number; score: number }>;

/** A new party whose guests have all sent their texts in round 1 (writing still open). */
async function partyWithTexts(names: string[]) {
  const party = await writingParty(t, names);
  for (const b of party.bots) await b.submit({ query: "who can help me move", key: "has a truck", value: "truck for moving" });
  return party;
}

describe("newcomer findings", () => {
  it("closes the ranks up after the leader is kicked, and refuses focus from a projector", async () => {
    const { host, bots } = await partyWithTexts(["Ann", "Bob", "Cat"]);
    const pending = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.reveal);
    const results = await Promise.all(pending);
    const leader = bots[results.findIndex((r) => r.rank === 1)];
    host.send(ClientMessage.kick, { guestId: leader.welcome!.guestId });
    await host.waitFor((s) => {
      const guests = [...(s.guests as unknown as Guests).values()];
      return guests.length === 2 && guests.some((g) => g.rank === 1);
    }, "ranks closed up");

    const screen = await new Client(t.wsUrl).joinById(host.code, { role: "screen" });
    const refused = new Promise<ErrorPayload>((resolve) => screen.onMessage(ServerMessage.error, resolve));
    screen.send(ClientMessage.focusGuest, { guestId: null });
    expect((await refused).code).toBe("not_host");
    await screen.leave();
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("takes a double-clicked reveal as one reveal, without an error", async () => {
    const { host, bots } = await partyWithTexts(["Dee", "Eve", "Fay"]);
    const results: ResultPayload[] = [];
    for (const b of bots) b.room!.onMessage(ServerMessage.result, (r: ResultPayload) => results.push(r));
    host.send(ClientMessage.reveal);
    host.send(ClientMessage.reveal);
    await host.waitForPhase("reveal");
    host.send(ClientMessage.reveal); // after it, too
    await new Promise((r) => setTimeout(r, 500));
    expect(results).toHaveLength(bots.length);
    expect(host.errors).toEqual([]);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("refuses chunked join bodies and answers API errors in JSON", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${t.httpUrl}/matchmake/joinById/AAAAA`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write('{"role":"student",');
      req.end('"name":"x"}');
    });
    expect(status).toBe(411);
    const notFound = await fetch(`${t.httpUrl}/api/nothing-here`);
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: "No such API route" });
    const badJson = await fetch(`${t.httpUrl}/api/parties`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(badJson.status).toBe(400);
    expect(typeof (await badJson.json()).error).toBe("string");
  });

  it("limits new parties per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${t.httpUrl}/api/parties`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      statuses.push(r.status);
    }
    // The first test created one party from this address already.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
  });
});
