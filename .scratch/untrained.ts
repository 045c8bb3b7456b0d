import { readFileSync } from "node:fs";
import { decodeEncoderCache } from "../server/engine/encoderCache.ts";
import { DEFAULT_MODEL_CONFIG, initModelWeights } from "../server/model/AttentionModel.ts";
import { loadCorpusLists } from "../server/model/corpusLists.ts";
import { SentenceGenerator } from "../server/model/corpus.ts";
import { evaluateModel } from "../server/model/evaluate.ts";
import { wordLookupFromCache, type WordLookup } from "../server/model/wordVectors.ts";
const data = decodeEncoderCache(readFileSync("assets/cache/glove-100k.bin"));
const raw = wordLookupFromCache(data);
const d = 100;
const mean = new Float32Array(d);
for (let i = 0; i < data.words.length; i++) for (let c = 0; c < d; c++) mean[c] += data.vectors[i * d + c] / data.words.length;
const cc = data.commonComponent;
const wrap = (f: (v: Float32Array) => Float32Array): WordLookup => ({ dimension: d, vectorOf: (t) => { const v = raw.vectorOf(t); return v && f(v); } });
const unit = (v: Float32Array, scale: number) => { const n = Math.hypot(...v); return v.map((x) => (x / n) * scale); };
const variants: Record<string, WordLookup> = {
  raw,
  unit4: wrap((v) => unit(v, 4)),
  centred4: wrap((v) => unit(v.map((x, c) => x - mean[c]), 4)),
  common4: wrap((v) => { const p = v.reduce((a, x, c) => a + x * cc[c], 0); return unit(v.map((x, c) => x - p * cc[c]), 4); }),
};
const lists = loadCorpusLists();
const test = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, 999).batch(400);
for (const [name, lookup] of Object.entries(variants)) {
  for (const seed of [1, 2, 3, 4]) {
    const r = evaluateModel(initModelWeights(DEFAULT_MODEL_CONFIG, seed), lookup, test);
    console.log(name, seed, r.map((h) => `${(h.linkedAccuracy - h.chance).toFixed(3)}`).join(" "));
  }
}
