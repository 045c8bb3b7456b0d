import * as tf from "@tensorflow/tfjs-core";
import { initComputeBackend } from "../server/engine/computeBackend.ts";
import { DEFAULT_MODEL_CONFIG, initModelWeights } from "../server/model/AttentionModel.ts";
import { loadCorpusLists } from "../server/model/corpusLists.ts";
import { SentenceGenerator } from "../server/model/corpus.ts";
import { evaluateModel } from "../server/model/evaluate.ts";
import { ModelTrainer } from "../server/model/ModelTrainer.ts";
import { loadWordLookup } from "../server/model/wordVectors.ts";
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=")));
const info = await initComputeBackend();
const lookup = loadWordLookup();
const lists = loadCorpusLists();
const config = { ...DEFAULT_MODEL_CONFIG, headDim: Number(args.dh ?? 32), positionDim: Number(args.P ?? 32), positionBase: Number(args.base ?? 100) };
const init = initModelWeights(config, Number(args.seed ?? 7));
const test = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, 999).batch(600);
const fmt = (r: ReturnType<typeof evaluateModel>) => r.map((h) => `${h.linkedAccuracy.toFixed(3)}/${h.allAccuracy.toFixed(3)}(c${h.chance.toFixed(3)})`).join("  ");
console.log(info.name, "untrained", fmt(evaluateModel(init, lookup, test)));
const trainer = new ModelTrainer(init, lookup, lists, { dataSeed: 1, batchSize: Number(args.B ?? 32), learningRate: Number(args.lr ?? 0.01) });
const t0 = performance.now();
const steps = Number(args.steps ?? 600);
let avg = 0;
for (let s = 1; s <= steps; s++) {
  const l = trainer.step(); avg = avg * 0.95 + l * 0.05;
  if (s % 100 === 0) console.log(s, avg.toFixed(4), ((performance.now() - t0) / 1000).toFixed(1) + "s", fmt(evaluateModel(trainer.weights(), lookup, test.slice(0, 200))));
}
console.log("final", fmt(evaluateModel(trainer.weights(), lookup, test)), "tensors", tf.memory().numTensors);
trainer.dispose();
console.log("after dispose tensors", tf.memory().numTensors);
