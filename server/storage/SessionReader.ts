// Reads a session back out of the database: the list for the dashboard, the snapshot a party is
// rebuilt from after a restart, and the full history the reports are built from.
import type Database from "better-sqlite3";
import type {
  JsonObject,
  Moderation,
  PlayerRecord,
  RoundPhase,
  SessionHistory,
  SessionRecord,
  SessionSettings,
  SessionSnapshot,
  SessionStatus,
  SessionSummary,
  SnapshotPlayer,
  SnapshotRound,
  SnapshotRoundGuest,
  StoredResult,
  UnknownWords,
} from "./storeTypes.js";

interface SessionRow {
  id: string;
  code: string;
  host_key_hash: string;
  status: SessionStatus;
  created_at: number;
  ended_at: number | null;
  settings: string;
}
interface PlayerRow {
  guest_id: string;
  name: string;
  seat: number;
  rejoin_secret_hash: string;
  is_kicked: 0 | 1;
  joined_at: number;
}
interface StandingRow {
  guest_id: string;
  round_id: number;
  points: number;
  total_after: number;
  rank_after: number;
  previous_rank: number | null;
}
interface RoundRow {
  id: number;
  number: number;
  type: string;
  phase: RoundPhase;
  is_writing_open: 0 | 1;
  phase_ends_at: number | null;
  started_at: number;
  revealed_at: number | null;
  settings: string;
}
interface CardRow { guest_id: string; need_id: string; offer_id: string }
interface SubmissionRow {
  guest_id: string;
  query: string;
  key: string;
  value: string;
  unknown_words: string;
  moderation: Moderation;
  submitted_at: number;
}
interface AttentionRow { guest_id: string; top: string }
interface ScoreRow {
  guest_id: string;
  points: number;
  match_mass: number | null;
  total_after: number;
  rank_after: number;
  previous_rank: number | null;
  result: string | null;
}

const SESSION_COLUMNS = "id, code, host_key_hash, status, created_at, ended_at, settings";

export class SessionReader {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      session: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`),
      openByCode: db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE code = ? AND status = 'open'`),
      summaries: db.prepare(
        `SELECT ${SESSION_COLUMNS},
           (SELECT count(*) FROM players p WHERE p.session_id = s.id) AS player_count,
           (SELECT count(*) FROM rounds r WHERE r.session_id = s.id) AS round_count
         FROM sessions s
         WHERE (@status IS NULL OR status = @status) AND (@hostKeyHash IS NULL OR host_key_hash = @hostKeyHash)
         ORDER BY created_at DESC, id`,
      ),
      players: db.prepare(
        "SELECT guest_id, name, seat, rejoin_secret_hash, is_kicked, joined_at FROM players WHERE session_id = ? ORDER BY seat",
      ),
      // Ascending by round, so the last row per guest is its latest standing.
      standings: db.prepare(
        `SELECT s.guest_id, s.round_id, s.points, s.total_after, s.rank_after, s.previous_rank
         FROM scores s JOIN rounds r ON r.id = s.round_id WHERE r.session_id = ? ORDER BY r.number`,
      ),
      rounds: db.prepare("SELECT * FROM rounds WHERE session_id = ? ORDER BY number"),
      latestRound: db.prepare("SELECT * FROM rounds WHERE session_id = ? ORDER BY number DESC LIMIT 1"),
      cards: db.prepare("SELECT guest_id, need_id, offer_id FROM cards WHERE round_id = ?"),
      submissions: db.prepare(
        "SELECT guest_id, query, key, value, unknown_words, moderation, submitted_at FROM submissions WHERE round_id = ?",
      ),
      predictions: db.prepare("SELECT guest_id, choice, answer_ms FROM predictions WHERE round_id = ?"),
      attention: db.prepare("SELECT guest_id, top FROM attention_rows WHERE round_id = ? ORDER BY position"),
      scores: db.prepare(
        "SELECT guest_id, points, match_mass, total_after, rank_after, previous_rank, result FROM scores WHERE round_id = ?",
      ),
      // Reports skip the phones' result payloads: they are ~1 KB per guest per round to parse.
      scoresWithoutResults: db.prepare(
        "SELECT guest_id, points, match_mass, total_after, rank_after, previous_rank, NULL AS result FROM scores WHERE round_id = ?",
      ),
    };
  }

  session(sessionId: string): SessionRecord | undefined {
    const row = this.sql.session.get(sessionId) as SessionRow | undefined;
    return row && toSession(row);
  }

  openSessionByCode(code: string): SessionRecord | undefined {
    const row = this.sql.openByCode.get(code) as SessionRow | undefined;
    return row && toSession(row);
  }

  /** Newest first; both filters optional. */
  summaries(filter: { status?: SessionStatus; hostKeyHash?: string } = {}): SessionSummary[] {
    const rows = this.sql.summaries.all({ status: filter.status ?? null, hostKeyHash: filter.hostKeyHash ?? null }) as Array<SessionRow & { player_count: number; round_count: number }>;
    return rows.map((row) => ({ ...toSession(row), playerCount: row.player_count, roundCount: row.round_count }));
  }

  snapshot(sessionId: string): SessionSnapshot | undefined {
    const row = this.sql.session.get(sessionId) as SessionRow | undefined;
    if (!row) return undefined;
    const latest = this.sql.latestRound.get(sessionId) as RoundRow | undefined;
    const players = this.players(sessionId, latest?.id ?? null);
    return {
      session: { ...toSession(row), hostKeyHash: row.host_key_hash },
      players,
      round: latest ? this.round(latest, seatsOf(players), true) : null,
    };
  }

  history(sessionId: string): SessionHistory | undefined {
    const row = this.sql.session.get(sessionId) as SessionRow | undefined;
    if (!row) return undefined;
    const roundRows = this.sql.rounds.all(sessionId) as RoundRow[];
    const players = this.players(sessionId, roundRows.at(-1)?.id ?? null);
    const seats = seatsOf(players);
    return {
      session: toSession(row),
      // Reports never need the secret hashes.
      players: players.map(({ rejoinSecretHash: _hash, ...player }): PlayerRecord => player),
      rounds: roundRows.map((r) => this.round(r, seats, false)),
    };
  }

  /** Players by seat with their latest standing; lastPoints only from the latest round. */
  private players(sessionId: string, latestRoundId: number | null): SnapshotPlayer[] {
    const latest = new Map<string, StandingRow>();
    for (const s of this.sql.standings.all(sessionId) as StandingRow[]) latest.set(s.guest_id, s);
    return (this.sql.players.all(sessionId) as PlayerRow[]).map((p) => {
      const standing = latest.get(p.guest_id);
      return {
        guestId: p.guest_id,
        name: p.name,
        seat: p.seat,
        rejoinSecretHash: p.rejoin_secret_hash,
        isKicked: p.is_kicked === 1,
        joinedAt: p.joined_at,
        totalScore: standing?.total_after ?? 0,
        rank: standing?.rank_after ?? null,
        previousRank: standing?.previous_rank ?? null,
        lastPoints: standing && standing.round_id === latestRoundId ? standing.points : 0,
      };
    });
  }

  private round(row: RoundRow, seats: Map<string, number>, withResults: boolean): SnapshotRound {
    const guests = new Map<string, SnapshotRoundGuest>();
    const guest = (guestId: string): SnapshotRoundGuest => {
      let g = guests.get(guestId);
      if (!g) {
        g = { guestId, card: null, submission: null, prediction: null, attentionTop: null, score: null, result: null };
        guests.set(guestId, g);
      }
      return g;
    };
    for (const c of this.sql.cards.all(row.id) as CardRow[]) guest(c.guest_id).card = { needId: c.need_id, offerId: c.offer_id };
    for (const s of this.sql.submissions.all(row.id) as SubmissionRow[]) {
      guest(s.guest_id).submission = {
        query: s.query,
        key: s.key,
        value: s.value,
        unknownWords: JSON.parse(s.unknown_words) as UnknownWords,
        moderation: s.moderation,
        submittedAt: s.submitted_at,
      };
    }
    for (const p of this.sql.predictions.all(row.id) as Array<{ guest_id: string; choice: number; answer_ms: number }>) {
      guest(p.guest_id).prediction = { choice: p.choice, answerMs: p.answer_ms };
    }
    const attention = this.sql.attention.all(row.id) as AttentionRow[];
    for (const a of attention) guest(a.guest_id).attentionTop = JSON.parse(a.top) as Array<[string, number]>;
    const scores = withResults ? this.sql.scores : this.sql.scoresWithoutResults;
    for (const s of scores.all(row.id) as ScoreRow[]) {
      const g = guest(s.guest_id);
      g.score = {
        points: s.points,
        matchMass: s.match_mass,
        totalAfter: s.total_after,
        rankAfter: s.rank_after,
        previousRank: s.previous_rank,
      };
      g.result = s.result === null ? null : (JSON.parse(s.result) as StoredResult);
    }
    const seatOf = (id: string) => seats.get(id) ?? Number.MAX_SAFE_INTEGER;
    return {
      id: row.id,
      number: row.number,
      type: row.type,
      phase: row.phase,
      isWritingOpen: row.is_writing_open === 1,
      phaseEndsAt: row.phase_ends_at,
      startedAt: row.started_at,
      revealedAt: row.revealed_at,
      settings: JSON.parse(row.settings) as JsonObject,
      guests: [...guests.values()].sort((a, b) => seatOf(a.guestId) - seatOf(b.guestId) || a.guestId.localeCompare(b.guestId)),
      revealOrder: attention.map((a) => a.guest_id),
    };
  }
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    createdAt: row.created_at,
    endedAt: row.ended_at,
    settings: JSON.parse(row.settings) as SessionSettings,
  };
}

function seatsOf(players: SnapshotPlayer[]): Map<string, number> {
  return new Map(players.map((p) => [p.guestId, p.seat]));
}
