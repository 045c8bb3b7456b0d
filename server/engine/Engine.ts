// The engine in one object — encoder + tf attention + nearest words — as the worker thread runs
// it. Usable in-process too (tests, the benchmark); rooms go through EngineClient instead.
import * as tf from "@tensorflow/tfjs-core";
import { ensureEncoderCache } from "./buildEncoderCache.js";
import { initComputeBackend } from "./computeBackend.js";
import { DEFAULT_CACHE_PATH } from "./encoderCache.js";
import type { EngineInfo, PartyTexts, RevealRequest, RevealResponse } from "./engineTypes.js";
import { tfAttention, validateAttentionOptions } from "./tfAttention.js";
import { TextEncoder } from "./TextEncoder.js";
import { TfNearestWords } from "./TfNearestWords.js";

/** Largest room one reveal accepts: ~4× the biggest lecture hall, and 4M weights (16 MB). */
export const MAX_GUESTS = 2000;
export const MAX_HEARD_WORDS = 50;

export class Engine {
  private constructor(
    readonly info: EngineInfo,
    readonly encoder: TextEncoder,
    private readonly nearest: TfNearestWords,
  ) {}

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

  async reveal(request: RevealRequest): Promise<RevealResponse> {
    const started = performance.now();
    validateRevealRequest(request);
    const { texts, options, heardWordCount } = request;
    const n = texts.length;
    const d = this.encoder.dimension;
    // Scale the unit sentence vectors to norm √d. Transformer embeddings have per-component
    // variance ~1 (norm ≈ √d), which is what the 1/√d in QKᵀ/√d is calibrated for. With unit
    // vectors every score would be ≤ 1/√d = 0.1 and the softmax nearly uniform whatever the
    // class wrote; at norm √d a perfect match scores √d = 10 and attention can actually focus.
    const scale = Math.sqrt(d);
    const q = new Float32Array(n * d); // [n, d]
    const k = new Float32Array(n * d); // [n, d]
    const v = new Float32Array(n * d); // [n, d]
    texts.forEach((guest, i) => {
      q.set(this.encodeScaled(guest.query, scale), i * d);
      k.set(this.encodeScaled(guest.key, scale), i * d);
      v.set(this.encodeScaled(guest.value, scale), i * d);
    });
    // Identity projections (Q = queries, K = name tags, V = values): "the class wrote the queries,
    // so the class is the course". Trained/untrained projections are a later round type.
    const { weights, output } = await tfAttention({ q, k, v, n, d }, options);
    const exclude = texts.map((guest) => new Set([...this.encoder.embeddedWords(guest.query)]));
    const heardWords = await this.nearest.nearest(output, n, heardWordCount, exclude);
    return { weights, heardWords, computeMs: performance.now() - started };
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
