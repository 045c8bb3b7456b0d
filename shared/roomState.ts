// The shape of the party's shared room state as clients see it. The server's schema classes
// implement these interfaces, so a field renamed on one side fails the type-check on the other.
// Nothing secret (cards, texts before the reveal, host key, other guests' rows) may be added.
// One filter applies: `guests` holds every guest for the dashboard and the projector, and only the
// phone's own guest on a phone (a Colyseus StateView), so what a phone receives when scores change
// does not grow with the class; phones read the count and the top of the board from
// `guestCount`, `rankedCount` and `leaders` instead.

export const Phase = {
  lobby: "lobby",
  brief: "brief",
  write: "write",
  reveal: "reveal",
  scores: "scores",
  ended: "ended",
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export const ConnectionState = { online: "online", reconnecting: "reconnecting", gone: "gone" } as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

export interface GuestView {
  id: string;
  name: string;
  /** The guest's name tag text; empty until the reveal. */
  nameTag: string;
  hasSubmitted: boolean;
  /** Whether the guest takes part in the current round (late joiners wait for the next). */
  isPlaying: boolean;
  connection: ConnectionState;
  score: number;
  lastPoints: number;
  rank: number;
  previousRank: number;
  /** Order of arrival; the projector seats guests by it. */
  seat: number;
  /** A rehearsal bot started from the dashboard (marked as such on every screen). */
  isBot: boolean;
}

/** How many leaders every phone sees ("Top guests" on the phone's leaderboard). */
export const LEADER_COUNT = 5;

/** One line of the top of the leaderboard, as every phone sees it. */
export interface LeaderView {
  id: string;
  name: string;
  rank: number;
  score: number;
}

export interface PartyStateView {
  code: string;
  phase: Phase;
  roundType: string;
  roundNumber: number;
  /** Epoch ms when the writing phase ends (0 when no timer runs). */
  phaseEndsAt: number;
  /** Whether the writing phase still accepts submissions (closed by the timer or the host). */
  isWritingOpen: boolean;
  /** Server clock at the last state change, so clients can correct their own clock. */
  serverNow: number;
  isLocked: boolean;
  /** Whether guests may still join once the first round has started. */
  isLateJoinAllowed: boolean;
  maxGuests: number;
  /** The compute backend the engine runs on, as shown on dashboard and projector. */
  backend: string;
  /** Multiplier on the attention scores (the dashboard's sharpness slider); 1 = plain attention. */
  sharpness: number;
  /** "No self-attention" toggle (on by default in party rounds). */
  isSelfAttentionBlocked: boolean;
  /** "Only earlier words" toggle: a guest attends only to guests who arrived before it. */
  isCausal: boolean;
  /** The writing timer is paused (phaseEndsAt is 0 meanwhile; submissions still accepted). */
  isPaused: boolean;
  /** Course rounds: training progress, for every phone (0 when no course runs). */
  courseStep: number;
  courseTotalSteps: number;
  /** Share of the course sentence's links the model gets right now, in [0, 1]. */
  courseAccuracy: number;
  /** Blocks rounds: the step every screen shows, how many there are, and its one-line caption. */
  blocksStep: number;
  blocksStepCount: number;
  blocksCaption: string;
  /** Guests at the party (the dashboard and projector see them all in `guests`; a phone only itself). */
  guestCount: number;
  /** Guests with a rank (everyone on the board). */
  rankedCount: number;
  /** The top LEADER_COUNT of the board, by rank then seat. */
  leaders: { forEach(cb: (leader: LeaderView, index: number) => void): void };
  guests: Map<string, GuestView> | { forEach(cb: (g: GuestView, id: string) => void): void };
}
