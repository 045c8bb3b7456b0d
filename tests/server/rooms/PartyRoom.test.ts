// The party room on the real server: joining by code, a played round with real attention,
// host rights, bad input, and secrets that must never reach the wrong client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "colyseus.js";
import { ClientMessage, ServerMessage, type AttentionPayload, type ErrorPayload, type ResultPayload } from "../../../shared/protocol.js";
import { BotStudent } from "../../../server/bots/BotStudent.js";
import { HostDriver } from "../../../server/bots/HostDriver.js";
import { startTestServer, type TestServer } from "../../helpers/startTestServer.js";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ maxGuests: 6 });
});
afterAll(async () => {
  await t?.stop();
});

const TEXTS = [
  { query: "who can help me move my furniture", key: "bakes birthday cakes", value: "a chocolate cake with candles for your party" },
  { query: "I need a birthday cake for my daughter", key: "fixes bicycles and flat tyres", value: "I repair bike chains, brakes and punctures" },
  { query: "my bike has a flat tyre and broken brakes", key: "has a truck for moving", value: "my truck can carry your sofa and boxes on saturday" },
];

async function partyWithStudents(names: string[]) {
  const host = await HostDriver.createParty(t.httpUrl);
  const bots: BotStudent[] = [];
  for (const name of names) bots.push(await new BotStudent(t.wsUrl, name).join(host.code));
  await host.waitFor((s) => s.guests.size === names.length, "guests");
  return { host, bots };
}

describe("joining a party", () => {
  it("creates a party with a 5-character code and finds it case-insensitively", async () => {
    const host = await HostDriver.createParty(t.httpUrl);
    expect(host.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{5}$/);
    const found = await fetch(`${t.httpUrl}/api/parties/${host.code.toLowerCase()}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ code: host.code, guestCount: 0, isLocked: false, phase: "lobby" });
    const missing = await fetch(`${t.httpUrl}/api/parties/ZZZZZ`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("No party with code ZZZZZ");
    await host.leave();
  });

  it("refuses creating a party over WebSocket and joining as host with a wrong key", async () => {
    await expect(new Client(t.wsUrl).create("party", { role: "host" })).rejects.toThrow(/dashboard/);
    const host = await HostDriver.createParty(t.httpUrl);
    await expect(new Client(t.wsUrl).joinById(host.code, { role: "host", hostKey: "guess" })).rejects.toThrow(/host key/);
    await host.leave();
  });

  it("makes duplicate nicknames unique and cleans control characters", async () => {
    const { host, bots } = await partyWithStudents(["Sam", "Sam", "Al\u202Eex\u0007"]);
    expect(bots.map((b) => b.welcome?.name)).toEqual(["Sam", "Sam 2", "Alex"]);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("says so when a party is locked or full", async () => {
    const { host, bots } = await partyWithStudents(["A", "B", "C", "D", "E", "F"]);
    await expect(new BotStudent(t.wsUrl, "G").join(host.code)).rejects.toThrow(/is full/);
    host.send(ClientMessage.setLocked, { isLocked: true });
    await host.waitFor((s) => (s as unknown as { isLocked: boolean }).isLocked, "lock");
    await bots[0].leave();
    await host.waitFor((s) => [...(s.guests as unknown as Map<string, { connection: string }>).values()].some((g) => g.connection === "gone"), "gone");
    await expect(new BotStudent(t.wsUrl, "H").join(host.code)).rejects.toThrow(/is locked/);
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });

  it("rejoins the same guest with the stored secret, and never after a kick", async () => {
    const { host, bots } = await partyWithStudents(["Mia", "Noah"]);
    const [mia, noah] = bots;
    const secret = mia.welcome!.rejoinSecret;
    await mia.leave();
    const back = await new Client(t.wsUrl).joinById(host.code, { role: "student", rejoinSecret: secret });
    const welcome = await new Promise<{ guestId: string; name: string }>((resolve) => {
      back.onMessage(ServerMessage.welcome, resolve);
      back.send(ClientMessage.ready, {});
    });
    expect(welcome).toMatchObject({ guestId: mia.welcome!.guestId, name: "Mia" });
    await expect(
      new Client(t.wsUrl).joinById(host.code, { role: "student", rejoinSecret: "forged-secret" , name: "X"}),
    ).resolves.toBeDefined(); // a forged secret is just a new guest, never Mia
    host.send(ClientMessage.kick, { guestId: noah.welcome!.guestId });
    await host.waitFor((s) => !(s.guests as unknown as Map<string, unknown>).has(noah.welcome!.guestId), "kick");
    await expect(
      new Client(t.wsUrl).joinById(host.code, { role: "student", rejoinSecret: noah.welcome!.rejoinSecret }),
    ).rejects.toThrow(/removed you/);
    await back.leave();
    await host.leave();
  });
});

describe("a party round", () => {
  it("plays brief → write → reveal → scores with real attention and keeps secrets private", async () => {
    const { host, bots } = await partyWithStudents(["Ana", "Ben", "Cem"]);
    const screen = await new Client(t.wsUrl).joinById(host.code, { role: "screen" });
    const screenMessages: Array<{ type: string; payload: unknown }> = [];
    screen.onMessage("*", (type, payload) => screenMessages.push({ type: String(type), payload }));

    host.send(ClientMessage.startRound, { roundType: "party" });
    await Promise.all(bots.map((b) => b.next(ServerMessage.card)));
    const cards = bots.map((b) => b.card!);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");

    // Bad input: empty fields are named back, the wrong shape is refused, the room keeps running.
    bots[0].room.send(ClientMessage.submit, { query: "  ", key: "x", value: "\u0000" });
    const empty = await bots[0].next<ErrorPayload>(ServerMessage.error);
    expect(empty).toMatchObject({ code: "empty_fields", fields: ["query", "value"] });
    // Texts the encoder cannot read at all (emoji, made-up words) would be zero vectors: refused by name.
    bots[0].room.send(ClientMessage.submit, { query: "🐱🐱🐱", key: "a truck for moving", value: "zzqxv 🤖" });
    const unreadable = await bots[0].next<ErrorPayload>(ServerMessage.error);
    expect(unreadable).toMatchObject({ code: "empty_fields", fields: ["query", "value"] });
    expect(unreadable.message).toMatch(/can't read any word in your query and value/);
    bots[0].room.send(ClientMessage.submit, { query: 42 });
    expect((await bots[0].next<ErrorPayload>(ServerMessage.error)).code).toBe("bad_message");
    bots[0].room.send("no-such-message", {});
    expect((await bots[0].next<ErrorPayload>(ServerMessage.error)).message).toMatch(/Unknown message type/);
    bots[1].room.send(ClientMessage.reveal, {});
    expect((await bots[1].next<ErrorPayload>(ServerMessage.error)).code).toBe("not_host");

    const acks = await Promise.all(bots.map((b, i) => b.submit(TEXTS[i])));
    expect(acks[0].query).toBe(TEXTS[0].query);
    const xyz = await bots[2].submit({ ...TEXTS[2], query: "my bike has a flat tyre qwzxv" });
    expect(xyz.unknownWords.query).toEqual(["qwzxv"]);

    // Before the reveal: state and every message a student received hold no foreign secrets.
    const serverRoom = t.colyseus.getRoomById(host.code);
    const stateJson = JSON.stringify(serverRoom.state.toJSON());
    for (const [i, card] of cards.entries()) {
      expect(stateJson).not.toContain(card.need);
      expect(stateJson).not.toContain(TEXTS[i].value);
      for (const [j, bot] of bots.entries()) {
        if (i === j) continue;
        expect(JSON.stringify(bot.received)).not.toContain(card.need);
        expect(JSON.stringify(bot.received)).not.toContain(TEXTS[i].key);
      }
    }
    expect(stateJson).not.toContain(host.hostKey);
    expect(JSON.stringify(screenMessages)).not.toContain(cards[0].need);

    const results = bots.map((b) => b.next<ResultPayload>(ServerMessage.result));
    const attention = new Promise<AttentionPayload>((resolve) => screen.onMessage(ServerMessage.attention, resolve));
    host.send(ClientMessage.reveal);
    const rows = await Promise.all(results);
    for (const [i, row] of rows.entries()) {
      expect(row.attendedTo.map((a) => a.guestId)).not.toContain(bots[i].welcome!.guestId); // no self-attention
      const mass = row.attendedTo.reduce((s, a) => s + a.weight, 0);
      expect(mass).toBeGreaterThan(0.999); // 2 others, top-3 covers the whole row
      expect(row.rank).toBeGreaterThanOrEqual(1);
    }
    // What each guest heard follows its row (tests/server/rooms/twoStageReveal.test.ts).
    for (const heard of await Promise.all(bots.map((b) => b.whenHeard()))) expect(heard.heardWords.length).toBeGreaterThan(0);
    const lines = await attention;
    expect(lines.guestIds).toHaveLength(3);
    for (const r of lines.rows) expect(r.reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 3);

    host.send(ClientMessage.showScores);
    await host.waitForPhase("scores");
    const guests = [...(host.room.state.guests as unknown as Map<string, { score: number; nameTag: string }>).values()];
    expect(guests.map((g) => g.nameTag).sort()).toEqual(TEXTS.map((x) => x.key).sort());
    expect(guests.reduce((s, g) => s + g.score, 0)).toBe(rows.reduce((s, r) => s + r.points, 0));
    await Promise.all([...bots.map((b) => b.leave()), host.leave(), screen.leave()]);
  });

  it("refuses phase commands out of order with a clear error", async () => {
    const { host, bots } = await partyWithStudents(["Xi", "Yu"]);
    const error = host.nextMessage<ErrorPayload>(ServerMessage.error);
    host.send(ClientMessage.reveal);
    expect(await error).toMatchObject({ code: "wrong_phase" });
    const noDeck = host.nextMessage<ErrorPayload>(ServerMessage.error);
    host.send(ClientMessage.startRound, { roundType: "party", deckId: "no-such-deck" });
    expect((await noDeck).message).toMatch(/No deck "no-such-deck"/);
    const decks = await (await fetch(`${t.httpUrl}/api/decks`)).json();
    expect(decks.decks.map((d: { id: string }) => d.id)).toContain("neighbourhood");
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  });
});

describe("health", () => {
  it("reports backend, vocabulary and rooms", async () => {
    const body = await (await fetch(`${t.httpUrl}/healthz`)).json();
    expect(body).toMatchObject({ status: "ok", dimension: 100 });
    expect(body.vocabularySize).toBeGreaterThan(50_000);
    expect(["wasm", "cpu", "tensorflow"]).toContain(body.backend);
    expect(typeof body.rooms).toBe("number");
  });
});
