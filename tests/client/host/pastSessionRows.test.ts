import { describe, expect, it } from "vitest";
import type { HostedParty } from "../../../client/host/partyHistory.js";
import { pastSessionRows, type SessionLookup } from "../../../client/host/pastSessionRows.js";
import type { SessionSummary } from "../../../client/report/reportApi.js";

const stored = (n: number, extra: Partial<HostedParty> = {}): HostedParty => ({
  code: `CODE${n}`,
  hostKey: `key-${n}`,
  sessionId: `s-${n}`,
  createdAt: n * 1000,
  ...extra,
});
const summary = (n: number, extra: Partial<SessionSummary> = {}): SessionSummary => ({
  id: `s-${n}`,
  code: `CODE${n}`,
  status: "ended",
  createdAt: n * 1000 + 5,
  endedAt: n * 1000 + 500,
  settings: {},
  playerCount: 10 + n,
  roundCount: n,
  ...extra,
});

describe("pastSessionRows", () => {
  it("takes players, rounds and status from the server, newest first", () => {
    const lookups = new Map<string, SessionLookup>([
      ["key-1", { kind: "found", sessions: [summary(1)] }],
      ["key-2", { kind: "found", sessions: [summary(2, { status: "open", endedAt: null })] }],
    ]);
    const rows = pastSessionRows([stored(1), stored(2)], lookups);
    expect(rows.map((r) => [r.code, r.status, r.playerCount, r.roundCount, r.canResume, r.canReport])).toEqual([
      ["CODE2", "open", 12, 2, true, true],
      ["CODE1", "ended", 11, 1, false, true],
    ]);
    expect(rows[0].createdAt).toBe(2005);
  });
  it("keeps a key the server does not know, without resume or report", () => {
    const rows = pastSessionRows([stored(3)], new Map([["key-3", { kind: "unknown" }]]));
    expect(rows).toEqual([
      { hostKey: "key-3", sessionId: "s-3", code: "CODE3", createdAt: 3000, playerCount: null, roundCount: null, status: "unknown", canResume: false, canReport: false },
    ]);
  });
  it("still offers resume and report when the server could not be asked", () => {
    const rows = pastSessionRows([stored(4), stored(5, { sessionId: "" })], new Map([["key-4", { kind: "failed", message: "offline" }]]));
    expect(rows.map((r) => [r.code, r.status, r.canResume, r.canReport])).toEqual([
      ["CODE5", "unreachable", true, false], // no session id known: no report link to build
      ["CODE4", "unreachable", true, true],
    ]);
  });
  it("lists a session once even when two stored entries lead to it", () => {
    const lookups = new Map<string, SessionLookup>([
      ["key-1", { kind: "found", sessions: [summary(1)] }],
      ["key-1b", { kind: "found", sessions: [summary(1)] }],
    ]);
    expect(pastSessionRows([stored(1), stored(1, { hostKey: "key-1b" })], lookups)).toHaveLength(1);
  });
  it("fills in the session id the browser did not keep", () => {
    const rows = pastSessionRows([stored(6, { sessionId: "" })], new Map([["key-6", { kind: "found", sessions: [summary(6)] }]]));
    expect(rows[0].sessionId).toBe("s-6");
    expect(rows[0].canReport).toBe(true);
  });
});
