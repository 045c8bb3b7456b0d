import { describe, expect, it } from "vitest";
import { buildPartyReveal, PHONE_TOP_K } from "../../../server/party/partyReveal.js";

const participants = ["a", "b", "c", "d"].map((id, i) => ({
  guestId: id,
  name: id.toUpperCase(),
  nameTag: `tag ${id}`,
  value: `value ${id}`,
  card: { needId: `item${(i + 1) % 4}`, offerId: `item${i}` },
}));
// guest i needs item i+1, offered by guest i+1
const weights = [
  0, 0.7, 0.2, 0.1,
  0.1, 0, 0.6, 0.3,
  0.3, 0.3, 0, 0.4,
  0.5, 0.25, 0.25, 0,
];

describe("buildPartyReveal", () => {
  const outcome = buildPartyReveal({
    roundNumber: 1,
    participants,
    weights,
    heardWords: [["truck"], ["cake"], ["bike"], ["tax"]],
    scoreboard: [...participants.map((p) => ({ guestId: p.guestId, totalBefore: 0, rankBefore: null })), { guestId: "late", totalBefore: 0, rankBefore: null }],
  });

  it("sends each phone only its own top-k row, heaviest first", () => {
    const a = outcome.results.get("a")!;
    expect(a.attendedTo.map((x) => [x.guestId, x.weight])).toEqual([["b", 0.7], ["c", 0.2], ["d", 0.1]]);
    expect(a.attendedTo.length).toBeLessThanOrEqual(PHONE_TOP_K);
    expect(a.heardValues[0]).toMatchObject({ guestId: "b", value: "value b" });
    expect(a.attendedBy.map((x) => x.guestId)).toEqual(["d", "c", "b"]);
  });

  it("shows each guest its half of every match and nothing of the others' secrets", () => {
    const a = outcome.results.get("a")!;
    // Whom a attended to: their name tags, the texts a's query met (public after the reveal).
    expect(a.attendedTo.map((x) => [x.name, x.nameTag])).toEqual([["B", "tag b"], ["C", "tag c"], ["D", "tag d"]]);
    // Who attended to a: name and share only — no texts, no cards, no rows.
    expect(a.attendedBy).toEqual([
      { guestId: "d", name: "D", weight: 0.5 },
      { guestId: "c", name: "C", weight: 0.3 },
      { guestId: "b", name: "B", weight: 0.1 },
    ]);
    // No card (ids are "item0".."item3") and no other guest's value beyond what a heard.
    expect(JSON.stringify(a)).not.toMatch(/item\d/);
    expect(a.heardValues.map((v) => v.guestId)).toEqual(a.attendedTo.map((x) => x.guestId));
    expect(a.heardWords).toEqual(["truck"]);
  });

  it("scores match mass and ranks everyone, including guests who sat the round out", () => {
    const a = outcome.results.get("a")!;
    expect(a.matchMass).toBeCloseTo(0.7);
    // a offers item0, needed by d, who put 0.5 on a → +25
    expect(a.points).toBe(70 + 25);
    expect(outcome.standings.get("late")).toMatchObject({ total: 0, points: 0 });
    const ranks = [...outcome.standings.values()].map((s) => s.rank);
    expect(Math.min(...ranks)).toBe(1);
    expect(outcome.standings.get("late")!.rank).toBe(5);
  });

  it("gives the projector top-k lines and the matches, the host the whole matrix", () => {
    expect(outcome.attention.guestIds).toEqual(["a", "b", "c", "d"]);
    expect(outcome.attention.rows[0][0]).toEqual([1, 0.7]);
    expect(outcome.attention.matches).toEqual([[1], [2], [3], [0]]);
    expect(outcome.matrix.weights).toHaveLength(16);
  });
});
