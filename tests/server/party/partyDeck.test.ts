import { describe, expect, it } from "vitest";
import { dealCards, dealLateCard, getDeck } from "../../../server/party/partyDeck.js";
import { matchingGuests } from "../../../shared/partyScoring.js";
import { seededRandom } from "../../../server/bots/partyRehearsal.js";

describe("dealing party cards", () => {
  const deck = getDeck();

  it.each([2, 3, 7, 30, deck.items.length, deck.items.length + 13, 300])("gives each of %i guests a need someone else offers", (n) => {
    const cards = dealCards(deck, n, seededRandom(n));
    expect(cards).toHaveLength(n);
    const matches = matchingGuests(cards);
    for (const [i, card] of cards.entries()) {
      expect(card.needId).not.toBe(card.offerId);
      expect(matches[i].length).toBeGreaterThan(0);
    }
  });

  it("uses distinct items while the deck lasts", () => {
    const cards = dealCards(deck, 20, seededRandom(1));
    expect(new Set(cards.map((c) => c.offerId)).size).toBe(20);
  });

  it("deals a late joiner a need that is already on offer", () => {
    const dealt = dealCards(deck, 5, seededRandom(3));
    const late = dealLateCard(deck, dealt, seededRandom(4));
    expect(dealt.map((c) => c.offerId)).toContain(late.needId);
    expect(late.offerId).not.toBe(late.needId);
  });
});
