// The built-in pack as a class gets it: every file valid, every word known to GloVe and given a
// hint, the themes the issue asks for present, the JSON Schema for editors up to date; and the
// library's checks for custom scenarios.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODEL_HEAD_QUESTIONS, type Scenario, type SentenceScenario } from "../../../shared/scenario.js";
import { formatProblem } from "../../../shared/scenarioCheck.js";
import { splitWordRef } from "../../../shared/scenarioWords.js";
import { HEAD_QUESTIONS } from "../../../server/model/corpus.js";
import { MAX_SENTENCE_WORDS, loadWordLookup } from "../../../server/model/wordVectors.js";
import { loadDecks } from "../../../server/party/partyDeck.js";
import { scenarioJsonSchemaText } from "../../../server/scenarios/scenarioJsonSchema.js";
import {
  BUILT_IN_SCENARIO_DIR,
  SCENARIO_SCHEMA_FILE,
  checkScenarioPack,
  deckOf,
  getScenario,
  listScenarios,
  scenarioLibrary,
} from "../../../server/scenarios/scenarioLibrary.js";

const lookup = loadWordLookup();
const pack = checkScenarioPack(BUILT_IN_SCENARIO_DIR, lookup);
const scenarios: Scenario[] = pack.flatMap((c) => (c.scenario ? [c.scenario] : []));
const sentences = scenarios.filter((s): s is SentenceScenario => s.kind === "sentence");

describe("the built-in pack", () => {
  it("validates completely, GloVe vocabulary included", () => {
    expect(pack.flatMap((c) => c.problems.map((p) => `${path.basename(c.file)}: ${formatProblem(p)}`))).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(12);
  });

  it("has the source's examples, an ambiguous word, a long sentence and every party deck", () => {
    expect(getScenario("cat-on-the-mat")).toMatchObject({ kind: "sentence", sentence: "The cat sat on the mat because it was tired." });
    expect(getScenario("help-me-move")).toMatchObject({ kind: "party", deck: "neighbourhood" });
    expect((getScenario("help-me-move") as { brief: string }).brief).toContain('"Who can help me move?"');
    const bankScenarios = sentences.filter((s) => s.words.includes("bank"));
    expect(bankScenarios.map((s) => s.id).sort()).toEqual(["money-bank", "river-bank"]);
    expect(Math.max(...sentences.map((s) => s.words.length))).toBeGreaterThanOrEqual(18);
    const partyDecks = scenarios.flatMap((s) => (s.kind === "party" ? [deckOf(s).id] : []));
    expect(partyDecks.sort()).toEqual([...loadDecks().keys()].sort());
  });

  it("fits the trained model and mostly uses its heads", () => {
    for (const s of sentences) {
      expect(s.words.length, s.id).toBeLessThanOrEqual(MAX_SENTENCE_WORDS);
      expect(s.words.every((w) => lookup.vectorOf(w) !== undefined), s.id).toBe(true);
      expect(s.heads.some((h) => h.modelHead !== null), s.id).toBe(true);
    }
  });

  it("gives every word of every sentence a hint written for it", () => {
    for (const c of pack) {
      if (c.scenario?.kind !== "sentence") continue;
      const raw = JSON.parse(readFileSync(c.file, "utf8")) as { hints: Record<string, string> };
      const { words } = c.scenario;
      const covered = new Set<number>();
      for (const ref of Object.keys(raw.hints)) {
        const { word, occurrence } = splitWordRef(ref);
        words.forEach((w, i) => {
          const nth = words.slice(0, i + 1).filter((x) => x === w).length;
          if (w === word && (occurrence === null || occurrence === nth)) covered.add(i);
        });
      }
      const missing = words.filter((_, i) => !covered.has(i));
      expect(missing, c.scenario.id).toEqual([]);
    }
  });

  it("lists every scenario with its kind, level and word count", () => {
    const list = listScenarios();
    expect(list.map((s) => s.id).sort()).toEqual(scenarios.map((s) => s.id).sort());
    expect(list.find((s) => s.id === "cat-on-the-mat")).toMatchObject({ kind: "sentence", level: "beginner", wordCount: 10 });
    expect(list.find((s) => s.id === "help-me-move")).toMatchObject({ kind: "party", wordCount: 0, questions: [] });
    expect(getScenario("no-such-scenario")).toBeUndefined();
  });
});

describe("the model's heads and the editors' schema", () => {
  it("asks the same four questions as the trained model", () => {
    expect([...MODEL_HEAD_QUESTIONS]).toEqual([...HEAD_QUESTIONS]);
  });

  it("publishes an up-to-date JSON Schema (regenerate with: npm run scenarios -- --schema)", () => {
    const committed = readFileSync(path.join(BUILT_IN_SCENARIO_DIR, SCENARIO_SCHEMA_FILE), "utf8");
    expect(committed).toBe(scenarioJsonSchemaText());
  });
});

describe("custom scenarios", () => {
  const custom = (overrides: Record<string, unknown>) =>
    JSON.stringify({
      id: "my-dog",
      title: "My dog",
      level: "beginner",
      kind: "sentence",
      summary: "An instructor's own sentence.",
      sentence: "The dog chased the cat because it was hungry.",
      heads: [{ question: "Which earlier word is this about?", key: { it: ["dog"] } }],
      ...overrides,
    });

  it("are checked like built-ins, then added, listed and removed", () => {
    const library = scenarioLibrary();
    const check = library.check(custom({}), lookup);
    expect(check.problems).toEqual([]);
    library.add(check.scenario!);
    expect(library.get("my-dog")).toMatchObject({ kind: "sentence", words: ["the", "dog", "chased", "the", "cat", "because", "it", "was", "hungry"] });
    expect(library.list().at(-1)?.id).toBe("my-dog");
    expect(library.remove("my-dog")).toBe(true);
    expect(library.get("my-dog")).toBeUndefined();
  });

  it("may not take a built-in id, use words GloVe lacks or name a missing deck", () => {
    const library = scenarioLibrary();
    expect(library.check(custom({ id: "cat-on-the-mat" }), lookup).problems.map(formatProblem)).toEqual([
      'id: "cat-on-the-mat" is the id of a built-in scenario; choose another',
    ]);
    expect(library.check(custom({ sentence: "The zorblax chased the dog because it was hungry." }), lookup).problems.map(formatProblem)).toEqual([
      'sentence: "zorblax" is not in the GloVe vocabulary, so the model cannot read it; use another word',
    ]);
    const party = JSON.stringify({ id: "my-party", title: "Party", level: "beginner", kind: "party", summary: "A party of my own.", brief: "Find your match.", deck: "circus" });
    expect(library.check(party).problems.map(formatProblem)).toEqual(['deck: no deck "circus" (decks: hospital, neighbourhood, school-trip, startup)']);
    expect(() => library.add(getScenario("cat-on-the-mat")!)).toThrow(/built in/);
  });
});
