// Two real server processes on one real Redis (and one shared SQLite file): a party made on A
// is found, joined and played through B's address; codes made on both never collide; and a
// party whose process dies is resumed by the other one, exactly once.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import { ClientMessage, ServerMessage, type AttentionPayload, type ResultPayload } from "../../shared/protocol.js";
import { BotStudent } from "../../server/bots/BotStudent.js";
import { HostDriver } from "../../server/bots/HostDriver.js";
import { PartyPresence } from "../../server/scaleOut/PartyPresence.js";
import { joinCodeClaimKey } from "../../server/scaleOut/redisScaleOut.js";
import { redisConnectionOptions } from "../../server/scaleOut/redisOptions.js";
import { freePort } from "../helpers/startTestServer.js";

const hasRedis = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
if (!hasRedis) {
  console.warn("tests/server/scaleOut.test.ts SKIPPED: redis-server is not installed (apt-get install -y redis-server; .ci/run installs it)");
}

interface ServerProcess {
  child: ChildProcess;
  port: number;
  httpUrl: string;
  wsUrl: string;
}

const children: ChildProcess[] = [];

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function startRedis(port: number): Promise<ChildProcess> {
  // No snapshots, no append-only file: a throwaway Redis that leaves nothing on disk.
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  await waitFor(() => output.includes("Ready to accept connections") || child.exitCode !== null, "redis-server", 10_000);
  if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
  return child;
}

async function startServerProcess(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      PARTIES_PER_MINUTE_PER_IP: "1000",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const httpUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server on ${port} exited: ${stderr}`);
      return fetch(`${httpUrl}/healthz`).then((r) => r.ok).catch(() => false);
    },
    `server on ${port} (${stderr})`,
    90_000,
  );
  return { child, port, httpUrl, wsUrl: `ws://127.0.0.1:${port}` };
}

async function kill(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGKILL");
  await exited;
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

interface Health {
  rooms: number;
  guests: number;
}

interface PartyInfo {
  guestCount: number;
  phase: string;
}

interface Listing {
  processId: string;
  publicAddress: string;
}

/** Where the room's socket actually went: the URL colyseus.js opened. */
function socketUrl(room: Room): string {
  return (room.connection as unknown as { transport: { ws: { url: string } } }).transport.ws.url;
}

function stateOf(room: Room): { phase: string; roundNumber: number; guests: Record<string, { name: string; score: number; hasSubmitted: boolean }> } {
  return (room.state as { toJSON(): ReturnType<typeof stateOf> }).toJSON();
}

const TEXTS = [
  { query: "who can help me move my sofa", key: "owns a big truck", value: "my truck can carry furniture and boxes" },
  { query: "need a birthday cake", key: "fixes bikes", value: "I repair flat tyres and brakes" },
  { query: "my bike has a flat tyre", key: "bakes cakes", value: "chocolate cake with candles" },
  { query: "need help with tax forms", key: "accountant", value: "I can fill in your tax return" },
];

describe.skipIf(!hasRedis)("several server processes on one Redis", () => {
  let redisUrl = "";
  let dbPath = "";
  let a: ServerProcess;
  let b: ServerProcess;
  let redis: PartyPresence;

  beforeAll(async () => {
    const redisPort = await freePort();
    await startRedis(redisPort);
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    redis = new PartyPresence(redisConnectionOptions(redisUrl));
    // One database file for both: any process can resume any party and list every session.
    dbPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "party-scale-")), "party.db");
    const [portA, portB] = [await freePort(), await freePort()];
    a = await startServerProcess(portA, { REDIS_URL: redisUrl, DB_PATH: dbPath });
    b = await startServerProcess(portB, { REDIS_URL: redisUrl, DB_PATH: dbPath });
  }, 200_000);

  afterAll(async () => {
    // Our own connections first: killing Redis under them would leave their quit unanswered.
    await redis?.close();
    for (const child of children) child.kill("SIGKILL");
  });

  /** Tests that stop A start it again at their end; this covers one that failed half-way. */
  async function serverA(): Promise<ServerProcess> {
    if (a.child.exitCode !== null || a.child.signalCode !== null) a = await startServerProcess(a.port, { REDIS_URL: redisUrl, DB_PATH: dbPath });
    return a;
  }

  async function listingOf(code: string): Promise<Listing | undefined> {
    const raw = (await redis.hgetall("roomcaches"))[code];
    return raw ? (JSON.parse(raw) as Listing) : undefined;
  }

  it("plays a whole round in a party made on A, with phones and projector coming through B", async () => {
    const host = await HostDriver.createParty((await serverA()).httpUrl);
    const code = host.code;

    // The phone page looks the code up on B first.
    const lobby = await getJson<PartyInfo>(`${b.httpUrl}/api/parties/${code}`);
    expect(lobby.status).toBe(200);
    expect(lobby.body).toMatchObject({ guestCount: 0, phase: "lobby" });

    const bots = [new BotStudent(b.wsUrl, "Ada"), new BotStudent(b.wsUrl, "Ben"), new BotStudent(b.wsUrl, "Cy"), new BotStudent(a.wsUrl, "Di")];
    for (const bot of bots) await bot.join(code);
    const screen = await new Client(b.wsUrl).joinById(code, { role: "screen" });
    const attentionOnScreen = new Promise<AttentionPayload>((resolve) => screen.onMessage(ServerMessage.attention, resolve));
    screen.send(ClientMessage.ready, {});

    // Seats reserved through B point at A, where the party lives: every socket is on A.
    for (const room of [...bots.map((bot) => bot.room), screen, host.room]) {
      expect(socketUrl(room).startsWith(`ws://127.0.0.1:${a.port}/`)).toBe(true);
    }
    expect((await getJson<Health>(`${a.httpUrl}/healthz`)).body).toMatchObject({ rooms: 1, guests: 6 });
    expect((await getJson<Health>(`${b.httpUrl}/healthz`)).body.rooms).toBe(0);
    expect((await getJson<PartyInfo>(`${b.httpUrl}/api/parties/${code}`)).body.guestCount).toBe(4);

    host.send(ClientMessage.startRound, { roundType: "party" });
    const cards = await Promise.all(bots.map((bot) => bot.next(ServerMessage.card)));
    expect(cards).toHaveLength(4);
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await Promise.all(bots.map((bot, i) => bot.submit(TEXTS[i])));
    const results = bots.map((bot) => bot.next<ResultPayload>(ServerMessage.result));
    host.send(ClientMessage.reveal);
    const rows = await Promise.all(results);
    await host.waitForPhase("reveal");

    for (const row of rows) {
      expect(row.roundNumber).toBe(1);
      expect(row.attendedTo.length).toBeGreaterThan(0);
      // No self-attention in a party round: a row's weights over the others sum to 1.
      expect(row.attendedTo.reduce((sum, g) => sum + g.weight, 0)).toBeLessThanOrEqual(1 + 1e-6);
    }
    const attention = await attentionOnScreen;
    expect(attention.guestIds).toHaveLength(4);

    expect((await getJson<PartyInfo>(`${b.httpUrl}/api/parties/${code}`)).body.phase).toBe("reveal");
    host.send(ClientMessage.showScores);
    await host.waitForPhase("scores");

    // Host on A, projector and three phones through B, one phone through A: one state.
    await new Promise((r) => setTimeout(r, 300));
    const states = [host.room, screen, ...bots.map((bot) => bot.room)].map(stateOf);
    const withoutGuests = ({ guests: _guests, ...rest }: ReturnType<typeof stateOf>) => rest;
    for (const state of states) {
      expect(state.phase).toBe("scores");
      expect(state.roundNumber).toBe(1);
      expect(withoutGuests(state)).toEqual(withoutGuests(states[0]));
    }
    // Staff see every guest; each phone sees itself, exactly as the staff see it.
    expect(states[1].guests).toEqual(states[0].guests);
    bots.forEach((bot, i) => {
      const id = bot.welcome!.guestId;
      expect(states[2 + i].guests).toEqual({ [id]: states[0].guests[id] });
    });
    const scoreByName = new Map(Object.values(states[0].guests).map((g) => [g.name, g.score]));
    bots.forEach((bot, i) => expect(scoreByName.get(bot.name)).toBe(rows[i].totalScore));

    await Promise.all(bots.map((bot) => bot.leave()));
    await screen.leave();
    await host.leave();
  }, 120_000);

  it("never hands out the same join code twice, on either process", async () => {
    const create = async (server: ServerProcess) => {
      const res = await fetch(`${server.httpUrl}/api/parties`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(res.status).toBe(201);
      return { server, code: ((await res.json()) as { code: string }).code };
    };
    await serverA();
    const made = await Promise.all(Array.from({ length: 12 }, () => [create(a), create(b)]).flat());
    expect(new Set(made.map((m) => m.code)).size).toBe(made.length);

    for (const { server, code } of made) {
      // Listed with the address of the process that made it, and claimed by that process.
      const listing = await listingOf(code);
      expect(listing?.publicAddress).toBe(`127.0.0.1:${server.port}`);
      expect(await redis.holderOf(joinCodeClaimKey(code))).toBe(listing?.processId);
      const other = server === a ? b : a;
      expect((await getJson<PartyInfo>(`${other.httpUrl}/api/parties/${code}`)).status).toBe(200);
    }

    // The claim itself: two processes racing for one code, many times, one winner each time.
    const rival = new PartyPresence(redisConnectionOptions(redisUrl));
    try {
      for (let i = 0; i < 20; i++) {
        const key = `cocktail:test-race:${i}`;
        const wins = await Promise.all([redis.claimKey(key, "process-1"), rival.claimKey(key, "process-2")]);
        expect(wins.filter(Boolean)).toHaveLength(1);
        // Release is compare-and-delete: the loser cannot free the winner's claim.
        const loser = wins[0] ? "process-2" : "process-1";
        expect(await rival.releaseKey(key, loser)).toBe(false);
        expect(await redis.holderOf(key)).toBe(wins[0] ? "process-1" : "process-2");
      }
    } finally {
      await rival.close();
    }
  }, 60_000);

  it("resumes a dead process's party on the other one, once, and a restarted process leaves it there", async () => {
    const host = await HostDriver.createParty((await serverA()).httpUrl);
    const code = host.code;
    const bots = [new BotStudent(b.wsUrl, "Eve"), new BotStudent(b.wsUrl, "Finn")];
    for (const bot of bots) await bot.join(code);
    host.send(ClientMessage.startRound, { roundType: "party" });
    await Promise.all(bots.map((bot) => bot.next(ServerMessage.card)));
    const cardsBefore = bots.map((bot) => bot.card);

    await kill(a);

    // Phones come back through B together: B finds A gone, resumes the party from the shared
    // database, and only once.
    const looks = await Promise.all(Array.from({ length: 5 }, () => getJson<PartyInfo>(`${b.httpUrl}/api/parties/${code}`)));
    expect(looks.map((l) => l.status)).toEqual([200, 200, 200, 200, 200]);
    const listing = await listingOf(code);
    expect(listing?.publicAddress).toBe(`127.0.0.1:${b.port}`);
    expect(await redis.holderOf(joinCodeClaimKey(code))).toBe(listing?.processId);

    for (const bot of bots) {
      bot.card = null;
      await bot.rejoin();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(bots.map((bot) => bot.welcome!.name)).toEqual(["Eve", "Finn"]);
    expect(bots.map((bot) => bot.card)).toEqual(cardsBefore);
    expect(socketUrl(bots[0].room).startsWith(`ws://127.0.0.1:${b.port}/`)).toBe(true);

    // A comes back (a new process on the same address): asked for the code, it points at B.
    a = await startServerProcess(a.port, { REDIS_URL: redisUrl, DB_PATH: dbPath });
    expect((await getJson<PartyInfo>(`${a.httpUrl}/api/parties/${code}`)).body.guestCount).toBe(2);
    expect((await getJson<Health>(`${a.httpUrl}/healthz`)).body.rooms).toBe(0);
    expect((await listingOf(code))?.processId).toBe(listing?.processId);

    await Promise.all(bots.map((bot) => bot.leave()));
  }, 150_000);

  it("hands a stopping process's parties over at once (SIGTERM), without ending them", async () => {
    const host = await HostDriver.createParty((await serverA()).httpUrl);
    const code = host.code;
    const bot = await new BotStudent(b.wsUrl, "Gus").join(code);
    const ended = new Promise<number>((resolve) => bot.room.onLeave(resolve));

    const exited = new Promise((r) => a.child.once("exit", r));
    a.child.kill("SIGTERM");
    await exited;
    // A dropped socket (the phone retries), not "the party has ended" (consented close, 4000).
    expect(await ended).not.toBe(4000);
    // A left no listing and no claim behind: B resumes without waiting out a health check.
    expect(await listingOf(code)).toBeUndefined();
    expect(await redis.holderOf(joinCodeClaimKey(code))).toBeNull();
    expect((await getJson<PartyInfo>(`${b.httpUrl}/api/parties/${code}`)).status).toBe(200);
    expect((await listingOf(code))?.publicAddress).toBe(`127.0.0.1:${b.port}`);
    await bot.rejoin();
    expect(bot.welcome!.name).toBe("Gus");

    a = await startServerProcess(a.port, { REDIS_URL: redisUrl, DB_PATH: dbPath });
    await bot.leave();
  }, 150_000);
});
