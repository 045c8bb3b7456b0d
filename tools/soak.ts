// Soak run (on demand, not in CI): plays party rounds back to back for a while and samples the
// server's memory and the engine worker's tensor count after each, to show both stay flat.
//   npm run --silent soak -- [--minutes 60] [--students 40] [--pauseMs 2000] --json
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { matchMaker } from "@colyseus/core";
import { loadConfig } from "../server/config.js";
import { createPartyServer } from "../server/createPartyServer.js";
import { EngineClient } from "../server/engine/EngineClient.js";
import { getDeck } from "../server/party/partyDeck.js";
import { runPartyRehearsal } from "../server/bots/partyRehearsal.js";
import { PartyStore } from "../server/storage/PartyStore.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: "string", default: "60" },
      students: { type: "string", default: "40" },
      // Moderate load: a class plays a round every few seconds at most.
      pauseMs: { type: "string", default: "2000" },
      json: { type: "boolean", default: false },
    },
  });
  const until = Date.now() + Number(values.minutes) * 60_000;
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "party-soak-"));
  const config = loadConfig({ port: 0, host: "127.0.0.1", dbPath: path.join(dbDir, "soak.db"), joinsPerMinutePerIp: 1_000_000 });
  const store = PartyStore.open(config.dbPath);
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine, store);
  const httpUrl = `http://127.0.0.1:${server.port}`;
  const samples: Array<{ round: number; atS: number; rssMb: number; heapMb: number; tensors: number; openParties: number; revealMs: number }> = [];
  const started = Date.now();
  const summarize = () => {
    const first = samples[Math.min(2, samples.length - 1)];
    const last = samples.at(-1)!;
    return {
      rounds: samples.length,
      minutes: Math.round((Date.now() - started) / 6000) / 10,
      tensors: { afterWarmUp: first.tensors, last: last.tensors, max: Math.max(...samples.map((s) => s.tensors)) },
      rssMb: { afterWarmUp: first.rssMb, last: last.rssMb, max: Math.max(...samples.map((s) => s.rssMb)) },
      heapMb: { afterWarmUp: first.heapMb, last: last.heapMb },
      samples,
    };
  };
  for (let round = 1; Date.now() < until; round++) {
    let report;
    try {
      report = await runPartyRehearsal({ httpUrl, deck: getDeck(), students: Number(values.students), seed: round });
    } catch (error) {
      // Keep what was measured: a soak that fails still says how far it got and why.
      process.stdout.write(JSON.stringify({ ...summarize(), failedAtRound: round, error: String(error) }) + "\n");
      process.exit(1);
    }
    global.gc?.();
    const memory = process.memoryUsage();
    const stats = await engine.stats();
    samples.push({
      round,
      atS: Math.round((Date.now() - started) / 1000),
      rssMb: Math.round(memory.rss / 1e6),
      heapMb: Math.round(memory.heapUsed / 1e6),
      tensors: stats.numTensors,
      openParties: (await matchMaker.query({ name: "party" })).length,
      revealMs: report.timings.revealMs,
    });
    process.stderr.write(`soak sample ${JSON.stringify(samples.at(-1))}\n`);
    await new Promise((r) => setTimeout(r, Number(values.pauseMs)));
  }
  const summary = summarize();
  await server.close();
  await engine.close();
  store.close();
  process.stdout.write(JSON.stringify(summary) + "\n");
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`soak: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
