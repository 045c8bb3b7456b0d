// The blocks walk-through on the real GloVe cache, the real checkpoint and the real facts:
// payload shape, the two "bank" sentences drifting apart (and why the topic head is needed
// for it), pronouns taking on their antecedents, and refused sentences.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { BlockStepKind, blockStepKinds, type BlocksPayload } from "../../../shared/blocks.js";
import { TOPIC_HEAD_QUESTION } from "../../../server/blocks/meetingRoom.js";
import { DEFAULT_BLOCKS_CONFIG, loadBlocksResources, walkBlocks, type BlocksConfig, type BlocksResources } from "../../../server/blocks/walkBlocks.js";
import { SentenceError } from "../../../server/model/wordVectors.js";

const RIVER = "She sat on the bank of the river";
const MONEY = "He took money out of the bank";
const TRAINED_ONLY: BlocksConfig = { ...DEFAULT_BLOCKS_CONFIG, topicHead: { ...DEFAULT_BLOCKS_CONFIG.topicHead, isEnabled: false } };

let resources: BlocksResources;

beforeAll(() => {
  resources = loadBlocksResources();
});

const lastStep = (payload: BlocksPayload) => payload.steps[payload.steps.length - 1];
const finalNearest = (payload: BlocksPayload, word: string) => lastStep(payload).meanings[payload.words.indexOf(word)].nearest;
/** The fact a word recalled most in the last feed-forward step, by id. */
const topFactId = (payload: BlocksPayload, word: string) => {
  const recall = lastStep(payload).recalls![payload.words.indexOf(word)];
  return payload.facts[recall.facts[0].fact].id;
};

describe("walkBlocks payload", () => {
  it("has embed then attention and feed-forward per block, every word in every step, and is plain JSON", () => {
    const payload = walkBlocks(resources, "The cat sat on the mat because it was tired");
    expect(payload.words).toEqual(["the", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired"]);
    expect(payload.isFunctionWord).toEqual([true, false, false, true, true, false, true, true, true, false]);
    expect(payload.unknownWords).toEqual([]);
    expect(payload.heads.map((h) => h.isTrained)).toEqual([true, true, true, true, false]);
    expect(payload.heads[4].question).toBe(TOPIC_HEAD_QUESTION);
    expect(payload.steps.map((s) => ({ kind: s.kind, block: s.block }))).toEqual(blockStepKinds(3));
    expect(payload.factCount).toBeGreaterThanOrEqual(60);

    for (const step of payload.steps) {
      expect(step.title.length).toBeGreaterThan(0);
      expect(step.caption).toMatch(/\.$/);
      expect(step.meanings).toHaveLength(payload.words.length);
      for (const [i, meaning] of step.meanings.entries()) {
        expect(meaning.nearest).toHaveLength(DEFAULT_BLOCKS_CONFIG.nearestCount);
        expect(meaning.nearest).not.toContain(payload.words[i]);
        expect(meaning.similarityToStart).toBeGreaterThan(-1);
        expect(meaning.similarityToStart).toBeLessThanOrEqual(1);
      }
      expect(step.attention !== undefined).toBe(step.kind === BlockStepKind.attention);
      expect(step.recalls !== undefined).toBe(step.kind === BlockStepKind.feedForward);
      for (const [i, word] of (step.attention ?? []).entries()) {
        expect(word.sink).toBeGreaterThanOrEqual(0);
        expect(word.sink).toBeLessThanOrEqual(1);
        for (const link of word.links) {
          expect(link.to).not.toBe(i);
          expect(payload.words[link.to]).toBeDefined();
          expect(payload.heads[link.head]).toBeDefined();
          expect(link.weight).toBeGreaterThanOrEqual(payload.minLinkWeight);
        }
      }
      for (const recall of step.recalls ?? []) {
        for (const r of recall.facts) {
          expect(payload.facts[r.fact]).toBeDefined();
          expect(r.weight).toBeGreaterThanOrEqual(payload.minFactWeight);
        }
        // The listed facts are the top of a softmax that sums to 1 with the empty drawer.
        expect(recall.facts.reduce((s, r) => s + r.weight, 0) + recall.none).toBeLessThanOrEqual(1 + 1e-3);
      }
    }
    // Before any block every word is exactly its own vector.
    expect(payload.steps[0].meanings.every((m) => m.similarityToStart === 1)).toBe(true);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });

  it("is deterministic: the same sentence gives the same payload", () => {
    expect(walkBlocks(resources, MONEY)).toEqual(walkBlocks(resources, MONEY));
  });

  it("shows the trained heads' real links: 'sat' hears its subject 'cat' in block 1", () => {
    const payload = walkBlocks(resources, "The cat sat on the mat because it was tired");
    const sat = payload.steps[1].attention![payload.words.indexOf("sat")];
    expect(sat.links[0]).toMatchObject({ to: payload.words.indexOf("cat"), head: 0 });
    expect(sat.links[0].weight).toBeGreaterThan(0.9);
  });
});

describe("meaning drifts with the sentence", () => {
  it("'bank' ends near the river in the river sentence and near money in the money sentence", () => {
    const river = walkBlocks(resources, RIVER);
    const money = walkBlocks(resources, MONEY);
    // Alone, "bank" is the same word in both sentences (and GloVe's "bank" is a finance word).
    expect(river.steps[0].meanings[river.words.indexOf("bank")].nearest).toEqual(money.steps[0].meanings[money.words.indexOf("bank")].nearest);

    const riverBank = finalNearest(river, "bank");
    const moneyBank = finalNearest(money, "bank");
    expect(riverBank.filter((w) => moneyBank.includes(w))).toEqual([]);
    expect(riverBank.some((w) => ["river", "rivers", "shore", "shoreline", "water", "riverbank"].includes(w))).toBe(true);
    expect(moneyBank.some((w) => ["deposit", "loan", "loans", "savings", "credit", "cash"].includes(w))).toBe(true);
    expect(topFactId(river, "bank")).toBe("bank-river");
    expect(topFactId(money, "bank")).toBe("bank-money");
  });

  it("without the topic head 'bank' hears nothing (the trained heads ask it no question) and both sentences recall the same sense", () => {
    const river = walkBlocks(resources, RIVER, TRAINED_ONLY);
    const money = walkBlocks(resources, MONEY, TRAINED_ONLY);
    for (const payload of [river, money]) {
      const bank = payload.words.indexOf("bank");
      for (const step of payload.steps.filter((s) => s.attention)) expect(step.attention![bank].sink).toBeGreaterThan(0.95);
    }
    expect(topFactId(river, "bank")).toBe(topFactId(money, "bank"));
  });

  it("pronouns take on their antecedents over the blocks: 'she' → queen, 'it' → cat", () => {
    const queen = walkBlocks(resources, "The queen thanked the farmer in the garden because she was happy");
    expect(queen.steps[0].meanings[queen.words.indexOf("she")].nearest).not.toContain("queen");
    expect(finalNearest(queen, "she")).toContain("queen");

    const cat = walkBlocks(resources, "The cat sat on the mat because it was tired");
    expect(cat.steps[0].meanings[cat.words.indexOf("it")].nearest).not.toContain("cat");
    expect(finalNearest(cat, "it")).toContain("cat");
  });
});

describe("refused and partly known sentences", () => {
  const problemOf = (sentence: string) => {
    try {
      walkBlocks(resources, sentence);
    } catch (error) {
      return error instanceof SentenceError ? { problem: error.problem, message: error.message } : { problem: "other", message: String(error) };
    }
    return null;
  };

  it("refuses an empty sentence, one with no known word and one of 500 words with a message", () => {
    expect(problemOf("   ")).toEqual({ problem: "empty", message: "The sentence has no words." });
    expect(problemOf("!!! ???")?.problem).toBe("empty");
    expect(problemOf("xyzzyq blorptang")).toEqual({ problem: "noKnownWords", message: "The model knows none of these words: xyzzyq, blorptang." });
    const long = problemOf(Array.from({ length: 500 }, () => "word").join(" "));
    expect(long).toEqual({ problem: "tooLong", message: "The sentence has 500 words; the model takes at most 60." });
  });

  it("leaves unknown words out and lists them", () => {
    const payload = walkBlocks(resources, "The xyzzyq sat on the bank");
    expect(payload.unknownWords).toEqual(["xyzzyq"]);
    expect(payload.words).toEqual(["the", "sat", "on", "the", "bank"]);
  });
});

const run = promisify(execFile);
const BLOCKS = ["node_modules/.bin/tsx", "tools/blocks.ts"];

describe("tools/blocks.ts", () => {
  it("prints the payload as JSON and a table without --json", async () => {
    const { stdout } = await run(BLOCKS[0], [BLOCKS[1], "--sentence", MONEY, "--json"]);
    const payload = JSON.parse(stdout) as BlocksPayload;
    expect(payload).toEqual(walkBlocks(resources, MONEY));
    const table = (await run(BLOCKS[0], [BLOCKS[1], "--sentence", MONEY])).stdout;
    expect(table).toContain("== Block 3 · the archives (feed-forward)");
    expect(table).toMatch(/bank\s+\S+\s+.*\[bank \+ money → loan, account, deposit, savings\]/);
  });

  it("exits 1 with the reason on stderr for a sentence it cannot take", async () => {
    const failure = await run(BLOCKS[0], [BLOCKS[1], "--sentence", "zorblax"]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe("blocks: The model knows none of these words: zorblax.\n");
  });
});
