// Capacity limits: parties per server, joins per minute per address, messages per second per client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, type ErrorPayload } from "../../../shared/protocol.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ maxParties: 2, joinsPerMinutePerIp: 6 });
});
afterAll(async () => {
  await t?.stop();
});

describe("capacity limits", () => {
  it("refuses a party past MAX_PARTIES with a clear message", async () => {
    const a = await HostDriver.createParty(t.httpUrl);
    const b = await HostDriver.createParty(t.httpUrl);
    const third = await fetch(`${t.httpUrl}/api/parties`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(third.status).toBe(503);
    expect((await third.json()).error).toMatch(/as many parties as it can/);
    await a.leave();
    await b.leave();
  });

  it("limits joins per minute from one address and refuses message floods per client", async () => {
    // The two hosts above used 2 joins of this address's 6.
    const parties = await (await fetch(`${t.httpUrl}/healthz`)).json();
    expect(parties.rooms).toBe(2);
    const rooms = await import("@colyseus/core").then((m) => m.matchMaker.query({ name: "party" }));
    const partyCode = rooms[0].roomId;
    const bots: BotStudent[] = [];
    for (const name of ["A", "B", "C", "D"]) bots.push(await new BotStudent(t.wsUrl, name).join(partyCode));
    await expect(new BotStudent(t.wsUrl, "E").join(partyCode)).rejects.toThrow(/Too many joins/);

    // 30 messages burst, 10 per second after: a flood of 200 gets most refused as rate_limited.
    for (let i = 0; i < 200; i++) bots[0].room.send(ClientMessage.ready, {});
    await new Promise((r) => setTimeout(r, 500));
    const limited = bots[0].errors.filter((e: ErrorPayload) => e.code === "rate_limited").length;
    expect(limited).toBeGreaterThan(150);
    // The room keeps serving others.
    expect(bots[1].room.connection.isOpen).toBe(true);
    await Promise.all(bots.map((b) => b.leave()));
  });
});
