// Checks only the server can make, beside the shared ones (on the parts that could be read, so a
// file with other problems still hears about these): every word of the sentence has a GloVe
// vector (the encoder and the trained model would otherwise drop it), and a party scenario's deck
// id names a deck the server has.
import type { ScenarioParts, ScenarioProblem } from "../../shared/scenarioCheck.js";
import type { WordLookup } from "../model/wordVectors.js";

export interface ServerCheckOptions {
  /** The encoder's vocabulary (loadWordLookup); without it the words are not checked. */
  lookup?: WordLookup;
  /** Ids of the decks in assets/decks. */
  deckIds: ReadonlySet<string>;
}

export function unknownWordProblems(parts: ScenarioParts, lookup: WordLookup): ScenarioProblem[] {
  if (parts.kind !== "sentence" || !parts.words) return [];
  const unknown = [...new Set(parts.words.filter((word) => lookup.vectorOf(word) === undefined))];
  return unknown.map((word) => ({
    path: "sentence",
    message: `"${word}" is not in the GloVe vocabulary, so the model cannot read it; use another word`,
  }));
}

export function deckProblems(parts: ScenarioParts, deckIds: ReadonlySet<string>): ScenarioProblem[] {
  if (parts.kind !== "party" || parts.deckId === null || deckIds.has(parts.deckId)) return [];
  return [{ path: "deck", message: `no deck "${parts.deckId}" (decks: ${[...deckIds].sort().join(", ")})` }];
}

export function serverProblems(parts: ScenarioParts, options: ServerCheckOptions): ScenarioProblem[] {
  return [...deckProblems(parts, options.deckIds), ...(options.lookup ? unknownWordProblems(parts, options.lookup) : [])];
}
