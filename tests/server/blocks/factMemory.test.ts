// The archives' fact memory: the files in assets/facts load and use only known words, a lookup
// is a softmax (weights and the empty drawer sum to 1), words find their own facts, and broken
// fact files are refused with a message naming the problem.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFactMemory, loadFactFiles, lookUpFacts, type FactMemory } from "../../../server/blocks/factMemory.js";
import { DEFAULT_BLOCKS_CONFIG } from "../../../server/blocks/walkBlocks.js";
import { loadBlocksWordSpace, type BlocksWordSpace } from "../../../server/blocks/wordSpace.js";

let space: BlocksWordSpace;
let memory: FactMemory;

beforeAll(() => {
  space = loadBlocksWordSpace();
  memory = buildFactMemory(loadFactFiles(), space);
});

const settings = DEFAULT_BLOCKS_CONFIG.facts;
const lookUp = (vector: ArrayLike<number>) => lookUpFacts(memory, vector, space.commonComponent, settings);
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

function factDir(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facts-"));
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(body));
  return dir;
}

describe("the fact files", () => {
  it("hold 60–120 facts with unique ids, every word known to the encoder", () => {
    expect(memory.facts.length).toBeGreaterThanOrEqual(60);
    expect(memory.facts.length).toBeLessThanOrEqual(120);
    expect(new Set(memory.facts.map((f) => f.id)).size).toBe(memory.facts.length);
  });

  it("refuse unknown words, duplicate ids and malformed facts by name", () => {
    const unknown = loadFactFiles(factDir({ "a.json": { facts: [{ id: "odd", keys: ["cat"], values: ["xyzzyq"] }] } }));
    expect(() => buildFactMemory(unknown, space)).toThrow("facts: words the encoder does not know: xyzzyq");
    const twice = factDir({ "a.json": { facts: [{ id: "cat", keys: ["cat"], values: ["pet"] }] }, "b.json": { facts: [{ id: "cat", keys: ["cat"], values: ["fur"] }] } });
    expect(() => loadFactFiles(twice)).toThrow('facts: b.json: duplicate id "cat"');
    expect(() => loadFactFiles(factDir({ "a.json": { facts: [{ id: "x", keys: [], values: ["pet"] }] } }))).toThrow(/facts: a\.json: facts\.0\.keys/);
    expect(() => loadFactFiles(factDir({}))).toThrow("facts: no *.json files");
  });
});

describe("looking a vector up", () => {
  it("gives softmax weights that sum to 1 with the empty drawer, for words, blends and nothing", () => {
    const cat = space.lookup.vectorOf("cat")!;
    const river = space.lookup.vectorOf("river")!;
    const blend = cat.map((x, c) => x + river[c]);
    for (const vector of [cat, river, blend, space.lookup.vectorOf("the")!, new Float32Array(space.lookup.dimension)]) {
      const { weights, none } = lookUp(vector);
      expect(weights).toHaveLength(memory.facts.length);
      expect(sum(weights) + none).toBeCloseTo(1, 9);
      expect(Math.min(...weights, none)).toBeGreaterThanOrEqual(0);
    }
  });

  it("finds a word's own fact, and the sense its context points to", () => {
    const top = (vector: ArrayLike<number>) => {
      const { weights } = lookUp(vector);
      return memory.facts[weights.indexOf(Math.max(...weights))].id;
    };
    expect(top(space.lookup.vectorOf("cat")!)).toBe("cat");
    const bank = space.lookup.vectorOf("bank")!;
    const withContext = (word: string) => bank.map((x, c) => x + 0.5 * space.lookup.vectorOf(word)![c]);
    expect(top(withContext("river"))).toBe("bank-river");
    expect(top(withContext("money"))).toBe("bank-money");
  });

  it("hands glue words mostly nothing: the empty drawer wins for 'the'", () => {
    expect(lookUp(space.lookup.vectorOf("the")!).none).toBeGreaterThan(0.9);
  });

  it("returns Σ weight · value as the output", () => {
    const { weights, output } = lookUp(space.lookup.vectorOf("queen")!);
    const d = memory.dimension;
    const want = new Float64Array(d);
    weights.forEach((w, f) => {
      for (let c = 0; c < d; c++) want[c] += w * memory.values[f * d + c];
    });
    for (let c = 0; c < d; c++) expect(output[c]).toBeCloseTo(want[c], 6);
  });
});
