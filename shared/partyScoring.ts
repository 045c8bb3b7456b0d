// Points for a party round (DESIGN.md): the attention mass a guest puts on the guests whose
// offer matches its need, plus a bonus for drawing the guests who need what it offers.
// Pure over plain data so server, tests and the phone agree on every number.

export const MATCH_POINTS = 100;
export const DRAW_BONUS_POINTS = 50;

export interface PartyCardIds {
  /** Deck item id this guest needs. */
  needId: string;
  /** Deck item id this guest offers. */
  offerId: string;
}

export interface PartyRoundScore {
  /** Σ weight on guests whose offer is my need, in [0, 1]. */
  matchMass: number;
  /** Mean weight that guests needing my offer put on me, in [0, 1]; 0 when nobody needs it. */
  drawMass: number;
  points: number;
  reason: string;
}

/** For each guest i: the indices j ≠ i whose offer matches i's need. */
export function matchingGuests(cards: PartyCardIds[]): number[][] {
  // Grouped by offer once: O(N + matches) rather than comparing every pair of guests.
  const byOffer = new Map<string, number[]>();
  cards.forEach((card, j) => {
    const list = byOffer.get(card.offerId);
    if (list) list.push(j);
    else byOffer.set(card.offerId, [j]);
  });
  return cards.map((card, i) => (byOffer.get(card.needId) ?? []).filter((j) => j !== i));
}

/** weights: [N, N] row-major, rows in the same order as cards. */
export function scorePartyRound(weights: ArrayLike<number>, cards: PartyCardIds[]): PartyRoundScore[] {
  const n = cards.length;
  const matches = matchingGuests(cards);
  // Who needs guest i's offer: the matches inverted once (not searched again for every guest).
  const seekersOf: number[][] = cards.map(() => []);
  matches.forEach((m, j) => m.forEach((i) => seekersOf[i].push(j)));
  return cards.map((_, i) => {
    let matchMass = 0;
    for (const j of matches[i]) matchMass += weights[i * n + j];
    const seekers = seekersOf[i];
    let drawMass = 0;
    for (const j of seekers) drawMass += weights[j * n + i];
    if (seekers.length > 0) drawMass /= seekers.length;
    const matchPoints = Math.round(MATCH_POINTS * matchMass);
    const drawPoints = Math.round(DRAW_BONUS_POINTS * drawMass);
    const reason =
      `${Math.round(matchMass * 100)}% of your attention went to guests who offer what you need` +
      (seekers.length > 0
        ? `; those who need your offer gave you ${Math.round(drawMass * 100)}% (+${drawPoints})`
        : "");
    return { matchMass, drawMass, points: matchPoints + drawPoints, reason };
  });
}

/** Competition ranking ("1, 2, 2, 4") by descending score. */
export function rankByScore(scores: number[]): number[] {
  // Rank = 1 + how many score strictly more: one sort instead of comparing every pair.
  const sorted = [...scores].sort((a, b) => b - a);
  const firstAt = new Map<number, number>();
  sorted.forEach((s, i) => {
    if (!firstAt.has(s)) firstAt.set(s, i + 1);
  });
  return scores.map((s) => firstAt.get(s)!);
}
