// The engine in one object — encoder + tf attention + nearest words — as the worker thread runs
// it. Usable in-process too (tests, the benchmark); rooms go through EngineClient instead.
import * as tf from "@tensorflow/tfjs-core";
import { ensureEncoderCache } from "./buildEncoderCache.js";
import { initComputeBackend } from "./computeBackend.js";
import { DEFAULT_CACHE_PATH } from "./encoderCache.js";
import type { EngineInfo, PartyTexts, RevealRequest, RevealResponse, RevealWeights } from "./engineTypes.js";
import { validateAttentionOptions, type AttentionInputs } from "./tfAttention.js";
import { tfBatchedAttention } from "./tfBatchedAttention.js";
import { TextEncoder } from "./TextEncoder.js";
import { TfNearestWords } from "./TfNearestWords.js";
import { TextVectorCache } from "./TextVectorCache.js";

/** Largest room one reveal accepts: ~4× the biggest lecture hall, and 4M weights (16 MB). */
export const MAX_GUESTS = 2000;
export const MAX_HEARD_WORDS = 50;
/** Texts the engine keeps encoded: a few sessions' worth (10 MB at 100-d). */
const CACHED_TEXTS = 20_000;

/**
 * Called per accepted request (its index in the batch) as soon as the batch's attention is done,
 * before the nearest-word search: a room can send rows, points and ranks without waiting for
 * "what you heard". The weights array is the one the full response carries later; the engine
 * worker transfers its buffer to the main thread here, so it must not be read after the call.
 */
export type OnRevealWeights = (index: number, stage: RevealWeights) => void;

/** One room after stage one of its reveal: what its phones' rows need, and what "heard" needs. */
export interface AttendedRoom {
  /** [n, n] row-major attention weights. */
  weights: Float32Array;
  /** [n, d] attention outputs (weights · V), the vectors "what you heard" describes. */
  output: Float32Array;
  n: number;
  heardWordCount: number;
  /** Per guest: the words of its own query, never reported as heard. */
  exclude: Array<Set<string>>;
}

export class Engine {
  /** Texts already encoded (scaled), filled ahead of reveals by prepare(). */
  private readonly texts: TextVectorCache;

  private constructor(
    readonly info: EngineInfo,
    readonly encoder: TextEncoder,
    private readonly nearest: TfNearestWords,
  ) {
    // Scale the unit sentence vectors to norm √d. Transformer embeddings have per-component
    // variance ~1 (norm ≈ √d), which is what the 1/√d in QKᵀ/√d is calibrated for. With unit
    // vectors every score would be ≤ 1/√d = 0.1 and the softmax nearly uniform whatever the
    // class wrote; at norm √d a perfect match scores √d = 10 and attention can actually focus.
    const scale = Math.sqrt(encoder.dimension);
    this.texts = new TextVectorCache(CACHED_TEXTS, (text) => ({ vector: this.encodeScaled(text, scale), words: encoder.embeddedWords(text) }));
  }

  /**
   * Encodes texts now, while the class is still writing, so their reveal only has the attention
   * left to compute. Results are identical either way: the cache holds exactly what encoding gives.
   */
  prepare(texts: readonly string[]): void {
    this.texts.warm(texts);
  }

  /** How often a reveal found its texts already encoded. */
  get textCacheStats(): { hits: number; misses: number; size: number } {
    return this.texts.stats;
  }

  /** Builds the cache if missing, loads the encoder, starts the best (or forced) tf backend. */
  static async create(opts: { cachePath?: string; backend?: string } = {}): Promise<Engine> {
    const cachePath = opts.cachePath ?? DEFAULT_CACHE_PATH;
    await ensureEncoderCache(cachePath);
    const encoder = TextEncoder.load(cachePath);
    const backend = await initComputeBackend(opts.backend);
    const nearest = new TfNearestWords(encoder.readableWords, encoder.dimension);
    const info: EngineInfo = {
      backend: backend.name,
      isGpu: backend.isGpu,
      vocabularySize: encoder.vocabularySize,
      dimension: encoder.dimension,
    };
    const engine = new Engine(info, encoder, nearest);
    // One throw-away reveal compiles the backend's kernels now rather than on a class's first
    // reveal (~150 ms cold on wasm versus ~7 ms warm for a few guests).
    const warmUp: PartyTexts = { query: "hello", key: "hello", value: "hello" };
    await engine.reveal({ texts: [warmUp, warmUp], options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 1 });
    return engine;
  }

  async reveal(request: RevealRequest, onWeights?: (stage: RevealWeights) => void): Promise<RevealResponse> {
    const [outcome] = await this.revealBatch([request], onWeights && ((_, stage) => onWeights(stage)));
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /**
   * Several rooms' reveals at once: each request is checked on its own (a bad one fails alone),
   * the attention of all the good ones runs as one batched tf call, and their output vectors go
   * through one nearest-word search. Answers come back in request order; each room's numbers
   * equal its un-batched reveal. computeMs is the whole batch's time (what each room waited).
   * `onWeights` hears each accepted room's weights in between, in request order (two stages:
   * the nearest-word search costs ~0.3 ms per guest on wasm, far more than the attention).
   */
  async revealBatch(requests: readonly RevealRequest[], onWeights?: OnRevealWeights): Promise<Array<RevealResponse | Error>> {
    const started = performance.now();
    const attended = await this.attendBatch(requests);
    const weightsMs = performance.now() - started;
    const accepted = attended.flatMap((room, i) => (room instanceof Error ? [] : [{ room, i }]));
    if (onWeights) for (const { room, i } of accepted) onWeights(i, { weights: room.weights, computeMs: weightsMs });
    const heard = await this.heardWords(accepted.map(({ room }) => ({ room, from: 0, rows: room.n })));
    const computeMs = performance.now() - started;
    let a = 0; // accepted rooms are `attended` minus the errors, in the same order
    return attended.map((room) => (room instanceof Error ? room : { weights: room.weights, heardWords: heard[a++], computeMs }));
  }

  /**
   * Stage one of a batch of reveals: each request checked on its own (a bad one fails alone),
   * then the attention of all the good ones as one batched tf call. In request order.
   */
  async attendBatch(requests: readonly RevealRequest[]): Promise<Array<AttendedRoom | Error>> {
    const outcomes: Array<AttendedRoom | Error> = new Array(requests.length);
    const accepted: number[] = [];
    requests.forEach((request, i) => {
      try {
        validateRevealRequest(request);
        accepted.push(i);
      } catch (error) {
        outcomes[i] = error instanceof Error ? error : new Error(String(error));
      }
    });
    if (accepted.length === 0) return outcomes;
    const rooms = accepted.map((i) => ({ inputs: this.encodeRoom(requests[i].texts), options: requests[i].options }));
    const attention = await tfBatchedAttention(rooms);
    accepted.forEach((i, a) => {
      const { texts, heardWordCount } = requests[i];
      outcomes[i] = {
        weights: attention[a].weights,
        output: attention[a].output,
        n: rooms[a].inputs.n,
        heardWordCount,
        exclude: texts.map((guest) => new Set(this.texts.get(guest.query).words)),
      };
    });
    return outcomes;
  }

  /**
   * Stage two: "what you heard" for rows [from, from + rows) of attended rooms, all slices in one
   * nearest-word search (so the worker can cut a big room's search into steps). Per slice, per row.
   */
  async heardWords(slices: ReadonlyArray<{ room: AttendedRoom; from: number; rows: number }>): Promise<string[][][]> {
    const d = this.encoder.dimension;
    const totalRows = slices.reduce((sum, s) => sum + s.rows, 0);
    if (totalRows === 0) return slices.map(() => []);
    // Every slice's output rows, stacked: [Σrows, d], with each row's word count and exclusions.
    const outputs = new Float32Array(totalRows * d);
    const counts: number[] = [];
    const exclude: Array<Set<string>> = [];
    let row = 0;
    for (const { room, from, rows } of slices) {
      outputs.set(room.output.subarray(from * d, (from + rows) * d), row * d);
      row += rows;
      for (let r = from; r < from + rows; r++) {
        counts.push(room.heardWordCount);
        exclude.push(room.exclude[r]);
      }
    }
    const heard = await this.nearest.nearest(outputs, totalRows, counts, exclude);
    row = 0;
    return slices.map(({ rows }) => {
      const words = heard.slice(row, row + rows);
      row += rows;
      return words;
    });
  }

  /**
   * Q, K, V of one room, [n, d] each. Identity projections (Q = queries, K = name tags, V =
   * values): "the class wrote the queries, so the class is the course".
   */
  private encodeRoom(texts: readonly PartyTexts[]): AttentionInputs {
    const n = texts.length;
    const d = this.encoder.dimension;
    const q = new Float32Array(n * d); // [n, d]
    const k = new Float32Array(n * d); // [n, d]
    const v = new Float32Array(n * d); // [n, d]
    texts.forEach((guest, i) => {
      q.set(this.texts.get(guest.query).vector, i * d);
      k.set(this.texts.get(guest.key).vector, i * d);
      v.set(this.texts.get(guest.value).vector, i * d);
    });
    return { q, k, v, n, d };
  }

  /** "What you heard" for [n, d] output vectors, k words each (the benchmark times this step alone). */
  nearestWords(outputs: Float32Array, n: number, k: number): Promise<string[][]> {
    return this.nearest.nearest(outputs, n, k);
  }

  /** Frees the tensors the engine keeps (the nearest-word matrix). */
  dispose(): void {
    this.nearest.dispose();
  }

  /** Tensors alive on the backend; steady across reveals (the leak check). */
  static liveTensorCount(): number {
    return tf.memory().numTensors;
  }

  private encodeScaled(text: string, scale: number): Float32Array {
    const vector = this.encoder.encode(text).vector;
    for (let c = 0; c < vector.length; c++) vector[c] *= scale;
    return vector;
  }
}

/** Requests cross a thread boundary from room code: check shape before spending compute. */
export function validateRevealRequest(request: RevealRequest): void {
  const { texts, heardWordCount } = request ?? ({} as RevealRequest);
  if (!Array.isArray(texts) || texts.length === 0) throw new Error("reveal: texts must be a non-empty array");
  if (texts.length > MAX_GUESTS) throw new Error(`reveal: ${texts.length} guests, at most ${MAX_GUESTS}`);
  texts.forEach((t: PartyTexts, i) => {
    if (typeof t?.query !== "string" || typeof t.key !== "string" || typeof t.value !== "string") {
      throw new Error(`reveal: texts[${i}] needs string query, key and value`);
    }
  });
  if (!Number.isInteger(heardWordCount) || heardWordCount < 0 || heardWordCount > MAX_HEARD_WORDS) {
    throw new Error(`reveal: heardWordCount must be an integer 0–${MAX_HEARD_WORDS}`);
  }
  validateAttentionOptions(request.options ?? ({} as RevealRequest["options"]));
}
