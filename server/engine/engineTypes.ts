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

/** The worker's tf memory: flat over a day of use means no tensor leaks. */
export interface EngineStats {
  numTensors: number;
  numBytes: number;
  requestsServed: number;
}

/** Worker → main thread. */
export type EngineWorkerMessage =
  | { type: "ready"; info: EngineInfo }
  | { type: "initFailed"; message: string }
  | { type: "revealed"; id: number; response: RevealResponse }
  | { type: "stats"; id: number; stats: EngineStats }
  | { type: "failed"; id: number; message: string };

/** Main thread → worker. */
export type EngineWorkerRequest = { type: "reveal"; id: number; request: RevealRequest } | { type: "stats"; id: number };

/** What the main thread hands the worker at spawn (worker_threads workerData). */
export interface EngineWorkerData {
  cachePath: string;
  /** Forced backend name, or undefined for the best available. */
  backend?: string;
}
