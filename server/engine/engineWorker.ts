// Worker-thread entry of the engine: owns the Engine (encoder + tf), answers reveal requests by
// id, and reports request errors without dying. Spawned by EngineClient (see there for how).
import { parentPort, workerData } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import { Engine } from "./Engine.js";
import type { EngineWorkerData, EngineWorkerMessage, EngineWorkerRequest } from "./engineTypes.js";

const port = parentPort;
if (!port) throw new Error("engineWorker must run in a worker thread");

function send(message: EngineWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const data = workerData as EngineWorkerData;
let engine: Engine | null = null;
// One request at a time, in arrival order: tf work is synchronous per backend anyway, and a
// queue keeps one room's big reveal from interleaving its read-backs with another's.
let queue: Promise<void> = Promise.resolve();

let requestsServed = 0;

async function handle(message: EngineWorkerRequest): Promise<void> {
  if (!engine) throw new Error("engine not ready");
  requestsServed++;
  if (message.type === "stats") {
    const memory = tf.memory();
    send({ type: "stats", id: message.id, stats: { numTensors: memory.numTensors, numBytes: memory.numBytes, requestsServed } });
    return;
  }
  try {
    const response = await engine.reveal(message.request);
    // The weights' buffer moves to the main thread instead of being copied (N² floats), but only
    // if the array owns its whole buffer: a backend may hand out a view into a larger or shared
    // memory (wasm heap), which must not be detached. Then one copy is made first.
    const w = response.weights;
    const isOwnBuffer = w.byteOffset === 0 && w.buffer instanceof ArrayBuffer && w.buffer.byteLength === w.byteLength;
    const weights = isOwnBuffer ? w : w.slice();
    send({ type: "revealed", id: message.id, response: { ...response, weights } }, [weights.buffer as ArrayBuffer]);
  } catch (error) {
    send({ type: "failed", id: message.id, message: messageOf(error) });
  }
}

port.on("message", (message: EngineWorkerRequest) => {
  if ((message?.type !== "reveal" && message?.type !== "stats") || typeof message.id !== "number") return;
  queue = queue.then(() => handle(message));
});

Engine.create({ cachePath: data.cachePath, backend: data.backend }).then(
  (created) => {
    engine = created;
    send({ type: "ready", info: created.info });
  },
  (error: unknown) => {
    send({ type: "initFailed", message: messageOf(error) });
  },
);
