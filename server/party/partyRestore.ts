// Rebuilds a party's private records and public state from its database snapshot after a
// restart, so phones that come back with their stored secret find the same guest, card, texts
// and points, and the projector the same lines.
import type { PredictionResultPayload } from "../../shared/modelRound.js";
import type { AttentionPayload, ResultPayload } from "../../shared/protocol.js";
import type { SentenceResultPayload } from "../../shared/sentenceRound.js";
import { isWatchedRound as isWatched } from "../../shared/rounds.js";
import type { Phase } from "../../shared/roomState.js";
import { GuestState, type PartyState } from "../rooms/PartyState.js";
import { attentionPayloadFromRound } from "../storage/revealRecords.js";
import { PAUSED_MS_LEFT_SETTING, type SessionSnapshot } from "../storage/storeTypes.js";
import type { GuestBook } from "./GuestBook.js";
import { visibleText } from "./moderation.js";
import { botIdsIn } from "../bots/rehearsalBots.js";
import { DEFAULT_DECK_ID } from "./partyDeck.js";

export interface RestoredRound {
  roundId: number | null;
  deckId: string;
  /** Remaining writing time when the party died with writing open (0 = writing closed). */
  writingMsLeft: number;
  /** Writing time left on a clock the instructor had paused when the party died (0 = not paused). */
  pausedMsLeft: number;
  attention: AttentionPayload | null;
  /** The round's own settings as stored (model rounds keep their sentence there). */
  settings: Record<string, unknown>;
  /** Sentence and heads rounds: what each student's phone was told at the reveal. */
  sentenceResults: Map<string, SentenceResultPayload>;
}

/** Sentence and heads rounds keep their seating in the round's settings; a seated student plays. */
function seatedStudents(settings: Record<string, unknown>): Set<string> {
  const seating = settings.seating as { tables?: Array<{ seats?: Array<{ studentId?: string | null }> }> } | undefined;
  return new Set((seating?.tables ?? []).flatMap((t) => (t.seats ?? []).flatMap((s) => (s.studentId ? [s.studentId] : []))));
}

export function restoreFromSnapshot(snapshot: SessionSnapshot, guests: GuestBook, state: PartyState, now = Date.now()): RestoredRound {
  const settings = snapshot.session.settings;
  state.isLocked = settings.isLocked ?? false;
  state.isLateJoinAllowed = settings.isLateJoinAllowed ?? true;
  state.sharpness = settings.sharpness ?? 1;
  state.isSelfAttentionBlocked = settings.isSelfAttentionBlocked !== false;
  state.isCausal = settings.isCausal === true;
  const round = snapshot.round;
  const roundGuests = new Map((round?.guests ?? []).map((g) => [g.guestId, g]));
  const isRevealed = round !== null && round.revealOrder.length > 0;
  const isWatchedRound = round !== null && isWatched(round.type);
  const isSentenceRound = round !== null && (round.type === "sentence" || round.type === "heads");
  const seated = isSentenceRound ? seatedStudents(round.settings) : new Set<string>();
  const sentenceResults = new Map<string, SentenceResultPayload>();
  // The players table does not say who is a rehearsal bot; the session's settings list them.
  const botIds = botIdsIn(settings);

  for (const player of snapshot.players) {
    const inRound = roundGuests.get(player.guestId);
    const submission = inRound?.submission ?? null;
    guests.restore(
      {
        id: player.guestId,
        name: player.name,
        seat: player.seat,
        rejoinSecretHash: player.rejoinSecretHash,
        card: inRound?.card ?? null,
        submission: submission && { query: submission.query, key: submission.key, value: submission.value, unknownWords: submission.unknownWords },
        lastResult: isWatchedRound || isSentenceRound ? null : ((inRound?.result as ResultPayload | null | undefined) ?? null),
        prediction: inRound?.prediction ?? null,
        lastPrediction: isWatchedRound ? ((inRound?.result as PredictionResultPayload | null | undefined) ?? null) : null,
        // In a watched round (model, course) everyone present plays: there is nothing to deal.
        isPlaying: Boolean(inRound?.card) || isWatchedRound || seated.has(player.guestId),
        moderation: submission?.moderation ?? "ok",
        isBot: botIds.has(player.guestId),
      },
      player.isKicked,
    );
    if (isSentenceRound && inRound?.result) sentenceResults.set(player.guestId, inRound.result as SentenceResultPayload);
    if (player.isKicked) continue;
    const guest = new GuestState();
    guest.id = player.guestId;
    guest.name = player.name;
    guest.seat = player.seat;
    guest.isBot = botIds.has(player.guestId);
    guest.score = player.totalScore;
    guest.lastPoints = player.lastPoints;
    guest.previousRank = player.previousRank ?? 0;
    guest.isPlaying = Boolean(inRound?.card) || isWatchedRound || seated.has(player.guestId);
    guest.hasSubmitted = submission !== null || Boolean(inRound?.prediction);
    guest.nameTag = isRevealed && submission ? visibleText(submission.key, submission.moderation) : "";
    // Everyone is away until their phone reconnects.
    guest.connection = "gone";
    state.guests.set(guest.id, guest);
  }
  const unranked = state.guests.size;
  for (const player of snapshot.players) {
    const g = state.guests.get(player.guestId);
    if (g) g.rank = player.rank ?? unranked;
  }

  state.roundNumber = round?.number ?? 0;
  state.roundType = round?.type ?? "party";
  const phase: Phase = snapshot.session.status === "ended" ? "ended" : round ? round.phase : "lobby";
  state.phase = phase;
  const writingMsLeft =
    phase === "write" && round?.isWritingOpen && round.phaseEndsAt ? Math.max(0, round.phaseEndsAt - now) : 0;
  const paused = round?.settings[PAUSED_MS_LEFT_SETTING];
  const pausedMsLeft = phase === "write" && round?.isWritingOpen && typeof paused === "number" && paused > 0 ? paused : 0;
  const deckId = typeof round?.settings.deckId === "string" ? round.settings.deckId : DEFAULT_DECK_ID;
  return {
    roundId: round?.id ?? null,
    deckId,
    writingMsLeft,
    pausedMsLeft,
    attention: round && isRevealed ? attentionPayloadFromRound(round) : null,
    settings: round?.settings ?? {},
    sentenceResults,
  };
}
