// Fuzz run: hostile clients send random, malformed, oversized and out-of-order messages to a
// live server while honest bots play a whole party round.
//   npm run --silent fuzz -- [--messages 10000] [--attackers 6] [--students 8] --json
// Prints {sent, refused, serverErrors, roundFinished, honestResultsIntact, ...} on stdout.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ClientMessage, ServerMessage, type ResultPayload } from "../shared/protocol.js";
import { loadConfig } from "../server/config.js";
import { createPartyServer } from "../server/createPartyServer.js";
import { EngineClient } from "../server/engine/EngineClient.js";
import { logCounts } from "../server/log.js";
import { BotStudent } from "../server/bots/BotStudent.js";
import { HostDriver, wsUrlOf } from "../server/bots/HostDriver.js";
import { FuzzClient, type FuzzCounters } from "../server/bots/partyFuzzer.js";
import { seededRandom } from "../server/bots/partyRehearsal.js";
import { PartyStore } from "../server/storage/PartyStore.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      messages: { type: "string", default: "10000" },
      attackers: { type: "string", default: "6" },
      students: { type: "string", default: "8" },
      seed: { type: "string", default: "7" },
      json: { type: "boolean", default: false },
    },
  });
  const total = Number(values.messages);
  const random = seededRandom(Number(values.seed));
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "party-fuzz-"));
  // Rate limits stay on (they are part of what is tested); joins per address are raised
  // because every attacker and bot here shares 127.0.0.1.
  const config = loadConfig({ port: 0, host: "127.0.0.1", dbPath: path.join(dbDir, "fuzz.db"), joinsPerMinutePerIp: 100_000 });
  const store = PartyStore.open(config.dbPath);
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine, store);
  let uncaught = 0;
  process.on("uncaughtException", (e) => {
    uncaught++;
    process.stderr.write(`uncaught: ${e.stack}\n`);
  });
  process.on("unhandledRejection", (e) => {
    uncaught++;
    process.stderr.write(`unhandled rejection: ${String(e)}\n`);
  });
  const errorsBefore = logCounts.error;
  const started = Date.now();
  const httpUrl = `http://127.0.0.1:${server.port}`;
  const wsUrl = wsUrlOf(httpUrl);

  const host = await HostDriver.createParty(httpUrl, 600);
  const honest: BotStudent[] = [];
  for (let i = 0; i < Number(values.students); i++) honest.push(await new BotStudent(wsUrl, `Honest ${i + 1}`).join(host.code));
  const counters: FuzzCounters = { sent: 0, refused: 0, disconnects: 0, rejoinFailures: [] };
  const attackers: FuzzClient[] = [];
  for (let i = 0; i < Number(values.attackers); i++) {
    const attacker = new FuzzClient(wsUrl, host.code, i === 0 ? "screen" : "student", `Mallory ${i}`, counters);
    await attacker.connect();
    attackers.push(attacker);
  }

  // The attack runs through every phase of the honest round.
  let isAttacking = true;
  const attack = (async () => {
    while (isAttacking && counters.sent < total) {
      for (const attacker of attackers) await attacker.sendOne(random).catch(() => undefined);
      await new Promise((r) => setImmediate(r));
    }
  })();
  const phasePause = () => new Promise((r) => setTimeout(r, 300));

  host.send(ClientMessage.startRound, { roundType: "party" });
  await host.waitForPhase("brief", 60_000);
  await Promise.all(honest.map((b) => (b.card ? Promise.resolve() : b.next(ServerMessage.card, 60_000))));
  await phasePause();
  host.send(ClientMessage.startWriting);
  await host.waitForPhase("write", 60_000);
  const texts = honest.map((_, i) => ({ query: `who can help me with task number ${i}`, key: `good at task ${i}`, value: `I will do task ${i} for you` }));
  await Promise.all(honest.map((b, i) => b.submit(texts[i])));
  await phasePause();
  const results = honest.map((b) => b.next<ResultPayload>(ServerMessage.result, 60_000));
  host.send(ClientMessage.reveal);
  const honestResults = await Promise.all(results);
  await phasePause();
  host.send(ClientMessage.showScores);
  await host.waitForPhase("scores", 60_000);
  // Keep attacking until the message budget is spent, in the scores phase too.
  while (counters.sent < total) await new Promise((r) => setTimeout(r, 50));
  isAttacking = false;
  await attack;
  await new Promise((r) => setTimeout(r, 500)); // let the last refusals arrive

  const state = host.room.state as unknown as { phase: string; guests: Map<string, { name: string; score: number; hasSubmitted: boolean }> };
  const honestResultsIntact = honest.every((bot, i) => {
    const guest = state.guests.get(bot.welcome!.guestId);
    return guest?.hasSubmitted === true && guest.score === honestResults[i].totalScore && bot.submitted?.query === texts[i].query;
  });
  const report = {
    sent: counters.sent,
    refused: counters.refused,
    disconnects: counters.disconnects,
    rejoinFailures: counters.rejoinFailures.length,
    serverErrors: logCounts.error - errorsBefore + uncaught,
    roundFinished: state.phase === "scores" && honestResults.length === honest.length,
    honestResultsIntact,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  if (counters.rejoinFailures.length > 0) process.stderr.write(`rejoin failures, e.g.: ${[...new Set(counters.rejoinFailures)].slice(0, 5).join(" | ")}\n`);
  await Promise.all([...attackers.map((a) => a.leave()), ...honest.map((b) => b.leave()), host.leave()]);
  await server.close();
  await engine.close();
  store.close();
  process.stdout.write(values.json ? JSON.stringify(report) + "\n" : `${JSON.stringify(report, null, 2)}\n`);
  process.exit(report.serverErrors === 0 && report.roundFinished && report.honestResultsIntact ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`fuzz: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
