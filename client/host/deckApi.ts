// GET /api/decks: the party decks the server can deal from, for the dashboard's round queue.
import { apiOrigin } from "../net/endpoint.js";
import type { DeckSummary } from "./roundQueue.js";

export async function fetchDecks(): Promise<DeckSummary[]> {
  const res = await fetch(`${apiOrigin()}/api/decks`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { decks?: unknown };
  const decks: DeckSummary[] = [];
  for (const d of Array.isArray(body.decks) ? (body.decks as unknown[]) : []) {
    const deck = d as Partial<DeckSummary> | null;
    if (deck && typeof deck.id === "string" && typeof deck.title === "string") {
      decks.push({ id: deck.id, title: deck.title, items: typeof deck.items === "number" ? deck.items : 0 });
    }
  }
  return decks;
}
