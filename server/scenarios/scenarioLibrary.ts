// The scenarios a server offers: the built-in pack in assets/scenarios (read and checked once; a
// broken file stops the start with its problems) and custom scenarios instructors add, which must
// pass the same checks and may not take a built-in id.
import { readdirSync } from "node:fs";
import path from "node:path";
import { summarizeScenario, type PartyScenario, type Scenario, type ScenarioSummary } from "../../shared/scenario.js";
import { checkScenarioText, formatProblem, type ScenarioCheck } from "../../shared/scenarioCheck.js";
import type { PartyDeck } from "../../shared/partyDeck.js";
import { REPO_ROOT } from "../config.js";
import type { WordLookup } from "../model/wordVectors.js";
import { loadDecks } from "../party/partyDeck.js";
import { checkScenarioFiles, type FileCheck } from "./scenarioFiles.js";
import { serverProblems } from "./scenarioServerChecks.js";

export const BUILT_IN_SCENARIO_DIR = path.join(REPO_ROOT, "assets", "scenarios");
export const SCENARIO_SCHEMA_FILE = "scenario.schema.json";

/** The scenario files of a folder, in name order (the JSON Schema beside them is not one). */
export function scenarioFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && name !== SCENARIO_SCHEMA_FILE)
    .sort()
    .map((name) => path.join(dir, name));
}

const deckIds = (): ReadonlySet<string> => new Set(loadDecks().keys());

/** Checks every file of the pack; pass a lookup to check the words against the vocabulary too. */
export function checkScenarioPack(dir: string = BUILT_IN_SCENARIO_DIR, lookup?: WordLookup): FileCheck[] {
  return checkScenarioFiles(scenarioFilesIn(dir), { deckIds: deckIds(), lookup, requireIdMatchesFileName: true });
}

export class ScenarioLibrary {
  private readonly custom = new Map<string, Scenario>();

  constructor(private readonly builtIns: ReadonlyMap<string, Scenario>) {}

  get(id: string): Scenario | undefined {
    return this.builtIns.get(id) ?? this.custom.get(id);
  }

  isBuiltIn(id: string): boolean {
    return this.builtIns.has(id);
  }

  /** Built-ins first, in file order, then custom scenarios in the order they were added. */
  list(): ScenarioSummary[] {
    return [...this.builtIns.values(), ...this.custom.values()].map(summarizeScenario);
  }

  /**
   * A custom scenario's JSON (paste, upload, database row) checked as a built-in file would be,
   * plus: its id may not be a built-in's. Nothing is added; call add() with the result.
   */
  check(text: string, lookup?: WordLookup): ScenarioCheck {
    const check = checkScenarioText(text);
    const { parts } = check;
    const problems = [...check.problems, ...serverProblems(parts, { deckIds: deckIds(), lookup })];
    if (parts.id !== null && this.isBuiltIn(parts.id)) {
      problems.push({ path: "id", message: `"${parts.id}" is the id of a built-in scenario; choose another` });
    }
    return problems.length ? { scenario: null, problems, parts } : check;
  }

  /** Adds or replaces a checked custom scenario. */
  add(scenario: Scenario): void {
    if (this.isBuiltIn(scenario.id)) throw new Error(`scenario "${scenario.id}" is built in and cannot be replaced`);
    this.custom.set(scenario.id, scenario);
  }

  remove(id: string): boolean {
    return this.custom.delete(id);
  }
}

let builtInLibrary: ScenarioLibrary | null = null;

/** The built-in pack, read once; throws with every problem of every broken file. */
export function scenarioLibrary(): ScenarioLibrary {
  if (builtInLibrary) return builtInLibrary;
  const checks = checkScenarioPack();
  const broken = checks.filter((c) => c.problems.length > 0);
  if (broken.length > 0) {
    const lines = broken.flatMap((c) => c.problems.map((p) => `${path.basename(c.file)}: ${formatProblem(p)}`));
    throw new Error(`invalid built-in scenarios:\n${lines.join("\n")}`);
  }
  builtInLibrary = new ScenarioLibrary(new Map(checks.map((c) => [c.scenario!.id, c.scenario!])));
  return builtInLibrary;
}

export function getScenario(id: string): Scenario | undefined {
  return scenarioLibrary().get(id);
}

export function listScenarios(): ScenarioSummary[] {
  return scenarioLibrary().list();
}

/** A party scenario's deck: its own, or the built-in deck it names (checked at load). */
export function deckOf(scenario: PartyScenario): PartyDeck {
  if (typeof scenario.deck !== "string") return scenario.deck;
  const deck = loadDecks().get(scenario.deck);
  if (!deck) throw new Error(`scenario ${scenario.id}: no deck "${scenario.deck}"`);
  return deck;
}
