// The live training course, measured: how fast the model learns the course sentence (time until
// 90 % of its links are right) and how much the training disturbs the room process's event loop
// (p50/p99/max lag while it trains, against the same process idle in the same run).
//   npx tsx tools/benchCourse.ts [--steps N] [--students N] [--json]
// Runs the real server in this process (rooms, engine worker, model worker) with real bots: the
// event loop measured is the one the rooms run on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { CourseProgressPayload, ModelSentencePayload } from "../shared/modelRound.js";
import { ClientMessage, ServerMessage } from "../shared/protocol.js";
import { loadConfig } from "../server/config.js";
import { createPartyServer } from "../server/createPartyServer.js";
import { EngineClient } from "../server/engine/EngineClient.js";
import { BotStudent } from "../server/bots/BotStudent.js";
import { HostDriver } from "../server/bots/HostDriver.js";
import { ModelClient } from "../server/model/ModelClient.js";
import { loadCorpusLists } from "../server/model/corpusLists.js";
import { courseSentence } from "../server/model/modelInference.js";
import { PartyStore } from "../server/storage/PartyStore.js";

const isJson = process.argv.includes("--json");
function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive whole number`);
  return value;
}
const steps = numberArg("--steps", 400);
const students = numberArg("--students", 30);

/** Event-loop lag percentiles (ms) over `ms` of whatever the process is doing. */
async function lagDuring(ms: number | Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await (typeof ms === "number" ? new Promise((r) => setTimeout(r, ms)) : ms);
  histogram.disable();
  const toMs = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  return { p50: toMs(histogram.percentile(50)), p99: toMs(histogram.percentile(99)), max: toMs(histogram.max) };
}

function firstAtOrAbove(ticks: Array<{ accuracy: number; elapsedMs: number; step: number }>, threshold: number) {
  const hit = ticks.find((t) => t.accuracy >= threshold);
  return hit ? { elapsedMs: Math.round(hit.elapsedMs), step: hit.step } : null;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-course-"));
  const config = loadConfig({ port: 0, host: "127.0.0.1", dbPath: path.join(dir, "party.db"), joinsPerMinutePerIp: 100_000 });
  const store = PartyStore.open(config.dbPath);
  const engine = await EngineClient.start({ cachePath: config.encoderCachePath, backend: config.engineBackend });
  const server = await createPartyServer(config, engine, store);
  const httpUrl = `http://127.0.0.1:${server.port}`;
  const wsUrl = `ws://127.0.0.1:${server.port}`;
  try {
    const host = await HostDriver.createParty(httpUrl);
    const bots: BotStudent[] = [];
    for (let i = 0; i < students; i++) bots.push(await new BotStudent(wsUrl, `Bot ${i + 1}`).join(host.code));
    const sentence = bots[0].next<ModelSentencePayload>(ServerMessage.modelSentence, 60_000);
    host.send(ClientMessage.startRound, { roundType: "course", courseSteps: steps });
    const { tokens, question } = await sentence;
    host.send(ClientMessage.startWriting);
    await host.waitForPhase("write");
    await Promise.all(bots.map((b, i) => b.predict(question.choices[i % question.choices.length])));
    host.send(ClientMessage.endWriting);
    const idle = await lagDuring(3000);

    const ticks: CourseProgressPayload[] = [];
    host.room.onMessage(ServerMessage.courseProgress, (p: CourseProgressPayload) => ticks.push(p));
    const results = Promise.all(bots.map((b) => b.next(ServerMessage.predictionResult, 600_000)));
    host.send(ClientMessage.reveal);
    const training = await lagDuring(results);
    const last = ticks[ticks.length - 1];

    // The same course on a held-out corpus sentence whose true links are known (not the checkpoint's picks).
    const model = new ModelClient({ cachePath: config.encoderCachePath, backend: config.engineBackend });
    const corpus = courseSentence(loadCorpusLists(), 7);
    const corpusTicks: Array<{ accuracy: number; elapsedMs: number; step: number }> = [];
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      model
        .startCourse({ sentence: corpus.text, targets: corpus.targets, totalSteps: steps }, {
          onTick: (tick) => {
            corpusTicks.push({ accuracy: tick.accuracy, step: tick.step, elapsedMs: performance.now() - started });
            if (tick.isFinished) resolve();
          },
          onFailed: (message) => reject(new Error(message)),
        })
        .catch(reject);
    });
    await model.close();

    const report = {
      backend: engine.info.backend,
      cores: os.cpus().length,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      students,
      steps,
      roomSentence: {
        text: tokens.slice(1).join(" "),
        // In the room the course sentence is typed text: its links are the committed checkpoint's picks.
        reach90: firstAtOrAbove(ticks, 0.9),
        finalAccuracy: last?.accuracy ?? null,
        trainingMs: last?.elapsedMs ?? null,
        progressMessages: ticks.length,
        firstLoss: ticks[0]?.losses[0]?.[1] ?? null,
        lastLoss: last?.losses.at(-1)?.[1] ?? null,
      },
      corpusSentence: { text: corpus.text, reach90: firstAtOrAbove(corpusTicks, 0.9), finalAccuracy: corpusTicks.at(-1)?.accuracy ?? null },
      eventLoopLagMs: { idle, training, targetP99: 50 },
    };
    if (isJson) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`course of ${steps} steps on ${report.backend}, ${students} bots in the room (load ${report.loadAverage.join(" ")})`);
      console.log(`  room sentence: 90 % of links after ${report.roomSentence.reach90?.elapsedMs ?? "—"} ms (step ${report.roomSentence.reach90?.step ?? "—"}); whole course ${report.roomSentence.trainingMs} ms; loss ${report.roomSentence.firstLoss} → ${report.roomSentence.lastLoss}`);
      console.log(`  held-out corpus sentence: 90 % after ${report.corpusSentence.reach90?.elapsedMs ?? "—"} ms (step ${report.corpusSentence.reach90?.step ?? "—"}); final ${report.corpusSentence.finalAccuracy}`);
      console.log(`  event-loop lag idle p50 ${idle.p50} p99 ${idle.p99} max ${idle.max} ms; training p50 ${training.p50} p99 ${training.p99} max ${training.max} ms (target p99 < 50)`);
    }
    await Promise.all([...bots.map((b) => b.leave()), host.leave()]);
  } finally {
    await server.close();
    await engine.close();
    store.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:course: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
