// What the instructor's roster shows: every guest with its card, texts and moderation state.
// Sent to hosts only; it holds everything a student must not see.
import type { PartyDeck } from "../../shared/partyDeck.js";
import type { HostRosterEntry, HostRosterPayload } from "../../shared/protocol.js";
import type { GuestRecord } from "./GuestBook.js";
import { moderationOf } from "./moderation.js";
import { deckItem } from "./partyDeck.js";

/** Sentence and heads rounds: each seated student's word and table, by guest id. */
export type SentenceSeatOf = (guestId: string) => HostRosterEntry["sentenceSeat"] | undefined;

export function buildHostRoster(records: GuestRecord[], deck: PartyDeck, sentenceSeatOf?: SentenceSeatOf): HostRosterPayload {
  return {
    guests: records.map((g) => ({
      guestId: g.id,
      name: g.name,
      card: g.card ? { need: deckItem(deck, g.card.needId).need, offer: deckItem(deck, g.card.offerId).offer } : null,
      query: g.submission?.query ?? "",
      key: g.submission?.key ?? "",
      value: g.submission?.value ?? "",
      hasSubmitted: g.submission !== null,
      moderation: g.moderation,
      isFlagged: g.submission !== null && moderationOf(g.submission) === "flagged",
      isBot: g.isBot,
      ...(sentenceSeatOf?.(g.id) ? { sentenceSeat: sentenceSeatOf(g.id) } : {}),
    })),
  };
}
