// Trains the attention model of the "model" round from a fixed seed and writes the committed
// checkpoint, then prints per-head top-1 accuracy on held-out templates filled with held-out words:
// trained vs untrained vs chance.
//   npx tsx tools/train.ts [--out PATH] [--dry-run]
import * as tf from "@tensorflow/tfjs-core";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { initComputeBackend } from "../server/engine/computeBackend.js";
import { DEFAULT_MODEL_CONFIG, initModelWeights } from "../server/model/AttentionModel.js";
import { DEFAULT_CHECKPOINT_PATH, loadCheckpoint, saveCheckpoint, type TrainingRecord } from "../server/model/checkpoint.js";
import { HEAD_QUESTIONS, SentenceGenerator } from "../server/model/corpus.js";
import { loadCorpusLists } from "../server/model/corpusLists.js";
import { evaluateModel, type HeadScore } from "../server/model/evaluate.js";
import { CHECKPOINT_RECIPE, ModelTrainer, UNTRAINED_SEED } from "../server/model/ModelTrainer.js";
import { loadWordLookup } from "../server/model/wordVectors.js";

/** The evaluation set: enough sentences that a rerun's table is stable to the last printed digit. */
const EVALUATION = { sentences: 2000, seed: 424242 };
/** "Untrained" is averaged over this many random inits: one init can sit ±0.2 from chance on a head. */
const UNTRAINED_INITS = 10;

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function formatTable(rows: TrainingRecord["heldOutAccuracy"]): string {
  const lines = [["head", "question", "trained", "untrained", "chance"].join(" | ")];
  rows.forEach((r, h) => lines.push([`${h + 1}`, r.question, r.trained.toFixed(3), r.untrained.toFixed(3), r.chance.toFixed(3)].join(" | ")));
  return lines.join("\n");
}

function mean(scores: HeadScore[][], head: number): number {
  return scores.reduce((sum, s) => sum + s[head].linkedAccuracy, 0) / scores.length;
}

async function main(): Promise<void> {
  const out = resolve(argValue("--out") ?? DEFAULT_CHECKPOINT_PATH);
  const isDryRun = process.argv.includes("--dry-run");
  const backend = await initComputeBackend();
  const lookup = loadWordLookup();
  const lists = loadCorpusLists();
  const evaluation = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, EVALUATION.seed).batch(EVALUATION.sentences);
  console.log(`backend ${backend.name}${backend.isGpu ? " (GPU)" : ""}; ${CHECKPOINT_RECIPE.steps} steps × ${CHECKPOINT_RECIPE.options.batchSize} sentences`);

  const untrained = Array.from({ length: UNTRAINED_INITS }, (_, k) =>
    evaluateModel(initModelWeights(DEFAULT_MODEL_CONFIG, UNTRAINED_SEED + k), lookup, evaluation),
  );

  const trainer = new ModelTrainer(initModelWeights(DEFAULT_MODEL_CONFIG, CHECKPOINT_RECIPE.initSeed), lookup, lists, CHECKPOINT_RECIPE.options);
  const started = performance.now();
  let lossSum = 0;
  let recentLoss = NaN; // mean loss of the last 100 steps
  for (let step = 1; step <= CHECKPOINT_RECIPE.steps; step++) {
    lossSum += trainer.step();
    if (step % 100 === 0) {
      recentLoss = lossSum / 100;
      lossSum = 0;
      console.log(`step ${step}  loss ${recentLoss.toFixed(4)}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const weights = trainer.weights();
  trainer.dispose();
  const trained = evaluateModel(weights, lookup, evaluation);

  const record: TrainingRecord = {
    seed: CHECKPOINT_RECIPE.initSeed,
    untrainedSeed: UNTRAINED_SEED,
    steps: CHECKPOINT_RECIPE.steps,
    batchSize: CHECKPOINT_RECIPE.options.batchSize,
    learningRate: CHECKPOINT_RECIPE.options.learningRate,
    backend: backend.name,
    seconds: Math.round(seconds * 10) / 10,
    finalLoss: Math.round(recentLoss * 1e4) / 1e4,
    heldOutAccuracy: HEAD_QUESTIONS.map((question, h) => ({
      question,
      trained: Math.round(trained[h].linkedAccuracy * 1000) / 1000,
      untrained: Math.round(mean(untrained, h) * 1000) / 1000,
      chance: Math.round(trained[h].chance * 1000) / 1000,
    })),
  };
  console.log(`\ntop-1 accuracy on ${EVALUATION.sentences} held-out sentences (held-out templates, held-out words); ` +
    `untrained = mean of ${UNTRAINED_INITS} random inits; chance = mean 1/n over linked words`);
  console.log(formatTable(record.heldOutAccuracy));
  console.log(`trained, all tokens (links and rests on <s>), heads 1–4: ${trained.map((s) => s.allAccuracy.toFixed(3)).join(" / ")}`);
  console.log(`training ${seconds.toFixed(1)} s on ${backend.name}`);

  if (existsSync(out)) {
    const committed = loadCheckpoint(out).training.heldOutAccuracy;
    const isSame = JSON.stringify(committed) === JSON.stringify(record.heldOutAccuracy);
    console.log(isSame ? `same table as the checkpoint at ${out}` : `table differs from the checkpoint at ${out}:\n${formatTable(committed)}`);
  }
  if (!isDryRun) console.log(`wrote ${out} (${(saveCheckpoint(out, weights, record) / 1024).toFixed(0)} KB)`);
  const leaked = tf.memory().numTensors;
  if (leaked !== 0) console.warn(`warning: ${leaked} tensors still allocated`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
