// Seeded generator of labelled sentences: templates from assets/corpus filled with words, and for
// every token and each of the four heads the index of the token it should attend to (0 = <s>).
import type { CorpusLists, CorpusPart, Noun, PronounClass, Split, Template, VerbFrame } from "./corpusLists.js";
import { createRandom, type Random } from "./random.js";

/** The four questions, one per head, in head order. The corpus links define what each means. */
export const HEAD_QUESTIONS = [
  "Who did the action?",
  "Where did it happen?",
  "Positive or negative?",
  "Which earlier word is this about?",
] as const;
export const HEAD_COUNT = HEAD_QUESTIONS.length;

/** The start token: first in every sentence, and where a word with no link for a head attends. */
export const START_TOKEN = "<s>";

export type TokenRole =
  | "start"
  | "person"
  | "animal"
  | "object"
  | "place"
  | "verb"
  | "adjective"
  | "pronoun"
  | "objectPronoun"
  | "be"
  | "other";

export interface LabeledSentence {
  templateId: string;
  /** Lower-case words, START_TOKEN first. */
  tokens: string[];
  /** [HEAD_COUNT][tokens.length]: targets[h][i] = the token index head h should attend to from i. */
  targets: number[][];
  /** [tokens.length] what each token is, for tests and per-class breakdowns. */
  roles: TokenRole[];
}

type NounKind = "person" | "animal" | "object" | "place";
type SlotKind = NounKind | "animate" | `verb.${VerbFrame}` | "adj" | "pronoun" | "pronoun.object" | "be";

interface Slot {
  name: string | null;
  kind: SlotKind;
  /** The slot this one links to: a verb's subject, an adjective's noun, a pronoun's antecedent, be's agreement. */
  target: string | null;
}
type TemplatePart = string | Slot;

/** A noun slot once filled. */
interface FilledNoun {
  word: string;
  /** The singular: "the queen … the queens" counts as the same noun twice. */
  lemma: string;
  kind: NounKind;
  isPlural: boolean;
  /** The pronoun that can refer to it, null if none can (places, singular people of unmarked gender). */
  pronounClass: PronounClass | null;
}

const SLOT = /^\{(?:(\w+):)?(person|animal|object|place|animate|verb\.(?:social|solo|handle)|adj|pronoun|pronoun\.object|be)(?:>(\w+))?\}$/;
const NEEDS_TARGET = new Set<string>(["verb.social", "verb.solo", "verb.handle", "adj", "pronoun", "pronoun.object", "be"]);
const NOUN_KINDS = new Set<string>(["person", "animal", "object", "place", "animate"]);
const PLURAL_PROBABILITY = 0.3;
const MAX_ATTEMPTS = 200;

/** Splits a template's text into literal words and slots; throws on a malformed slot or link. */
export function parseTemplate(template: Template): TemplatePart[] {
  const parts: TemplatePart[] = template.text.split(/\s+/).map((token) => {
    if (!token.startsWith("{")) return token;
    const m = SLOT.exec(token);
    if (!m) throw new Error(`template ${template.id}: bad slot ${token}`);
    return { name: m[1] ?? null, kind: m[2] as SlotKind, target: m[3] ?? null };
  });
  const slots = parts.filter((p): p is Slot => typeof p !== "string");
  const names = new Set(slots.map((s) => s.name).filter((n) => n !== null));
  for (const slot of slots) {
    if (NEEDS_TARGET.has(slot.kind) !== (slot.target !== null)) throw new Error(`template ${template.id}: ${slot.kind} link`);
    if (slot.target !== null && !names.has(slot.target)) throw new Error(`template ${template.id}: unknown slot ${slot.target}`);
  }
  if (slots.filter((s) => s.kind === "place").length > 1) throw new Error(`template ${template.id}: more than one place`);
  return parts;
}

function pronounClassOf(kind: NounKind, isPlural: boolean, gender?: "f" | "m" | "n"): PronounClass | null {
  if (kind === "place") return null;
  if (isPlural) return "plural";
  if (kind === "person") return gender === "f" ? "female" : gender === "m" ? "male" : null;
  return "thing";
}

export class SentenceGenerator {
  private readonly random: Random;
  private readonly words: CorpusPart;
  private readonly templates: Array<{ id: string; parts: TemplatePart[] }>;

  /** Templates come from `templates`' split, words from `words`' split (the accuracy table uses heldOut for both). */
  constructor(
    private readonly lists: CorpusLists,
    split: { templates: Split; words: Split },
    seed: number,
  ) {
    this.random = createRandom(seed);
    this.templates = lists[split.templates].templates.map((t) => ({ id: t.id, parts: parseTemplate(t) }));
    this.words = lists[split.words];
  }

  next(): LabeledSentence {
    const template = this.random.pick(this.templates);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const sentence = this.tryFill(template.id, template.parts);
      if (sentence) return sentence;
    }
    throw new Error(`template ${template.id}: no decidable filling found in ${MAX_ATTEMPTS} attempts`);
  }

  batch(count: number): LabeledSentence[] {
    return Array.from({ length: count }, () => this.next());
  }

  /** One random filling, or null when it breaks a rule (a pronoun with two candidates, a repeated word). */
  private tryFill(templateId: string, parts: TemplatePart[]): LabeledSentence | null {
    const slots = parts.filter((p): p is Slot => typeof p !== "string");
    const antecedents = new Set(slots.filter((s) => s.kind.startsWith("pronoun")).map((s) => s.target!));
    const nouns = new Map<string, FilledNoun>();
    for (const slot of slots) {
      if (!NOUN_KINDS.has(slot.kind)) continue;
      nouns.set(slot.name!, this.pickNoun(slot.kind as NounKind | "animate", antecedents.has(slot.name!)));
    }
    const lemmas = [...nouns.values()].map((n) => n.lemma);
    if (new Set(lemmas).size !== lemmas.length) return null;
    // A pronoun is decidable from its own word only if exactly one noun in the sentence fits it.
    const pronounClass = new Map<string, PronounClass>();
    for (const slot of slots.filter((s) => s.kind.startsWith("pronoun"))) {
      const antecedent = nouns.get(slot.target!)!;
      const fitting = [...nouns.values()].filter((n) => n.pronounClass === antecedent.pronounClass);
      if (antecedent.pronounClass === null || fitting.length !== 1) return null;
      pronounClass.set(slot.name!, antecedent.pronounClass);
    }
    const targetOf = new Map(slots.filter((s) => s.name !== null).map((s) => [s.name!, s.target]));
    /** The noun a slot stands for: itself, or a pronoun's antecedent. */
    const referent = (name: string): FilledNoun => nouns.get(name) ?? nouns.get(targetOf.get(name)!)!;

    const tokens = [START_TOKEN];
    const roles: TokenRole[] = ["start"];
    const indexOfSlot = new Map<string, number>();
    const linkedSlots: Array<{ slot: Slot; index: number }> = [];
    const used = new Set<string>();
    const opener = this.random.pick(this.lists.openers);
    const closer = this.random.pick(this.lists.closers);
    for (const part of [...opener, ...parts, ...closer]) {
      const index = tokens.length;
      if (typeof part === "string") {
        tokens.push(part);
        roles.push("other");
        continue;
      }
      const { word, role } = this.fillSlot(part, nouns, pronounClass, referent, used);
      if (used.has(word)) return null;
      if (role !== "be" && role !== "other") used.add(word);
      tokens.push(word);
      roles.push(role);
      if (part.name) indexOfSlot.set(part.name, index);
      linkedSlots.push({ slot: part, index });
    }
    return { templateId, tokens, roles, targets: this.links(tokens.length, linkedSlots, indexOfSlot) };
  }

  private fillSlot(
    slot: Slot,
    nouns: Map<string, FilledNoun>,
    pronounClass: Map<string, PronounClass>,
    referent: (name: string) => FilledNoun,
    used: Set<string>,
  ): { word: string; role: TokenRole } {
    const { pronouns } = this.lists;
    if (slot.kind === "pronoun") return { word: pronouns.subject[pronounClass.get(slot.name!)!], role: "pronoun" };
    if (slot.kind === "pronoun.object") return { word: pronouns.object[pronounClass.get(slot.name!)!], role: "objectPronoun" };
    if (slot.kind === "be") {
      const isPlural = pronounClass.get(slot.target!) === "plural" || (nouns.get(slot.target!)?.isPlural ?? false);
      return { word: isPlural ? pronouns.be.plural : pronouns.be.singular, role: "be" };
    }
    if (slot.kind === "adj") {
      const about = referent(slot.target!);
      const fits = about.kind === "person" || about.kind === "animal" ? "animate" : "thing";
      const choices = this.words.adjectives.filter((a) => a.for === fits && !used.has(a.word));
      return { word: this.random.pick(choices).word, role: "adjective" };
    }
    if (slot.kind.startsWith("verb.")) {
      const frame = slot.kind.slice("verb.".length);
      const choices = this.words.verbs.filter((v) => v.frame === frame && !used.has(v.word));
      return { word: this.random.pick(choices).word, role: "verb" };
    }
    const noun = nouns.get(slot.name!)!;
    return { word: noun.word, role: noun.kind };
  }

  private pickNoun(kind: NounKind | "animate", isAntecedent: boolean): FilledNoun {
    const w = this.words;
    const concrete: NounKind = kind === "animate" ? (this.random.next() < 0.5 ? "person" : "animal") : kind;
    if (concrete === "place") {
      const place = this.random.pick(w.places);
      return { word: place, lemma: place, kind: "place", isPlural: false, pronounClass: null };
    }
    const isPlural = this.random.next() < PLURAL_PROBABILITY;
    if (concrete === "person") {
      // An antecedent must be something a pronoun can name: a gendered singular or any plural.
      const pool = isAntecedent && !isPlural ? w.people.filter((p) => p.gender !== "n") : w.people;
      const person = this.random.pick(pool);
      const pronounClass = pronounClassOf("person", isPlural, person.gender);
      return { word: isPlural ? person.pl : person.sg, lemma: person.sg, kind: "person", isPlural, pronounClass };
    }
    const noun: Noun = this.random.pick(concrete === "animal" ? w.animals : w.objects);
    return { word: isPlural ? noun.pl : noun.sg, lemma: noun.sg, kind: concrete, isPlural, pronounClass: pronounClassOf(concrete, isPlural) };
  }

  /** The four heads' targets from the filled slots; everything not linked attends to <s> (index 0). */
  private links(length: number, filled: Array<{ slot: Slot; index: number }>, at: Map<string, number>): number[][] {
    const targets = Array.from({ length: HEAD_COUNT }, () => new Array<number>(length).fill(0));
    const place = filled.find((f) => f.slot.kind === "place");
    for (const { slot, index } of filled) {
      if (slot.kind.startsWith("verb.")) {
        targets[0][index] = at.get(slot.target!)!; // who did it: the verb's subject
        if (place) targets[1][index] = place.index; // where: the sentence's one place
      } else if (slot.kind === "adj") {
        targets[2][at.get(slot.target!)!] = index; // the noun or pronoun attends to the adjective about it
      } else if (slot.kind === "pronoun" || slot.kind === "pronoun.object") {
        targets[3][index] = at.get(slot.target!)!; // the pronoun attends to its antecedent
      }
    }
    return targets;
  }
}
