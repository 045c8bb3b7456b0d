// What a phone learns about a party before it joins (GET /api/parties/:code), read from the
// room wherever it runs: here directly, in another process over Colyseus' IPC (Redis pub/sub),
// since the listing in the driver carries no game state.
import { matchMaker, requestFromIPC, subscribeIPC, type IRoomCache } from "@colyseus/core";
import type { PartyStateView, Phase } from "../../shared/roomState.js";

export interface PartySummary {
  guestCount: number;
  maxGuests: number;
  isLocked: boolean;
  phase: Phase;
}

/** A phone waiting on this would rather get a partial answer than hang: 1 s, then defaults. */
const REMOTE_SUMMARY_TIMEOUT_MS = 1000;

function summaryChannel(processId: string): string {
  return `cocktail:party-summary:${processId}`;
}

export function localPartySummary(roomId: string): PartySummary | null {
  // PartyState (a MapSchema of guests); read by shape so this module needs no room import.
  const state = matchMaker.getLocalRoomById(roomId)?.state as
    | (Pick<PartyStateView, "maxGuests" | "isLocked" | "phase"> & { guests: { size: number } })
    | undefined;
  if (!state) return null;
  return { guestCount: state.guests.size, maxGuests: state.maxGuests, isLocked: state.isLocked, phase: state.phase };
}

/** null when the room is gone or its process does not answer in time. */
export async function partySummary(listing: IRoomCache): Promise<PartySummary | null> {
  if (listing.processId === matchMaker.processId) return localPartySummary(listing.roomId);
  try {
    const answer = (await requestFromIPC(matchMaker.presence, summaryChannel(listing.processId), "summary", [listing.roomId], REMOTE_SUMMARY_TIMEOUT_MS)) as PartySummary | null;
    return answer ?? null;
  } catch {
    return null;
  }
}

/** Lets the other processes ask this one about its parties (started once, after listen). */
export async function answerPartySummaries(): Promise<void> {
  await subscribeIPC(matchMaker.presence, summaryChannel(matchMaker.processId), (_method: string, args: unknown[]) => localPartySummary(String(args?.[0] ?? "")));
}
