// The "archives" of the blocks walk-through: a small key–value memory of facts, readable by a
// person in assets/facts/*.json ("bank + river → shore, water"), turned into vectors at load
// time. Looking a word up is attention over the facts: softmax(cos(word, key) / temperature),
// and what comes back is the weighted sum of the facts' values — a feed-forward layer written
// as a memory (Geva et al. 2021 read trained FFNs the same way: keys that detect, values that add).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { BlocksFact } from "../../shared/blocks.js";
import { dot, meaningDirection, norm, type BlocksWordSpace } from "./wordSpace.js";

export const DEFAULT_FACTS_DIR = fileURLToPath(new URL("../../assets/facts/", import.meta.url));

const word = z.string().regex(/^[a-z]+$/, "a lower-case word");
const factSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "lower-case letters, digits and dashes"),
  keys: z.array(word).min(1).max(4),
  values: z.array(word).min(1).max(6),
});
const factFileSchema = z.object({ $comment: z.string().optional(), facts: z.array(factSchema).min(1) });

export interface FactMemory {
  facts: BlocksFact[];
  /** [facts, d] unit key directions (common component removed). */
  keys: Float64Array;
  /** [facts, d] what each fact hands over, at the length of one word vector. */
  values: Float64Array;
  dimension: number;
}

export interface FactLookupSettings {
  /** Softmax temperature over cosines: 0.05 lets a cosine 0.15 ahead win ~95 % (e^3 ≈ 20:1). */
  temperature: number;
  /**
   * Cosine score of the "empty drawer" (hands over nothing). A word's vector must be closer than
   * this to a key for the fact to win; glue words and words no fact is about take nothing,
   * the way a trained FFN's ReLU stays silent for inputs none of its keys detect.
   */
  noneCosine: number;
}

export interface FactLookup {
  /** [facts] softmax weight per fact. */
  weights: Float64Array;
  /** Weight of the empty drawer; with `weights` it sums to 1. */
  none: number;
  /** [d] Σ weight · value. */
  output: Float64Array;
}

/** Every *.json under `dir`, in file-name order, facts in file order; ids must be unique. */
export function loadFactFiles(dir: string = DEFAULT_FACTS_DIR): BlocksFact[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new Error(`facts: no *.json files in ${dir}`);
  const facts: BlocksFact[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const parsed = factFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), "utf8")));
    if (!parsed.success) {
      throw new Error(`facts: ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    }
    for (const fact of parsed.data.facts) {
      if (seen.has(fact.id)) throw new Error(`facts: ${file}: duplicate id "${fact.id}"`);
      seen.add(fact.id);
      facts.push({ id: fact.id, keys: fact.keys, values: fact.values });
    }
  }
  return facts;
}

/**
 * Vectors for the facts. Key = mean of the key words' meaning directions, made unit: each key
 * word counts the same whatever its vector's length. Value = mean of the value words' raw vectors,
 * stretched to their mean length, so a three-word value is as strong as one word. Throws, naming
 * them, if a fact uses words the encoder does not know.
 */
export function buildFactMemory(facts: readonly BlocksFact[], space: BlocksWordSpace): FactMemory {
  const d = space.lookup.dimension;
  const unknown = new Set<string>();
  const vectorOf = (w: string) => {
    const v = space.lookup.vectorOf(w);
    if (!v) unknown.add(w);
    return v ?? new Float32Array(d);
  };
  const keys = new Float64Array(facts.length * d);
  const values = new Float64Array(facts.length * d);
  facts.forEach((fact, f) => {
    const key = new Float64Array(d);
    for (const w of fact.keys) meaningDirection(vectorOf(w), space.commonComponent).forEach((x, c) => (key[c] += x));
    keys.set(meaningDirection(key, space.commonComponent), f * d);

    const value = new Float64Array(d);
    let lengths = 0;
    for (const w of fact.values) {
      const v = vectorOf(w);
      lengths += norm(v) / fact.values.length;
      v.forEach((x, c) => (value[c] += x / fact.values.length));
    }
    const scale = lengths / (norm(value) || 1);
    for (let c = 0; c < d; c++) values[f * d + c] = value[c] * scale;
  });
  if (unknown.size > 0) throw new Error(`facts: words the encoder does not know: ${[...unknown].join(", ")}`);
  return { facts: [...facts], keys, values, dimension: d };
}

/** Looks one word vector up: a softmax over every key and the empty drawer. */
export function lookUpFacts(memory: FactMemory, vector: ArrayLike<number>, common: Float32Array, settings: FactLookupSettings): FactLookup {
  const d = memory.dimension;
  const count = memory.facts.length;
  const direction = meaningDirection(vector, common);
  const scores = new Float64Array(count + 1); // last = empty drawer
  for (let f = 0; f < count; f++) scores[f] = dot(direction, memory.keys.subarray(f * d, (f + 1) * d)) / settings.temperature;
  scores[count] = settings.noneCosine / settings.temperature;
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  for (let f = 0; f <= count; f++) sum += scores[f] = Math.exp(scores[f] - max);
  const weights = new Float64Array(count);
  const output = new Float64Array(d);
  for (let f = 0; f < count; f++) {
    const w = (weights[f] = scores[f] / sum);
    if (w < 1e-9) continue;
    for (let c = 0; c < d; c++) output[c] += w * memory.values[f * d + c];
  }
  return { weights, none: scores[count] / sum, output };
}
