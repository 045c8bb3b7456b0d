// Worker-thread entry of the model rounds: holds the word vectors, the trained checkpoint and the
// untrained model; answers "attend" requests and runs live training courses chunk by chunk. A
// worker of its own (not the engine's) because a course trains for up to a minute: party reveals
// must not queue behind it, and the rooms' event loop never sees any of it.
import { parentPort, workerData } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs-core";
import type { SentencePattern } from "../../shared/modelRound.js";
import { loadBlocksResources, walkBlocks, type BlocksResources } from "../blocks/walkBlocks.js";
import { initComputeBackend } from "../engine/computeBackend.js";
import type { AttentionModelWeights } from "./AttentionModel.js";
import { loadCheckpoint } from "./checkpoint.js";
import { loadCorpusLists, type CorpusLists } from "./corpusLists.js";
import { argmaxRow } from "./evaluate.js";
import { attendSentence, TrainingCourse, untrainedModel, type SentenceAttention } from "./modelInference.js";
import type { ModelWorkerData, ModelWorkerMessage, ModelWorkerRequest } from "./modelWorkerTypes.js";
import { loadWordLookup, SentenceError, type WordLookup } from "./wordVectors.js";

const port = parentPort;
if (!port) throw new Error("modelWorker must run in a worker thread");
const data = workerData as ModelWorkerData;

function send(message: ModelWorkerMessage): void {
  port!.postMessage(message);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Weights rounded to 4 decimals: the screens draw them, and the payload stays small. */
function toPattern(attention: SentenceAttention): SentencePattern {
  return {
    tokens: attention.tokens,
    heads: attention.heads.map((h) => ({ question: h.question, weights: h.weights.map((row) => row.map((w) => Math.round(w * 1e4) / 1e4)) })),
  };
}

/** Where the trained checkpoint puts each token's heaviest weight, per head; 0 = rests on <s>. */
function checkpointTargets(attention: SentenceAttention): number[][] {
  return attention.heads.map((head) => head.weights.map((row, i) => (i === 0 ? 0 : argmaxRow(row, 0, row.length, 0))));
}

interface Models {
  lookup: WordLookup;
  lists: CorpusLists;
  trained: AttentionModelWeights;
  untrained: AttentionModelWeights;
}

interface RunningCourse {
  course: TrainingCourse;
  chunkSteps: number;
}

let models: Models | null = null;
let blocksResources: BlocksResources | null = null;
const courses = new Map<number, RunningCourse>();
let isPumping = false;

function attend(sentence: string) {
  const m = models!;
  const trained = attendSentence(m.trained, m.lookup, sentence);
  const untrained = attendSentence(m.untrained, m.lookup, sentence);
  return { sentence, tokens: trained.tokens, unknownWords: trained.unknownWords, trained: toPattern(trained), untrained: toPattern(untrained) };
}

/**
 * Runs one chunk of one course per turn, round-robin, and yields to the event loop between
 * chunks so attend requests and stops get in (a chunk is ~0.3 s on wasm).
 */
function pump(): void {
  if (isPumping) return;
  isPumping = true;
  const turn = () => {
    const next = courses.entries().next();
    if (next.done) {
      isPumping = false;
      return;
    }
    const [courseId, running] = next.value;
    courses.delete(courseId); // re-inserted at the end: round-robin over the map's order
    try {
      const progress = running.course.runChunk(running.chunkSteps);
      send({
        type: "courseTick",
        courseId,
        tick: {
          step: progress.step,
          totalSteps: progress.totalSteps,
          loss: progress.loss,
          accuracy: progress.sentenceAccuracy ?? 0,
          pattern: toPattern(progress.attention),
          chunkMs: progress.chunkMs,
          isFinished: progress.isFinished,
        },
      });
      if (progress.isFinished) running.course.dispose();
      else courses.set(courseId, running);
    } catch (error) {
      running.course.dispose();
      send({ type: "courseFailed", courseId, message: messageOf(error) });
    }
    setImmediate(turn);
  };
  setImmediate(turn);
}

function handle(message: ModelWorkerRequest): void {
  if (!models) {
    if (message.type !== "courseStop") send({ type: "failed", id: message.id, message: "model worker not ready" });
    return;
  }
  try {
    switch (message.type) {
      case "attend":
        send({ type: "attended", id: message.id, result: attend(message.sentence) });
        return;
      case "courseStart": {
        const { sentence, totalSteps = 400, chunkSteps = 4 } = message.request;
        const reference = attendSentence(models.trained, models.lookup, sentence); // throws SentenceError on bad input
        const course = new TrainingCourse({
          lookup: models.lookup,
          lists: models.lists,
          sentence,
          targets: message.request.targets ?? checkpointTargets(reference),
          totalSteps,
        });
        courses.get(message.courseId)?.course.dispose();
        courses.set(message.courseId, { course, chunkSteps: Math.max(1, Math.min(50, chunkSteps)) });
        send({ type: "courseStarted", id: message.id, tokens: reference.tokens, unknownWords: reference.unknownWords });
        pump();
        return;
      }
      case "courseStop": {
        const running = courses.get(message.courseId);
        courses.delete(message.courseId);
        running?.course.dispose();
        send({ type: "courseStopped", id: message.id });
        return;
      }
      case "blocks":
        // The walk-through's own word space and fact memory load on first use (~1 s), not at start.
        blocksResources ??= loadBlocksResources({ cachePath: data.cachePath, checkpointPath: data.checkpointPath });
        send({ type: "blocks", id: message.id, payload: walkBlocks(blocksResources, message.sentence) });
        return;
      case "stats":
        send({ type: "stats", id: message.id, numTensors: tf.memory().numTensors, activeCourses: courses.size });
        return;
    }
  } catch (error) {
    const problem = error instanceof SentenceError ? error.problem : undefined;
    send({ type: "failed", id: message.id, message: messageOf(error), problem });
  }
}

port.on("message", (message: ModelWorkerRequest) => {
  if (typeof message?.id !== "number") return;
  handle(message);
});

(async () => {
  const backend = await initComputeBackend(data.backend);
  models = {
    lookup: loadWordLookup(data.cachePath),
    lists: loadCorpusLists(),
    trained: loadCheckpoint(data.checkpointPath).weights,
    untrained: untrainedModel(),
  };
  // Warm-up: the first forward pass compiles the backend's kernels.
  attend("the cat sat on the mat");
  send({ type: "ready", info: { backend: backend.name, isGpu: backend.isGpu } });
})().catch((error: unknown) => send({ type: "initFailed", message: messageOf(error) }));
