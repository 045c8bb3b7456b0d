// The plain records PartyStore takes and returns, and the snapshot a party is rebuilt from
// after a restart. Times are epoch milliseconds throughout.
import type { PartyCardIds } from "../../shared/partyScoring.js";
import type { PredictionResultPayload } from "../../shared/modelRound.js";
import type { ResultPayload } from "../../shared/protocol.js";
import type { SentenceResultPayload } from "../../shared/sentenceRound.js";

/** What a phone was sent at a reveal: a party result, a prediction result (model and course rounds) or a sentence result (sentence and heads rounds). */
export type StoredResult = ResultPayload | PredictionResultPayload | SentenceResultPayload;

export type SessionStatus = "open" | "ended";
/** The phases a round can be in; "lobby" (no round yet) and "ended" (session) live elsewhere. */
export type RoundPhase = "brief" | "write" | "reveal" | "scores";
/** ok: passed the filter · flagged: masked until approved · hidden: never shown again · approved: shown. */
export type Moderation = "ok" | "flagged" | "hidden" | "approved";

/** JSON that survives a round trip through a TEXT column. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** Keys holding undefined are dropped by JSON.stringify, so optional fields are allowed. */
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

/**
 * A session's room-wide settings, kept current with updateSessionSettings so a resumed party
 * has the same locks and sliders. Unknown keys are kept, so the room can add its own.
 */
export interface SessionSettings extends JsonObject {
  writeSeconds?: number;
  isLocked?: boolean;
  isLateJoinAllowed?: boolean;
  sharpness?: number;
}

export interface SessionRecord {
  id: string;
  code: string;
  status: SessionStatus;
  createdAt: number;
  endedAt: number | null;
  settings: SessionSettings;
}

/** A row of the dashboard's list of sessions. */
export interface SessionSummary extends SessionRecord {
  playerCount: number;
  roundCount: number;
}

export interface NewSession {
  code: string;
  /** The plain host key handed to the instructor; only its hash is stored. */
  hostKey: string;
  settings?: SessionSettings;
  createdAt?: number;
}

export interface NewRound {
  number: number;
  type: string;
  settings?: JsonObject;
  /** Cards dealt at the start, written in the same transaction as the round. */
  cards?: CardRecord[];
  startedAt?: number;
}

export interface WritingState {
  isOpen: boolean;
  /** Epoch ms the writing timer ends; null when no timer runs. */
  endsAt: number | null;
  /** Time left on a clock the instructor paused (it has no end time then), ms; absent when not paused. */
  pausedMsLeft?: number;
}

/** Round-settings key where setRoundPhase keeps WritingState.pausedMsLeft. */
export const PAUSED_MS_LEFT_SETTING = "pausedMsLeft";

export interface NewPlayer {
  guestId: string;
  name: string;
  seat: number;
  /** The plain secret handed to the phone; only its hash is stored. */
  rejoinSecret: string;
  joinedAt?: number;
}

export interface CardRecord extends PartyCardIds {
  guestId: string;
}

export interface UnknownWords {
  query: string[];
  key: string[];
  value: string[];
}

export interface NewSubmission {
  guestId: string;
  query: string;
  key: string;
  value: string;
  unknownWords: UnknownWords;
  /** Defaults to "ok". */
  moderation?: Moderation;
  submittedAt?: number;
}

/** One guest's stored row of a reveal: its heaviest targets, heaviest first. */
export interface AttentionRowRecord {
  guestId: string;
  top: Array<[guestId: string, weight: number]>;
}

/** One guest's standing after a reveal (every guest on the scoreboard, playing or not). */
export interface ScoreRecord {
  guestId: string;
  points: number;
  /** Attention mass on the guest's targets in [0, 1]; null when it did not play this round. */
  matchMass: number | null;
  totalAfter: number;
  rankAfter: number;
  previousRank: number | null;
  /** The exact result sent to the phone, so a reconnecting phone sees the same screen. */
  result: StoredResult | null;
}

// ---- the snapshot ---------------------------------------------------------------------------

/**
 * Everything needed to rebuild a party after a crash, as of the last committed write.
 * How the room maps it back (see the report of the storage work for the full list):
 * - GuestBook: one record per player with isKicked = false (seat order kept, next seat =
 *   max seat + 1); kicked players' rejoinSecretHash go to the banned list. Rejoin checks
 *   compare hashSecret(given) with rejoinSecretHash (secretMatchesHash).
 * - Phase: "ended" if session.status is "ended", "lobby" if round is null, else round.phase.
 * - Per guest: card / submission / result from round.guests; isPlaying = card !== null.
 */
export interface SessionSnapshot {
  session: SessionRecord & { hostKeyHash: string };
  /** All players ever admitted, kicked ones included, by seat. */
  players: SnapshotPlayer[];
  /** The latest round, or null while the party is still in the lobby. */
  round: SnapshotRound | null;
}

/** A player as the record keeps it, with its standing after the latest reveal. */
export interface PlayerRecord {
  guestId: string;
  name: string;
  seat: number;
  isKicked: boolean;
  joinedAt: number;
  /** Running total after the last reveal this guest was scored in (0 if never). */
  totalScore: number;
  /** Rank after that reveal; null if never scored (the room then ranks it last). */
  rank: number | null;
  /** The rank before that reveal (PartyState shows 0 for "none"). */
  previousRank: number | null;
  /** Points of the latest round if it was revealed and scored this guest, else 0. */
  lastPoints: number;
}

export interface SnapshotPlayer extends PlayerRecord {
  /** Hex SHA-256 of the phone's rejoin secret (the plain secret is never stored). */
  rejoinSecretHash: string;
}

/**
 * The whole record of a session, for reports: no secrets, and no phone result payloads
 * (every SnapshotRoundGuest.result is null here; the snapshot has them for the latest round).
 */
export interface SessionHistory {
  session: SessionRecord;
  /** By seat, kicked players included. */
  players: PlayerRecord[];
  /** Every round, in order. */
  rounds: SnapshotRound[];
}

export interface SnapshotRound {
  id: number;
  number: number;
  type: string;
  phase: RoundPhase;
  isWritingOpen: boolean;
  /** When the writing timer was due to end; the room decides whether to reopen or close. */
  phaseEndsAt: number | null;
  startedAt: number;
  revealedAt: number | null;
  settings: JsonObject;
  /** Every guest with a card, submission, attention row or score in this round, by seat. */
  guests: SnapshotRoundGuest[];
  /** The reveal's guest ids in matrix order (empty before the reveal). */
  revealOrder: string[];
}

export interface SnapshotRoundGuest {
  guestId: string;
  card: PartyCardIds | null;
  submission: SnapshotSubmission | null;
  /** Its pick in a model or course round (token index, and how long it took). */
  prediction: { choice: number; answerMs: number } | null;
  /** This guest's stored top-k attention row, heaviest first; null before the reveal. */
  attentionTop: Array<[guestId: string, weight: number]> | null;
  score: Omit<ScoreRecord, "guestId" | "result"> | null;
  /** The result its phone was sent at the reveal; null before it or for non-players. */
  result: StoredResult | null;
}

export interface SnapshotSubmission {
  query: string;
  key: string;
  value: string;
  unknownWords: UnknownWords;
  moderation: Moderation;
  submittedAt: number;
}

/** A custom scenario saved with a session: the file text as the instructor wrote it. */
export interface StoredScenario {
  id: string;
  json: string;
  createdAt: number;
}
