// The after-class report of a session: per round participation, average attention on the
// targets, the best queries and name tags and the leaderboard; final standings. Built from the
// stored history only, so it works for any past session, also after restarts.
import { rankByScore } from "../../shared/partyScoring.js";
import type { PartyStore } from "./PartyStore.js";
import type { Moderation, PlayerRecord, SessionStatus, SnapshotRound, SnapshotRoundGuest } from "./storeTypes.js";

export { reportToCsv } from "./reportCsv.js";

/** How many queries and name tags a round's report names as the best. */
export const BEST_COUNT = 3;

/** What a report shows instead of text the instructor hid or has not approved. */
export const MODERATED_TEXT: Partial<Record<Moderation, string>> = { hidden: "[hidden]", flagged: "[flagged]" };

export interface SessionReport {
  /** ISO 8601 times throughout, for people reading the JSON. */
  generatedAt: string;
  session: {
    id: string;
    code: string;
    status: SessionStatus;
    createdAt: string;
    endedAt: string | null;
    playerCount: number;
    kickedCount: number;
    roundCount: number;
  };
  rounds: RoundReport[];
  /** Final standings of the players still in the party. */
  leaderboard: LeaderboardEntry[];
}

export interface RoundReport {
  number: number;
  type: string;
  startedAt: string;
  revealedAt: string | null;
  participation: {
    /** Guests dealt into the round (or who submitted without a card). */
    players: number;
    submissions: number;
    /** submissions / players × 100, one decimal; 0 for an empty round. */
    percent: number;
  };
  /**
   * What averageMatchMass measures: attention on targets (party, sentence, heads rounds), the
   * share of right predictions (model, course), or nothing (the blocks walk-through).
   */
  measure: "attention" | "prediction" | "none";
  /** Mean attention mass the scored players put on their targets (or share of right predictions), in [0, 1]; null before the reveal. */
  averageMatchMass: number | null;
  /** Queries that put the most attention on their targets (visible texts only). */
  bestQueries: Array<{ guestId: string; name: string; query: string; matchMass: number }>;
  /**
   * Name tags that drew the most attention: the mean weight the other participants gave the
   * guest, summed from their stored top-k rows (a lower bound when k < N − 1).
   */
  bestNameTags: Array<{ guestId: string; name: string; key: string; attentionDrawn: number }>;
  leaderboard: LeaderboardEntry[];
  /** One entry per guest who took part in the round, by seat. */
  entries: ReportEntry[];
}

export interface LeaderboardEntry {
  rank: number;
  guestId: string;
  name: string;
  /** Points of the round (in the final leaderboard: of the last round). */
  points: number;
  total: number;
}

export interface ReportEntry {
  guestId: string;
  name: string;
  query: string;
  key: string;
  value: string;
  moderation: Moderation | null;
  points: number | null;
  matchMass: number | null;
  total: number | null;
  rank: number | null;
}

/** The report of one session, or undefined when the store has no such session. */
export function buildSessionReport(store: PartyStore, sessionId: string, now: number = Date.now()): SessionReport | undefined {
  const history = store.loadSessionHistory(sessionId);
  if (!history) return undefined;
  const { session, players, rounds } = history;
  const names = new Map(players.map((p) => [p.guestId, p.name]));
  return {
    generatedAt: iso(now),
    session: {
      id: session.id,
      code: session.code,
      status: session.status,
      createdAt: iso(session.createdAt),
      endedAt: session.endedAt === null ? null : iso(session.endedAt),
      playerCount: players.length,
      kickedCount: players.filter((p) => p.isKicked).length,
      roundCount: rounds.length,
    },
    rounds: rounds.map((round) => reportRound(round, names)),
    leaderboard: finalLeaderboard(players),
  };
}

function reportRound(round: SnapshotRound, names: Map<string, string>): RoundReport {
  const nameOf = (id: string) => names.get(id) ?? id;
  const measure = round.type === "blocks" ? "none" : round.type === "model" || round.type === "course" ? "prediction" : "attention";
  // Prediction rounds deal nothing: everyone scored (answer or not) took part; a walk-through has no takers.
  const isTaking = (g: SnapshotRoundGuest) =>
    g.card !== null || g.submission !== null || g.prediction !== null || (measure === "prediction" && typeof g.score?.matchMass === "number");
  const taking = measure === "none" ? [] : round.guests.filter(isTaking);
  const submissions = taking.filter((g) => g.submission !== null || g.prediction !== null).length;
  const scored = round.guests.filter((g) => typeof g.score?.matchMass === "number");
  const massOf = (g: SnapshotRoundGuest) => g.score?.matchMass ?? 0;
  const isVisible = (g: SnapshotRoundGuest) => g.submission !== null && MODERATED_TEXT[g.submission.moderation] === undefined;
  const drawn = attentionDrawn(round);

  const bestQueries = scored
    .filter(isVisible)
    .sort((a, b) => massOf(b) - massOf(a))
    .slice(0, BEST_COUNT)
    .map((g) => ({ guestId: g.guestId, name: nameOf(g.guestId), query: g.submission!.query, matchMass: round4(massOf(g)) }));
  const bestNameTags = round.guests
    .filter((g) => isVisible(g) && drawn.has(g.guestId))
    .sort((a, b) => drawn.get(b.guestId)! - drawn.get(a.guestId)!)
    .slice(0, BEST_COUNT)
    .map((g) => ({ guestId: g.guestId, name: nameOf(g.guestId), key: g.submission!.key, attentionDrawn: round4(drawn.get(g.guestId)!) }));
  const leaderboard = round.guests
    .filter((g) => g.score !== null)
    .sort((a, b) => a.score!.rankAfter - b.score!.rankAfter)
    .map((g) => ({ rank: g.score!.rankAfter, guestId: g.guestId, name: nameOf(g.guestId), points: g.score!.points, total: g.score!.totalAfter }));

  return {
    number: round.number,
    type: round.type,
    startedAt: iso(round.startedAt),
    revealedAt: round.revealedAt === null ? null : iso(round.revealedAt),
    participation: {
      players: taking.length,
      submissions,
      percent: taking.length === 0 ? 0 : Math.round((1000 * submissions) / taking.length) / 10,
    },
    measure,
    averageMatchMass: scored.length === 0 ? null : round4(scored.reduce((sum, g) => sum + massOf(g), 0) / scored.length),
    bestQueries,
    bestNameTags,
    leaderboard,
    entries: taking.map((g) => reportEntry(g, nameOf(g.guestId))),
  };
}

function reportEntry(g: SnapshotRoundGuest, name: string): ReportEntry {
  const moderation = g.submission?.moderation ?? null;
  const mask = moderation === null ? undefined : MODERATED_TEXT[moderation];
  const text = (field: "query" | "key" | "value") => (g.submission === null ? "" : (mask ?? g.submission[field]));
  return {
    guestId: g.guestId,
    name,
    query: text("query"),
    key: text("key"),
    value: text("value"),
    moderation,
    points: g.score?.points ?? null,
    matchMass: typeof g.score?.matchMass === "number" ? round4(g.score.matchMass) : null,
    total: g.score?.totalAfter ?? null,
    rank: g.score?.rankAfter ?? null,
  };
}

/** Mean weight each revealed guest received from the other revealed guests' stored rows. */
function attentionDrawn(round: SnapshotRound): Map<string, number> {
  const n = round.revealOrder.length;
  const drawn = new Map<string, number>(round.revealOrder.map((id) => [id, 0]));
  if (n < 2) return drawn;
  for (const g of round.guests) {
    for (const [target, weight] of g.attentionTop ?? []) {
      if (target !== g.guestId && drawn.has(target)) drawn.set(target, drawn.get(target)! + weight);
    }
  }
  for (const [id, sum] of drawn) drawn.set(id, sum / (n - 1));
  return drawn;
}

function finalLeaderboard(players: PlayerRecord[]): LeaderboardEntry[] {
  const staying = players.filter((p) => !p.isKicked);
  const ranks = rankByScore(staying.map((p) => p.totalScore));
  return staying
    .map((p, i) => ({ rank: ranks[i], guestId: p.guestId, name: p.name, points: p.lastPoints, total: p.totalScore }))
    .sort((a, b) => a.rank - b.rank);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
