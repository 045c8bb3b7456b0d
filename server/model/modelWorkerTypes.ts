// Messages between the rooms (main thread) and the model worker. Plain data only.
import type { BlocksPayload } from "../../shared/blocks.js";
import type { SentencePattern } from "../../shared/modelRound.js";
import type { SentenceProblem } from "./wordVectors.js";

export interface ModelWorkerData {
  cachePath: string;
  checkpointPath: string;
  backend: string | undefined;
}

export interface ModelWorkerInfo {
  backend: string;
  isGpu: boolean;
}

/** Both models on one sentence. */
export interface AttendResult {
  sentence: string;
  tokens: string[];
  unknownWords: string[];
  trained: SentencePattern;
  untrained: SentencePattern;
}

export interface CourseStartRequest {
  sentence: string;
  /** Per head, per token: the target token (0 = rests on <s>); default: the checkpoint's own choices. */
  targets?: number[][];
  /** Training steps of the whole course (default 400). */
  totalSteps?: number;
  /** Steps between two progress reports (default 4, ~0.3 s on wasm). */
  chunkSteps?: number;
}

export interface CourseTick {
  step: number;
  totalSteps: number;
  /** Mean loss of the chunk's steps. */
  loss: number;
  accuracy: number;
  pattern: SentencePattern;
  chunkMs: number;
  isFinished: boolean;
}

export type ModelWorkerRequest =
  | { type: "attend"; id: number; sentence: string }
  | { type: "courseStart"; id: number; courseId: number; request: CourseStartRequest }
  | { type: "courseStop"; id: number; courseId: number }
  | { type: "blocks"; id: number; sentence: string }
  | { type: "stats"; id: number };

export type ModelWorkerMessage =
  | { type: "ready"; info: ModelWorkerInfo }
  | { type: "initFailed"; message: string }
  | { type: "attended"; id: number; result: AttendResult }
  | { type: "courseStarted"; id: number; tokens: string[]; unknownWords: string[] }
  | { type: "courseStopped"; id: number }
  | { type: "courseTick"; courseId: number; tick: CourseTick }
  | { type: "courseFailed"; courseId: number; message: string }
  | { type: "stats"; id: number; numTensors: number; activeCourses: number }
  | { type: "blocks"; id: number; payload: BlocksPayload }
  | { type: "failed"; id: number; message: string; problem?: SentenceProblem };
