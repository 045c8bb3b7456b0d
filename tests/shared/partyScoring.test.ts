import { describe, expect, it } from "vitest";
import { matchingGuests, rankByScore, scorePartyRound } from "../../shared/partyScoring.js";

// Three guests in a ring: 0 needs what 1 offers, 1 needs what 2 offers, 2 needs what 0 offers.
const cards = [
  { needId: "truck", offerId: "cake" },
  { needId: "bike", offerId: "truck" },
  { needId: "cake", offerId: "bike" },
];

describe("party scoring", () => {
  it("finds who offers what each guest needs", () => {
    expect(matchingGuests(cards)).toEqual([[1], [2], [0]]);
  });

  it("scores attention mass on matches plus the draw bonus", () => {
    // row i = guest i's attention; diagonal zero (no self-attention)
    const weights = [0, 0.8, 0.2, 0.5, 0, 0.5, 0.9, 0.1, 0];
    const [a, b, c] = scorePartyRound(weights, cards);
    expect(a.matchMass).toBeCloseTo(0.8);
    // guest 0 offers cake, needed by guest 2, who put 0.9 on guest 0
    expect(a.drawMass).toBeCloseTo(0.9);
    expect(a.points).toBe(80 + 45);
    expect(b.points).toBe(50 + 40);
    expect(c.points).toBe(90 + 25);
    expect(a.reason).toMatch(/80% of your attention/);
  });

  it("gives uniform attention the chance score", () => {
    const weights = [0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0];
    expect(scorePartyRound(weights, cards).map((s) => s.points)).toEqual([75, 75, 75]);
  });

  it("ranks ties together", () => {
    expect(rankByScore([10, 30, 30, 5])).toEqual([3, 1, 1, 4]);
  });
});
