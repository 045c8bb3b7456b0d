import { DEFAULT_MODEL_CONFIG, initModelWeights } from "../server/model/AttentionModel.ts";
import { loadCorpusLists } from "../server/model/corpusLists.ts";
import { SentenceGenerator } from "../server/model/corpus.ts";
import { evaluateModel } from "../server/model/evaluate.ts";
import { loadWordLookup } from "../server/model/wordVectors.ts";
const lookup = loadWordLookup();
const lists = loadCorpusLists();
const test = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, 999).batch(400);
const sums = [0, 0, 0, 0]; const N = 20;
for (let seed = 1; seed <= N; seed++) {
  const r = evaluateModel(initModelWeights(DEFAULT_MODEL_CONFIG, seed), lookup, test);
  console.log(seed, r.map((h) => (h.linkedAccuracy - h.chance).toFixed(3)).join(" "), r.map((h) => h.allAccuracy.toFixed(3)).join(" "));
  r.forEach((h, i) => (sums[i] += h.linkedAccuracy - h.chance));
}
console.log("mean dev", sums.map((s) => (s / N).toFixed(3)).join(" "));
