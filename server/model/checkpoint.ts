// The model checkpoint on disk: small JSON (config, how it was trained, its accuracy table) with
// the weights as base64 float32, so the committed file stays ~200 KB and diffs stay readable.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { modelWidth, type AttentionModelConfig, type AttentionModelWeights } from "./AttentionModel.js";

export const DEFAULT_CHECKPOINT_PATH = fileURLToPath(new URL("../../assets/model/checkpoint.json", import.meta.url));
export const CHECKPOINT_FORMAT = "cocktail-party-attention/1";

const config = z.object({
  wordDim: z.number().int().positive(),
  positionDim: z.number().int().positive().multipleOf(2),
  positionBase: z.number().positive(),
  headCount: z.number().int().positive(),
  headDim: z.number().int().positive(),
  maxTokens: z.number().int().min(2),
  initGain: z.number().positive(),
}) satisfies z.ZodType<AttentionModelConfig>;

const headResult = z.object({ question: z.string(), trained: z.number(), untrained: z.number(), chance: z.number() });

/** How a checkpoint was made: enough to rerun it and to check the rerun gives the same table. */
const training = z.object({
  seed: z.number().int(),
  untrainedSeed: z.number().int(),
  steps: z.number().int(),
  batchSize: z.number().int(),
  learningRate: z.number(),
  backend: z.string(),
  seconds: z.number(),
  finalLoss: z.number(),
  /** Top-1 accuracy per head on held-out templates filled with held-out words. */
  heldOutAccuracy: z.array(headResult),
});
export type TrainingRecord = z.infer<typeof training>;

const checkpointFile = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  config,
  training,
  weights: z.object({ startVector: z.string(), wq: z.string(), wk: z.string() }),
});

/** Float32 values as base64 of their little-endian bytes (every platform Node runs on is little-endian). */
function toBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

function fromBase64(text: string, expectedLength: number, name: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.byteLength !== expectedLength * 4) throw new Error(`checkpoint: ${name} has ${bytes.byteLength / 4} values, expected ${expectedLength}`);
  const values = new Float32Array(expectedLength);
  new Uint8Array(values.buffer).set(bytes);
  if (!values.every(Number.isFinite)) throw new Error(`checkpoint: ${name} has non-finite values`);
  return values;
}

export function encodeCheckpoint(weights: AttentionModelWeights, record: TrainingRecord): string {
  const file: z.infer<typeof checkpointFile> = {
    format: CHECKPOINT_FORMAT,
    config: weights.config,
    training: record,
    weights: { startVector: toBase64(weights.startVector), wq: toBase64(weights.wq), wk: toBase64(weights.wk) },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function decodeCheckpoint(json: string): { weights: AttentionModelWeights; training: TrainingRecord } {
  const parsed = checkpointFile.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`checkpoint: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  const { config: c, weights: w } = parsed.data;
  const projection = modelWidth(c) * c.headCount * c.headDim;
  return {
    weights: {
      config: c,
      startVector: fromBase64(w.startVector, c.wordDim, "startVector"),
      wq: fromBase64(w.wq, projection, "wq"),
      wk: fromBase64(w.wk, projection, "wk"),
    },
    training: parsed.data.training,
  };
}

/** Written to a temp file and renamed, so a reader never sees half a checkpoint. */
export function saveCheckpoint(path: string, weights: AttentionModelWeights, record: TrainingRecord): number {
  const text = encodeCheckpoint(weights, record);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
  return Buffer.byteLength(text);
}

export function loadCheckpoint(path: string = DEFAULT_CHECKPOINT_PATH): { weights: AttentionModelWeights; training: TrainingRecord } {
  return decodeCheckpoint(readFileSync(path, "utf8"));
}
