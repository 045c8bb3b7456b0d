// Loads the party decks from assets/decks and deals secret cards so that every guest's need is
// offered by at least one other guest (the attention has something right to find).
import fs from "node:fs";
import path from "node:path";
import { PartyDeckSchema, type DeckItem, type PartyDeck } from "../../shared/partyDeck.js";
import type { PartyCardIds } from "../../shared/partyScoring.js";
import { REPO_ROOT } from "../config.js";

export const DEFAULT_DECK_ID = "neighbourhood";
const DECK_DIR = path.join(REPO_ROOT, "assets", "decks");

let cachedDecks: Map<string, PartyDeck> | null = null;

/** Reads and validates every deck once; a broken deck file stops the server with its path. */
export function loadDecks(): Map<string, PartyDeck> {
  if (cachedDecks) return cachedDecks;
  const decks = new Map<string, PartyDeck>();
  for (const file of fs.readdirSync(DECK_DIR).filter((f) => f.endsWith(".json")).sort()) {
    const parsed = PartyDeckSchema.safeParse(JSON.parse(fs.readFileSync(path.join(DECK_DIR, file), "utf8")));
    if (!parsed.success) throw new Error(`invalid deck ${file}: ${parsed.error.issues[0]?.message}`);
    decks.set(parsed.data.id, parsed.data);
  }
  cachedDecks = decks;
  return decks;
}

export function getDeck(id: string = DEFAULT_DECK_ID): PartyDeck {
  const deck = loadDecks().get(id) ?? loadDecks().values().next().value;
  if (!deck) throw new Error(`no party deck found in ${DECK_DIR}`);
  return deck;
}

export function deckItem(deck: PartyDeck, id: string): DeckItem {
  const item = deck.items.find((i) => i.id === id);
  if (!item) throw new Error(`deck ${deck.id} has no item ${id}`);
  return item;
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Deals `count` cards in a ring: guest i offers item i and needs item i+1, so each need is
 * offered by exactly one other guest. With more guests than items the ring wraps and an item
 * has several offerers. Guests are shuffled so seat neighbours are not partners.
 */
export function dealCards(deck: PartyDeck, count: number, random: () => number = Math.random): PartyCardIds[] {
  if (count === 0) return [];
  const items = shuffled(deck.items, random);
  const ringSize = Math.min(count, items.length);
  const ring: PartyCardIds[] = [];
  for (let i = 0; i < count; i++) {
    ring.push({ offerId: items[i % ringSize].id, needId: items[(i + 1) % ringSize].id });
  }
  if (count === 1) ring[0].needId = items[1 % items.length].id;
  return shuffled(ring, random);
}

/** A card for a guest arriving mid-round: it needs something already offered and offers something needed, when possible. */
export function dealLateCard(deck: PartyDeck, dealt: PartyCardIds[], random: () => number = Math.random): PartyCardIds {
  if (dealt.length === 0) return dealCards(deck, 1, random)[0];
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const needId = pick(dealt).offerId;
  const offerCandidates = dealt.map((c) => c.needId).filter((id) => id !== needId);
  const offerId = offerCandidates.length > 0 ? pick(offerCandidates) : pick(deck.items.filter((i) => i.id !== needId)).id;
  return { needId, offerId };
}
