// Message names and the plain payload types of the party protocol, with no runtime
// dependencies: the phone imports these (a few hundred bytes) instead of protocol.ts, whose
// zod schemas would add ~13 KB gzipped to the phone's JavaScript. protocol.ts re-exports
// everything here and adds the schemas that validate what clients send.

/** Name of the Colyseus room type every party runs in. */
export const PARTY_ROOM = "party";

/** Messages a client sends to the room. */
export const ClientMessage = {
  // every client, after (re)joining and registering its handlers: "send me my private state".
  // Needed because messages sent during the join can arrive before the client listens.
  ready: "ready",
  // students
  submit: "submit",
  /** Model and course rounds: the student's pick for the prediction question. */
  predict: "predict",
  // instructor (refused unless the sender joined with the party's host key)
  startRound: "host:startRound",
  startWriting: "host:startWriting",
  endWriting: "host:endWriting",
  reveal: "host:reveal",
  showScores: "host:showScores",
  endSession: "host:endSession",
  kick: "host:kick",
  setLocked: "host:setLocked",
  setLateJoin: "host:setLateJoin",
  requestMatrix: "host:requestMatrix",
  assignCards: "host:assignCards",
  extendTimer: "host:extendTimer",
  pauseTimer: "host:pauseTimer",
  resumeTimer: "host:resumeTimer",
  skipRound: "host:skipRound",
  moderate: "host:moderate",
  renameGuest: "host:renameGuest",
  setAttention: "host:setAttention",
  addBots: "host:addBots",
  /** Model round, after the reveal: a new sentence, which both models handle on the fly. */
  modelSentence: "host:modelSentence",
  /** Model and course rounds: which head the projector shows (null: all). */
  selectHead: "host:selectHead",
  /** Course round: stop training now and score against the model as it is. */
  stopCourse: "host:stopCourse",
  /** Blocks round: which step of the walk-through every screen shows. */
  blocksStep: "host:blocksStep",
  // projector and dashboard
  focusGuest: "focusGuest",
} as const;
export type ClientMessageName = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Messages the room sends to one client or a group of clients. */
export const ServerMessage = {
  /** To one client: why its last message or join was refused (nothing happened). */
  error: "error",
  /** To one client: what it asked for happened, with something worth knowing (words left out). */
  notice: "notice",
  /** To one student on join: its guest id and the secret that rejoins the same guest later. */
  welcome: "welcome",
  /** To one student: its own secret card. Never broadcast. */
  card: "card",
  /** To one student: its submission was stored (with the words the model did not know). */
  submitted: "submitted",
  /** To one student after the reveal: its own row (top-k), its points (heard words may follow in "heard"). */
  result: "result",
  /** To one student a moment after its "result": what it heard (the nearest-word search runs after the rows). */
  heard: "heard",
  /** To projector and host after the reveal: top-k attention per guest, for the lines. */
  attention: "attention",
  /** To the host only: everyone's texts and cards as they arrive. */
  hostRoster: "hostRoster",
  /** To the host on request: the full attention matrix of the last reveal. */
  matrix: "matrix",
  /** To projector and host: which guest to focus (null clears). */
  focus: "focus",
  /** To a student removed by the instructor, just before the socket closes. */
  kicked: "kicked",
  /** To everyone: the model or course round's sentence and the prediction question. */
  modelSentence: "modelSentence",
  /** To projector and host: trained and untrained attention on the sentence (at the reveal, and for each new sentence). */
  modelAttention: "modelAttention",
  /** To projector and host: the live course after each chunk of training. */
  courseProgress: "courseProgress",
  /** To one student: its prediction was stored. */
  predicted: "predicted",
  /** To one student at the reveal of a model or course round: how its prediction went. */
  predictionResult: "predictionResult",
  /** To projector and host: which head to show (null: all). */
  headFocus: "headFocus",
  /** Blocks round, to projector and host: the whole walk-through (phones follow its step in the room state). */
  blocks: "blocks",
  /** Sentence and heads rounds, to one student: the word it plays and its table. */
  seat: "seat",
  /** Sentence and heads rounds, to projector and host: the tables (no answer key). */
  sentenceSeating: "sentenceSeating",
  /** Sentence and heads rounds, to projector and host at the reveal: attention per table, key, scores. */
  sentenceAttention: "sentenceAttention",
  /** Sentence and heads rounds, to one student at the reveal: its word against the key. */
  sentenceResult: "sentenceResult",
} as const;
export type ServerMessageName = (typeof ServerMessage)[keyof typeof ServerMessage];

/** Who a connection is: a student's phone, the instructor's dashboard, or a projector. */
export const Role = { student: "student", host: "host", screen: "screen" } as const;
export type Role = (typeof Role)[keyof typeof Role];

// ---- room → client payloads (built by the server, never parsed from a client) ----------------

export type ErrorCode =
  | "bad_message"
  | "not_host"
  | "wrong_phase"
  | "empty_fields"
  | "rate_limited"
  | "unknown_guest"
  | "engine_failed";

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** For empty_fields: which fields were empty, so the phone can mark them. */
  fields?: Array<"query" | "key" | "value">;
}

/** Why a notice was sent: the round started without the typed words the models do not know. */
export type NoticeCode = "unknown_words";

/** Not an error: what was asked for went ahead; the dashboard shows it as a warning. */
export interface NoticePayload {
  code: NoticeCode;
  message: string;
  /** For unknown_words: the words left out, as typed (lower case). */
  words: string[];
}

/** Response of POST /api/parties: the new party's code and its secret host key. */
export interface CreatedPartyPayload {
  hostKey: string;
  code: string;
  /** The session's id in the database (reports: /api/sessions/:id/report.json). */
  sessionId: string;
}

export interface WelcomePayload {
  guestId: string;
  name: string;
  /** Store on the phone; joining with it later restores this guest (same card, texts, points). */
  rejoinSecret: string;
}

export interface MatrixPayload {
  roundNumber: number;
  guestIds: string[];
  /** [N, N] row-major weights, rows and columns in guestIds order. */
  weights: number[];
}

/** A party-round card: what this guest needs and what it can offer (secret until the reveal). */
export interface CardPayload {
  need: string;
  offer: string;
}

export interface SubmittedPayload {
  query: string;
  key: string;
  value: string;
  /** Words per field that the encoder does not know; they are ignored, and the phone says so. */
  unknownWords: { query: string[]; key: string[]; value: string[] };
}

/** A guest this guest attended to: its name tag is the text this guest's query met. */
export interface AttendedGuest {
  guestId: string;
  name: string;
  nameTag: string;
  /** Attention weight in [0, 1]; a row sums to 1 over all guests. */
  weight: number;
}

/**
 * A guest that attended to this one. Its query met this guest's name tag, but a query stays with
 * its author (it tells the secret card's need), so only the name and the weight come.
 */
export interface AttendingGuest {
  guestId: string;
  name: string;
  /** Its attention weight on this guest, in [0, 1]. */
  weight: number;
}

export interface HeardValue {
  guestId: string;
  name: string;
  value: string;
  /** This value's share of what the guest heard (= its attention weight). */
  weight: number;
}

export interface ResultPayload {
  roundNumber: number;
  /** The guests this guest attended to most, heaviest first (top-k of its row), with their name tags. */
  attendedTo: AttendedGuest[];
  /** Guests that attended most to this guest, heaviest first (top-k of its column); no texts of theirs. */
  attendedBy: AttendingGuest[];
  /** Nearest vocabulary words of this guest's attention output vector ([] while isHeardPending). */
  heardWords: string[];
  /** The words are still being searched and follow in a "heard" message (absent or false: final). */
  isHeardPending?: boolean;
  /** The values that contributed most to the output. */
  heardValues: HeardValue[];
  points: number;
  /** One line saying where the points came from. */
  pointsReason: string;
  /** Attention mass on the guests whose offer matches this guest's need, in [0, 1]. */
  matchMass: number;
  rank: number;
  previousRank: number | null;
  totalScore: number;
}

/** "What you heard" for a result sent without it: the nearest vocabulary words of the guest's output vector. */
export interface HeardPayload {
  roundNumber: number;
  heardWords: string[];
}

/** Top-k attention per participating guest, for the projector's lines. */
export interface AttentionPayload {
  roundNumber: number;
  /** Guest ids in matrix order. */
  guestIds: string[];
  /** rows[i] = guest i's heaviest targets as [column index, weight], heaviest first. */
  rows: Array<Array<[number, number]>>;
  /** For each guest: indices of the guests whose offer matched its need (revealed with the answer). */
  matches: number[][];
}

/** ok: passed the filter · flagged: masked for others until approved · approved · hidden: never shown again. */
export type Moderation = "ok" | "flagged" | "approved" | "hidden";

export interface HostRosterEntry {
  guestId: string;
  name: string;
  card: CardPayload | null;
  query: string;
  key: string;
  value: string;
  hasSubmitted: boolean;
  /** Whether others may see this guest's texts (the host always sees them). */
  moderation: Moderation;
  /** The word list flagged these texts. */
  isFlagged: boolean;
  isBot: boolean;
  /** Sentence and heads rounds: the word this guest plays and where (absent in other rounds). */
  sentenceSeat?: { position: number; word: string; tableIndex: number; head: number | null };
}

export interface HostRosterPayload {
  guests: HostRosterEntry[];
}

export interface FocusPayload {
  guestId: string | null;
}
