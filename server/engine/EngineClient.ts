// Main-thread handle on the engine worker: rooms call reveal() and never block their event loop
// on encoding or tf. Owns the worker's life: start, request ids, errors, restart after a crash.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { DEFAULT_CACHE_PATH, readCacheWords } from "./encoderCache.js";
import type {
  EngineInfo,
  EngineStats,
  EngineWorkerData,
  EngineWorkerMessage,
  EngineWorkerRequest,
  PartyTexts,
  RevealRequest,
  RevealResponse,
  RevealWeights,
} from "./engineTypes.js";
import { Vocabulary } from "./Vocabulary.js";

export type { EngineInfo, EngineStats, PartyTexts, RevealRequest, RevealResponse, RevealWeights } from "./engineTypes.js";

export interface RevealOptions {
  /**
   * Called once with the weights as soon as the attention is computed, before the promise
   * resolves with the heard words too (the nearest-word search can take ~1 s for 2000 guests):
   * a room can send rows, points and ranks first. A throw here rejects the reveal.
   */
  onWeights?: (stage: RevealWeights) => void;
}

export interface EngineClientOptions {
  /** Encoder cache file; built by the worker if missing. Default assets/cache/glove-100k.bin. */
  cachePath?: string;
  /** Force a tfjs backend ("wasm", "cpu", ...); default ENGINE_BACKEND, else the best available. */
  backend?: string;
  /** A reveal that gets no answer in this time rejects (the worker keeps running). Default 30 s. */
  requestTimeoutMs?: number;
  /** Guests per attention call when rooms reveal together; default by backend (batchLimits.ts). */
  maxBatchGuests?: number;
}

interface Pending {
  resolve: (response: never) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** The worker the request was posted to; null while it waits for a (re)starting worker. */
  sentTo: Worker | null;
  isReveal: boolean;
  /** A reveal's first answer, kept until its heard words complete the response. */
  weights?: RevealWeights;
  onWeights?: (stage: RevealWeights) => void;
}

/**
 * How the worker is spawned. Under TypeScript sources (vitest, tsx, `npm run dev`) this module's
 * URL ends in .ts: Node 20 does not apply the parent's `--import tsx` loader hooks inside worker
 * threads (spawning the .ts file with execArgv ['--import', 'tsx'] fails with "Unknown file
 * extension .ts"), so a two-line bootstrap imports tsx's ESM API in the worker and loads
 * engineWorker.ts through it. In the build, esbuild bundles the server to dist/server/main.js and
 * this worker to dist/server/engineWorker.js side by side, and the .js file is spawned directly.
 */
function spawnEngineWorker(data: EngineWorkerData): Worker {
  const isTypeScriptSource = import.meta.url.endsWith(".ts");
  if (!isTypeScriptSource) return new Worker(new URL("./engineWorker.js", import.meta.url), { workerData: data });
  const workerUrl = new URL("./engineWorker.ts", import.meta.url).href;
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApiUrl())})` +
    `.then((tsx) => tsx.tsImport(${JSON.stringify(workerUrl)}, ${JSON.stringify(import.meta.url)}));`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

/** file: URL of tsx's ESM API ("tsx/esm/api"), found through its package.json exports map. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve("tsx/package.json");
  const exportsMap = require(packageJsonPath).exports as Record<string, { import?: { default?: string } }>;
  const relative = exportsMap["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
  return pathToFileURL(join(dirname(packageJsonPath), relative)).href;
}

/** Spawns a worker and resolves once its engine is ready; rejects (and terminates it) otherwise. */
function launchWorker(data: EngineWorkerData): Promise<{ worker: Worker; info: EngineInfo }> {
  return new Promise((resolvePromise, rejectPromise) => {
    const worker = spawnEngineWorker(data);
    let lastError: Error | null = null;
    const cleanUp = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (message: EngineWorkerMessage) => {
      if (message.type === "ready") {
        cleanUp();
        resolvePromise({ worker, info: message.info });
      } else if (message.type === "initFailed") {
        cleanUp();
        void worker.terminate();
        rejectPromise(new Error(`engine worker failed to start: ${message.message}`));
      }
    };
    const onError = (error: Error) => (lastError = error);
    const onExit = (code: number) => {
      cleanUp();
      rejectPromise(new Error(`engine worker exited during start (code ${code})${lastError ? `: ${lastError.message}` : ""}`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}

export class EngineClient {
  private worker: Worker | null;
  private workerReady: Promise<Worker>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private isClosed = false;
  private restarts = 0;

  private constructor(
    readonly info: EngineInfo,
    worker: Worker,
    private readonly vocabulary: Vocabulary,
    private readonly workerData: EngineWorkerData,
    private readonly requestTimeoutMs: number,
  ) {
    this.worker = worker;
    this.workerReady = Promise.resolve(worker);
    this.attach(worker);
  }

  /** Builds the cache if missing (in the worker, ~10 s once), starts the worker, waits until ready. */
  static async start(opts: EngineClientOptions = {}): Promise<EngineClient> {
    const data: EngineWorkerData = {
      cachePath: resolve(opts.cachePath ?? DEFAULT_CACHE_PATH),
      backend: opts.backend ?? process.env.ENGINE_BACKEND,
      maxBatchGuests: opts.maxBatchGuests,
    };
    const launching = launchWorker(data);
    // The main thread keeps only the word list (~1 MB of the cache) for unknownWords(). When the
    // cache exists it is read here while the worker starts on the other core (start-up < 3 s).
    const early = existsSync(data.cachePath) ? new Vocabulary(readCacheWords(data.cachePath)) : null;
    const { worker, info } = await launching;
    const vocabulary = early ?? new Vocabulary(readCacheWords(data.cachePath));
    return new EngineClient(info, worker, vocabulary, data, opts.requestTimeoutMs ?? 30_000);
  }

  /** Words of a draft the encoder would not understand; synchronous, no worker round trip. */
  unknownWords(text: string): string[] {
    return this.vocabulary.unknownWords(text);
  }

  /** Whether the encoder can read at least one word of the text (emoji and symbols are not words). */
  hasKnownWord(text: string): boolean {
    return this.vocabulary.resolve(text).knownWords.length > 0;
  }

  /** How many times the worker died and was replaced (for /healthz). */
  get restartCount(): number {
    return this.restarts;
  }

  /**
   * Attention among the guests and what each heard. The worker answers in two stages (weights,
   * then heard words); `onWeights` gets the first, the promise resolves with both, equal to a
   * one-stage reveal.
   */
  reveal(request: RevealRequest, options: RevealOptions = {}): Promise<RevealResponse> {
    return this.ask<RevealResponse>((id) => ({ type: "reveal", id, request }), options.onWeights, true);
  }

  /**
   * Hands a guest's submitted texts to the worker to encode while the class still writes, so the
   * reveal has only the attention left. No answer; lost harmlessly if the worker is not up.
   */
  prepare(texts: PartyTexts): void {
    if (this.isClosed || !this.worker) return;
    this.worker.postMessage({ type: "prepare", texts: [texts.query, texts.key, texts.value] } satisfies EngineWorkerRequest);
  }

  /** Reveals asked for whose weights (the rows phones wait for) have not come back yet. */
  get revealsAwaitingWeights(): number {
    let count = 0;
    for (const entry of this.pending.values()) if (entry.isReveal && !entry.weights) count++;
    return count;
  }

  /** The worker's tensor count and bytes (answered in queue order: earlier reveals have their weights, maybe not yet their heard words). */
  stats(): Promise<EngineStats> {
    return this.ask<EngineStats>((id) => ({ type: "stats", id }));
  }

  private ask<T>(build: (id: number) => EngineWorkerRequest, onWeights?: (stage: RevealWeights) => void, isReveal = false): Promise<T> {
    if (this.isClosed) return Promise.reject(new Error("engine client is closed"));
    const id = this.nextId++;
    return new Promise<T>((resolvePromise, rejectPromise) => {
      const timer = setTimeout(() => this.settle(id, new Error(`engine: request timed out after ${this.requestTimeoutMs} ms`)), this.requestTimeoutMs);
      this.pending.set(id, { resolve: resolvePromise as (response: never) => void, reject: rejectPromise, timer, sentTo: null, isReveal, onWeights });
      this.workerReady.then(
        (worker) => {
          const entry = this.pending.get(id);
          if (!entry) return; // timed out or closed meanwhile
          entry.sentTo = worker;
          worker.postMessage(build(id));
        },
        (error: unknown) => this.settle(id, error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  /** Rejects whatever is pending and stops the worker. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const id of [...this.pending.keys()]) this.settle(id, new Error("engine client is closed"));
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private attach(worker: Worker): void {
    // The worker's answers are acted on one per turn of the event loop, in the order they came.
    // Why: a weights message makes a room send every phone its row (~3 ms for 40 guests), and
    // Node hands a port's queued messages over in one go: 40 rooms' rows back to back kept the
    // sockets unread for 120 ms, and the hosts whose reveal arrived a moment late waited behind
    // them and then behind the disk and state patches that followed (the 50 × 40 load test's
    // second wave, ~300 ms late). Between two answers the loop reads sockets, so a late reveal
    // goes to the worker at once and its rows queue behind the earlier rooms' only.
    const answers: EngineWorkerMessage[] = [];
    let weightsHandled = 0;
    let isTurnScheduled = false;
    const actOnNext = () => {
      const message = answers.shift();
      try {
        if (message) this.actOn(message);
      } finally {
        // Whatever a room's reaction did, the answers after it are still acted on.
        if (message?.type === "weights") weightsHandled++;
        if (answers.length > 0) setImmediate(actOnNext);
        else {
          isTurnScheduled = false;
          // The worker holds the heard-word search until the rows of every reveal it answered are out.
          if (this.worker === worker) worker.postMessage({ type: "weightsHandled", count: weightsHandled } satisfies EngineWorkerRequest);
        }
      }
    };
    worker.on("message", (message: EngineWorkerMessage) => {
      answers.push(message);
      if (isTurnScheduled) return;
      isTurnScheduled = true;
      setImmediate(actOnNext);
    });
    worker.on("error", (error) => console.warn(`engine worker error: ${error.message}`));
    worker.on("exit", (code) => this.onWorkerExit(worker, code));
  }

  private actOn(message: EngineWorkerMessage): void {
    if (message.type === "weights") this.onWeights(message.id, message.stage);
    else if (message.type === "heard") this.onHeard(message.id, message.heardWords, message.computeMs);
    else if (message.type === "stats") this.settle(message.id, null, message.stats);
    else if (message.type === "failed") this.settle(message.id, new Error(message.message));
  }

  private onWeights(id: number, stage: RevealWeights): void {
    const entry = this.pending.get(id);
    if (!entry) return; // timed out or closed meanwhile
    entry.weights = stage;
    try {
      entry.onWeights?.(stage);
    } catch (error) {
      this.settle(id, error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onHeard(id: number, heardWords: string[][], computeMs: number): void {
    const weights = this.pending.get(id)?.weights;
    if (!weights) return this.settle(id, new Error("engine: heard words came before the weights"));
    const response: RevealResponse = { weights: weights.weights, heardWords, computeMs };
    this.settle(id, null, response);
  }

  private settle(id: number, error: Error | null, response?: unknown): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve(response as never);
  }

  /** A dead worker fails only the requests it held; requests made from now on wait for its replacement. */
  private onWorkerExit(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, entry] of this.pending) {
      if (entry.sentTo === worker) this.settle(id, new Error(`engine worker exited (code ${code})`));
    }
    if (this.isClosed) return;
    this.restarts++;
    console.warn(`engine worker exited (code ${code}); restarting`);
    this.workerReady = this.relaunch();
    this.workerReady.catch(() => {}); // failures surface through the requests waiting on it
  }

  /** Relaunches with backoff (0.5 s doubling to 30 s) until a worker is ready or the client closes. */
  private async relaunch(): Promise<Worker> {
    for (let attempt = 0; ; attempt++) {
      if (this.isClosed) throw new Error("engine client is closed");
      try {
        const { worker } = await launchWorker(this.workerData);
        if (this.isClosed) {
          await worker.terminate();
          throw new Error("engine client is closed");
        }
        this.worker = worker;
        this.attach(worker);
        return worker;
      } catch (error) {
        if (this.isClosed) throw error;
        console.warn(`engine worker restart failed: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
      }
    }
  }
}
