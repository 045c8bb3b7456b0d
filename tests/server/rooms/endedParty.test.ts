// Found by a newcomer in session 2: an ended party took new guests onto its podium, and a phone
// joining mid-phase counted the timer down from the server clock of the last phase change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { ClientMessage, ServerMessage, type ErrorPayload } from "../../../shared/protocol.js";
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

describe("joining late and after the end", () => {
  it("refuses new guests once the session has ended, lets its guests come back, and gives a joiner the server's clock as it is now", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    const ann = await new BotStudent(t.wsUrl, "Ann").join(host.code);
    const bob = await new BotStudent(t.wsUrl, "Bob").join(host.code);
    host.send(ClientMessage.startRound, { roundType: "party" });
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    // A phone joining well after the phase began must not count down from a stale clock.
    await new Promise((r) => setTimeout(r, 1500));
    const late = await new Client(t.wsUrl).joinById(host.code, { role: "student", name: "Late" });
    const serverNow = await new Promise<number>((resolve) => late.onStateChange.once((s) => resolve((s as unknown as { serverNow: number }).serverNow)));
    expect(Date.now() - serverNow).toBeLessThan(1000);
    await late.leave();

    host.send(ClientMessage.endSession);
    await host.waitForPhase("ended");
    await expect(new BotStudent(t.wsUrl, "Dora").join(host.code)).rejects.toThrow(/has ended/);
    await ann.leave();
    await ann.rejoin(); // a guest of the party still sees its podium
    expect(ann.welcome?.name).toBe("Ann");
    await Promise.all([ann.leave(), bob.leave(), host.leave()]);
  });
});

describe("an ended party's controls", () => {
  it("refuses every command that would change something, and still lets its clients read", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    const ann = await new BotStudent(t.wsUrl, "Ann").join(host.code);
    await host.waitFor((s) => s.guests.size === 1, "Ann");
    host.send(ClientMessage.endSession);
    await host.waitForPhase("ended");
    const state = host.room.state as unknown as { isLocked: boolean; sharpness: number; guests: Map<string, { name: string }>; phase: string };
    const refusals: Array<[string, () => void]> = [
      ["lock", () => host.send(ClientMessage.setLocked, { isLocked: true })],
      ["rename", () => host.send(ClientMessage.renameGuest, { guestId: ann.welcome!.guestId, name: "Zed" })],
      ["kick", () => host.send(ClientMessage.kick, { guestId: ann.welcome!.guestId })],
      ["start", () => host.send(ClientMessage.startRound, { roundType: "party" })],
      ["sharpness", () => host.send(ClientMessage.setAttention, { sharpness: 3, isSelfAttentionBlocked: true, isCausal: false })],
      ["end again", () => host.send(ClientMessage.endSession)],
    ];
    for (const [what, send] of refusals) {
      const refused = host.nextMessage<ErrorPayload>(ServerMessage.error);
      send();
      const error = await refused;
      expect(error.code, what).toBe("wrong_phase");
      expect(error.message, what).toMatch(/has ended/);
    }
    expect(state.isLocked).toBe(false);
    expect(state.guests.get(ann.welcome!.guestId)?.name).toBe("Ann");
    expect(state.phase).toBe("ended");
    // Reading is still fine: the guest catches up on its podium.
    await ann.leave();
    await ann.rejoin();
    expect(ann.welcome?.name).toBe("Ann");
    await Promise.all([ann.leave(), host.leave()]);
  });
});
