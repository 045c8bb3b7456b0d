// Main-thread handle on the model worker (model and course rounds). The worker starts on the first
// request — or on warmUp() right after the server is ready — so `npm start` stays fast; a worker
// that dies fails what it held and is replaced on the next request.
import { resolve } from "node:path";
import type { BlocksPayload } from "../../shared/blocks.js";
import type { Worker } from "node:worker_threads";
import { DEFAULT_CACHE_PATH } from "../engine/encoderCache.js";
import { spawnWorker } from "../workerThreads.js";
import { DEFAULT_CHECKPOINT_PATH } from "./checkpoint.js";
import type { AttendResult, CourseStartRequest, CourseTick, ModelWorkerData, ModelWorkerInfo, ModelWorkerMessage, ModelWorkerRequest } from "./modelWorkerTypes.js";
import type { SentenceProblem } from "./wordVectors.js";

export type { AttendResult, CourseTick } from "./modelWorkerTypes.js";

/** The sentence cannot be used (empty, too long, no known word): a message for the instructor. */
export class ModelInputError extends Error {
  constructor(
    message: string,
    readonly problem: SentenceProblem,
  ) {
    super(message);
    this.name = "ModelInputError";
  }
}

export interface ModelClientOptions {
  cachePath?: string;
  checkpointPath?: string;
  backend?: string;
  requestTimeoutMs?: number;
}

export interface CourseHandlers {
  onTick(tick: CourseTick): void;
  onFailed(message: string): void;
}

export interface StartedCourse {
  courseId: number;
  tokens: string[];
  unknownWords: string[];
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class ModelClient {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private info: ModelWorkerInfo | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly courses = new Map<number, CourseHandlers>();
  private nextId = 1;
  private isClosed = false;
  private readonly data: ModelWorkerData;
  private readonly requestTimeoutMs: number;

  constructor(options: ModelClientOptions = {}) {
    this.data = {
      cachePath: resolve(options.cachePath ?? DEFAULT_CACHE_PATH),
      checkpointPath: resolve(options.checkpointPath ?? DEFAULT_CHECKPOINT_PATH),
      backend: options.backend ?? process.env.ENGINE_BACKEND,
    };
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  /** Backend of the model worker once it runs (null before). */
  get backendInfo(): ModelWorkerInfo | null {
    return this.info;
  }

  /** Starts the worker in the background; failures show up on the first real request. */
  warmUp(): void {
    this.ensureWorker().catch(() => undefined);
  }

  /** The trained and the untrained model's attention on `sentence`. Rejects with ModelInputError for bad sentences. */
  attend(sentence: string): Promise<AttendResult> {
    return this.ask((id) => ({ type: "attend", id, sentence }));
  }

  /** Starts a live course; ticks arrive through `handlers` until one has isFinished or stopCourse is called. */
  async startCourse(request: CourseStartRequest, handlers: CourseHandlers): Promise<StartedCourse> {
    const courseId = this.nextId++;
    this.courses.set(courseId, handlers);
    try {
      const started = await this.ask<{ tokens: string[]; unknownWords: string[] }>((id) => ({ type: "courseStart", id, courseId, request }));
      return { courseId, ...started };
    } catch (error) {
      this.courses.delete(courseId);
      throw error;
    }
  }

  async stopCourse(courseId: number): Promise<void> {
    if (!this.courses.delete(courseId)) return;
    await this.ask((id) => ({ type: "courseStop", id, courseId })).catch(() => undefined);
  }

  /** The blocks walk-through of a sentence (trained heads + fact memory). Rejects with ModelInputError for bad sentences. */
  blocks(sentence: string): Promise<BlocksPayload> {
    return this.ask((id) => ({ type: "blocks", id, sentence }));
  }

  stats(): Promise<{ numTensors: number; activeCourses: number }> {
    return this.ask((id) => ({ type: "stats", id }));
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error("model client is closed"));
      this.pending.delete(id);
    }
    this.courses.clear();
    const worker = this.worker ?? (await this.starting?.catch(() => null)) ?? null;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ask<T>(build: (id: number) => ModelWorkerRequest): Promise<T> {
    if (this.isClosed) return Promise.reject(new Error("model client is closed"));
    const id = this.nextId++;
    return new Promise<T>((resolvePromise, rejectPromise) => {
      const timer = setTimeout(() => this.settle(id, new Error(`model: request timed out after ${this.requestTimeoutMs} ms`)), this.requestTimeoutMs);
      this.pending.set(id, { resolve: resolvePromise as (value: never) => void, reject: rejectPromise, timer });
      this.ensureWorker().then(
        (worker) => {
          if (this.pending.has(id)) worker.postMessage(build(id));
        },
        (error: unknown) => this.settle(id, error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    if (this.isClosed) return Promise.reject(new Error("model client is closed"));
    this.starting ??= this.launch().finally(() => (this.starting = null));
    return this.starting;
  }

  private launch(): Promise<Worker> {
    return new Promise((resolvePromise, rejectPromise) => {
      const worker = spawnWorker(import.meta.url, "./modelWorker", this.data);
      let lastError: Error | null = null;
      const onStartMessage = (message: ModelWorkerMessage) => {
        if (message.type === "ready") {
          worker.off("message", onStartMessage);
          this.info = message.info;
          this.worker = worker;
          worker.on("message", (m: ModelWorkerMessage) => this.onMessage(m));
          resolvePromise(worker);
        } else if (message.type === "initFailed") {
          void worker.terminate();
          rejectPromise(new Error(`model worker failed to start: ${message.message}`));
        }
      };
      worker.on("message", onStartMessage);
      worker.on("error", (error) => {
        lastError = error;
        console.warn(`model worker error: ${error.message}`);
      });
      worker.on("exit", (code) => {
        if (this.worker !== worker) {
          rejectPromise(new Error(`model worker exited during start (code ${code})${lastError ? `: ${lastError.message}` : ""}`));
          return;
        }
        this.worker = null;
        for (const id of [...this.pending.keys()]) this.settle(id, new Error(`model worker exited (code ${code})`));
        for (const [, handlers] of this.courses) handlers.onFailed("the model worker stopped");
        this.courses.clear();
      });
    });
  }

  private onMessage(message: ModelWorkerMessage): void {
    switch (message.type) {
      case "attended":
        return this.settle(message.id, null, message.result);
      case "courseStarted":
        return this.settle(message.id, null, { tokens: message.tokens, unknownWords: message.unknownWords });
      case "courseStopped":
        return this.settle(message.id, null, undefined);
      case "blocks":
        return this.settle(message.id, null, message.payload);
      case "stats":
        return this.settle(message.id, null, { numTensors: message.numTensors, activeCourses: message.activeCourses });
      case "failed":
        return this.settle(message.id, message.problem ? new ModelInputError(message.message, message.problem) : new Error(message.message));
      case "courseTick": {
        const handlers = this.courses.get(message.courseId);
        if (message.tick.isFinished) this.courses.delete(message.courseId);
        handlers?.onTick(message.tick);
        return;
      }
      case "courseFailed": {
        const handlers = this.courses.get(message.courseId);
        this.courses.delete(message.courseId);
        handlers?.onFailed(message.message);
        return;
      }
      default:
        return;
    }
  }

  private settle(id: number, error: Error | null, value?: unknown): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve(value as never);
  }
}
