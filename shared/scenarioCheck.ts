// Reads a scenario an author wrote (built-in file, pasted JSON, upload) into the resolved form the
// game plays, or into problems that each name the field, the word and why — the same checks on the
// dashboard, in the CLI and on the server. Never throws on bad input.
import type { z } from "zod";
import {
  SCENARIO_LIMITS,
  MODEL_HEAD_QUESTIONS,
  ScenarioFileSchema,
  type KeyTarget,
  type Scenario,
  type ScenarioHead,
  type SentenceScenarioFile,
  type WordKey,
} from "./scenario.js";
import { resolveWordRef, sentenceWords, splitWordRef, wordRefOf } from "./scenarioWords.js";

export interface ScenarioProblem {
  /** Where in the file: "heads[1].key.it", "sentence", "" for the file as a whole. */
  path: string;
  message: string;
}

export type ScenarioCheck = { scenario: Scenario; problems: [] } | { scenario: null; problems: ScenarioProblem[] };

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

const fail = (problems: ScenarioProblem[]): ScenarioCheck => ({ scenario: null, problems });

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
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return fail([{ path: "", message: "a scenario is a JSON object with id, title, level, kind, …" }]);
  }
  const parsed = ScenarioFileSchema.safeParse(raw);
  if (!parsed.success) return fail(zodProblems(parsed.error.issues));
  const file = parsed.data;
  const common = { id: file.id, title: file.title, level: file.level, summary: file.summary };
  if (file.kind === "party") return { scenario: { ...common, kind: "party", brief: file.brief, deck: file.deck }, problems: [] };
  const problems: ScenarioProblem[] = [];
  const scenario = resolveSentenceScenario(file, problems);
  return problems.length ? fail(problems) : { scenario: { ...common, ...scenario }, problems: [] };
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
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

function unionMessage(path: ReadonlyArray<string | number>): string {
  if (path[0] === "deck") return 'must be a deck id such as "neighbourhood" or a whole deck {id, title, items}';
  return 'must be a list of words such as ["cat"] or shares such as {"cat": 0.7, "mat": 0.3}';
}

const defaultHint = (word: string) => `You are "${word}". Which words do you need, and what can you offer them?`;

function resolveSentenceScenario(file: SentenceScenarioFile, problems: ScenarioProblem[]) {
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
    const normalized = head.question.toLowerCase();
    const earlier = seenQuestions.get(normalized);
    if (earlier !== undefined) {
      problems.push({ path: `heads[${h}].question`, message: `"${head.question}" is already the question of heads[${earlier}]` });
    }
    seenQuestions.set(normalized, h);
    const modelHead = (MODEL_HEAD_QUESTIONS as readonly string[]).indexOf(head.question);
    return { question: head.question, modelHead: modelHead >= 0 ? modelHead : null, key: resolveKey(head.key, words, `heads[${h}].key`, problems) };
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

type AuthoredTargets = string[] | Record<string, number>;

function resolveKey(authored: Record<string, AuthoredTargets>, words: string[], path: string, problems: ScenarioProblem[]): WordKey[] {
  const key: WordKey[] = words.map(() => ({ targets: [], isWeighted: false }));
  const entries = Object.entries(authored);
  if (entries.length === 0) {
    problems.push({ path, message: 'no word has a link in this head; give at least one, e.g. "it": ["cat"]' });
  }
  const sourceRefs = new Map<number, string>();
  for (const [ref, targets] of entries) {
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
