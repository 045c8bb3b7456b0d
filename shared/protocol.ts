// The wire protocol between phones, dashboard, projector and the party room: message names
// and room → client payloads (from messages.ts, re-exported here), the zod schemas of what
// clients send and the types inferred from them. The server validates every incoming payload
// with these schemas; clients build payloads against the same types (importing them with
// `import type`, so the phone never bundles zod).
import { z } from "zod";
import { ClientMessage, type ClientMessageName } from "./messages.js";
import { COURSE_STEPS, ROUND_TYPES, type RoundType } from "./rounds.js";
import { TEXT_LIMITS } from "./text.js";

export * from "./messages.js";

// ---- join options -------------------------------------------------------------------------

export const JoinOptionsSchema = z
  .object({
    role: z.enum(["student", "host", "screen"]),
    /** Students: the nickname they chose. */
    name: z.string().max(200).optional(),
    /** Host: the key returned at creation; proves host rights on reload. */
    hostKey: z.string().max(200).optional(),
    /** Students: the secret stored on the phone; rejoins the same guest after losing the seat. */
    rejoinSecret: z.string().max(200).optional(),
    /** Rehearsal bots started by the server itself prove it with this per-process token. */
    botKey: z.string().max(200).optional(),
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

/** A typed sentence may be long (a paste): the room answers "too long" in words, not a schema error. */
/** The longest sentence a model, course or blocks round takes, in characters. */
export const SENTENCE_MAX_CHARS = 3000;

export const StartRoundSchema = z
  .object({
    roundType: z.enum(ROUND_TYPES as [RoundType, ...RoundType[]]),
    /** Seconds for writing (party) or answering the prediction question (model, course). */
    writeSeconds: z.number().int().min(15).max(1800).optional(),
    /** Party rounds: which deck to deal from (GET /api/decks lists them); default: the neighbourhood. */
    deckId: z.string().max(40).optional(),
    /** Model and course rounds: the sentence the models attend over; default: the built-in example. */
    sentence: z.string().max(SENTENCE_MAX_CHARS).optional(),
    /** Course rounds: training steps (default 400, ~20–30 s on wasm). Out of range is refused, never clamped. */
    courseSteps: z
      .number()
      .int("training steps must be a whole number")
      .min(COURSE_STEPS.min, `a course needs at least ${COURSE_STEPS.min} training steps`)
      .max(COURSE_STEPS.max, `a course takes at most ${COURSE_STEPS.max} training steps`)
      .optional(),
    /** Sentence and heads rounds: the scenario to play. */
    scenarioId: z.string().max(80).optional(),
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

export const ModerateSchema = z.object({ guestId: z.string().max(64), action: z.enum(["approve", "hide"]) }).strict();
export const RenameGuestSchema = z.object({ guestId: z.string().max(64), name: z.string().max(200) }).strict();
/** The dashboard's attention controls: sharpness slider and the two mask toggles. */
export const SetAttentionSchema = z
  .object({
    sharpness: z.number().min(0.1).max(10),
    isSelfAttentionBlocked: z.boolean(),
    isCausal: z.boolean(),
  })
  .strict();
export const AddBotsSchema = z.object({ count: z.number().int().min(1).max(60) }).strict();

export const KickSchema = z.object({ guestId: z.string().max(64) }).strict();
export const SetLockedSchema = z.object({ isLocked: z.boolean() }).strict();
export const SetLateJoinSchema = z.object({ isAllowed: z.boolean() }).strict();
export const ExtendTimerSchema = z.object({ seconds: z.number().int().min(5).max(600) }).strict();
export const PredictSchema = z.object({ choice: z.number().int().min(1).max(200) }).strict();
export const ModelSentenceSchema = z.object({ sentence: z.string().max(SENTENCE_MAX_CHARS) }).strict();
/** Which head the projector shows in model and course rounds; null = all heads. */
export const SelectHeadSchema = z.object({ head: z.number().int().min(0).max(7).nullable() }).strict();
export const BlocksStepSchema = z.object({ step: z.number().int().min(0).max(100) }).strict();
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
  [ClientMessage.pauseTimer]: EmptySchema,
  [ClientMessage.resumeTimer]: EmptySchema,
  [ClientMessage.skipRound]: EmptySchema,
  [ClientMessage.moderate]: ModerateSchema,
  [ClientMessage.renameGuest]: RenameGuestSchema,
  [ClientMessage.setAttention]: SetAttentionSchema,
  [ClientMessage.addBots]: AddBotsSchema,
  [ClientMessage.focusGuest]: FocusGuestSchema,
  [ClientMessage.predict]: PredictSchema,
  [ClientMessage.modelSentence]: ModelSentenceSchema,
  [ClientMessage.selectHead]: SelectHeadSchema,
  [ClientMessage.stopCourse]: EmptySchema,
  [ClientMessage.blocksStep]: BlocksStepSchema,
} satisfies Record<ClientMessageName, z.ZodTypeAny>;

export type ClientPayload<N extends ClientMessageName> = z.infer<(typeof ClientPayloadSchemas)[N]>;
