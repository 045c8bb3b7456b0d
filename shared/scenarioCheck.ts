// Reads a scenario an author wrote (built-in file, pasted JSON, upload) into the resolved form the
// game plays, or into problems that each name the field, the word and why — the same checks on the
// dashboard, in the CLI and on the server. Every problem is found in one pass: a structural mistake
// (a missing summary) does not hide a word the key names wrongly, and `parts` carries what could be
// read so the server's own checks (vocabulary, ids, decks) run too. Never throws on bad input.
import type { z } from "zod";
import {
  HeadSchema,
  HintSchema,
  SCENARIO_LIMITS,
  MODEL_HEAD_QUESTIONS,
  ScenarioFileSchema,
  SentenceScenarioFileSchema,
  TargetsSchema,
  WordRefSchema,
  type KeyTarget,
  type Scenario,
  type ScenarioHead,
  type WordKey,
} from "./scenario.js";
import { resolveWordRef, sentenceWords, splitWordRef, wordRefOf } from "./scenarioWords.js";

export interface ScenarioProblem {
  /** Where in the file: "heads[1].key.it", "sentence", "" for the file as a whole. */
  path: string;
  message: string;
}

/**
 * What could be read of a scenario whatever its problems, for the checks that come after the
 * shared ones (the vocabulary, a built-in's id, a deck on this server). Null: absent or malformed
 * (that is already a problem of its own).
 */
export interface ScenarioParts {
  id: string | null;
  kind: Scenario["kind"] | null;
  /** A sentence scenario's sentence, when it is a string of the allowed length. */
  sentence: string | null;
  /** The sentence's words, when their number is within the limits. */
  words: string[] | null;
  /** A party scenario's deck when given as an id (an inline deck is checked by the schema). */
  deckId: string | null;
}

export type ScenarioCheck =
  | { scenario: Scenario; problems: []; parts: ScenarioParts }
  | { scenario: null; problems: ScenarioProblem[]; parts: ScenarioParts };

const NO_PARTS: ScenarioParts = { id: null, kind: null, sentence: null, words: null, deckId: null };

/** One line per problem, as the CLI and the dashboard print them. */
export function formatProblem(problem: ScenarioProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** ["heads", 1, "key", "it"] → "heads[1].key.it"; odd keys are quoted. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((parent, part) => childPath(parent, part), "");
}

function childPath(parent: string, part: string | number): string {
  if (typeof part === "number") return `${parent}[${part}]`;
  if (/^[\p{L}\p{N}_$'’#-]+$/u.test(part)) return parent ? `${parent}.${part}` : part;
  return `${parent}[${JSON.stringify(part)}]`;
}

const fail = (problems: ScenarioProblem[], parts: ScenarioParts = NO_PARTS): ScenarioCheck => ({ scenario: null, problems, parts });

/** Text of a file or a paste: refused by size before parsing, then JSON, then checkScenario. */
export function checkScenarioText(text: string): ScenarioCheck {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > SCENARIO_LIMITS.maxBytes) {
    return fail([{ path: "", message: tooLargeMessage(bytes) }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail([{ path: "", message: `not valid JSON (${reason})` }]);
  }
  return checkScenario(raw);
}

export function tooLargeMessage(bytes: number): string {
  const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
  return `the file is ${size(bytes)}; a scenario may be at most ${size(SCENARIO_LIMITS.maxBytes)}, so it was not read`;
}

/** A parsed JSON value → the resolved scenario, or every problem found. */
export function checkScenario(raw: unknown): ScenarioCheck {
  if (!isPlainObject(raw)) {
    return fail([{ path: "", message: "a scenario is a JSON object with id, title, level, kind, …" }]);
  }
  const parts = readParts(raw);
  const parsed = ScenarioFileSchema.safeParse(raw);
  if (!parsed.success) {
    // The structure is wrong somewhere; the words of whatever is well formed are still checked.
    const problems = zodProblems(parsed.error.issues);
    const sentenceParts = parts.kind === "sentence" ? readSentenceParts(raw) : null;
    if (sentenceParts) resolveSentenceScenario(sentenceParts, problems);
    return fail(problems, parts);
  }
  const file = parsed.data;
  const common = { id: file.id, title: file.title, level: file.level, summary: file.summary };
  if (file.kind === "party") return { scenario: { ...common, kind: "party", brief: file.brief, deck: file.deck }, problems: [], parts };
  const problems: ScenarioProblem[] = [];
  const scenario = resolveSentenceScenario(file, problems);
  return problems.length ? fail(problems, parts) : { scenario: { ...common, ...scenario }, problems: [], parts };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readParts(raw: Record<string, unknown>): ScenarioParts {
  const id = SentenceScenarioFileSchema.shape.id.safeParse(raw.id);
  const kind = raw.kind === "sentence" || raw.kind === "party" ? raw.kind : null;
  const sentence = kind === "sentence" ? SentenceScenarioFileSchema.shape.sentence.safeParse(raw.sentence) : null;
  const words = sentence?.success ? sentenceWords(sentence.data) : null;
  const isWordCountOk = words !== null && words.length >= SCENARIO_LIMITS.minWords && words.length <= SCENARIO_LIMITS.maxWords;
  const deckId = kind === "party" && typeof raw.deck === "string" ? SentenceScenarioFileSchema.shape.id.safeParse(raw.deck) : null;
  return {
    id: id.success ? id.data : null,
    kind,
    sentence: sentence?.success ? sentence.data : null,
    words: isWordCountOk ? words : null,
    deckId: deckId?.success ? deckId.data : null,
  };
}

/** Targets as authored; null where they are malformed (the schema has said why). */
type AuthoredTargets = string[] | Record<string, number>;

/** The parts of a sentence scenario its words are checked on. */
interface SentenceParts {
  sentence: string;
  hints: Record<string, string>;
  /** A null question or key is malformed (reported by the schema): not checked further. */
  heads: Array<{ question: string | null; key: Record<string, AuthoredTargets | null> | null }>;
}

/**
 * The well-formed pieces of a sentence scenario that failed the schema, so its words can be
 * checked in the same pass. Null: a malformed sentence leaves nothing to check words against.
 */
function readSentenceParts(raw: Record<string, unknown>): SentenceParts | null {
  const sentence = SentenceScenarioFileSchema.shape.sentence.safeParse(raw.sentence);
  if (!sentence.success) return null;
  const hints = isPlainObject(raw.hints)
    ? Object.fromEntries(
        Object.entries(raw.hints).flatMap(([ref, hint]) => {
          const text = HintSchema.safeParse(hint);
          return WordRefSchema.safeParse(ref).success && text.success ? [[ref, text.data]] : [];
        }),
      )
    : {};
  const heads = (Array.isArray(raw.heads) ? raw.heads : []).map((head: unknown) => {
    if (!isPlainObject(head)) return { question: null, key: null };
    const question = HeadSchema.shape.question.safeParse(head.question);
    const key = isPlainObject(head.key)
      ? Object.fromEntries(
          Object.entries(head.key).map(([ref, targets]) => {
            const parsed = TargetsSchema.safeParse(targets);
            return [ref, WordRefSchema.safeParse(ref).success && parsed.success ? parsed.data : null];
          }),
        )
      : null;
    return { question: question.success ? question.data : null, key };
  });
  return { sentence: sentence.data, hints, heads };
}

/**
 * zod's issues as problems. A union that failed reports the branch the value was meant for (an
 * object with a bad weight says so) instead of zod's bare "Invalid input".
 */
function zodProblems(issues: readonly z.ZodIssue[]): ScenarioProblem[] {
  return issues.flatMap((issue): ScenarioProblem[] => {
    if (issue.code === "invalid_union") {
      const meant = issue.unionErrors.find((e) => e.issues.every((i) => i.code !== "invalid_type" || i.path.length > issue.path.length));
      if (meant) return zodProblems(meant.issues);
      return [{ path: formatPath(issue.path), message: unionMessage(issue.path) }];
    }
    if (issue.code === "invalid_union_discriminator") {
      return [{ path: formatPath(issue.path), message: `must be "sentence" or "party"` }];
    }
    // zod's bare "Required" for a missing field.
    if (issue.code === "invalid_type" && issue.received === "undefined" && issue.message === "Required") {
      return [{ path: formatPath(issue.path), message: `is missing (expected ${issue.expected === "object" ? "an object" : `a ${issue.expected}`})` }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

function unionMessage(path: ReadonlyArray<string | number>): string {
  if (path[0] === "deck") return 'must be a deck id such as "neighbourhood" or a whole deck {id, title, items}';
  return 'must be a list of words such as ["cat"] or shares such as {"cat": 0.7, "mat": 0.3}';
}

const defaultHint = (word: string) => `You are "${word}". Which words do you need, and what can you offer them?`;

function resolveSentenceScenario(file: SentenceParts, problems: ScenarioProblem[]) {
  const words = sentenceWords(file.sentence);
  if (words.length < SCENARIO_LIMITS.minWords) {
    problems.push({ path: "sentence", message: `has ${words.length} word(s); a sentence scenario needs at least ${SCENARIO_LIMITS.minWords}` });
  }
  if (words.length > SCENARIO_LIMITS.maxWords) {
    problems.push({ path: "sentence", message: `has ${words.length} words; at most ${SCENARIO_LIMITS.maxWords}` });
  }
  const hints = resolveHints(file.hints, words, problems);
  const seenQuestions = new Map<string, number>();
  const heads = file.heads.map((head, h): ScenarioHead => {
    const question = head.question ?? "";
    if (head.question !== null) {
      const normalized = question.toLowerCase();
      const earlier = seenQuestions.get(normalized);
      if (earlier !== undefined) {
        problems.push({ path: `heads[${h}].question`, message: `"${question}" is already the question of heads[${earlier}]` });
      }
      seenQuestions.set(normalized, h);
    }
    const modelHead = (MODEL_HEAD_QUESTIONS as readonly string[]).indexOf(question);
    const key = head.key === null ? words.map(() => ({ targets: [], isWeighted: false })) : resolveKey(head.key, words, `heads[${h}].key`, problems);
    return { question, modelHead: modelHead >= 0 ? modelHead : null, key };
  });
  return { kind: "sentence" as const, sentence: file.sentence, words, hints, heads };
}

/** A plain word's hint covers every occurrence; "the#2" overrides one of them. */
function resolveHints(authored: Record<string, string>, words: string[], problems: ScenarioProblem[]): string[] {
  const hints = words.map(defaultHint);
  const entries = Object.entries(authored).sort(([a], [b]) => Number(a.includes("#")) - Number(b.includes("#")));
  for (const [ref, hint] of entries) {
    const { word, occurrence } = splitWordRef(ref);
    if (occurrence === null && words.includes(word)) {
      words.forEach((w, i) => w === word && (hints[i] = hint));
      continue;
    }
    const resolved = resolveWordRef(words, ref);
    if (resolved.error !== undefined) problems.push({ path: childPath("hints", ref), message: resolved.error });
    else hints[resolved.position] = hint;
  }
  return hints;
}

function resolveKey(authored: Record<string, AuthoredTargets | null>, words: string[], path: string, problems: ScenarioProblem[]): WordKey[] {
  const key: WordKey[] = words.map(() => ({ targets: [], isWeighted: false }));
  const entries = Object.entries(authored);
  if (entries.length === 0) {
    problems.push({ path, message: 'no word has a link in this head; give at least one, e.g. "it": ["cat"]' });
  }
  const sourceRefs = new Map<number, string>();
  for (const [ref, targets] of entries) {
    if (targets === null) continue;
    const at = childPath(path, ref);
    const source = resolveWordRef(words, ref);
    if (source.error !== undefined) {
      problems.push({ path: at, message: source.error });
      continue;
    }
    const earlier = sourceRefs.get(source.position);
    if (earlier !== undefined) {
      problems.push({ path: at, message: `"${ref}" is the same word as "${earlier}", which this key already gives` });
      continue;
    }
    sourceRefs.set(source.position, ref);
    const resolved = resolveTargets(targets, words, source.position, at, problems);
    if (resolved) key[source.position] = resolved;
  }
  return key;
}

function resolveTargets(
  targets: AuthoredTargets,
  words: string[],
  source: number,
  at: string,
  problems: ScenarioProblem[],
): WordKey | null {
  const isWeighted = !Array.isArray(targets);
  const pairs: Array<[string, number, string]> = Array.isArray(targets)
    ? targets.map((ref, k) => [ref, 1 / targets.length, `${at}[${k}]`])
    : Object.entries(targets).map(([ref, weight]) => [ref, weight, childPath(at, ref)]);
  const before = problems.length;
  const resolved: KeyTarget[] = [];
  for (const [ref, weight, targetPath] of pairs) {
    const target = resolveWordRef(words, ref);
    if (target.error !== undefined) {
      problems.push({ path: targetPath, message: target.error });
    } else if (target.position === source) {
      problems.push({ path: targetPath, message: `"${wordRefOf(words, source)}" cannot be its own target; the key names the other words it needs` });
    } else if (resolved.some((t) => t.position === target.position)) {
      problems.push({ path: targetPath, message: `"${ref}" is named twice as a target of "${wordRefOf(words, source)}"` });
    } else {
      resolved.push({ position: target.position, weight });
    }
  }
  const sum = pairs.reduce((total, [, weight]) => total + weight, 0);
  if (isWeighted && Math.abs(sum - 1) > SCENARIO_LIMITS.weightTolerance + 1e-9) {
    problems.push({ path: at, message: `the shares sum to ${Number(sum.toFixed(4))}; they must sum to 1` });
  }
  if (problems.length > before) return null;
  // Shares within the tolerance are made exact, so scores never exceed 100.
  return { targets: resolved.map((t) => ({ position: t.position, weight: t.weight / sum })), isWeighted };
}
