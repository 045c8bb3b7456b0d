// A scenario: what the class plays in one round. Sentence scenarios turn the class into a sentence
// with an answer key per head (sentence and heads rounds); party scenarios pick a need/offer deck.
// This module holds the file format as authors write it (zod, also published as a JSON Schema for
// editors) and the resolved form the game uses, where every word is a position in the sentence.
import { z } from "zod";
import { PartyDeckSchema, type PartyDeck } from "./partyDeck.js";

/**
 * The trained model's four heads, in head order (server/model/corpus.ts HEAD_QUESTIONS; a test
 * keeps the two lists equal). A scenario head asking one of these exactly can be previewed with,
 * and played by, the trained model.
 */
export const MODEL_HEAD_QUESTIONS = [
  "Who did the action?",
  "Where did it happen?",
  "Positive or negative?",
  "Which earlier word is this about?",
] as const;

export const SCENARIO_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type ScenarioLevel = (typeof SCENARIO_LEVELS)[number];

export const SCENARIO_LIMITS = {
  /** A scenario file larger than this is refused before it is parsed (an inline deck is ~40 KB). */
  maxBytes: 256 * 1024,
  /** Enough for a large class's long sentence; the trained model itself takes up to 60. */
  maxWords: 40,
  minWords: 2,
  /** Colours on the projector stay told apart up to six heads. */
  maxHeads: 6,
  maxTargetsPerWord: 6,
  hint: 100,
  question: 80,
  /** Key weights must sum to 1 within this (authors write 0.33 + 0.33 + 0.34). */
  weightTolerance: 0.01,
} as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = (what: string) =>
  z
    .string()
    .min(2)
    .max(60)
    .regex(SLUG, `${what} must be lower-case words joined by dashes, e.g. "cat-on-the-mat"`);

/** "cat", or "the#2" for the second "the" when a word occurs more than once. */
export const WordRefSchema = z.string().min(1).max(60).describe('A word of the sentence: "cat", or "the#2" for the second "the" when the word repeats.');

/** Several targets as a list (any of them is right) or as weights that sum to 1. */
export const TargetsSchema = z.union([
  z.array(WordRefSchema).min(1).max(SCENARIO_LIMITS.maxTargetsPerWord).describe("Words to attend to; attention on any of them counts."),
  z
    .record(WordRefSchema, z.number().gt(0, "a share must be more than 0").max(1, "a share is at most 1"))
    .describe("Words to attend to with the share each should get; the shares sum to 1."),
]);

/** The hint the phone shows to whoever plays a word. */
export const HintSchema = z.string().trim().min(1).max(SCENARIO_LIMITS.hint);

export const HeadSchema = z
  .object({
    question: z
      .string({ required_error: 'a head needs a question, e.g. "Who did the action?"' })
      .trim()
      .min(1, 'a head needs a question, e.g. "Who did the action?"')
      .max(SCENARIO_LIMITS.question)
      .describe("The question this head asks. One of the trained model's four questions lets the model preview and play it."),
    key: z
      .record(WordRefSchema, TargetsSchema, { required_error: "a head needs an answer key" })
      .describe('For each word with a link in this head, the words it should attend to: { "it": ["cat"] }. Words left out have no link.'),
  })
  .strict();

const commonFields = {
  $schema: z.string().optional().describe("Path or URL of scenario.schema.json, for editors."),
  id: slug("id").describe("Unique id, lower-case with dashes."),
  title: z.string().trim().min(3).max(80),
  level: z.enum(SCENARIO_LEVELS).describe("Language level of the class the scenario suits."),
  summary: z.string().trim().min(10).max(240).describe("One or two lines for the instructor: what this scenario shows."),
};

export const SentenceScenarioFileSchema = z
  .object({
    ...commonFields,
    kind: z.literal("sentence"),
    sentence: z.string().trim().min(3).max(400).describe("The sentence. Words are what the model reads: lower case, punctuation dropped."),
    hints: z
      .record(WordRefSchema, HintSchema)
      .default({})
      .describe('A short hint per word for the student playing it; "the" covers every "the", "the#2" one of them.'),
    heads: z
      .array(HeadSchema)
      .min(1, "a sentence scenario needs at least one head")
      .max(SCENARIO_LIMITS.maxHeads)
      .describe("The heads, each with its question and answer key. The heads round has one team per head."),
  })
  .strict();

export const PartyScenarioFileSchema = z
  .object({
    ...commonFields,
    kind: z.literal("party"),
    brief: z.string().trim().min(10).max(400).describe("What the instructor reads out or the projector shows before the round."),
    deck: z
      .union([slug("deck").describe("Id of a deck in assets/decks"), PartyDeckSchema])
      .describe("The need/offer deck: the id of a built-in deck or a whole deck."),
  })
  .strict();

/** A scenario file as written by an author: structure only; scenarioCheck.ts checks the words. */
export const ScenarioFileSchema = z.discriminatedUnion("kind", [SentenceScenarioFileSchema, PartyScenarioFileSchema]);
export type ScenarioFile = z.infer<typeof ScenarioFileSchema>;
export type SentenceScenarioFile = z.infer<typeof SentenceScenarioFileSchema>;

/** One word the key points to and the share of attention it should get (shares sum to 1). */
export interface KeyTarget {
  position: number;
  weight: number;
}

/** What one word should attend to in one head. */
export interface WordKey {
  /** Empty when the word has no link in this head. */
  targets: KeyTarget[];
  /** The author gave shares (or heads were merged): attention should match them, not just land on the targets. */
  isWeighted: boolean;
}

export interface ScenarioHead {
  question: string;
  /** Index of the trained model's head asking the same question, null for a question of the author's own. */
  modelHead: number | null;
  /** [words.length] the key for each word, by position. */
  key: WordKey[];
}

interface ScenarioCommon {
  id: string;
  title: string;
  level: ScenarioLevel;
  summary: string;
}

export interface SentenceScenario extends ScenarioCommon {
  kind: "sentence";
  sentence: string;
  /** The sentence's words as the model reads them; a table seats one guest (or the model) per word. */
  words: string[];
  /** [words.length] the hint shown to whoever plays each word. */
  hints: string[];
  heads: ScenarioHead[];
}

export interface PartyScenario extends ScenarioCommon {
  kind: "party";
  brief: string;
  /** A built-in deck's id, or a deck of the scenario's own. */
  deck: string | PartyDeck;
}

export type Scenario = SentenceScenario | PartyScenario;

/** What the dashboard and the CLI list. */
export interface ScenarioSummary {
  id: string;
  title: string;
  level: ScenarioLevel;
  kind: Scenario["kind"];
  summary: string;
  /** Words in the sentence; 0 for a party scenario. */
  wordCount: number;
  /** Head questions; empty for a party scenario. */
  questions: string[];
}

export function summarizeScenario(scenario: Scenario): ScenarioSummary {
  const isSentence = scenario.kind === "sentence";
  return {
    id: scenario.id,
    title: scenario.title,
    level: scenario.level,
    kind: scenario.kind,
    summary: scenario.summary,
    wordCount: isSentence ? scenario.words.length : 0,
    questions: isSentence ? scenario.heads.map((h) => h.question) : [],
  };
}
