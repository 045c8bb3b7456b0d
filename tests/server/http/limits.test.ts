// Limits at the edge of the server: wrong codes per address, oversized join requests,
// unwanted nicknames, late join off, and the security headers every page carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { ClientMessage } from "../../../shared/protocol.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ wrongCodesPerMinutePerIp: 3 });
});
afterAll(async () => {
  await t?.stop();
});

describe("server limits", () => {
  it("stops guessing join codes after a few wrong ones per minute", async () => {
    const statuses: number[] = [];
    for (const code of ["AAAAA", "BBBBB", "CCCCC", "DDDDD"]) statuses.push((await fetch(`${t.httpUrl}/api/parties/${code}`)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
    await expect(new Client(t.wsUrl).joinById("EEEEE", { role: "student", name: "Eve" })).rejects.toThrow(/Too many wrong codes/);
    // a real code still works for the same address
    const host = await HostDriver.createParty(t.httpUrl);
    const bot = await new BotStudent(t.wsUrl, "Real").join(host.code);
    expect(bot.welcome?.name).toBe("Real");
    await bot.leave();
    await host.leave();
  });

  it("refuses an oversized join request before Colyseus parses it", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    const response = await fetch(`${t.httpUrl}/matchmake/joinById/${host.code}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "student", name: "x".repeat(10_000) }),
    });
    expect(response.status).toBe(413);
    await host.leave();
  });

  it("refuses profane nicknames and late joiners when late join is off", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    await expect(new BotStudent(t.wsUrl, "sh1thead").join(host.code)).rejects.toThrow(/different nickname/);
    const a = await new BotStudent(t.wsUrl, "Ann").join(host.code);
    const b = await new BotStudent(t.wsUrl, "Bo").join(host.code);
    host.send(ClientMessage.setLateJoin, { isAllowed: false });
    host.send(ClientMessage.startRound, { roundType: "party" });
    await host.waitForPhase("brief");
    await expect(new BotStudent(t.wsUrl, "Late").join(host.code)).rejects.toThrow(/late join is off/);
    // a guest of the party still gets back in with its secret
    await a.dropAndReconnect();
    expect(a.reconnects).toBe(1);
    await Promise.all([a.leave(), b.leave(), host.leave()]);
  });

  it("serves pages and API with a strict Content Security Policy", async () => {
    const response = await fetch(`${t.httpUrl}/healthz`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("answers a page path it cannot decode, or a missing asset, briefly and without a stack trace", async () => {
    for (const [path, status, body] of [["/report/%ff", 400, "Bad request"], ["/screen/%E0%A4%A", 400, "Bad request"], ["/assets/nope.js", 404, "Not found"]] as const) {
      const response = await fetch(`${t.httpUrl}${path}`);
      expect(response.status, path).toBe(status);
      expect(await response.text(), path).toBe(body);
    }
  });
});

describe("word check", () => {
  it("lists the words the model does not know", async () => {
    const body = await (await fetch(`${t.httpUrl}/api/words/unknown?text=${encodeURIComponent("Who can fix my bike qwzxv? I can't")}`)).json();
    expect(body.unknown).toEqual(["qwzxv"]);
    const tooLong = await fetch(`${t.httpUrl}/api/words/unknown?text=${"a".repeat(700)}`);
    expect(tooLong.status).toBe(413);
  });
});
