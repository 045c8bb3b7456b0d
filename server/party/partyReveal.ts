// Turns one party round's attention matrix into what each screen receives: every phone its own
// row (top-k) with points and rank, the projector the top-k lines per guest, the host the matrix.
// Pure over plain data; the room only sends what this returns.
import { topK, topKColumn } from "../../shared/attention.js";
import { matchingGuests, rankByScore, scorePartyRound, type PartyCardIds } from "../../shared/partyScoring.js";
import type { AttendedGuest, AttendingGuest, AttentionPayload, MatrixPayload, ResultPayload } from "../../shared/protocol.js";

/** How many targets a phone sees; also the lines per guest on the projector. */
export const PHONE_TOP_K = 3;
export const SCREEN_TOP_K = 5;

export interface RevealParticipant {
  guestId: string;
  name: string;
  nameTag: string;
  value: string;
  card: PartyCardIds;
}

export interface ScoreboardEntry {
  guestId: string;
  totalBefore: number;
  rankBefore: number | null;
}

export interface PartyRevealInput {
  roundNumber: number;
  participants: RevealParticipant[];
  /** [N, N] row-major over participants. */
  weights: ArrayLike<number>;
  /** Nearest vocabulary words of each participant's output vector. */
  heardWords: string[][];
  /** Every guest of the party (participants or not), for totals and ranks. */
  scoreboard: ScoreboardEntry[];
}

export interface PartyRevealOutcome {
  results: Map<string, ResultPayload>;
  attention: AttentionPayload;
  matrix: MatrixPayload;
  /** New total, round points and rank for every guest on the scoreboard. */
  standings: Map<string, { total: number; points: number; rank: number; previousRank: number | null }>;
}

export function buildPartyReveal(input: PartyRevealInput): PartyRevealOutcome {
  const { participants, weights, roundNumber } = input;
  const n = participants.length;
  const cards = participants.map((p) => p.card);
  const roundScores = scorePartyRound(weights, cards);
  const pointsById = new Map(participants.map((p, i) => [p.guestId, roundScores[i].points]));

  const totals = input.scoreboard.map((e) => e.totalBefore + (pointsById.get(e.guestId) ?? 0));
  const ranks = rankByScore(totals);
  const standings = new Map(
    input.scoreboard.map((e, i) => [
      e.guestId,
      { total: totals[i], points: pointsById.get(e.guestId) ?? 0, rank: ranks[i], previousRank: e.rankBefore },
    ]),
  );

  // The guest that looked sees the name tag its query met. The guest looked at sees who and how
  // much only: the other half of that match is the looker's query, which stays with its author.
  const attended = (j: number, weight: number): AttendedGuest => ({
    guestId: participants[j].guestId,
    name: participants[j].name,
    nameTag: participants[j].nameTag,
    weight,
  });
  const attending = (j: number, weight: number): AttendingGuest => ({ guestId: participants[j].guestId, name: participants[j].name, weight });

  const results = new Map<string, ResultPayload>();
  participants.forEach((p, i) => {
    const row = topK(weights, n, i, PHONE_TOP_K);
    const column = topKColumn(weights, n, i, PHONE_TOP_K, i);
    const standing = standings.get(p.guestId)!;
    results.set(p.guestId, {
      roundNumber,
      attendedTo: row.map(([j, w]) => attended(j, w)),
      attendedBy: column.map(([j, w]) => attending(j, w)),
      heardWords: input.heardWords[i] ?? [],
      heardValues: row.map(([j, w]) => ({
        guestId: participants[j].guestId,
        name: participants[j].name,
        value: participants[j].value,
        weight: w,
      })),
      points: roundScores[i].points,
      pointsReason: roundScores[i].reason,
      matchMass: roundScores[i].matchMass,
      rank: standing.rank,
      previousRank: standing.previousRank,
      totalScore: standing.total,
    });
  });

  const guestIds = participants.map((p) => p.guestId);
  const attention: AttentionPayload = {
    roundNumber,
    guestIds,
    rows: participants.map((_, i) => topK(weights, n, i, SCREEN_TOP_K).map(([j, w]) => [j, round4(w)] as [number, number])),
    matches: matchingGuests(cards),
  };
  const matrix: MatrixPayload = { roundNumber, guestIds, weights: Array.from(weights, (w) => w) };
  return { results, attention, matrix, standings };
}

/** Four decimals are plenty for line thickness and keep the projector's payload small. */
function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
