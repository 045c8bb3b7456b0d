// Worker-thread entry of the engine: owns the Engine (encoder + tf), answers reveal requests by
// id, and reports request errors without dying. Spawned by EngineClient (see there for how).
// Reveals that wait in the inbox together share one attention call (Engine.attendBatch); each is
// answered in two messages: its weights at once, its heard words (Engine.heardWords) after.
import { parentPort, workerData } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import { maxBatchGuests as maxBatchGuestsFor, splitIntoBatches } from "./batchLimits.js";
import { BatchLog } from "./BatchLog.js";
import { Engine, type AttendedRoom } from "./Engine.js";
import type { EngineWorkerData, EngineWorkerMessage, EngineWorkerRequest } from "./engineTypes.js";

const port = parentPort;
if (!port) throw new Error("engineWorker must run in a worker thread");

/** Guests per attention call: as asked, else what suits the backend (batchLimits.ts says why). */
function maxBatchGuests(): number {
  return data.maxBatchGuests ?? maxBatchGuestsFor(engine?.info.isGpu ?? false);
}

/**
 * Rows per step of the nearest-word search. Between steps the worker looks at its inbox again,
 * so a room revealing while others' heard words are being searched waits at most one step for
 * its rows. Measured on wasm: 64 rows 12 ms (0.19 ms a row), 256 rows 58 ms (0.23 ms a row); the
 * 50 × 40 load test's first round had reveals arriving in two waves, and the second wave waited
 * ~90 ms behind a 256-row step.
 */
const HEARD_STEP_ROWS = 64;

function send(message: EngineWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const data = workerData as EngineWorkerData;
let engine: Engine | null = null;
const batches = new BatchLog();
let requestsServed = 0;

type RevealMessage = Extract<EngineWorkerRequest, { type: "reveal" }>;

/** A reveal whose weights went out, waiting for its heard words (filled a step at a time). */
interface HeardJob {
  id: number;
  room: AttendedRoom;
  words: string[][];
  /** When its batch started, for computeMs (what the room waited in all). */
  startedAt: number;
}

/**
 * Requests in arrival order. No timer gathers a batch: whatever arrives while the worker computes
 * (or in the same message burst) forms the next one, so a lone reveal never waits, and rooms that
 * reveal together share one call.
 */
const inbox: EngineWorkerRequest[] = [];
/** Reveals past stage one, oldest first. The inbox always goes first: rows before heard words. */
const heardQueue: HeardJob[] = [];
/**
 * Weights messages posted, and how many of them the main thread says it has acted on. While the
 * two differ, rooms are still sending rows, and the nearest-word search (heard words) waits: on
 * a 2-core machine it would take the core those rows, and the phones receiving them, need.
 */
let weightsPosted = 0;
let weightsHandled = 0;
/** Heard words are held at most this long for a main thread that does not answer. */
const MAX_HOLD_MS = 1000;
let holdTimer: NodeJS.Timeout | null = null;
/** Submitted texts to encode ahead of their reveal; only when nothing else waits. */
const prepareQueue: string[] = [];
/** Texts encoded per turn of the queue (~30 µs each): a reveal arriving meanwhile waits at most a few ms. */
const PREPARE_STEP_TEXTS = 64;
let isDraining = false;

port.on("message", (message: EngineWorkerRequest) => {
  if (message?.type === "weightsHandled") {
    if (typeof message.count === "number") weightsHandled = Math.max(weightsHandled, message.count);
  } else if (message?.type === "prepare") {
    if (!Array.isArray(message.texts)) return;
    for (const text of message.texts) if (typeof text === "string") prepareQueue.push(text);
  } else if ((message?.type === "reveal" || message?.type === "stats") && typeof message.id === "number") inbox.push(message);
  else return;
  kick();
});

/** Starts draining the queues unless a drain is already running. */
function kick(): void {
  if (isDraining) return;
  isDraining = true;
  // setImmediate runs after Node has delivered every message already queued on the port.
  setImmediate(() => void drain());
}

/**
 * One unit of work at a time — a stats answer, an attention batch, or one step of heard words —
 * and a turn of the event loop in between, so requests posted meanwhile reach the inbox.
 */
async function drain(): Promise<void> {
  try {
    while (inbox.length > 0 || heardQueue.length > 0 || prepareQueue.length > 0) {
      const head = inbox[0];
      if (head?.type === "stats") {
        inbox.shift();
        requestsServed++;
        const memory = tf.memory();
        const textCache = engine?.textCacheStats ?? { hits: 0, misses: 0, size: 0 };
        send({ type: "stats", id: head.id, stats: { numTensors: memory.numTensors, numBytes: memory.numBytes, requestsServed, batches: batches.stats(), textCache } });
      } else if (head) {
        await attendBatch(takeRevealBatch());
      } else if (heardQueue.length > 0 && weightsHandled >= weightsPosted) {
        if (holdTimer) clearTimeout(holdTimer);
        holdTimer = null;
        await heardStep();
      } else if (prepareQueue.length > 0) {
        engine?.prepare(prepareQueue.splice(0, PREPARE_STEP_TEXTS));
      } else {
        // Only heard words left, held back until the rows are out: the main thread's next
        // weightsHandled restarts the queue (or, should it never come, the hold runs out).
        holdTimer ??= setTimeout(() => {
          holdTimer = null;
          weightsHandled = weightsPosted;
          kick();
        }, MAX_HOLD_MS);
        break;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    isDraining = false;
  }
}

/** The reveals at the head of the inbox, up to maxBatchGuests() (always at least one). */
function takeRevealBatch(): RevealMessage[] {
  const end = inbox.findIndex((message) => message.type !== "reveal");
  const waiting = inbox.slice(0, end === -1 ? inbox.length : end) as RevealMessage[];
  const size = (m: RevealMessage) => (Array.isArray(m.request?.texts) ? m.request.texts.length : 0);
  const [batch] = splitIntoBatches(waiting, size, maxBatchGuests());
  inbox.splice(0, batch.length);
  return batch;
}

/**
 * Stage one for a batch: the attention of all its rooms in one tf call, and each room's weights
 * posted at once (rows, points and ranks need nothing more). Heard words are queued for later.
 */
async function attendBatch(batch: RevealMessage[]): Promise<void> {
  requestsServed += batch.length;
  if (!engine) {
    for (const message of batch) send({ type: "failed", id: message.id, message: "engine not ready" });
    return;
  }
  const startedAt = performance.now();
  let attended: Array<AttendedRoom | Error>;
  try {
    attended = await engine.attendBatch(batch.map((m) => m.request));
  } catch (error) {
    for (const message of batch) send({ type: "failed", id: message.id, message: messageOf(error) });
    return;
  }
  const computeMs = performance.now() - startedAt;
  batches.record(batch.length, attended.reduce((sum, room) => sum + (room instanceof Error ? 0 : room.n), 0));
  batch.forEach((message, i) => {
    const room = attended[i];
    if (room instanceof Error) return send({ type: "failed", id: message.id, message: room.message });
    // The weights' buffer moves to the main thread instead of being copied (N² floats), but only
    // if the array owns its whole buffer: a backend may hand out a view into a larger or shared
    // memory (wasm heap), which must not be detached. Then one copy is made first.
    const w = room.weights;
    const isOwnBuffer = w.byteOffset === 0 && w.buffer instanceof ArrayBuffer && w.buffer.byteLength === w.byteLength;
    const weights = isOwnBuffer ? w : w.slice();
    send({ type: "weights", id: message.id, stage: { weights, computeMs } }, [weights.buffer as ArrayBuffer]);
    weightsPosted++;
    // Nothing to search for (sentence tables ask for no words): the second message follows at once.
    if (room.heardWordCount === 0) send({ type: "heard", id: message.id, heardWords: Array.from({ length: room.n }, () => []), computeMs });
    else heardQueue.push({ id: message.id, room, words: [], startedAt });
  });
}

/** Stage two, one step: heard words for up to HEARD_STEP_ROWS rows of the oldest queued reveals. */
async function heardStep(): Promise<void> {
  const slices: Array<{ job: HeardJob; from: number; rows: number }> = [];
  let budget = HEARD_STEP_ROWS;
  for (const job of heardQueue) {
    if (budget <= 0) break;
    const from = job.words.length;
    const rows = Math.min(budget, job.room.n - from);
    slices.push({ job, from, rows });
    budget -= rows;
  }
  try {
    const words = await engine!.heardWords(slices.map(({ job, from, rows }) => ({ room: job.room, from, rows })));
    slices.forEach(({ job }, s) => job.words.push(...words[s]));
  } catch (error) {
    // The rows of these reveals went out already; their heard words never will.
    for (const { job } of slices) {
      heardQueue.splice(heardQueue.indexOf(job), 1);
      send({ type: "failed", id: job.id, message: messageOf(error) });
    }
    return;
  }
  while (heardQueue.length > 0 && heardQueue[0].words.length === heardQueue[0].room.n) {
    const job = heardQueue.shift()!;
    send({ type: "heard", id: job.id, heardWords: job.words, computeMs: performance.now() - job.startedAt });
  }
}

Engine.create({ cachePath: data.cachePath, backend: data.backend }).then(
  (created) => {
    engine = created;
    send({ type: "ready", info: created.info });
  },
  (error: unknown) => {
    send({ type: "initFailed", message: messageOf(error) });
  },
);
