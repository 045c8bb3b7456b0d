// Converts between a party reveal as the room computes it and the rows the store keeps, both
// ways: outcome → records for recordReveal, and stored round → the projector's attention
// payload after a restart. Pure over plain data.
import { matchingGuests } from "../../shared/partyScoring.js";
import type { AttentionPayload } from "../../shared/protocol.js";
import type { PartyRevealOutcome } from "../party/partyReveal.js";
import type { AttentionRowRecord, ScoreRecord, SnapshotRound } from "./storeTypes.js";

/**
 * The records of one reveal: each participant's top-k row as the projector got it (guest ids
 * instead of column indices, matrix order kept) and every scoreboard guest's standing.
 */
export function revealRecordsFromOutcome(outcome: PartyRevealOutcome): { rows: AttentionRowRecord[]; scores: ScoreRecord[] } {
  const { guestIds, rows } = outcome.attention;
  const attentionRows = guestIds.map((guestId, i): AttentionRowRecord => ({
    guestId,
    top: rows[i].map(([j, weight]): [string, number] => [guestIds[j], weight]),
  }));
  const scores = [...outcome.standings].map(([guestId, standing]): ScoreRecord => {
    const result = outcome.results.get(guestId) ?? null;
    return {
      guestId,
      points: standing.points,
      matchMass: result ? result.matchMass : null,
      totalAfter: standing.total,
      rankAfter: standing.rank,
      previousRank: standing.previousRank,
      result,
    };
  });
  return { rows: attentionRows, scores };
}

/**
 * The projector's lines for a stored round, as they were sent at the reveal (top-k per guest,
 * matches from the cards); null when the round has not been revealed.
 */
export function attentionPayloadFromRound(round: SnapshotRound): AttentionPayload | null {
  if (round.revealOrder.length === 0) return null;
  const index = new Map(round.revealOrder.map((id, i) => [id, i]));
  const byId = new Map(round.guests.map((g) => [g.guestId, g]));
  const rows = round.revealOrder.map((id) =>
    (byId.get(id)?.attentionTop ?? []).flatMap(([target, weight]): Array<[number, number]> => {
      const j = index.get(target);
      return j === undefined ? [] : [[j, weight]];
    }),
  );
  // A participant always had a card; the fallback only keeps a damaged record from throwing.
  const cards = round.revealOrder.map((id) => byId.get(id)?.card ?? { needId: `?${id}`, offerId: `!${id}` });
  return { roundNumber: round.number, guestIds: [...round.revealOrder], rows, matches: matchingGuests(cards) };
}
