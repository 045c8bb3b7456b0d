// Shared room state of a party: only what every phone, dashboard and projector may see.
// Cards, texts before the reveal, host keys and attention rows live in PartyRoom's private
// fields and travel as targeted messages, never here.
import { ArraySchema, MapSchema, Schema, type, view } from "@colyseus/schema";
import type { ConnectionState, GuestView, LeaderView, PartyStateView, Phase } from "../../shared/roomState.js";

export class GuestState extends Schema implements GuestView {
  @type("string") id = "";
  @type("string") name = "";
  @type("string") nameTag = "";
  @type("boolean") hasSubmitted = false;
  @type("boolean") isPlaying = false;
  @type("string") connection: ConnectionState = "online";
  @type("number") score = 0;
  @type("number") lastPoints = 0;
  @type("number") rank = 0;
  @type("number") previousRank = 0;
  @type("number") seat = 0;
  @type("boolean") isBot = false;
}

export class LeaderState extends Schema implements LeaderView {
  @type("string") id = "";
  @type("string") name = "";
  @type("number") rank = 0;
  @type("number") score = 0;
}

export class PartyState extends Schema implements PartyStateView {
  @type("string") code = "";
  @type("string") phase: Phase = "lobby";
  @type("string") roundType = "party";
  @type("number") roundNumber = 0;
  @type("number") phaseEndsAt = 0;
  @type("boolean") isWritingOpen = false;
  @type("number") serverNow = 0;
  @type("boolean") isLocked = false;
  @type("boolean") isLateJoinAllowed = true;
  @type("number") maxGuests = 400;
  @type("string") backend = "";
  @type("number") sharpness = 1;
  @type("boolean") isSelfAttentionBlocked = true;
  @type("boolean") isCausal = false;
  @type("boolean") isPaused = false;
  @type("number") courseStep = 0;
  @type("number") courseTotalSteps = 0;
  @type("number") courseAccuracy = 0;
  @type("number") blocksStep = 0;
  @type("number") blocksStepCount = 0;
  @type("string") blocksCaption = "";
  @type("number") guestCount = 0;
  @type("number") rankedCount = 0;
  @type([LeaderState]) leaders = new ArraySchema<LeaderState>();
  /** Filtered per client (PartyRoom gives every client a StateView): staff see all, a phone itself. */
  @view() @type({ map: GuestState }) guests = new MapSchema<GuestState>();
}
