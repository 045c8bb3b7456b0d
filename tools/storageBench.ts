// Storage benchmark: what the room pays, synchronously, for each write it makes into SQLite
// (WAL, synchronous=NORMAL) on this machine's disk, and what a resume and a report cost.
//   npx tsx tools/storageBench.ts          readable lines
//   npx tsx tools/storageBench.ts --json   one JSON document on stdout
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildPartyReveal } from "../server/party/partyReveal.js";
import { PartyStore } from "../server/storage/PartyStore.js";
import { buildSessionReport, reportToCsv } from "../server/storage/reports.js";
import { revealRecordsFromOutcome } from "../server/storage/revealRecords.js";

const isJson = process.argv.includes("--json");
const GUESTS = 300;
const SUBMISSIONS = 1000;
const ROUNDS = 10;
const noWords = { query: [], key: [], value: [] };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (x: number) => Math.round(x * 1000) / 1000;

/** A softmax row per guest over random scores, zero on the diagonal: [N, N] row-major. */
function randomWeights(n: number): Float64Array {
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) if (j !== i) sum += w[i * n + j] = Math.exp(3 * Math.random());
    for (let j = 0; j < n; j++) w[i * n + j] /= sum;
  }
  return w;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-bench-"));
const store = PartyStore.open(path.join(dir, "bench.db"));
const ids = Array.from({ length: GUESTS }, (_, i) => `guest${i}`);
const session = store.createSession({ code: "BENCH", hostKey: "bench-host-key" });
const joinStart = performance.now();
ids.forEach((guestId, seat) => store.recordPlayer(session.id, { guestId, name: `Guest ${seat}`, seat, rejoinSecret: `secret-${seat}` }));
const joinMs = performance.now() - joinStart;

const submitTimes: number[] = [];
const revealTimes: number[] = [];
const totals = new Map(ids.map((id) => [id, 0]));
for (let r = 1; r <= ROUNDS; r++) {
  const cards = ids.map((guestId, i) => ({ guestId, needId: `item${(i + 1) % 40}`, offerId: `item${i % 40}` }));
  const roundId = store.startRound(session.id, { number: r, type: "party", cards });
  store.setRoundPhase(roundId, "write", { isOpen: true, endsAt: Date.now() + 120_000 });
  const perRound = r === 1 ? SUBMISSIONS : GUESTS; // round 1: 1000 submits (re-submits included)
  for (let k = 0; k < perRound; k++) {
    const guestId = ids[k % GUESTS];
    const t = performance.now();
    store.recordSubmission(roundId, { guestId, query: `I need item ${k} for my party tonight`, key: `friendly owner of item ${k}`, value: `here is a very useful item number ${k}, take it`, unknownWords: noWords });
    submitTimes.push(performance.now() - t);
  }
  const outcome = buildPartyReveal({
    roundNumber: r,
    participants: ids.map((guestId, i) => ({ guestId, name: `Guest ${i}`, nameTag: `owner ${i}`, value: `value ${i}`, card: cards[i] })),
    weights: randomWeights(GUESTS),
    heardWords: ids.map(() => ["truck", "cake", "bike", "tax", "party", "music"]),
    scoreboard: ids.map((guestId) => ({ guestId, totalBefore: totals.get(guestId)!, rankBefore: null })),
  });
  for (const [id, s] of outcome.standings) totals.set(id, s.total);
  const { rows, scores } = revealRecordsFromOutcome(outcome);
  const t = performance.now();
  store.recordReveal(roundId, rows, scores);
  revealTimes.push(performance.now() - t);
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
};
const [, snapshotMs] = time(() => store.loadSessionSnapshot(session.id));
const [report, reportMs] = time(() => buildSessionReport(store, session.id)!);
const [csv, csvMs] = time(() => reportToCsv(report));
store.close();
const fileBytes = fs.statSync(path.join(dir, "bench.db")).size;
fs.rmSync(dir, { recursive: true, force: true });

const result = {
  guests: GUESTS,
  rounds: ROUNDS,
  recordPlayer: { count: GUESTS, totalMs: ms(joinMs) },
  recordSubmission: { count: submitTimes.length, medianMs: ms(percentile(submitTimes, 50)), p99Ms: ms(percentile(submitTimes, 99)), first1000TotalMs: ms(submitTimes.slice(0, SUBMISSIONS).reduce((a, b) => a + b, 0)) },
  recordReveal: { guests: GUESTS, medianMs: ms(percentile(revealTimes, 50)), maxMs: ms(Math.max(...revealTimes)) },
  loadSessionSnapshotMs: ms(snapshotMs),
  buildSessionReportMs: ms(reportMs),
  reportToCsvMs: ms(csvMs),
  csvBytes: csv.length,
  dbFileBytes: fileBytes,
};
if (isJson) console.log(JSON.stringify(result, null, 2));
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)} ${typeof v === "object" ? JSON.stringify(v) : v}`);
