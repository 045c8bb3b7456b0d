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
const wrap = (f: (v: Float32Array) => Float32Array): WordLookup => ({ dimension: d, vectorOf: (t) => { const v = raw.vectorOf(t); return v && f(v); } });
const unit = (v: Float32Array, scale: number) => { const n = Math.hypot(...v); return v.map((x) => (x / n) * scale); };
const variants: Record<string, WordLookup> = { raw, unit1: wrap((v) => unit(v, 1)) };
const lists = loadCorpusLists();
const test = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, 999).batch(400);
for (const [name, lookup] of Object.entries(variants)) {
  for (const ps of name === "raw" ? [0, 0.25, 1] : [0, 0.05, 0.1, 0.25]) {
    const devs: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = evaluateModel(initModelWeights({ ...DEFAULT_MODEL_CONFIG, positionScale: ps }, seed), lookup, test);
      devs.push(...r.map((h) => h.linkedAccuracy - h.chance));
    }
    const abs = devs.map(Math.abs);
    console.log(name, ps, "max", Math.max(...abs).toFixed(3), "mean", (abs.reduce((a, b) => a + b) / abs.length).toFixed(3), "over0.1", abs.filter((x) => x > 0.1).length, "/", abs.length);
  }
}
