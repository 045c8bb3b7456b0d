import { describe, expect, it } from "vitest";
import { HEAD_COUNT, SentenceGenerator, START_TOKEN, parseTemplate, type LabeledSentence } from "../../../server/model/corpus.js";
import { loadCorpusLists, partWords, type CorpusLists, type CorpusPart, type PronounClass } from "../../../server/model/corpusLists.js";
import { loadWordLookup } from "../../../server/model/wordVectors.js";

const lists = loadCorpusLists();

/** A corpus with one template and as few words as make each sentence come out the same every time. */
function tinyCorpus(text: string, part: Partial<CorpusPart>): CorpusLists {
  const base: CorpusPart = { people: [], animals: [], objects: [], places: [], verbs: [], adjectives: [], templates: [{ id: "t", text }] };
  const filled = { ...base, ...part };
  return { train: filled, heldOut: filled, pronouns: lists.pronouns, openers: [[]], closers: [[]] };
}

/** "word→target" for every linked token of a head: a readable form of the targets. */
function links(sentence: LabeledSentence, head: number): string[] {
  return sentence.targets[head].flatMap((j, i) => (j === 0 ? [] : [`${sentence.tokens[i]}→${sentence.tokens[j]}`]));
}

describe("hand-checked sentences", () => {
  it("labels the design's example: subject, place, sentiment of the pronoun, antecedent by gender", () => {
    const corpus = tinyCorpus("the {A:person} {V:verb.social>A} the {B:person} in the {L:place} because {P:pronoun>A} {be>P} {J:adj>P}", {
      people: [
        { sg: "queen", pl: "queens", gender: "f" },
        { sg: "farmer", pl: "farmers", gender: "n" },
      ],
      places: ["garden"],
      verbs: [{ word: "thanked", frame: "social" }],
      adjectives: [{ word: "happy", sentiment: "positive", for: "animate" }],
    });
    // The queen must be the antecedent (farmer has no pronoun) and stay singular for "she"; the
    // farmer may come out plural, which changes nothing else.
    for (const s of new SentenceGenerator(corpus, { templates: "train", words: "train" }, 3).batch(20)) {
      if (s.tokens[2] !== "queen") continue;
      expect(s.tokens.join(" ")).toMatch(/^<s> the queen thanked the farmers? in the garden because she was happy$/);
      expect(links(s, 0)).toEqual(["thanked→queen"]);
      expect(links(s, 1)).toEqual(["thanked→garden"]);
      expect(links(s, 2)).toEqual(["she→happy"]);
      expect(links(s, 3)).toEqual(["she→queen"]);
      expect(s.roles[0]).toBe("start");
    }
  });

  it("links an attributive adjective to the noun after it and an object pronoun to the only plural noun", () => {
    const corpus = tinyCorpus("the {A:person} {be>A} {J:adj>A} because the {J2:adj>B} {B:animal} {V:verb.social>B} {P:pronoun.object>A}", {
      people: [{ sg: "king", pl: "kings", gender: "m" }],
      animals: [{ sg: "dog", pl: "dogs" }],
      verbs: [{ word: "chased", frame: "social" }],
      adjectives: [
        { word: "angry", sentiment: "negative", for: "animate" },
        { word: "cruel", sentiment: "negative", for: "animate" },
      ],
    });
    const sentences = new SentenceGenerator(corpus, { templates: "train", words: "train" }, 5).batch(40);
    const plural = sentences.find((s) => s.tokens.includes("them"))!;
    expect(plural.tokens.slice(0, 3)).toEqual(["<s>", "the", "kings"]);
    expect(plural.tokens).toContain("were");
    expect(plural.tokens).toContain("dog"); // "them" must have one candidate: the dog stays singular
    expect(links(plural, 3)).toEqual(["them→kings"]);
    expect(links(plural, 0)).toEqual(["chased→dog"]);
    expect(links(plural, 1)).toEqual([]); // no place: the verb rests on <s>
    const adjectives = links(plural, 2);
    expect(adjectives).toHaveLength(2);
    expect(adjectives[0]).toMatch(/^kings→(angry|cruel)$/);
    expect(adjectives[1]).toMatch(/^dog→(angry|cruel)$/);
    const singular = sentences.find((s) => s.tokens.includes("him"))!;
    expect(links(singular, 3)).toEqual(["him→king"]);
  });

  it("rejects malformed templates", () => {
    expect(() => parseTemplate({ id: "x", text: "the {A:person} {V:verb.social}" })).toThrow(/link/);
    expect(() => parseTemplate({ id: "x", text: "the {A:person} {V:verb.social>Z}" })).toThrow(/unknown slot/);
    expect(() => parseTemplate({ id: "x", text: "{L:place} {M:place}" })).toThrow(/more than one place/);
    expect(() => parseTemplate({ id: "x", text: "the {A:robot}" })).toThrow(/bad slot/);
  });
});

/** Pronoun class of every noun form in the lists (null: no pronoun can name it). */
function pronounClasses(): Map<string, PronounClass | null> {
  const classes = new Map<string, PronounClass | null>();
  for (const part of [lists.train, lists.heldOut]) {
    for (const p of part.people) {
      classes.set(p.sg, p.gender === "f" ? "female" : p.gender === "m" ? "male" : null);
      classes.set(p.pl, "plural");
    }
    for (const n of [...part.animals, ...part.objects]) {
      classes.set(n.sg, "thing");
      classes.set(n.pl, "plural");
    }
    for (const place of part.places) classes.set(place, null);
  }
  return classes;
}

function pronounClassOfForm(word: string): PronounClass {
  for (const forms of [lists.pronouns.subject, lists.pronouns.object]) {
    const found = (Object.keys(forms) as PronounClass[]).find((c) => forms[c] === word);
    if (found) return found;
  }
  throw new Error(`not a pronoun: ${word}`);
}

describe("every generated sentence follows the rules a single attention layer can decide", () => {
  const classes = pronounClasses();
  const sentences = ["train", "heldOut"].flatMap((split) =>
    new SentenceGenerator(lists, { templates: split as "train", words: split as "train" }, 11).batch(1500),
  );
  const isNoun = (role: string) => ["person", "animal", "object", "place"].includes(role);

  it("starts with <s>, and every target is a token of the sentence", () => {
    for (const s of sentences) {
      expect(s.tokens[0]).toBe(START_TOKEN);
      expect(s.targets).toHaveLength(HEAD_COUNT);
      for (const row of s.targets) expect(row.every((j) => j >= 0 && j < s.tokens.length)).toBe(true);
    }
  });

  it("head 1: a verb attends to the nearest earlier person, animal or subject pronoun", () => {
    for (const s of sentences) {
      s.targets[0].forEach((target, i) => {
        if (s.roles[i] !== "verb") return expect(target).toBe(0);
        let nearest = i - 1;
        while (!["person", "animal", "pronoun"].includes(s.roles[nearest])) nearest--;
        expect(target, s.tokens.join(" ")).toBe(nearest);
      });
    }
  });

  it("head 2: a verb attends to the sentence's one place, or rests on <s> when there is none", () => {
    for (const s of sentences) {
      const place = s.roles.indexOf("place");
      s.targets[1].forEach((target, i) => expect(target).toBe(s.roles[i] === "verb" && place > 0 ? place : 0));
    }
  });

  it("head 3: only adjectives just before a noun, or two after it across was/were, are linked — all of them", () => {
    for (const s of sentences) {
      s.targets[2].forEach((target, i) => {
        const before = s.roles[i - 1] === "adjective" ? i - 1 : 0;
        const after = s.roles[i + 1] === "be" && s.roles[i + 2] === "adjective" ? i + 2 : 0;
        const canDescribe = isNoun(s.roles[i]) || s.roles[i] === "pronoun" || s.roles[i] === "objectPronoun";
        expect(target, `${s.tokens.join(" ")} @${i}`).toBe(canDescribe ? before || after : 0);
      });
    }
  });

  it("head 4: a pronoun attends to the only earlier noun its form fits (gender, number, animacy)", () => {
    for (const s of sentences) {
      s.targets[3].forEach((target, i) => {
        if (s.roles[i] !== "pronoun" && s.roles[i] !== "objectPronoun") return expect(target).toBe(0);
        const wanted = pronounClassOfForm(s.tokens[i]);
        const fitting = s.tokens.flatMap((word, j) => (isNoun(s.roles[j]) && classes.get(word) === wanted ? [j] : []));
        expect(fitting, s.tokens.join(" ")).toEqual([target]);
        expect(target).toBeLessThan(i);
      });
    }
  });
});

describe("held-out split", () => {
  it("shares no word between the training and held-out vocabularies", () => {
    const train = new Set(partWords(lists.train));
    expect(partWords(lists.heldOut).filter((w) => train.has(w))).toEqual([]);
  });

  it("never puts a held-out word or template in a training sentence", () => {
    const heldOutWords = new Set(partWords(lists.heldOut));
    const heldOutTemplates = new Set(lists.heldOut.templates.map((t) => t.id));
    const sentences = new SentenceGenerator(lists, { templates: "train", words: "train" }, 99).batch(5000);
    for (const s of sentences) {
      expect(heldOutTemplates.has(s.templateId)).toBe(false);
      expect(s.tokens.filter((t) => heldOutWords.has(t))).toEqual([]);
    }
    // ...and the held-out test sentences really do use held-out words.
    const test = new SentenceGenerator(lists, { templates: "heldOut", words: "heldOut" }, 99).batch(200);
    expect(test.every((s) => s.tokens.some((t) => heldOutWords.has(t)))).toBe(true);
  });

  it("has at least 20 training templates and vectors for every word", () => {
    expect(lists.train.templates.length).toBeGreaterThanOrEqual(20);
    const lookup = loadWordLookup();
    const literals = [...lists.train.templates, ...lists.heldOut.templates].flatMap((t) =>
      parseTemplate(t).filter((p): p is string => typeof p === "string"),
    );
    const pronouns = [lists.pronouns.subject, lists.pronouns.object, lists.pronouns.be].flatMap((f) => Object.values(f));
    const all = [...partWords(lists.train), ...partWords(lists.heldOut), ...literals, ...pronouns, ...lists.openers.flat(), ...lists.closers.flat()];
    expect(all.filter((w) => lookup.vectorOf(w) === undefined)).toEqual([]);
  });
});
