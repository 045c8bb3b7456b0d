// Turns the decoded colyseus room state (schema objects, MapSchema of guests) into a plain,
// immutable snapshot that views can render without knowing about schemas.
import type { GuestView, LeaderView, PartyStateView, Phase } from "../../shared/roomState.js";

export interface PartySnapshot extends Omit<PartyStateView, "guests" | "leaders"> {
  /** The guests this client may see, in seat order (order of arrival): all of them on the
   * dashboard and the projector, only its own on a phone. */
  guests: GuestView[];
  /** The top of the board, by rank. */
  leaders: LeaderView[];
  /** Local receive time (Date.now()) of this snapshot, for clock correction. */
  receivedAt: number;
}

const PHASES: readonly Phase[] = ["lobby", "brief", "write", "reveal", "scores", "ended"];

function copyGuest(g: GuestView): GuestView {
  return {
    id: g.id,
    name: g.name,
    nameTag: g.nameTag ?? "",
    hasSubmitted: Boolean(g.hasSubmitted),
    isPlaying: Boolean(g.isPlaying),
    connection: g.connection ?? "online",
    score: g.score ?? 0,
    lastPoints: g.lastPoints ?? 0,
    rank: g.rank ?? 0,
    previousRank: g.previousRank ?? 0,
    seat: g.seat ?? 0,
    isBot: Boolean(g.isBot),
  };
}

/** Reads the fields we know; a field the server has not added yet gets a neutral default. */
export function toPartySnapshot(state: Partial<PartyStateView> | undefined, now = Date.now()): PartySnapshot {
  const guests: GuestView[] = [];
  state?.guests?.forEach((g) => guests.push(copyGuest(g)));
  guests.sort((a, b) => a.seat - b.seat || a.id.localeCompare(b.id));
  const leaders: LeaderView[] = [];
  state?.leaders?.forEach((l) => leaders.push({ id: l.id, name: l.name, rank: l.rank ?? 0, score: l.score ?? 0 }));
  const phase = PHASES.includes(state?.phase as Phase) ? (state?.phase as Phase) : "lobby";
  return {
    code: state?.code ?? "",
    phase,
    roundType: state?.roundType ?? "party",
    roundNumber: state?.roundNumber ?? 0,
    phaseEndsAt: state?.phaseEndsAt ?? 0,
    isWritingOpen: state?.isWritingOpen ?? phase === "write",
    serverNow: state?.serverNow ?? 0,
    isLocked: Boolean(state?.isLocked),
    isLateJoinAllowed: state?.isLateJoinAllowed ?? true,
    maxGuests: state?.maxGuests ?? 0,
    backend: state?.backend ?? "",
    sharpness: state?.sharpness ?? 1,
    isSelfAttentionBlocked: state?.isSelfAttentionBlocked ?? true,
    isCausal: Boolean(state?.isCausal),
    isPaused: Boolean(state?.isPaused),
    courseStep: state?.courseStep ?? 0,
    courseTotalSteps: state?.courseTotalSteps ?? 0,
    courseAccuracy: state?.courseAccuracy ?? 0,
    blocksStep: state?.blocksStep ?? 0,
    blocksStepCount: state?.blocksStepCount ?? 0,
    blocksCaption: state?.blocksCaption ?? "",
    guestCount: state?.guestCount ?? guests.length,
    rankedCount: state?.rankedCount ?? guests.filter((g) => g.rank > 0).length,
    leaders,
    guests,
    receivedAt: now,
  };
}
