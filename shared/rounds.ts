// The kinds of round a session is made of (DESIGN.md "Rounds"). One list for server, dashboard,
// phone and projector, so a round type added here fails the type-check wherever it is not handled.

export const RoundType = {
  /** Secret need/offer cards; guests write query, name tag and value; attention among everyone. */
  party: "party",
  /** The class becomes a sentence: one guest per word, scored against the scenario's answer key. */
  sentence: "sentence",
  /** Like sentence, with guests split into head teams, one question per team. */
  heads: "heads",
  /** The trained and the untrained model attend over a sentence; phones predict first. */
  model: "model",
  /** The training course, live: the model trains from random init in front of the class. */
  course: "course",
  /** A walk-through of transformer blocks: attention then feed-forward, meaning deepening. */
  blocks: "blocks",
} as const;
export type RoundType = (typeof RoundType)[keyof typeof RoundType];

export const ROUND_TYPES = Object.values(RoundType) as RoundType[];

/** What the dashboard and the projector call each round type. */
export const ROUND_TITLES: Record<RoundType, string> = {
  party: "Cocktail party",
  sentence: "Be a sentence",
  heads: "Heads teams",
  model: "Untrained vs trained",
  course: "The training course",
  blocks: "Transformer blocks",
};

/** Rounds in which students write texts (the others are watched and predicted). */
export function isWritingRound(type: RoundType): boolean {
  return type === "party" || type === "sentence" || type === "heads";
}

/** Rounds in which the class watches a model and predicts (everyone present plays; nothing is dealt). */
export function isWatchedRound(type: string): type is "model" | "course" {
  return type === "model" || type === "course";
}

/** The training course's steps: fewer teach the model nothing visible; more keep the class waiting. */
export const COURSE_STEPS = { min: 20, max: 2000 } as const;
