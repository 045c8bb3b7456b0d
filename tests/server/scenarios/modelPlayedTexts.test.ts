// The model's texts for words nobody plays, from the real checkpoint's attention on built-in
// sentences: its query names what the trained heads attend to, never <s> or the word itself.
import { beforeAll, describe, expect, it } from "vitest";
import type { SentenceScenario } from "../../../shared/scenario.js";
import { initComputeBackend } from "../../../server/engine/computeBackend.js";
import { loadCheckpoint } from "../../../server/model/checkpoint.js";
import { attendSentence, type SentenceAttention } from "../../../server/model/modelInference.js";
import { loadWordLookup } from "../../../server/model/wordVectors.js";
import { modelPlayedTexts, modelSeatTexts } from "../../../server/scenarios/modelPlayedTexts.js";
import { getScenario } from "../../../server/scenarios/scenarioLibrary.js";
import { seatStudents } from "../../../server/scenarios/seating.js";

function sentenceScenario(id: string): SentenceScenario {
  const scenario = getScenario(id);
  if (scenario?.kind !== "sentence") throw new Error(`${id} is not a sentence scenario`);
  return scenario;
}

const HAPPY = sentenceScenario("she-was-happy");
let attention: SentenceAttention;

beforeAll(async () => {
  await initComputeBackend("wasm");
  attention = attendSentence(loadCheckpoint().weights, loadWordLookup(), HAPPY.sentence);
});

const at = (word: string) => HAPPY.words.indexOf(word);

describe("modelPlayedTexts with the trained checkpoint", () => {
  it("asks each head's question the way the trained head answers it", () => {
    const thanked = modelPlayedTexts(attention, HAPPY.words, at("thanked"), 0);
    expect(thanked).toMatchObject({ query: "queen", key: "thanked", value: "thanked", attendedPositions: [at("queen")] });
    expect(thanked.sinkMass).toBeLessThan(0.05);
    expect(modelPlayedTexts(attention, HAPPY.words, at("thanked"), 1).query).toBe("garden");
    expect(modelPlayedTexts(attention, HAPPY.words, at("she"), 3).query).toBe("queen");
    expect(modelPlayedTexts(attention, HAPPY.words, at("she"), 2).query).toBe("happy");
  });

  it("looks for every head's word at once in the sentence round", () => {
    const thanked = modelPlayedTexts(attention, HAPPY.words, at("thanked"), null);
    expect(thanked.attendedPositions.sort()).toEqual([at("queen"), at("garden")].sort());
  });

  it("reports a word the model parks on <s>, and still names real words", () => {
    const farmer = modelPlayedTexts(attention, HAPPY.words, at("farmer"), 0);
    expect(farmer.sinkMass).toBeGreaterThan(0.5);
    expect(farmer.attendedPositions.length).toBeGreaterThan(0);
    expect(farmer.attendedPositions).not.toContain(at("farmer"));
    expect(farmer.query.split(" ").every((w) => HAPPY.words.includes(w))).toBe(true);
  });

  it("refuses attention computed for another sentence", () => {
    const other = sentenceScenario("cat-on-the-mat");
    expect(() => modelPlayedTexts(attention, other.words, 0, 0)).toThrow(/not "the cat sat/);
  });

  it("fills exactly the model's seats of a table", () => {
    const seating = seatStudents(["a", "b", "c", "d"], HAPPY, "sentence", 2);
    const texts = modelSeatTexts(attention, HAPPY, seating.tables[0]);
    const modelSeats = seating.tables[0].seats.filter((s) => s.studentId === null).map((s) => s.position);
    expect([...texts.keys()]).toEqual(modelSeats);
    for (const [position, t] of texts) expect(t.key).toBe(HAPPY.words[position]);
  });
});
