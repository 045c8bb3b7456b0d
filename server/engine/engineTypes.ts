// Plain data types crossing between the rooms (main thread) and the engine worker: the public
// request/response shapes and the internal message protocol. No imports of engine code.
import type { AttentionOptions } from "../../shared/attention.js";

export interface EngineInfo {
  /** tfjs backend in use: "node-gpu" | "node" | "wasm" | "cpu". */
  backend: string;
  isGpu: boolean;
  vocabularySize: number;
  /** Length of every text vector (100 for GloVe 100-d). */
  dimension: number;
}

/** One guest's three texts, as typed (the encoder tokenizes them). */
export interface PartyTexts {
  query: string;
  key: string;
  value: string;
}

export interface RevealRequest {
  /** One entry per guest; row i of the result belongs to texts[i]. */
  texts: PartyTexts[];
  options: AttentionOptions;
  /** How many nearest vocabulary words to return per guest for "what you heard" (0–50). */
  heardWordCount: number;
}

export interface RevealResponse {
  /** [N, N] row-major: weights[i * N + j] = how much guest i attends to guest j. */
  weights: Float32Array;
  /** Per guest: nearest vocabulary words of its output vector, excluding words of its own query. */
  heardWords: string[][];
  /** Time spent in the worker on this request (encode + attention + nearest words), ms. */
  computeMs: number;
}

/**
 * The first stage of a reveal: the weights as soon as the attention is computed, before the
 * nearest-word search ("what you heard", the costly part) runs. Enough for rows, points, ranks.
 */
export interface RevealWeights {
  /** [N, N] row-major, as in RevealResponse (the same array the full response carries). */
  weights: Float32Array;
  /** Time in the worker until the weights were ready (encode + attention of the whole batch), ms. */
  computeMs: number;
}

/** The worker's tf memory: flat over a day of use means no tensor leaks. */
export interface EngineStats {
  numTensors: number;
  numBytes: number;
  requestsServed: number;
  batches: BatchStats;
  /** Texts a reveal found encoded ahead (submitted while the class wrote) versus encoded on the spot. */
  textCache: { hits: number; misses: number; size: number };
}

/**
 * How reveals were batched: a batch is the reveal requests (rooms) the worker computed in one
 * go because they arrived while it was busy or at about the same moment.
 */
export interface BatchStats {
  /** Batches computed since the worker started. */
  count: number;
  /** Rooms in the most recent batch (0 before the first). */
  last: number;
  /** Largest batch among the recent ones. */
  max: number;
  /** Mean rooms per batch among the recent ones. */
  mean: number;
  /** Rooms per batch, oldest first, for the most recent batches (at most 20). */
  recent: number[];
  /** Guests (attention rows) in the most recent batch. */
  lastGuests: number;
}

/** Worker → main thread. */
export type EngineWorkerMessage =
  | { type: "ready"; info: EngineInfo }
  | { type: "initFailed"; message: string }
  // A reveal answers in two messages, always in this order: its weights, then its heard words.
  | { type: "weights"; id: number; stage: RevealWeights }
  | { type: "heard"; id: number; heardWords: string[][]; computeMs: number }
  | { type: "stats"; id: number; stats: EngineStats }
  | { type: "failed"; id: number; message: string };

/**
 * Main thread → worker. No answer to `prepare` (texts to encode while nothing else waits) or to
 * `weightsHandled` (the main thread has acted on this many weights messages: their rows are out).
 */
export type EngineWorkerRequest =
  | { type: "reveal"; id: number; request: RevealRequest }
  | { type: "stats"; id: number }
  | { type: "prepare"; texts: string[] }
  | { type: "weightsHandled"; count: number };

/** What the main thread hands the worker at spawn (worker_threads workerData). */
export interface EngineWorkerData {
  cachePath: string;
  /** Forced backend name, or undefined for the best available. */
  backend?: string;
  /** Guests per attention call; undefined: batchLimits.ts's choice for the backend. */
  maxBatchGuests?: number;
}
