import * as tf from "@tensorflow/tfjs-core";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { initComputeBackend } from "../../../server/engine/computeBackend.js";
import { DEFAULT_MODEL_CONFIG, initModelWeights, tfForward } from "../../../server/model/AttentionModel.js";
import { SentenceGenerator } from "../../../server/model/corpus.js";
import { loadCorpusLists } from "../../../server/model/corpusLists.js";
import { evaluateModel } from "../../../server/model/evaluate.js";
import { attendSentence, courseSentence, TrainingCourse, untrainedModel } from "../../../server/model/modelInference.js";
import { DEFAULT_TRAINING_OPTIONS, ModelTrainer } from "../../../server/model/ModelTrainer.js";
import { MAX_SENTENCE_WORDS, SentenceError, loadWordLookup } from "../../../server/model/wordVectors.js";

const lookup = loadWordLookup();
const lists = loadCorpusLists();
const TINY_TRAINING = { batchSize: 8 };

beforeAll(async () => {
  await initComputeBackend("wasm");
});

function problemOf(text: string): string | undefined {
  try {
    attendSentence(untrainedModel(), lookup, text);
    return undefined;
  } catch (error) {
    return error instanceof SentenceError ? error.problem : `not a SentenceError: ${String(error)}`;
  }
}

describe("attendSentence", () => {
  it("returns <s> first, one tokens×tokens matrix per question, rows summing to 1", () => {
    const result = attendSentence(untrainedModel(), lookup, "A dog, a cat & I don't sleep.");
    expect(result.tokens).toEqual(["<s>", "a", "dog", "a", "cat", "i", "don't", "sleep"]);
    expect(result.heads.map((h) => h.question)).toEqual([
      "Who did the action?",
      "Where did it happen?",
      "Positive or negative?",
      "Which earlier word is this about?",
    ]);
    for (const head of result.heads) {
      expect(head.weights).toHaveLength(result.tokens.length);
      for (const row of head.weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it("reports unknown words instead of silently dropping them", () => {
    const result = attendSentence(untrainedModel(), lookup, "the zorblaxian queen smiled");
    expect(result.tokens).toEqual(["<s>", "the", "queen", "smiled"]);
    expect(result.unknownWords).toEqual(["zorblaxian"]);
  });

  it("refuses an empty sentence, one of only unknown words, emoji, and more than 60 words", () => {
    expect(problemOf("")).toBe("empty");
    expect(problemOf("  ?! 🎉 ")).toBe("empty");
    expect(problemOf("zorblax qwertzuiop")).toBe("noKnownWords");
    expect(problemOf("the cat ".repeat(MAX_SENTENCE_WORDS))).toBe("tooLong");
    expect(problemOf("word ".repeat(MAX_SENTENCE_WORDS))).toBeUndefined();
  });
});

describe("no tensor leaks", () => {
  it("leaves tf.memory().numTensors unchanged after inference, evaluation, training and a course", () => {
    const before = tf.memory().numTensors;
    const weights = initModelWeights(DEFAULT_MODEL_CONFIG, 3);
    attendSentence(weights, lookup, "the queen smiled in the garden");
    tfForward(weights, new Float32Array(4 * 100));
    evaluateModel(weights, lookup, new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, 1).batch(30));
    const trainer = new ModelTrainer(weights, lookup, lists, { ...DEFAULT_TRAINING_OPTIONS, ...TINY_TRAINING });
    trainer.step();
    trainer.weights();
    trainer.dispose();
    const course = new TrainingCourse({ lookup, lists, sentence: "the queen smiled", totalSteps: 2, training: TINY_TRAINING });
    course.runChunk(2);
    course.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("TrainingCourse", () => {
  it("trains in chunks, reports loss and the sentence's attention, and stops at totalSteps", () => {
    const sentence = courseSentence(lists, 7);
    const course = new TrainingCourse({ lookup, lists, sentence: sentence.text, targets: sentence.targets, totalSteps: 30, training: { batchSize: 16 } });
    const progress = [course.runChunk(10), course.runChunk(10), course.runChunk(50)];
    course.dispose();
    expect(progress.map((p) => p.step)).toEqual([10, 20, 30]);
    expect(progress.map((p) => p.isFinished)).toEqual([false, false, true]);
    expect(progress[2].loss).toBeLessThan(progress[0].loss);
    expect(progress[0].attention.tokens[0]).toBe("<s>");
    expect(progress[0].sentenceAccuracy).toBeGreaterThanOrEqual(0);
    expect(progress[0].sentenceAccuracy).toBeLessThanOrEqual(1);
  });

  it("refuses a bad sentence before training", () => {
    expect(() => new TrainingCourse({ lookup, lists, sentence: "" })).toThrow(SentenceError);
  });
});

const run = promisify(execFile);
const ATTEND = ["node_modules/.bin/tsx", "tools/attend.ts"];

describe("tools/attend.ts", () => {
  it("prints the trained model's attention as JSON for the design's sentence", async () => {
    const sentence = "The queen thanked the farmer in the garden because she was happy.";
    const { stdout } = await run(ATTEND[0], [ATTEND[1], "--model", "trained", "--sentence", sentence, "--json"]);
    const result = JSON.parse(stdout) as { tokens: string[]; heads: Array<{ question: string; weights: number[][] }> };
    const top = (head: number, word: string) => {
      const row = result.heads[head].weights[result.tokens.indexOf(word)];
      return result.tokens[row.indexOf(Math.max(...row))];
    };
    expect(result.tokens[0]).toBe("<s>");
    expect([top(3, "she"), top(0, "thanked"), top(1, "thanked")]).toEqual(["queen", "queen", "garden"]);
  });

  it("exits non-zero with a message on stderr for a sentence it cannot take", async () => {
    const failure = await run(ATTEND[0], [ATTEND[1], "--model", "untrained", "--sentence", "zorblax"]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/knows none of these words: zorblax/);
  });
});
