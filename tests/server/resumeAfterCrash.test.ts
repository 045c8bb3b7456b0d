// The server dies mid-round (SIGKILL, no goodbye) and restarts on the same database: the
// party comes back with the same code, and every submission and point that a phone was told
// about is still there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { ClientMessage, ServerMessage, type ResultPayload, type SubmittedPayload } from "../../shared/protocol.js";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { killAllServerProcesses, killServerProcess, startServerProcess } from "../helpers/serverProcess.js";
import { freePort } from "../helpers/startTestServer.js";

afterAll(killAllServerProcesses);

describe("resume after a crash", () => {
  it("brings back the party, its guests, texts and points after SIGKILL during writing", async () => {
    const port = await freePort();
    const httpUrl = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}`;
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-crash-")), "party.db");
    let server = await startServerProcess(port, dbPath);

    // Round 1 is played and scored; round 2 is in writing when the server dies.
    const host = await HostDriver.createParty(httpUrl);
    const bots: BotStudent[] = [];
    for (const name of ["Ada", "Ben", "Cy", "Di"]) bots.push(await new BotStudent(wsUrl, name).join(host.code));
    const texts = [
      { query: "who can help me move my sofa", key: "owns a big truck", value: "my truck can carry furniture and boxes" },
      { query: "need a birthday cake", key: "fixes bikes", value: "I repair flat tyres and brakes" },
      { query: "my bike has a flat tyre", key: "bakes cakes", value: "chocolate cake with candles" },
      { query: "need help with tax forms", key: "accountant", value: "I can fill in your tax return" },
    ];
    host.send(ClientMessage.startRound, { roundType: "party" });
    await Promise.all(bots.map((b) => b.next(ServerMessage.card)));
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await Promise.all(bots.map((b, i) => b.submit(texts[i])));
    const firstResults = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.reveal);
    const round1 = await Promise.all(firstResults);
    host.send(ClientMessage.showScores);
    await host.waitForPhase("scores");

    host.send(ClientMessage.startRound, { roundType: "party" });
    await Promise.all(bots.map((b) => b.next(ServerMessage.card)));
    const cardsBefore = bots.map((b) => b.card);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    // Two guests get their acknowledgement before the crash; two never submit.
    const acked: SubmittedPayload[] = [await bots[0].submit(texts[1]), await bots[1].submit(texts[0])];

    await killServerProcess(server);
    server = await startServerProcess(port, dbPath);

    // Phones come back with the secret they stored; the host with its key.
    const hostBack = await new Client(wsUrl).joinById(host.code, { role: "host", hostKey: host.hostKey });
    for (const bot of bots) {
      bot.card = null;
      bot.submitted = null;
      await bot.rejoin();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(bots.map((b) => b.welcome!.name)).toEqual(["Ada", "Ben", "Cy", "Di"]);
    expect(bots.map((b) => b.card)).toEqual(cardsBefore);
    expect(bots[0].submitted?.query).toBe(acked[0].query);
    expect(bots[1].submitted?.value).toBe(acked[1].value);
    expect(bots[2].submitted).toBeNull();
    const state = hostBack.state as unknown as { phase: string; roundNumber: number; guests: Map<string, { score: number; connection: string }> };
    expect(state.phase).toBe("write");
    expect(state.roundNumber).toBe(2);
    for (const [i, bot] of bots.entries()) {
      expect(state.guests.get(bot.welcome!.guestId)!.score).toBe(round1[i].totalScore);
      expect(state.guests.get(bot.welcome!.guestId)!.connection).toBe("online");
    }

    // The round goes on: the others submit and the reveal counts everyone.
    await bots[2].submit(texts[3]);
    await bots[3].submit(texts[2]);
    const results = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    hostBack.send(ClientMessage.reveal, {});
    const round2 = await Promise.all(results);
    for (const [i, r] of round2.entries()) expect(r.totalScore).toBe(round1[i].totalScore + r.points);

    await Promise.all(bots.map((b) => b.leave()));
    await hostBack.leave();
    server.kill("SIGTERM");
  }, 120_000);

  it("keeps a paused clock paused, with the time it had left", async () => {
    const port = await freePort();
    const httpUrl = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}`;
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-pause-")), "party.db");
    let server = await startServerProcess(port, dbPath);
    const host = await HostDriver.createParty(httpUrl);
    const phone = await new BotStudent(wsUrl, "Ada").join(host.code);
    await new BotStudent(wsUrl, "Ben").join(host.code);
    host.send(ClientMessage.startRound, { roundType: "party", writeSeconds: 300 });
    await phone.next(ServerMessage.card);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    host.send(ClientMessage.pauseTimer);
    await host.waitFor((s) => (s as unknown as { isPaused: boolean }).isPaused, "paused");

    await killServerProcess(server);
    server = await startServerProcess(port, dbPath);
    const back = await new Client(wsUrl).joinById(host.code, { role: "host", hostKey: host.hostKey });
    type Clock = { phase: string; isWritingOpen: boolean; isPaused: boolean; phaseEndsAt: number };
    const clock = () => back.state as unknown as Clock;
    for (const deadline = Date.now() + 10_000; clock()?.phase !== "write" && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    expect(clock()).toMatchObject({ phase: "write", isWritingOpen: true, isPaused: true, phaseEndsAt: 0 });
    // Writing goes on while paused; resuming runs the clock from what was left (about 300 s).
    back.send(ClientMessage.resumeTimer, {});
    for (const deadline = Date.now() + 10_000; clock().isPaused && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    const secondsLeft = (clock().phaseEndsAt - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(280);
    expect(secondsLeft).toBeLessThanOrEqual(300);

    await back.leave();
    server.kill("SIGTERM");
  }, 120_000);
});
