// The start screen's list of past sessions: what this browser remembers (PartyHistory) joined
// with what the server says about each host key (GET /api/sessions). The server is the truth
// for players, rounds and status; a key it no longer knows (database reset, another server)
// stays listed so the instructor can forget it.
import type { SessionSummary } from "../report/reportApi.js";
import type { HostedParty } from "./partyHistory.js";

export type SessionLookup =
  | { kind: "found"; sessions: SessionSummary[] }
  /** 401: no session on this server opens with the key. */
  | { kind: "unknown" }
  /** Network or server error: show what the browser remembers. */
  | { kind: "failed"; message: string };

export type PastSessionStatus = "open" | "ended" | "unknown" | "unreachable";

export interface PastSessionRow {
  hostKey: string;
  sessionId: string;
  code: string;
  createdAt: number;
  playerCount: number | null;
  roundCount: number | null;
  status: PastSessionStatus;
  /** Open sessions resume on demand (/host?code=CODE); so may one we could not ask about. */
  canResume: boolean;
  canReport: boolean;
}

export const STATUS_LABEL: Record<PastSessionStatus, string> = {
  open: "open",
  ended: "ended",
  unknown: "not on this server",
  unreachable: "could not check",
};

/** Rows newest first, one per session (a session listed by two stored keys appears once). */
export function pastSessionRows(stored: readonly HostedParty[], lookups: ReadonlyMap<string, SessionLookup>): PastSessionRow[] {
  const rows = new Map<string, PastSessionRow>();
  for (const party of stored) {
    const lookup = lookups.get(party.hostKey);
    if (lookup?.kind === "found" && lookup.sessions.length > 0) {
      for (const s of lookup.sessions) {
        rows.set(`id:${s.id}`, {
          hostKey: party.hostKey,
          sessionId: s.id,
          code: s.code,
          createdAt: s.createdAt,
          playerCount: s.playerCount,
          roundCount: s.roundCount,
          status: s.status,
          canResume: s.status === "open",
          canReport: true,
        });
      }
      continue;
    }
    const isUnknown = lookup?.kind === "unknown" || lookup?.kind === "found";
    const id = party.sessionId ? `id:${party.sessionId}` : `key:${party.hostKey}`;
    if (rows.has(id)) continue;
    rows.set(id, {
      hostKey: party.hostKey,
      sessionId: party.sessionId,
      code: party.code,
      createdAt: party.createdAt,
      playerCount: null,
      roundCount: null,
      status: isUnknown ? "unknown" : "unreachable",
      canResume: !isUnknown,
      canReport: !isUnknown && party.sessionId !== "",
    });
  }
  return [...rows.values()].sort((a, b) => b.createdAt - a.createdAt);
}
