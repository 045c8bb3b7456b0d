// Reading a scenario: words become positions, and every kind of bad input gives one clear line
// naming the field, the word and why — never an exception.
import { describe, expect, it } from "vitest";
import { SCENARIO_LIMITS, type SentenceScenario } from "../../shared/scenario.js";
import { checkScenario, checkScenarioText, formatPath, formatProblem } from "../../shared/scenarioCheck.js";
import { resolveWordRef, sentenceWords, wordRefOf } from "../../shared/scenarioWords.js";

const CAT = "The cat sat on the mat because it was tired.";

function sentenceScenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "test-cat",
    title: "Test cat",
    level: "beginner",
    kind: "sentence",
    summary: "A scenario made up for a test.",
    sentence: CAT,
    heads: [
      { question: "Who did the action?", key: { sat: ["cat"] } },
      { question: "Which earlier word is this about?", key: { it: ["cat"] } },
    ],
    ...overrides,
  };
}

function withKey(key: unknown): Record<string, unknown> {
  return sentenceScenario({ heads: [{ question: "Who did the action?", key }] });
}

/** The problem lines of a check, as the CLI prints them. */
function problemLines(raw: unknown): string[] {
  return checkScenario(raw).problems.map(formatProblem);
}

function resolved(raw: unknown): SentenceScenario {
  const check = checkScenario(raw);
  expect(check.problems).toEqual([]);
  if (check.scenario?.kind !== "sentence") throw new Error("expected a sentence scenario");
  return check.scenario;
}

describe("words of a sentence", () => {
  it("are the model's tokens: lower case, punctuation dropped, repeats kept", () => {
    expect(sentenceWords(CAT)).toEqual(["the", "cat", "sat", "on", "the", "mat", "because", "it", "was", "tired"]);
    expect(sentenceWords("The trophy didn't fit.")).toEqual(["the", "trophy", "didn't", "fit"]);
  });

  it("are named by their text, with #n only for a repeated word", () => {
    const words = sentenceWords(CAT);
    expect(resolveWordRef(words, "cat")).toEqual({ position: 1 });
    expect(resolveWordRef(words, "Cat")).toEqual({ position: 1 });
    expect(resolveWordRef(words, "the#2")).toEqual({ position: 4 });
    expect(resolveWordRef(words, "cat#1")).toEqual({ position: 1 });
    expect(wordRefOf(words, 4)).toBe("the#2");
    expect(wordRefOf(words, 5)).toBe("mat");
  });
});

describe("a valid sentence scenario", () => {
  it("resolves keys to positions with equal shares for a list", () => {
    const scenario = resolved(sentenceScenario({ heads: [{ question: "Who did the action?", key: { sat: ["cat", "the#1"] } }] }));
    expect(scenario.words).toHaveLength(10);
    expect(scenario.heads[0].modelHead).toBe(0);
    expect(scenario.heads[0].key[2]).toEqual({ targets: [{ position: 1, weight: 0.5 }, { position: 0, weight: 0.5 }], isWeighted: false });
    expect(scenario.heads[0].key[7]).toEqual({ targets: [], isWeighted: false });
  });

  it("keeps the author's shares, made exact when they are within the tolerance", () => {
    const scenario = resolved(withKey({ it: { cat: 0.33, mat: 0.33, "the#2": 0.33 } }));
    const weights = scenario.heads[0].key[7].targets.map((t) => t.weight);
    expect(scenario.heads[0].key[7].isWeighted).toBe(true);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(weights[0]).toBeCloseTo(1 / 3, 12);
  });

  it("marks a question of the author's own as no model head", () => {
    const scenario = resolved(sentenceScenario({ heads: [{ question: "What tells you what this word means?", key: { mat: ["sat"] } }] }));
    expect(scenario.heads[0].modelHead).toBeNull();
  });

  it("gives every word a hint: a plain word covers all its occurrences, #n overrides one", () => {
    const scenario = resolved(sentenceScenario({ hints: { "the#2": "Point at the mat.", the: "Point at a noun.", it: "Find your word." } }));
    expect(scenario.hints[0]).toBe("Point at a noun.");
    expect(scenario.hints[4]).toBe("Point at the mat.");
    expect(scenario.hints[7]).toBe("Find your word.");
    expect(scenario.hints[1]).toContain('"cat"');
  });

  it("reads a party scenario with a deck id", () => {
    const check = checkScenario({ id: "move", title: "Move", level: "beginner", kind: "party", summary: "Someone needs help.", brief: "Who can help me move?", deck: "neighbourhood" });
    expect(check.problems).toEqual([]);
    expect(check.scenario).toMatchObject({ kind: "party", deck: "neighbourhood" });
  });
});

describe("bad scenarios: one line per problem naming the field", () => {
  it("a key naming a word that is not in the sentence", () => {
    expect(problemLines(withKey({ sat: ["dog"] }))).toEqual([
      'heads[0].key.sat[0]: "dog" is not a word of the sentence (its words: the, cat, sat, on, the, mat, because, it, was, tired)',
    ]);
    expect(problemLines(withKey({ barked: ["cat"] }))[0]).toMatch(/^heads\[0\]\.key\.barked: "barked" is not a word of the sentence/);
  });

  it("a repeated word without #n, and an occurrence that does not exist", () => {
    expect(problemLines(withKey({ sat: ["the"] }))).toEqual(['heads[0].key.sat[0]: "the" occurs 2 times in the sentence; write "the#1" or "the#2"']);
    expect(problemLines(withKey({ "the#3": ["mat"] }))).toEqual(['heads[0].key.the#3: "the#3": "the" occurs only 2 times in the sentence']);
  });

  it("a head without a question, or with an empty one", () => {
    expect(problemLines(sentenceScenario({ heads: [{ key: { sat: ["cat"] } }] }))).toEqual([
      'heads[0].question: a head needs a question, e.g. "Who did the action?"',
    ]);
    expect(problemLines(sentenceScenario({ heads: [{ question: "  ", key: { sat: ["cat"] } }] }))).toEqual([
      'heads[0].question: a head needs a question, e.g. "Who did the action?"',
    ]);
  });

  it("shares that do not sum to 1, or are out of range", () => {
    expect(problemLines(withKey({ it: { cat: 0.5, mat: 0.3 } }))).toEqual(["heads[0].key.it: the shares sum to 0.8; they must sum to 1"]);
    expect(problemLines(withKey({ it: { cat: 1.5 } }))).toEqual(["heads[0].key.it.cat: a share is at most 1"]);
  });

  it("a word as its own target, a target named twice, a word given twice", () => {
    expect(problemLines(withKey({ cat: ["cat"] }))).toEqual([
      'heads[0].key.cat[0]: "cat" cannot be its own target; the key names the other words it needs',
    ]);
    expect(problemLines(withKey({ it: ["cat", "Cat"] }))).toEqual(['heads[0].key.it[1]: "Cat" is named twice as a target of "it"']);
    expect(problemLines(withKey({ it: ["cat"], "it#1": ["mat"] }))).toEqual([
      'heads[0].key.it#1: "it#1" is the same word as "it", which this key already gives',
    ]);
  });

  it("a head with no links, two heads with one question, targets of the wrong type", () => {
    expect(problemLines(withKey({}))).toEqual(['heads[0].key: no word has a link in this head; give at least one, e.g. "it": ["cat"]']);
    const twice = sentenceScenario({
      heads: [
        { question: "Who did the action?", key: { sat: ["cat"] } },
        { question: "who did the action?", key: { it: ["cat"] } },
      ],
    });
    expect(problemLines(twice)).toEqual(['heads[1].question: "who did the action?" is already the question of heads[0]']);
    expect(problemLines(withKey({ it: "cat" }))).toEqual(['heads[0].key.it: must be a list of words such as ["cat"] or shares such as {"cat": 0.7, "mat": 0.3}']);
  });

  it("hints for words that are not there", () => {
    expect(problemLines(sentenceScenario({ hints: { dog: "Woof." } }))[0]).toMatch(/^hints\.dog: "dog" is not a word of the sentence/);
  });

  it("sentences too short or too long", () => {
    expect(problemLines(sentenceScenario({ sentence: "Hello!!", heads: [{ question: "Q?", key: { hello: ["hello"] } }] }))).toContain(
      "sentence: has 1 word(s); a sentence scenario needs at least 2",
    );
    const long = Array.from({ length: SCENARIO_LIMITS.maxWords + 1 }, (_, i) => `w${i}`).join(" ");
    expect(problemLines(sentenceScenario({ sentence: long, heads: [{ question: "Q?", key: { w1: ["w0"] } }] }))).toEqual([
      `sentence: has ${SCENARIO_LIMITS.maxWords + 1} words; at most ${SCENARIO_LIMITS.maxWords}`,
    ]);
  });

  it("missing or wrong fields, an unknown kind, an id that is not a slug, a bad deck", () => {
    expect(problemLines({ ...sentenceScenario(), kind: "quiz" })).toEqual(['kind: must be "sentence" or "party"']);
    expect(problemLines({ ...sentenceScenario(), id: "Cat On Mat" })[0]).toBe('id: id must be lower-case words joined by dashes, e.g. "cat-on-the-mat"');
    const { title: _title, ...untitled } = sentenceScenario();
    expect(problemLines(untitled)).toEqual(["title: is missing (expected a string)"]);
    expect(problemLines({ ...sentenceScenario(), colour: "red" })[0]).toMatch(/Unrecognized key.*colour/);
    const party = { id: "party-test", title: "Party", level: "beginner", kind: "party", summary: "A party for a test.", brief: "Who can help me move?" };
    expect(problemLines({ ...party, deck: 42 })).toEqual(['deck: must be a deck id such as "neighbourhood" or a whole deck {id, title, items}']);
    expect(problemLines({ ...party, deck: { id: "mine", title: "Mine", items: [] } })).toEqual(["deck.items: Array must contain at least 40 element(s)"]);
  });

  it("text that is not JSON, not an object, or too large — refused before parsing", () => {
    expect(checkScenarioText("not json {").problems[0].message).toMatch(/^not valid JSON \(/);
    expect(checkScenarioText("[1, 2]").problems.map(formatProblem)).toEqual(["a scenario is a JSON object with id, title, level, kind, …"]);
    expect(checkScenarioText("null").scenario).toBeNull();
    const tenMegabytes = `{"id": "${"x".repeat(10 * 1024 * 1024)}"}`;
    expect(checkScenarioText(tenMegabytes).problems.map(formatProblem)).toEqual(["the file is 10.0 MB; a scenario may be at most 256 KB, so it was not read"]);
    expect(checkScenarioText(JSON.stringify(sentenceScenario())).problems).toEqual([]);
  });

  it("reports every problem at once: a structural mistake does not hide the words' problems", () => {
    const { summary: _summary, ...noSummary } = sentenceScenario({
      hints: { dog: "Woof.", cat: 42 },
      heads: [
        { question: "Who did the action?", key: { sat: ["dog"], it: "cat", was: { cat: 0.5, mat: 0.3 } } },
        { question: "", key: { the: ["mat"] } },
        { question: "who did the action?", key: { it: ["cat"] } },
      ],
    });
    const check = checkScenario(noSummary);
    expect(check.scenario).toBeNull();
    expect(check.problems.map(formatProblem).sort()).toEqual(
      [
        "summary: is missing (expected a string)",
        "hints.cat: Expected string, received number",
        'hints.dog: "dog" is not a word of the sentence (its words: the, cat, sat, on, the, mat, because, it, was, tired)',
        'heads[0].key.sat[0]: "dog" is not a word of the sentence (its words: the, cat, sat, on, the, mat, because, it, was, tired)',
        'heads[0].key.it: must be a list of words such as ["cat"] or shares such as {"cat": 0.7, "mat": 0.3}',
        "heads[0].key.was: the shares sum to 0.8; they must sum to 1",
        'heads[1].question: a head needs a question, e.g. "Who did the action?"',
        'heads[1].key.the: "the" occurs 2 times in the sentence; write "the#1" or "the#2"',
        'heads[2].question: "who did the action?" is already the question of heads[0]',
      ].sort(),
    );
    // What could be read goes on to the server's checks (vocabulary, ids).
    expect(check.parts).toMatchObject({ id: "test-cat", kind: "sentence", words: sentenceWords(CAT) });
  });

  it("keeps going past a malformed sentence, but has no words to check the keys against", () => {
    const check = checkScenario({ ...sentenceScenario({ sentence: 7 }), id: "Not A Slug" });
    expect(check.problems.map((p) => p.path).sort()).toEqual(["id", "sentence"]);
    expect(check.parts).toMatchObject({ id: null, kind: "sentence", sentence: null, words: null });
  });

  it("formats odd keys so the path still reads", () => {
    expect(formatPath(["heads", 0, "key", "it"])).toBe("heads[0].key.it");
    expect(formatPath(["hints", "two words"])).toBe('hints["two words"]');
  });
});
