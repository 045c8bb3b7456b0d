// The instructor's controls on a live party: pause/resume/+30 s, skip, moderation, rename,
// sharpness and masks (recomputing the reveal at once), and rehearsal bots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, ServerMessage, type AttentionPayload, type HostRosterPayload, type MatrixPayload, type ResultPayload } from "../../../shared/protocol.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { FLAGGED_TEXT, HIDDEN_TEXT } from "../../../server/party/moderation.js";
import { writingParty as writingPartyOn } from "../../helpers/writingParty.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

type State = { phase: string; isPaused: boolean; phaseEndsAt: number; sharpness: number; isCausal: boolean; guests: Map<string, { name: string; nameTag: string; isBot: boolean; hasSubmitted: boolean; score: number }> };
const stateOf = (host: HostDriver) => host.room.state as unknown as State;

const writingParty = (names: string[]) => writingPartyOn(t, names);

describe("host controls", () => {
  it("pauses, resumes and extends the writing timer", async () => {
    const { host, bots } = await writingParty(["A", "B"]);
    const endsAt = stateOf(host).phaseEndsAt;
    host.send(ClientMessage.pauseTimer);
    await host.waitFor((s) => (s as unknown as State).isPaused, "paused");
    expect(stateOf(host).phaseEndsAt).toBe(0);
    await bots[0].submit({ query: "still open while paused", key: "kind words", value: "a warm voice" });
    host.send(ClientMessage.resumeTimer);
    await host.waitFor((s) => !(s as unknown as State).isPaused, "resumed");
    expect(Math.abs(stateOf(host).phaseEndsAt - endsAt)).toBeLessThan(2000);
    host.send(ClientMessage.extendTimer, { seconds: 30 });
    await host.waitFor((s) => (s as unknown as State).phaseEndsAt > endsAt + 25_000, "extended");
    host.send(ClientMessage.skipRound);
    await host.waitForPhase("scores");
    expect([...stateOf(host).guests.values()].every((g) => g.score === 0)).toBe(true);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("masks flagged texts for others until approved, hides for good, and renames", async () => {
    const { host, bots } = await writingParty(["Rude", "Nice", "Calm"]);
    await bots[0].submit({ query: "who can help me move", key: "fucking great truck", value: "shit I can drive your stuff" });
    await bots[1].submit({ query: "I need a truck to move my sofa", key: "bakes cakes", value: "chocolate cake" });
    await bots[2].submit({ query: "I need a truck for moving boxes", key: "fixes bikes", value: "new brakes" });
    const roster = await host.nextMessage<HostRosterPayload>(ServerMessage.hostRoster);
    expect(roster.guests.find((g) => g.name === "Rude")).toMatchObject({ moderation: "flagged", isFlagged: true, key: "fucking great truck" });
    const results = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.reveal);
    const [, nice] = await Promise.all(results);
    const rudeId = bots[0].welcome!.guestId;
    await host.waitFor((s) => (s as unknown as State).guests.get(rudeId)!.nameTag === FLAGGED_TEXT, "masked tag");
    const seen = nice.attendedTo.find((a) => a.guestId === rudeId)!;
    expect(seen.nameTag).toBe(FLAGGED_TEXT);
    expect(JSON.stringify(bots[1].received)).not.toContain("fucking");

    const resent = bots[1].next<ResultPayload>(ServerMessage.result);
    host.send(ClientMessage.moderate, { guestId: rudeId, action: "hide" });
    const after = await resent;
    expect(after.attendedTo.find((a) => a.guestId === rudeId)!.nameTag).toBe(HIDDEN_TEXT);
    await host.waitFor((s) => (s as unknown as State).guests.get(rudeId)!.nameTag === HIDDEN_TEXT, "hidden tag");

    host.send(ClientMessage.renameGuest, { guestId: rudeId, name: "Renamed" });
    await host.waitFor((s) => (s as unknown as State).guests.get(rudeId)!.name === "Renamed", "renamed");
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("recomputes the reveal at once when sharpness or masks change", async () => {
    const { host, bots } = await writingParty(["P", "Q", "R", "S"]);
    const texts = ["moving house truck furniture", "birthday cake baking", "bicycle repair brakes", "garden vegetables tomatoes"];
    for (const [i, b] of bots.entries()) await b.submit({ query: texts[(i + 1) % 4], key: texts[i], value: texts[i] });
    const first = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.reveal);
    const before = await Promise.all(first);
    const matrixBefore = host.nextMessage<MatrixPayload>(ServerMessage.matrix);
    host.send(ClientMessage.requestMatrix);
    const m0 = await matrixBefore;

    const lines = host.nextMessage<AttentionPayload>(ServerMessage.attention);
    const again = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.setAttention, { sharpness: 4, isSelfAttentionBlocked: true, isCausal: false });
    const after = await Promise.all(again);
    await lines;
    // Sharper: each guest's top weight grows, and points change with it.
    for (const [i] of bots.entries()) expect(after[i].attendedTo[0].weight).toBeGreaterThan(before[i].attendedTo[0].weight);
    const matrixAfter = host.nextMessage<MatrixPayload>(ServerMessage.matrix);
    host.send(ClientMessage.requestMatrix);
    const m1 = await matrixAfter;
    expect(m1.weights).not.toEqual(m0.weights);
    // Totals are recomputed from the totals before the round, not added twice.
    const expectedTotal = after.reduce((s, r) => s + r.points, 0);
    await host.waitFor((st) => [...(st as unknown as State).guests.values()].reduce((s, g) => s + g.score, 0) === expectedTotal, "recomputed totals");

    // Causal: the first guest (seat 0) has nobody earlier to look at.
    const causal = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.setAttention, { sharpness: 1, isSelfAttentionBlocked: true, isCausal: true });
    const rows = await Promise.all(causal);
    expect(rows[0].attendedTo).toEqual([]);
    expect(rows[3].attendedTo.length).toBe(3);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("fills the party with rehearsal bots that play the round", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    host.send(ClientMessage.addBots, { count: 5 });
    await host.waitFor((s) => s.guests.size === 5, "5 bots");
    expect([...stateOf(host).guests.values()].every((g) => g.isBot)).toBe(true);
    host.send(ClientMessage.startRound, { roundType: "party", writeSeconds: 15 });
    await host.waitForPhase("brief");
    host.send(ClientMessage.startWriting);
    await host.waitFor((s) => [...(s as unknown as State).guests.values()].every((g) => g.hasSubmitted), "bots submitted", 20_000);
    host.send(ClientMessage.reveal);
    await host.waitForPhase("reveal");
    await host.leave();
  });
});

describe("ended parties", () => {
  it("free their slot seconds after everyone left, and stay in the records", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    host.send(ClientMessage.endSession);
    await host.waitForPhase("ended");
    await host.leave();
    await new Promise((r) => setTimeout(r, 11_000));
    expect((await fetch(`${t.httpUrl}/api/parties/${host.code}`)).status).toBe(404);
    expect(t.store.findOpenSessionByCode(host.code)).toBeUndefined();
    expect(t.store.listSessions().some((s) => s.code === host.code && s.status === "ended")).toBe(true);
  }, 30_000);
});
