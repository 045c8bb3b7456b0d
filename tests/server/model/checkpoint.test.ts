import { statSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { initComputeBackend } from "../../../server/engine/computeBackend.js";
import { DEFAULT_MODEL_CONFIG, initModelWeights } from "../../../server/model/AttentionModel.js";
import { DEFAULT_CHECKPOINT_PATH, decodeCheckpoint, encodeCheckpoint, loadCheckpoint, type TrainingRecord } from "../../../server/model/checkpoint.js";
import { attendSentence } from "../../../server/model/modelInference.js";
import { loadWordLookup } from "../../../server/model/wordVectors.js";

const RECORD: TrainingRecord = {
  seed: 1,
  untrainedSeed: 2,
  steps: 3,
  batchSize: 4,
  learningRate: 0.01,
  backend: "cpu",
  seconds: 1,
  finalLoss: 0.5,
  heldOutAccuracy: [{ question: "q", trained: 0.9, untrained: 0.1, chance: 0.1 }],
};

beforeAll(async () => {
  await initComputeBackend("wasm");
});

describe("checkpoint format", () => {
  it("round-trips weights exactly", () => {
    const weights = initModelWeights(DEFAULT_MODEL_CONFIG, 5);
    const decoded = decodeCheckpoint(encodeCheckpoint(weights, RECORD));
    expect(decoded.weights.wq).toEqual(weights.wq);
    expect(decoded.weights.wk).toEqual(weights.wk);
    expect(decoded.weights.config).toEqual(weights.config);
    expect(decoded.training).toEqual(RECORD);
  });

  it("rejects weights of the wrong size or a foreign file", () => {
    const text = encodeCheckpoint(initModelWeights(DEFAULT_MODEL_CONFIG, 5), RECORD);
    const json = JSON.parse(text);
    json.config.headDim = 16;
    expect(() => decodeCheckpoint(JSON.stringify(json))).toThrow(/wq has/);
    expect(() => decodeCheckpoint(JSON.stringify({ format: "something else" }))).toThrow(/checkpoint/);
  });
});

describe("the committed checkpoint", () => {
  const { weights, training } = loadCheckpoint();

  it("is small enough to commit", () => {
    expect(statSync(DEFAULT_CHECKPOINT_PATH).size).toBeLessThan(2 * 1024 * 1024);
  });

  it("records a table that meets the targets: trained ≥ 0.90 per head, untrained within 0.10 of chance", () => {
    expect(training.heldOutAccuracy).toHaveLength(4);
    for (const head of training.heldOutAccuracy) {
      expect(head.trained, head.question).toBeGreaterThanOrEqual(0.9);
      expect(Math.abs(head.untrained - head.chance), head.question).toBeLessThanOrEqual(0.1);
    }
  });

  it("resolves the design's sentence: she → queen, thanked → queen (who), thanked → garden (where)", () => {
    const result = attendSentence(weights, loadWordLookup(), "The queen thanked the farmer in the garden because she was happy.");
    expect(result.tokens).toEqual(["<s>", "the", "queen", "thanked", "the", "farmer", "in", "the", "garden", "because", "she", "was", "happy"]);
    const top = (head: number, word: string) => {
      const row = result.heads[head].weights[result.tokens.indexOf(word)];
      return result.tokens[row.indexOf(Math.max(...row))];
    };
    expect(top(3, "she")).toBe("queen");
    expect(top(0, "thanked")).toBe("queen");
    expect(top(1, "thanked")).toBe("garden");
    expect(top(2, "she")).toBe("happy");
    expect(top(0, "the")).toBe("<s>"); // no link: the attention sink
  });
});
