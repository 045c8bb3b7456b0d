// The scenarios one party can play: the built-in pack plus the custom ones its instructor saved
// with the session (kept in the database, not in the process-wide library, so one class's
// scenarios never show up in another's list). Stored text is checked again when read back.
import { summarizeScenario, type Scenario, type ScenarioSummary, type SentenceScenario } from "../../shared/scenario.js";
import type { ScenarioProblem } from "../../shared/scenarioCheck.js";
import type { SentencePattern } from "../../shared/modelRound.js";
import type { PartyStore } from "../storage/PartyStore.js";
import { getScenario, scenarioLibrary } from "./scenarioLibrary.js";

export interface ListedScenario extends ScenarioSummary {
  /** Saved by this session's instructor (exportable, deletable), not part of the built-in pack. */
  isCustom: boolean;
}

/** A built-in scenario, or one of the session's own (null when neither has the id or the stored text no longer passes). */
export function findSessionScenario(store: PartyStore, sessionId: string, id: string): Scenario | null {
  const builtIn = getScenario(id);
  if (builtIn) return builtIn;
  const stored = store.getScenario(sessionId, id);
  if (!stored) return null;
  return scenarioLibrary().check(stored.json).scenario;
}

/** Built-ins first (pack order), then the session's own, oldest first. */
export function sessionScenarioList(store: PartyStore, sessionId: string): ListedScenario[] {
  const builtIns = scenarioLibrary()
    .list()
    .map((s) => ({ ...s, isCustom: false }));
  const custom = store.listScenarios(sessionId).flatMap((row) => {
    const scenario = scenarioLibrary().check(row.json).scenario;
    return scenario ? [{ ...summarizeScenario(scenario), isCustom: true }] : [];
  });
  return [...builtIns, ...custom];
}

/**
 * What the trained model's reading of the sentence adds to the checks: every word must be one
 * it reads (an unknown word would be dropped and the seats would no longer match its tokens).
 */
export function modelReadingProblems(scenario: Pick<SentenceScenario, "words">, pattern: SentencePattern, unknownWords: readonly string[]): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [...new Set(unknownWords)].map((word) => ({
    path: "sentence",
    message: `"${word}" is not in the GloVe vocabulary, so the model cannot read it; use another word`,
  }));
  const read = pattern.tokens.slice(1);
  if (problems.length === 0 && (read.length !== scenario.words.length || read.some((w, i) => w !== scenario.words[i]))) {
    problems.push({ path: "sentence", message: `the model reads "${read.join(" ")}", not "${scenario.words.join(" ")}"; reword the sentence` });
  }
  return problems;
}
