// A party rehearsed with the dashboard's bots survives a server restart (SIGKILL, no goodbye):
// the bots are the server's own clients and died with it, so the restored party starts them
// again, as the same guests with their seats, points and cards, and they play on — the round
// that was cut off and the next ones — next to the phones that came back by themselves.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import { ClientMessage, ServerMessage, type HostRosterPayload, type ResultPayload } from "../../shared/protocol.js";
import type { ModelSentencePayload } from "../../shared/modelRound.js";
import type { SessionReport } from "../../server/storage/reports.js";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { killAllServerProcesses, killServerProcess, startServerProcess } from "../helpers/serverProcess.js";
import { freePort } from "../helpers/startTestServer.js";

afterAll(killAllServerProcesses);


type Guest = { id: string; name: string; seat: number; isBot: boolean; hasSubmitted: boolean; score: number; lastPoints: number; connection: string };
type State = { phase: string; roundNumber: number; guests: Map<string, Guest> };

/** Resolves once the state satisfies `predicate` (polled: the raw client has no waitFor). */
async function until(room: Room, predicate: (state: State) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = room.state as unknown as State | undefined;
    try {
      if (state?.guests && predicate(state)) return;
    } catch {
      // fields still missing before the first full state
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (phase ${state?.phase})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const guestsOf = (room: Room) => [...(room.state as unknown as State).guests.values()];
const botsOf = (room: Room) => guestsOf(room).filter((g) => g.isBot);

/** The dashboard coming back after the restart: asking for the code brings the party back. */
async function hostBack(wsUrl: string, host: HostDriver) {
  const room = await new Client(wsUrl).joinById(host.code, { role: "host", hostKey: host.hostKey });
  const rosters: HostRosterPayload[] = [];
  const errors: unknown[] = [];
  room.onMessage("*", (type, payload) => {
    if (type === ServerMessage.hostRoster) rosters.push(payload as HostRosterPayload);
    if (type === ServerMessage.error) errors.push(payload);
  });
  room.send(ClientMessage.ready, {});
  return { room, rosters, errors };
}

function botCards(roster: HostRosterPayload) {
  return roster.guests.filter((g) => g.isBot).map((g) => ({ guestId: g.guestId, card: g.card }));
}

describe("rehearsal bots after a restart", () => {
  it("come back as the same guests and play the cut-off round and the next ones", async () => {
    const port = await freePort();
    const httpUrl = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}`;
    const dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-bots-")), "party.db");
    let server = await startServerProcess(port, dbPath);

    // Three bots from the dashboard and one phone; round 1 is played and scored.
    const host = await HostDriver.createParty(httpUrl);
    const phone = await new BotStudent(wsUrl, "Human").join(host.code);
    host.send(ClientMessage.addBots, { count: 3 });
    await host.waitFor((s) => s.guests.size === 4, "3 bots and a phone");
    host.send(ClientMessage.startRound, { roundType: "party", writeSeconds: 120 });
    await phone.next(ServerMessage.card);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await phone.submit({ query: "who can help me move my sofa", key: "owns a big truck", value: "my truck carries furniture" });
    await until(host.room, () => botsOf(host.room).every((g) => g.hasSubmitted), "bots wrote round 1");
    const result1 = phone.next<ResultPayload>(ServerMessage.result, 30_000);
    host.send(ClientMessage.reveal);
    await result1;
    await host.waitForPhase("reveal");

    // Round 2 is dealt (brief) when the server dies.
    const roster2 = host.nextMessage<HostRosterPayload>(ServerMessage.hostRoster);
    host.send(ClientMessage.startRound, { roundType: "party", writeSeconds: 120 });
    await phone.next(ServerMessage.card);
    await host.waitForPhase("brief");
    const cardsBefore = botCards(await roster2);
    expect(cardsBefore.every((c) => c.card !== null)).toBe(true);
    const before = botsOf(host.room).map(({ id, name, seat, score }) => ({ id, name, seat, score }));
    expect(before).toHaveLength(3);
    await killServerProcess(server);
    server = await startServerProcess(port, dbPath);

    // The dashboard asks for the code: the party comes back, and its bots with it, by themselves.
    let back = await hostBack(wsUrl, host);
    await until(back.room, () => botsOf(back.room).length === 3 && botsOf(back.room).every((g) => g.connection === "online"), "bots online again");
    expect(botsOf(back.room).map(({ id, name, seat, score }) => ({ id, name, seat, score }))).toEqual(before);
    // The phone comes back with its secret, as phones do.
    await phone.rejoin();
    await until(back.room, () => guestsOf(back.room).every((g) => g.connection === "online"), "4 guests · 4 online");
    const restoredRoster = back.rosters.at(-1)!;
    expect(botCards(restoredRoster)).toEqual(cardsBefore);

    // The cut-off round goes on: the bots write for the cards they had, and are scored.
    back.room.send(ClientMessage.startWriting, {});
    await until(back.room, (s) => s.phase === "write", "writing");
    await phone.submit({ query: "need a birthday cake", key: "fixes bikes", value: "I repair flat tyres" });
    await until(back.room, () => botsOf(back.room).every((g) => g.hasSubmitted), "bots wrote round 2");
    const result2 = phone.next<ResultPayload>(ServerMessage.result, 30_000);
    back.room.send(ClientMessage.reveal, {});
    await result2;
    await until(back.room, (s) => s.phase === "reveal" && botsOf(back.room).every((g) => g.lastPoints > 0), "round 2 scored");
    for (const bot of botsOf(back.room)) {
      expect(bot.score).toBe(before.find((b) => b.id === bot.id)!.score + bot.lastPoints);
    }

    // Round 3, a model round, is open for picks when the server dies again.
    back.room.send(ClientMessage.startRound, { roundType: "model", writeSeconds: 120 });
    await until(back.room, (s) => s.phase === "brief" && s.roundNumber === 3, "model round brief");
    back.room.send(ClientMessage.startWriting, {});
    await until(back.room, (s) => s.phase === "write", "model round open");
    const scoresBefore3 = new Map(botsOf(back.room).map((g) => [g.id, g.score]));
    await killServerProcess(server);
    server = await startServerProcess(port, dbPath);

    back = await hostBack(wsUrl, host);
    // A phone back before the models have rebuilt the sentence still gets its question.
    const question = phone.next<ModelSentencePayload>(ServerMessage.modelSentence, 30_000);
    await phone.rejoin();
    expect((await question).roundNumber).toBe(3);
    await until(back.room, (s) => s.roundNumber === 3 && botsOf(back.room).length === 3, "the model round back");
    // Whatever they had picked before the crash stays; the others pick now. Nobody is left with "no pick".
    await until(back.room, () => botsOf(back.room).every((g) => g.connection === "online" && g.hasSubmitted), "bots picked", 30_000);
    back.room.send(ClientMessage.reveal, {});
    await until(back.room, (s) => s.phase === "reveal", "model round revealed");
    await new Promise((r) => setTimeout(r, 500));
    for (const bot of botsOf(back.room)) expect(bot.score).toBe(scoresBefore3.get(bot.id)! + bot.lastPoints);
    expect(back.errors).toEqual([]);

    // The record agrees: three picks in round 3, each scored.
    const report = (await (await fetch(`${httpUrl}/api/sessions/${host.created.sessionId}/report.json`, { headers: { authorization: `Bearer ${host.hostKey}` } })).json()) as SessionReport;
    const round3 = report.rounds.find((r) => r.number === 3)!;
    expect(round3.type).toBe("model");
    const botIds = new Set(before.map((b) => b.id));
    expect(round3.participation.submissions).toBe(3);
    expect(round3.entries.filter((e) => botIds.has(e.guestId)).every((e) => e.points !== null)).toBe(true);

    await phone.leave().catch(() => undefined);
    await back.room.leave();
    server.kill("SIGTERM");
  }, 240_000);
});
