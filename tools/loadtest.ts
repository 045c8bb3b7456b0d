// Load harness: real colyseus.js clients, in this process, against a server in another process.
// R parties × N students join, play one party round, and every host presses reveal; it prints
// join success, reveal latency (host sends reveal → each phone has its `result`: its row, points
// and rank) p50/p95/p99, when the `heard` words that follow the row arrived, bytes per phone per
// reveal, and the server's CPU and resident memory from /healthz. With --rounds K every party
// plays K rounds in a row (texts written anew each time): the percentiles pool every round's
// phones, and each round's own p50/p95 is listed, so one noisy moment shows as one round.
//   npm run --silent loadtest -- --rooms 50 --students 40 --json            (starts its own server)
//   npm run --silent loadtest -- --url http://host:2567 --rooms 1 --students 300 --json
// With --url the server must run with the limits of loadTestEnv() (all joins come from one address).
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { getDeck } from "../server/party/partyDeck.js";
import { seededRandom } from "../server/bots/partyRehearsal.js";
import { concurrencyLimit, PartyLoad, type RevealMeasure } from "./load/partyLoad.js";
import { fetchHealth, loadTestEnv, spawnServer, type HealthSample, type SpawnedServer } from "./load/serverProcess.js";

const TARGET_P95_MS = 250;

function fail(message: string, code = 2): never {
  process.stderr.write(`loadtest: ${message}\n`);
  process.exit(code);
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round1 = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Refusals a load from one address runs into, with what to change. */
function explainRefusals(errors: string[]): string | null {
  const limited = errors.filter((e) => /too many|429|full|as many parties/i.test(e));
  if (limited.length === 0) return null;
  const env = Object.entries(loadTestEnv(0, 0)).map(([k, v]) => `${k}=${v}`).join(" ");
  return `the server refused ${limited.length} request(s), e.g. "${limited[0]}". All load comes from one address: start the server with raised limits (${env}, MAX_PARTIES ≥ rooms, MAX_GUESTS ≥ students), or drop --url to let loadtest start its own.`;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string" },
        rooms: { type: "string", default: "1" },
        students: { type: "string", default: "40" },
        "stagger-ms": { type: "string", default: "0" },
        rounds: { type: "string", default: "1" },
        "join-concurrency": { type: "string", default: "50" },
        seed: { type: "string", default: "7" },
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const rooms = Number(values.rooms);
  const students = Number(values.students);
  const staggerMs = Number(values["stagger-ms"]);
  const roundCount = Number(values.rounds);
  const joinConcurrency = Number(values["join-concurrency"]);
  if (!Number.isInteger(rooms) || rooms < 1 || rooms > 500) fail("--rooms must be an integer from 1 to 500");
  if (!Number.isInteger(students) || students < 2 || students > 2000) fail("--students must be an integer from 2 to 2000");
  if (!(staggerMs >= 0)) fail("--stagger-ms must be ≥ 0");
  if (!Number.isInteger(roundCount) || roundCount < 1 || roundCount > 20) fail("--rounds must be an integer from 1 to 20");
  if (!Number.isInteger(joinConcurrency) || joinConcurrency < 1) fail("--join-concurrency must be a positive integer");
  const log = (line: string) => {
    if (values.verbose || !values.json) process.stderr.write(`${line}\n`);
  };

  let spawned: SpawnedServer | null = null;
  const httpUrl = values.url?.replace(/\/+$/, "") ?? (spawned = await spawnServer(rooms, students, (line) => values.verbose && log(`[server] ${line}`))).httpUrl;
  const stopServer = () => spawned?.stop() ?? Promise.resolve();
  try {
    const loadBefore = os.loadavg();
    const cpuHere = process.cpuUsage();
    const startedAt = performance.now();
    const idle = await fetchHealth(httpUrl);
    log(`server ${httpUrl} (${spawned ? "started here" : "given"}), backend ${idle.backend}, ${idle.rssMb} MB resident`);

    // Parties, then their students; creation and joins refused by the server are counted, not fatal.
    const creationErrors: string[] = [];
    const parties = (
      await Promise.all(
        Array.from({ length: rooms }, () =>
          PartyLoad.create(httpUrl).catch((error: unknown) => {
            creationErrors.push(error instanceof Error ? error.message : String(error));
            return null;
          }),
        ),
      )
    ).filter((p): p is PartyLoad => p !== null);
    const joinStarted = performance.now();
    const limit = concurrencyLimit(joinConcurrency);
    await Promise.all(parties.map((p) => p.join(students, limit)));
    const joinMs = performance.now() - joinStarted;
    const joinErrors = parties.flatMap((p) => p.joinErrors);
    const joined = parties.reduce((sum, p) => sum + p.students.length, 0);
    log(`${parties.length}/${rooms} parties, ${joined}/${rooms * students} students joined in ${Math.round(joinMs)} ms`);
    const refusal = explainRefusals([...creationErrors, ...joinErrors]);
    if (refusal) process.stderr.write(`loadtest: ${refusal}\n`);

    const random = seededRandom(Number(values.seed));
    const deck = getDeck();
    const revealing = parties.filter((p) => p.students.length >= 2);
    const measures: RevealMeasure[] = [];
    const perRound: Array<{ round: number; p50: number | null; p95: number | null }> = [];
    let withRooms: HealthSample | null = null;
    // This process's own event-loop lag while phones receive their rows: a phone's arrival time is
    // taken when its callback runs, so on a shared machine this much of a latency may be ours.
    // Kept running from the first reveal on and read only during reveals: a monitor disabled and
    // enabled again counts the time it was off as one long delay (it reported 1.5 s "lags").
    const revealLag = monitorEventLoopDelay({ resolution: 5 });
    const lagSamples: Array<{ p50: number; p99: number; max: number }> = [];
    for (let round = 1; round <= roundCount; round++) {
      await Promise.all(revealing.map((p) => p.write(deck, random)));
      // Settled before measuring: memory of rooms full of guests and texts, CPU from here on.
      await new Promise((r) => setTimeout(r, 500));
      const sample = await fetchHealth(httpUrl);
      withRooms ??= sample;
      log(`round ${round}: all texts submitted; server ${sample.rssMb} MB resident; revealing${staggerMs ? ` over ${staggerMs} ms` : " all at once"}`);
      revealLag.enable();
      revealLag.reset();
      const roundMeasures = await Promise.all(
        revealing.map(async (p, i) => {
          if (staggerMs > 0) await new Promise((r) => setTimeout(r, (staggerMs * i) / Math.max(1, revealing.length - 1)));
          return p.reveal(1000);
        }),
      );
      lagSamples.push({ p50: revealLag.percentile(50), p99: revealLag.percentile(99), max: revealLag.max });
      measures.push(...roundMeasures);
      const sorted = roundMeasures.flatMap((m) => m.latenciesMs).sort((a, b) => a - b);
      perRound.push({ round, p50: round1(percentile(sorted, 50)), p95: round1(percentile(sorted, 95)) });
      log(`round ${round}: reveal latency p50 ${perRound.at(-1)!.p50} ms, p95 ${perRound.at(-1)!.p95} ms`);
    }
    revealLag.disable();
    withRooms ??= await fetchHealth(httpUrl);
    const afterReveal = await fetchHealth(httpUrl);
    const loadAfter = os.loadavg();

    const latencies = measures.flatMap((m) => m.latenciesMs).sort((a, b) => a - b);
    const heardLatencies = measures.flatMap((m) => m.heardLatenciesMs).sort((a, b) => a - b);
    const bytes = measures.flatMap((m) => m.bytes);
    const p95 = percentile(latencies, 95);
    const cpuPercent = (a: HealthSample, b: HealthSample) =>
      a.cpuMs === null || b.cpuMs === null ? null : round1((100 * (b.cpuMs - a.cpuMs)) / (b.at - a.at));
    const hereCpu = process.cpuUsage(cpuHere);
    const report = {
      url: httpUrl,
      isServerStartedHere: spawned !== null,
      backend: idle.backend,
      isGpu: idle.isGpu,
      rooms,
      studentsPerRoom: students,
      staggerMs,
      joins: {
        attempted: rooms * students,
        succeeded: joined,
        successRate: round1((100 * joined) / (rooms * students)),
        partiesCreated: parties.length,
        errors: [...new Set([...creationErrors, ...joinErrors])].slice(0, 5),
        wallMs: Math.round(joinMs),
      },
      revealLatencyMs: {
        phones: latencies.length,
        missing: measures.reduce((sum, m) => sum + m.missingResults, 0),
        p50: round1(percentile(latencies, 50)),
        p95: round1(p95),
        p99: round1(percentile(latencies, 99)),
        max: round1(latencies.at(-1) ?? null),
        targetP95: TARGET_P95_MS,
        rounds: roundCount,
        perRound,
        meetsTarget: p95 !== null && p95 < TARGET_P95_MS && joined === rooms * students,
      },
      // "What you heard" follows the row in its own message (not part of the target).
      heardLatencyMs: {
        phones: heardLatencies.length,
        missing: measures.reduce((sum, m) => sum + m.missingHeard, 0),
        p50: round1(percentile(heardLatencies, 50)),
        p95: round1(percentile(heardLatencies, 95)),
        p99: round1(percentile(heardLatencies, 99)),
        max: round1(heardLatencies.at(-1) ?? null),
      },
      bytesPerPhonePerReveal: {
        mean: Math.round(mean(bytes.map((b) => b.total))),
        max: Math.max(0, ...bytes.map((b) => b.total)),
        messagesMean: Math.round(mean(bytes.map((b) => b.messages))),
        statePatchesMean: Math.round(mean(bytes.map((b) => b.patches))),
      },
      server: {
        rssMbIdle: idle.rssMb,
        rssMbWithRooms: withRooms.rssMb,
        rssMbAfterReveal: afterReveal.rssMb,
        rssMbPerRoom: round1((withRooms.rssMb - idle.rssMb) / Math.max(1, parties.length)),
        cpuPercentDuringReveal: cpuPercent(withRooms, afterReveal),
        cpuPercentWholeRun: cpuPercent(idle, afterReveal),
        engineBatches: afterReveal.engineBatches,
      },
      machine: {
        cpus: os.cpus().length,
        loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
        loadAverageAfter: loadAfter.map((x) => Math.round(x * 100) / 100),
        loadtestCpuPercent: round1((100 * (hereCpu.user + hereCpu.system)) / 1000 / (performance.now() - startedAt)),
        // The worst round's figures.
        loadtestEventLoopLagMsDuringReveals: {
          p50: round1(Math.max(...lagSamples.map((l) => l.p50)) / 1e6),
          p99: round1(Math.max(...lagSamples.map((l) => l.p99)) / 1e6),
          max: round1(Math.max(...lagSamples.map((l) => l.max)) / 1e6),
        },
      },
    };
    await Promise.all(parties.map((p) => p.close().catch(() => undefined)));

    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const r = report.revealLatencyMs;
      console.log(`joins ${report.joins.succeeded}/${report.joins.attempted} (${report.joins.successRate} %) in ${report.joins.wallMs} ms`);
      console.log(`reveal latency p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms (${r.phones} phones, ${r.missing} missing) — target p95 < ${r.targetP95} ms: ${r.meetsTarget ? "met" : "MISSED"}`);
      const h = report.heardLatencyMs;
      console.log(`heard words p50 ${h.p50} ms, p95 ${h.p95} ms, p99 ${h.p99} ms, max ${h.max} ms (${h.phones} phones, ${h.missing} missing)`);
      console.log(`bytes per phone per reveal: mean ${report.bytesPerPhonePerReveal.mean} (messages ${report.bytesPerPhonePerReveal.messagesMean}, state patches ${report.bytesPerPhonePerReveal.statePatchesMean}), max ${report.bytesPerPhonePerReveal.max}`);
      console.log(`server: ${report.server.rssMbIdle} → ${report.server.rssMbWithRooms} MB resident (${report.server.rssMbPerRoom} MB per ${students}-guest room), CPU ${report.server.cpuPercentDuringReveal} % during the reveal, engine batches ${JSON.stringify(report.server.engineBatches?.recent ?? [])}`);
      const lag = report.machine.loadtestEventLoopLagMsDuringReveals;
      console.log(`machine: ${report.machine.cpus} CPUs, load average ${report.machine.loadAverageBefore.join(" ")} → ${report.machine.loadAverageAfter.join(" ")}; this process's event-loop lag during the reveals p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms`);
    }
    if (refusal || joined < rooms * students || report.revealLatencyMs.missing > 0 || report.heardLatencyMs.missing > 0) process.exitCode = 3;
  } finally {
    await stopServer();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error), 1),
);
