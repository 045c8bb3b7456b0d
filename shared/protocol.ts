// The wire protocol between phones, dashboard, projector and the party room: message names,
// their payload schemas (zod) and the types inferred from them. The server validates every
// incoming payload with these schemas; clients build payloads against the same types.
import { z } from "zod";
import { TEXT_LIMITS } from "./text.js";

/** Name of the Colyseus room type every party runs in. */
export const PARTY_ROOM = "party";

/** Messages a client sends to the room. */
export const ClientMessage = {
  // every client, after (re)joining and registering its handlers: "send me my private state".
  // Needed because messages sent during the join can arrive before the client listens.
  ready: "ready",
  // students
  submit: "submit",
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
  // projector and dashboard
  focusGuest: "focusGuest",
} as const;
export type ClientMessageName = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Messages the room sends to one client or a group of clients. */
export const ServerMessage = {
  /** To one client: why its last message or join was refused. */
  error: "error",
  /** To one student on join: its guest id and the secret that rejoins the same guest later. */
  welcome: "welcome",
  /** To one student: its own secret card. Never broadcast. */
  card: "card",
  /** To one student: its submission was stored (with the words the model did not know). */
  submitted: "submitted",
  /** To one student after the reveal: its own row (top-k), what it heard, its points. */
  result: "result",
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
} as const;
export type ServerMessageName = (typeof ServerMessage)[keyof typeof ServerMessage];

// ---- join options -------------------------------------------------------------------------

export const Role = { student: "student", host: "host", screen: "screen" } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const JoinOptionsSchema = z
  .object({
    role: z.enum(["student", "host", "screen"]),
    /** Students: the nickname they chose. */
    name: z.string().max(200).optional(),
    /** Host: the key returned at creation; proves host rights on reload. */
    hostKey: z.string().max(200).optional(),
    /** Students: the secret stored on the phone; rejoins the same guest after losing the seat. */
    rejoinSecret: z.string().max(200).optional(),
  })
  .strict();
export type JoinOptions = z.infer<typeof JoinOptionsSchema>;

export const CreateOptionsSchema = z
  .object({
    role: z.literal("host"),
    /** Seconds for the writing phase. */
    writeSeconds: z.number().int().min(15).max(1800).optional(),
  })
  .strict();
export type CreateOptions = z.infer<typeof CreateOptionsSchema>;

// ---- client → room payloads -----------------------------------------------------------------

/** Lengths here are the hard transport cap; the room trims and cleans to TEXT_LIMITS. */
export const SubmitSchema = z
  .object({
    query: z.string().max(TEXT_LIMITS.query * 4),
    key: z.string().max(TEXT_LIMITS.key * 4),
    value: z.string().max(TEXT_LIMITS.value * 4),
  })
  .strict();
export type SubmitPayload = z.infer<typeof SubmitSchema>;

export const StartRoundSchema = z
  .object({
    roundType: z.literal("party"),
    writeSeconds: z.number().int().min(15).max(1800).optional(),
  })
  .strict();
export type StartRoundPayload = z.infer<typeof StartRoundSchema>;

export const EmptySchema = z.union([z.undefined(), z.null(), z.object({}).strict()]);

/** Rehearsals with prepared texts: the host deals chosen cards (deck item ids) during the brief. */
export const AssignCardsSchema = z
  .object({
    cards: z
      .array(z.object({ guestId: z.string().max(64), needId: z.string().max(64), offerId: z.string().max(64) }).strict())
      .max(1000),
  })
  .strict();

export const KickSchema = z.object({ guestId: z.string().max(64) }).strict();
export const SetLockedSchema = z.object({ isLocked: z.boolean() }).strict();
export const SetLateJoinSchema = z.object({ isAllowed: z.boolean() }).strict();
export const ExtendTimerSchema = z.object({ seconds: z.number().int().min(5).max(600) }).strict();
export const FocusGuestSchema = z.object({ guestId: z.string().max(64).nullable() }).strict();

/** Payload schema for each client message; the room refuses anything that does not parse. */
export const ClientPayloadSchemas = {
  [ClientMessage.ready]: EmptySchema,
  [ClientMessage.submit]: SubmitSchema,
  [ClientMessage.startRound]: StartRoundSchema,
  [ClientMessage.startWriting]: EmptySchema,
  [ClientMessage.endWriting]: EmptySchema,
  [ClientMessage.reveal]: EmptySchema,
  [ClientMessage.showScores]: EmptySchema,
  [ClientMessage.endSession]: EmptySchema,
  [ClientMessage.kick]: KickSchema,
  [ClientMessage.setLocked]: SetLockedSchema,
  [ClientMessage.setLateJoin]: SetLateJoinSchema,
  [ClientMessage.requestMatrix]: EmptySchema,
  [ClientMessage.assignCards]: AssignCardsSchema,
  [ClientMessage.extendTimer]: ExtendTimerSchema,
  [ClientMessage.focusGuest]: FocusGuestSchema,
} satisfies Record<ClientMessageName, z.ZodTypeAny>;

export type ClientPayload<N extends ClientMessageName> = z.infer<(typeof ClientPayloadSchemas)[N]>;

// ---- room → client payloads -------------------------------------------------------------------

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

export interface AttendedGuest {
  guestId: string;
  name: string;
  nameTag: string;
  /** Attention weight in [0, 1]; a row sums to 1 over all guests. */
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
  /** The guests this guest attended to most, heaviest first (top-k of its row). */
  attendedTo: AttendedGuest[];
  /** Guests that attended most to this guest, heaviest first. */
  attendedBy: AttendedGuest[];
  /** Nearest vocabulary words of this guest's attention output vector. */
  heardWords: string[];
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

export interface HostRosterEntry {
  guestId: string;
  name: string;
  card: CardPayload | null;
  query: string;
  key: string;
  value: string;
  hasSubmitted: boolean;
}

export interface HostRosterPayload {
  guests: HostRosterEntry[];
}

export interface FocusPayload {
  guestId: string | null;
}
