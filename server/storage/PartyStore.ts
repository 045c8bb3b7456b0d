// The permanent record of every party: sessions, players, rounds, cards, texts, attention rows
// and scores in SQLite, written as they happen, so reports and resume-after-restart read them.
// Synchronous on purpose: a write is one short local transaction (a submission ≈ 40 µs, a
// 300-guest reveal ≈ 35 ms: tools/storageBench.ts), cheaper than an async hand-off.
import type Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import path from "node:path";
import { REPO_ROOT } from "../config.js";
import { log } from "../log.js";
import { openDatabase } from "./openDatabase.js";
import { hashSecret, secretMatchesHash } from "./secretHash.js";
import { SessionReader } from "./SessionReader.js";
import type {
  AttentionRowRecord,
  CardRecord,
  JsonObject,
  Moderation,
  NewPlayer,
  NewRound,
  NewSession,
  NewSubmission,
  RoundPhase,
  ScoreRecord,
  SessionHistory,
  SessionRecord,
  SessionSettings,
  SessionSnapshot,
  SessionStatus,
  SessionSummary,
  StoredScenario,
  WritingState,
} from "./storeTypes.js";
import { PAUSED_MS_LEFT_SETTING } from "./storeTypes.js";

/** Where the database lives unless DB_PATH says otherwise (resolved by the lead's config). */
export const DEFAULT_DB_PATH = path.join(REPO_ROOT, "data", "cocktail-party.db");

export interface PartyStoreOptions {
  /** Clock for timestamps the caller does not give (tests pin it). */
  now?: () => number;
}

/** How often a deferred flush looks again whether the rooms have their rows. */
const DEFER_POLL_MS = 5;
/**
 * A background flush commits after this much work and lets the event loop turn before the rest:
 * 50 rooms' reveal records are ~200 ms of SQLite, which in one go kept every socket unread.
 */
const FLUSH_SLICE_MS = 10;

export class PartyStore {
  /** Absolute path of the file (or ":memory:"). */
  readonly path: string;
  /** Schema version before this process opened the file (0 = it was just created). */
  readonly migratedFrom: number;
  private readonly db: Database.Database;
  private readonly reader: SessionReader;
  private readonly now: () => number;
  private readonly sql;
  /** Writes queued by writeSoon. */
  private soon: Array<{ what: string; write: () => void }> = [];
  private isFlushScheduled = false;
  /** True while queued writes run (one of them may call flushSoon, which then has nothing to do). */
  private isRunningQueued = false;
  /** While it holds, writeSoon's queue waits (see deferWritesWhile). */
  private hold: { isHolding(): boolean } = { isHolding: () => false };

  /** Opens or creates the database; throws StorageOpenError for a file it must not touch. */
  static open(filePath: string = DEFAULT_DB_PATH, options: PartyStoreOptions = {}): PartyStore {
    const { db, migrated } = openDatabase(filePath);
    return new PartyStore(db, filePath === ":memory:" ? filePath : path.resolve(filePath), migrated.from, options);
  }

  private constructor(db: Database.Database, dbPath: string, migratedFrom: number, options: PartyStoreOptions) {
    this.db = db;
    this.path = dbPath;
    this.migratedFrom = migratedFrom;
    this.now = options.now ?? Date.now;
    this.reader = new SessionReader(db);
    this.sql = {
      insertSession: db.prepare(
        `INSERT INTO sessions (id, code, host_key_hash, created_at, status, settings)
         VALUES (@id, @code, @hostKeyHash, @createdAt, 'open', @settings)`,
      ),
      patchSettings: db.prepare("UPDATE sessions SET settings = json_patch(settings, @patch) WHERE id = @id"),
      endSession: db.prepare("UPDATE sessions SET status = 'ended', ended_at = COALESCE(ended_at, @at) WHERE id = @id"),
      deleteSession: db.prepare("DELETE FROM sessions WHERE id = ?"),
      hostKeyHash: db.prepare("SELECT host_key_hash FROM sessions WHERE id = ?").pluck(),
      insertPlayer: db.prepare(
        `INSERT INTO players (session_id, guest_id, name, seat, rejoin_secret_hash, joined_at)
         VALUES (@sessionId, @guestId, @name, @seat, @secretHash, @joinedAt)`,
      ),
      renamePlayer: db.prepare("UPDATE players SET name = @name WHERE session_id = @sessionId AND guest_id = @guestId"),
      kickPlayer: db.prepare("UPDATE players SET is_kicked = 1 WHERE session_id = @sessionId AND guest_id = @guestId"),
      insertRound: db.prepare(
        `INSERT INTO rounds (session_id, number, type, started_at, settings)
         VALUES (@sessionId, @number, @type, @startedAt, @settings)`,
      ),
      setPhase: db.prepare(
        "UPDATE rounds SET phase = @phase, is_writing_open = @isOpen, phase_ends_at = @endsAt WHERE id = @roundId",
      ),
      upsertCard: db.prepare(
        `INSERT INTO cards (round_id, guest_id, need_id, offer_id) VALUES (@roundId, @guestId, @needId, @offerId)
         ON CONFLICT (round_id, guest_id) DO UPDATE SET need_id = excluded.need_id, offer_id = excluded.offer_id`,
      ),
      upsertSubmission: db.prepare(
        `INSERT INTO submissions (round_id, guest_id, query, key, value, unknown_words, moderation, submitted_at)
         VALUES (@roundId, @guestId, @query, @key, @value, @unknownWords, @moderation, @submittedAt)
         ON CONFLICT (round_id, guest_id) DO UPDATE SET query = excluded.query, key = excluded.key,
           value = excluded.value, unknown_words = excluded.unknown_words, moderation = excluded.moderation,
           submitted_at = excluded.submitted_at`,
      ),
      upsertPrediction: db.prepare(
        `INSERT INTO predictions (round_id, guest_id, choice, answer_ms, predicted_at) VALUES (@roundId, @guestId, @choice, @answerMs, @at)
         ON CONFLICT (round_id, guest_id) DO UPDATE SET choice = excluded.choice, answer_ms = excluded.answer_ms, predicted_at = excluded.predicted_at`,
      ),
      setModeration: db.prepare("UPDATE submissions SET moderation = @moderation WHERE round_id = @roundId AND guest_id = @guestId"),
      clearRows: db.prepare("DELETE FROM attention_rows WHERE round_id = ?"),
      clearScores: db.prepare("DELETE FROM scores WHERE round_id = ?"),
      insertRow: db.prepare("INSERT INTO attention_rows (round_id, guest_id, position, top) VALUES (@roundId, @guestId, @position, @top)"),
      insertScore: db.prepare(
        `INSERT INTO scores (round_id, guest_id, points, match_mass, total_after, rank_after, previous_rank, result)
         VALUES (@roundId, @guestId, @points, @matchMass, @totalAfter, @rankAfter, @previousRank, @result)`,
      ),
      patchRoundSettings: db.prepare("UPDATE rounds SET settings = json_patch(settings, @patch) WHERE id = @roundId"),
      upsertScenario: db.prepare(
        `INSERT INTO scenarios (session_id, id, json, created_at) VALUES (@sessionId, @id, @json, @createdAt)
         ON CONFLICT (session_id, id) DO UPDATE SET json = excluded.json`,
      ),
      scenarioExists: db.prepare("SELECT 1 FROM scenarios WHERE session_id = ? AND id = ?").pluck(),
      scenario: db.prepare("SELECT id, json, created_at AS createdAt FROM scenarios WHERE session_id = ? AND id = ?"),
      scenarios: db.prepare("SELECT id, json, created_at AS createdAt FROM scenarios WHERE session_id = ? ORDER BY created_at, id"),
      deleteScenario: db.prepare("DELETE FROM scenarios WHERE session_id = ? AND id = ?"),
      setHeardWords: db.prepare(
        `UPDATE scores SET result = json_set(scores.result, '$.heardWords', json(heard.value))
         FROM json_each(@heard) AS heard
         WHERE scores.round_id = @roundId AND scores.guest_id = heard.key AND scores.result IS NOT NULL`,
      ),
      markRevealed: db.prepare(
        `UPDATE rounds SET phase = CASE phase WHEN 'scores' THEN 'scores' ELSE 'reveal' END,
           is_writing_open = 0, phase_ends_at = NULL, revealed_at = COALESCE(revealed_at, @at) WHERE id = @roundId`,
      ),
    };
  }

  /**
   * Queues a write to run soon, with every other write queued meanwhile, in one transaction (each
   * in a savepoint of its own: one that fails is logged and rolled back alone). "Soon" is the end
   * of this turn of the event loop, or, while `deferWritesWhile`'s hold says rooms are still
   * waiting for their rows, once they have them (at most its limit later). Only for records the
   * room can rebuild if they are lost — a reveal's rows and scores: the engine is deterministic, so
   * a crash before the flush means revealing again from the stored texts, with the same result.
   * Never for anything a client is told was saved: a submission is stored before its
   * acknowledgement.
   * Why: when many rooms reveal at once, every phone gets its row first, the disk work after (a
   * flush in the middle of a burst kept the rooms revealing after it waiting ~60 ms).
   * Writes to rounds and reveals, and reads of a session, flush the queue first: the database
   * sees them in the order the room made them.
   */
  writeSoon(what: string, write: () => void): void {
    this.soon.push({ what, write });
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    setImmediate(() => this.flushWhenIdle());
  }

  /** Holds writeSoon's queue while `hold` says so (a RevealBurstHold: rooms wait for their rows). */
  deferWritesWhile(hold: { isHolding(): boolean }): void {
    this.hold = hold;
  }

  private flushWhenIdle(): void {
    if (this.soon.length > 0 && this.hold.isHolding()) {
      setTimeout(() => this.flushWhenIdle(), DEFER_POLL_MS);
      return;
    }
    this.runQueued(FLUSH_SLICE_MS);
    if (this.soon.length > 0) {
      setImmediate(() => this.flushWhenIdle());
      return;
    }
    this.isFlushScheduled = false;
  }

  /** Runs the writes writeSoon queued, now (close() does, and a restore reads after it). */
  flushSoon(): void {
    this.runQueued(Infinity);
  }

  /**
   * Runs queued writes oldest first, in one transaction, until none is left or budgetMs have
   * passed. Each runs in a savepoint of its own. A queued write that calls flushSoon (a reveal
   * does) finds nothing to do: what was queued before it has run, what was queued after follows.
   */
  private runQueued(budgetMs: number): void {
    if (this.soon.length === 0 || !this.db.open || this.isRunningQueued) return;
    const started = performance.now();
    this.isRunningQueued = true;
    try {
      this.db.transaction(() => {
        do {
          const { what, write } = this.soon.shift()!;
          try {
            this.db.transaction(write)();
          } catch (error) {
            log.error(`storage: ${what} was not saved: ${(error as Error).message}`);
          }
        } while (this.soon.length > 0 && performance.now() - started < budgetMs);
      })();
    } finally {
      this.isRunningQueued = false;
    }
  }

  close(): void {
    if (!this.db.open) return;
    this.flushSoon();
    this.db.pragma("optimize");
    this.db.close();
  }

  // ---- sessions -------------------------------------------------------------------------------

  /** A new open session; throws if another open session already uses the code. */
  createSession(input: NewSession): SessionRecord {
    const record: SessionRecord = {
      id: randomUUID(),
      code: input.code,
      status: "open",
      createdAt: input.createdAt ?? this.now(),
      endedAt: null,
      settings: input.settings ?? {},
    };
    try {
      this.sql.insertSession.run({
        id: record.id,
        code: record.code,
        hostKeyHash: hashSecret(input.hostKey),
        createdAt: record.createdAt,
        settings: JSON.stringify(record.settings),
      });
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") {
        throw new Error(`Join code ${input.code} already belongs to an open session; end or resume that one first`);
      }
      throw error;
    }
    return record;
  }

  /** Merges the patch into the stored settings (RFC 7396: a null value removes the key). */
  updateSessionSettings(sessionId: string, patch: Partial<SessionSettings>): void {
    expectOne(this.sql.patchSettings.run({ id: sessionId, patch: JSON.stringify(patch) }), `session ${sessionId}`);
  }

  /** Idempotent: the first end time is kept. */
  endSession(sessionId: string, endedAt: number = this.now()): void {
    this.flushSoon();
    expectOne(this.sql.endSession.run({ id: sessionId, at: endedAt }), `session ${sessionId}`);
  }

  /** Removes the session and everything recorded under it (students' names and texts included). */
  deleteSession(sessionId: string): boolean {
    this.flushSoon();
    return this.sql.deleteSession.run(sessionId).changes > 0;
  }

  getSession(sessionId: string): SessionRecord | undefined {
    return this.reader.session(sessionId);
  }

  /** Newest first. */
  listSessions(filter: { status?: SessionStatus } = {}): SessionSummary[] {
    return this.reader.summaries({ status: filter.status });
  }

  /** The sessions this host key opens, newest first (none for a wrong key). */
  listSessionsForHostKey(hostKey: string): SessionSummary[] {
    if (!hostKey) return [];
    // Equality on the digest in SQL: timing can at most reveal digest prefixes, which say
    // nothing about a key with ≥ 144 random bits.
    return this.reader.summaries({ hostKeyHash: hashSecret(hostKey) });
  }

  findOpenSessionByCode(code: string): SessionRecord | undefined {
    return this.reader.openSessionByCode(code);
  }

  /** False for a wrong key and for an unknown session alike (callers must not tell them apart). */
  verifyHostKey(sessionId: string, hostKey: string | undefined | null): boolean {
    const stored = this.sql.hostKeyHash.get(sessionId) as string | undefined;
    // Hash anyway when the session is missing, so both answers take the same time.
    return secretMatchesHash(hostKey, stored ?? "0".repeat(64)) && stored !== undefined;
  }

  // ---- players --------------------------------------------------------------------------------

  recordPlayer(sessionId: string, player: NewPlayer): void {
    this.sql.insertPlayer.run({
      sessionId,
      guestId: player.guestId,
      name: player.name,
      seat: player.seat,
      secretHash: hashSecret(player.rejoinSecret),
      joinedAt: player.joinedAt ?? this.now(),
    });
  }

  renamePlayer(sessionId: string, guestId: string, name: string): void {
    expectOne(this.sql.renamePlayer.run({ sessionId, guestId, name }), `player ${guestId}`);
  }

  /** Bans the guest for the rest of the session; its rows stay for the report. */
  markKicked(sessionId: string, guestId: string): void {
    expectOne(this.sql.kickPlayer.run({ sessionId, guestId }), `player ${guestId}`);
  }

  // ---- rounds ---------------------------------------------------------------------------------

  /** Creates the round (phase "brief") with its first cards in one transaction; returns its id. */
  startRound(sessionId: string, round: NewRound): number {
    this.flushSoon();
    return this.db.transaction(() => {
      const { lastInsertRowid } = this.sql.insertRound.run({
        sessionId,
        number: round.number,
        type: round.type,
        startedAt: round.startedAt ?? this.now(),
        settings: JSON.stringify(round.settings ?? {}),
      });
      const roundId = Number(lastInsertRowid);
      for (const card of round.cards ?? []) this.sql.upsertCard.run({ roundId, ...card });
      return roundId;
    })();
  }

  /**
   * Merges the patch into the round's stored settings (RFC 7396, like the session's): the
   * sentence rounds keep their seating there, updated when a late student takes a seat.
   */
  updateRoundSettings(roundId: number, patch: JsonObject): void {
    this.flushSoon();
    expectOne(this.sql.patchRoundSettings.run({ roundId, patch: JSON.stringify(patch) }), `round ${roundId}`);
  }

  /** The round's phase and writing clock, a paused clock's time left included (one transaction). */
  setRoundPhase(roundId: number, phase: RoundPhase, writing: WritingState = { isOpen: false, endsAt: null }): void {
    this.flushSoon();
    this.db.transaction(() => {
      expectOne(this.sql.setPhase.run({ roundId, phase, isOpen: writing.isOpen ? 1 : 0, endsAt: writing.endsAt }), `round ${roundId}`);
      // null removes the key: a clock that runs, or a round out of writing, has no paused time.
      const patch = { [PAUSED_MS_LEFT_SETTING]: writing.pausedMsLeft || null };
      this.sql.patchRoundSettings.run({ roundId, patch: JSON.stringify(patch) });
    })();
  }

  /** Deals or re-deals cards (late joiners, the host's chosen cards); one transaction. */
  recordCards(roundId: number, cards: CardRecord[]): void {
    this.db.transaction(() => {
      for (const card of cards) this.sql.upsertCard.run({ roundId, ...card });
    })();
  }

  /** The guest's texts for the round; a second submit replaces the first. */
  recordSubmission(roundId: number, submission: NewSubmission): void {
    this.sql.upsertSubmission.run({
      roundId,
      guestId: submission.guestId,
      query: submission.query,
      key: submission.key,
      value: submission.value,
      unknownWords: JSON.stringify(submission.unknownWords),
      moderation: submission.moderation ?? "ok",
      submittedAt: submission.submittedAt ?? this.now(),
    });
  }

  /** A phone's pick in a model or course round; a second pick replaces the first. */
  recordPrediction(roundId: number, prediction: { guestId: string; choice: number; answerMs: number }, at: number = this.now()): void {
    this.sql.upsertPrediction.run({ roundId, guestId: prediction.guestId, choice: prediction.choice, answerMs: Math.round(prediction.answerMs), at });
  }

  setModeration(roundId: number, guestId: string, moderation: Moderation): void {
    expectOne(this.sql.setModeration.run({ roundId, guestId, moderation }), `submission of ${guestId} in round ${roundId}`);
  }

  /**
   * Stores a reveal in one transaction: the rows (array order = matrix order) and every
   * guest's standing. Calling it again for the same round (sharpness changed) replaces both.
   */
  recordReveal(roundId: number, rows: AttentionRowRecord[], scores: ScoreRecord[], revealedAt: number = this.now()): void {
    this.flushSoon();
    this.db.transaction(() => {
      this.sql.clearRows.run(roundId);
      this.sql.clearScores.run(roundId);
      rows.forEach((row, position) => {
        this.sql.insertRow.run({ roundId, guestId: row.guestId, position, top: JSON.stringify(row.top) });
      });
      for (const s of scores) {
        this.sql.insertScore.run({
          roundId,
          guestId: s.guestId,
          points: s.points,
          matchMass: s.matchMass,
          totalAfter: s.totalAfter,
          rankAfter: s.rankAfter,
          previousRank: s.previousRank,
          result: s.result === null ? null : JSON.stringify(s.result),
        });
      }
      expectOne(this.sql.markRevealed.run({ roundId, at: revealedAt }), `round ${roundId}`);
    })();
  }

  /**
   * Stage two of a party reveal: each guest's "what you heard" words into the result stored at
   * stage one (one statement for the round; nothing else of the stored reveal changes).
   */
  recordHeardWords(roundId: number, heardWords: ReadonlyMap<string, readonly string[]>): void {
    this.sql.setHeardWords.run({ roundId, heard: JSON.stringify(Object.fromEntries(heardWords)) });
  }

  // ---- custom scenarios -----------------------------------------------------------------------

  /** Saves a checked scenario's file text with the session; returns whether it replaced one of the same id. */
  saveScenario(sessionId: string, id: string, json: string, createdAt: number = this.now()): { isReplaced: boolean } {
    return this.db.transaction(() => {
      const isReplaced = this.sql.scenarioExists.get(sessionId, id) !== undefined;
      this.sql.upsertScenario.run({ sessionId, id, json, createdAt });
      return { isReplaced };
    })();
  }

  /** The session's custom scenarios, oldest first, as stored (callers check them again). */
  listScenarios(sessionId: string): StoredScenario[] {
    return this.sql.scenarios.all(sessionId) as StoredScenario[];
  }

  getScenario(sessionId: string, id: string): StoredScenario | undefined {
    return this.sql.scenario.get(sessionId, id) as StoredScenario | undefined;
  }

  deleteScenario(sessionId: string, id: string): boolean {
    return this.sql.deleteScenario.run(sessionId, id).changes > 0;
  }

  // ---- reading back ---------------------------------------------------------------------------

  /** What a party needs to carry on after a restart; undefined for an unknown session. */
  loadSessionSnapshot(sessionId: string): SessionSnapshot | undefined {
    this.flushSoon();
    return this.reader.snapshot(sessionId);
  }

  /** Every round of the session with its rows, for reports; undefined for an unknown session. */
  loadSessionHistory(sessionId: string): SessionHistory | undefined {
    this.flushSoon();
    return this.reader.history(sessionId);
  }
}

function expectOne(result: Database.RunResult, what: string): void {
  if (result.changes !== 1) throw new Error(`No ${what} in the party database`);
}
