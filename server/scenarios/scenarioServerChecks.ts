// Checks only the server can make, after the shared ones: every word of the sentence has a GloVe
// vector (the encoder and the trained model would otherwise drop it), and a party scenario's deck
// id names a deck the server has.
import type { Scenario } from "../../shared/scenario.js";
import type { ScenarioProblem } from "../../shared/scenarioCheck.js";
import type { WordLookup } from "../model/wordVectors.js";

export interface ServerCheckOptions {
  /** The encoder's vocabulary (loadWordLookup); without it the words are not checked. */
  lookup?: WordLookup;
  /** Ids of the decks in assets/decks. */
  deckIds: ReadonlySet<string>;
}

export function unknownWordProblems(scenario: Scenario, lookup: WordLookup): ScenarioProblem[] {
  if (scenario.kind !== "sentence") return [];
  const unknown = [...new Set(scenario.words.filter((word) => lookup.vectorOf(word) === undefined))];
  return unknown.map((word) => ({
    path: "sentence",
    message: `"${word}" is not in the GloVe vocabulary, so the model cannot read it; use another word`,
  }));
}

export function deckProblems(scenario: Scenario, deckIds: ReadonlySet<string>): ScenarioProblem[] {
  if (scenario.kind !== "party" || typeof scenario.deck !== "string" || deckIds.has(scenario.deck)) return [];
  return [{ path: "deck", message: `no deck "${scenario.deck}" (decks: ${[...deckIds].sort().join(", ")})` }];
}

export function serverProblems(scenario: Scenario, options: ServerCheckOptions): ScenarioProblem[] {
  return [...deckProblems(scenario, options.deckIds), ...(options.lookup ? unknownWordProblems(scenario, options.lookup) : [])];
}
