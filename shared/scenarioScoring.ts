// Points for the sentence and heads rounds: how well a table's attention follows the scenario's
// answer key. Pure over plain data so the server, the tests and the phone agree on every number.
//
// Rules (one word = one seat at a table, weights = the table's [W, W] attention):
// - A word with targets ("finder") scores 100 × the attention its row puts on them. A list key
//   ("it": ["cat", "dog"]) means any of them is right, so the plain mass counts; a key with shares
//   ("sat": {"cat": 0.5, "mat": 0.5}) asks for that split, so each target counts up to its share
//   (Σ min(weight, share)): all on "cat" earns 50.
// - A word without targets that others should find ("found") scores on its name tag: 100 × the
//   mean, over the words whose key names it, of the attention they gave it relative to the share
//   the key asks of them (capped at 1). Being found is the whole job of "cat" when "it" looks for it.
// - A word with no link either way ("unlinked") is not scored in this head: 0 points, isScored
//   false, and left out of its team's mean, so a team is not punished for having quiet words.
import type { SentenceScenario, WordKey } from "./scenario.js";

export const KEY_POINTS = 100;

export type WordScoreRole = "finder" | "found" | "unlinked";

export interface WordScore {
  role: WordScoreRole;
  /** In [0, 1]: the finder's mass on its targets, or the found word's mean share. */
  mass: number;
  points: number;
  isScored: boolean;
  reason: string;
}

/**
 * The sentence round's key: one table plays every head at once, so each word should attend to
 * every head's targets for it. Heads with a link for a word share its attention equally; when
 * only one head links it, that head's key is used as written.
 */
export function sentenceRoundKey(scenario: Pick<SentenceScenario, "words" | "heads">): WordKey[] {
  return scenario.words.map((_, i) => {
    const linked = scenario.heads.map((h) => h.key[i]).filter((k) => k.targets.length > 0);
    if (linked.length <= 1) return linked[0] ?? { targets: [], isWeighted: false };
    const shares = new Map<number, number>();
    for (const k of linked) {
      for (const t of k.targets) shares.set(t.position, (shares.get(t.position) ?? 0) + t.weight / linked.length);
    }
    return { targets: [...shares].map(([position, weight]) => ({ position, weight })), isWeighted: true };
  });
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
const quoted = (words: readonly string[], positions: number[]) => positions.map((p) => `"${words[p]}"`).join(", ");

/**
 * Scores every seat of one table. weights: [W, W] row-major, row i = the attention of the word at
 * position i (seats in sentence order); key and words have W entries.
 */
export function scoreSentenceTable(weights: ArrayLike<number>, key: readonly WordKey[], words: readonly string[]): WordScore[] {
  const n = key.length;
  if (weights.length !== n * n || words.length !== n) {
    throw new Error(`scoreSentenceTable: ${weights.length} weights for ${n} words (expected ${n * n})`);
  }
  const at = (i: number, j: number) => weights[i * n + j];
  return key.map((own, i): WordScore => {
    if (own.targets.length > 0) {
      const mass = own.targets.reduce((sum, t) => sum + (own.isWeighted ? Math.min(at(i, t.position), t.weight) : at(i, t.position)), 0);
      const targets = quoted(words, own.targets.map((t) => t.position));
      return { role: "finder", mass, points: Math.round(KEY_POINTS * mass), isScored: true, reason: `${percent(mass)} of your attention matched the key (${targets})` };
    }
    const finders = key.flatMap((k, j) => k.targets.filter((t) => t.position === i).map((t) => ({ finder: j, share: t.weight })));
    if (finders.length === 0) {
      return { role: "unlinked", mass: 0, points: 0, isScored: false, reason: "No link for this word in this head: not scored" };
    }
    const mass = finders.reduce((sum, f) => sum + Math.min(1, at(f.finder, i) / f.share), 0) / finders.length;
    const seekers = quoted(words, finders.map((f) => f.finder));
    return { role: "found", mass, points: Math.round(KEY_POINTS * mass), isScored: true, reason: `${seekers} found you: ${percent(mass)} of what the key asks` };
  });
}

/** A heads team's score: the mean points of its scored members (unlinked words are left out); 0 if none. */
export function teamScore(members: readonly WordScore[]): number {
  const scored = members.filter((m) => m.isScored);
  if (scored.length === 0) return 0;
  return Math.round(scored.reduce((sum, m) => sum + m.points, 0) / scored.length);
}
