import { describe, expect, it } from "vitest";
import { MAX_HISTORY, PartyHistory, type HostedParty } from "../../../client/host/partyHistory.js";
import { MemoryStorage } from "../../helpers/memoryStorage.js";

const party = (n: number, extra: Partial<HostedParty> = {}): HostedParty => ({
  code: `CODE${n}`,
  hostKey: `key-${n}`,
  sessionId: `session-${n}`,
  createdAt: 1_700_000_000_000 + n * 1000,
  ...extra,
});

describe("PartyHistory", () => {
  it("remembers parties newest first and finds them by code and by session", () => {
    const history = new PartyHistory(new MemoryStorage());
    history.remember(party(1));
    history.remember(party(2));
    expect(history.list().map((p) => p.code)).toEqual(["CODE2", "CODE1"]);
    expect(history.byCode("CODE1")?.hostKey).toBe("key-1");
    expect(history.bySessionId("session-2")?.code).toBe("CODE2");
    expect(history.bySessionId("")).toBeUndefined();
    expect(history.lastCode()).toBe("CODE2");
  });
  it("updates a party by host key, keeping its first date and a known session id", () => {
    const history = new PartyHistory(new MemoryStorage());
    history.remember(party(1));
    history.remember({ ...party(1), sessionId: "", createdAt: 9e12 });
    expect(history.list()).toEqual([party(1)]);
  });
  it("finds the newest party when a join code was reused", () => {
    const history = new PartyHistory(new MemoryStorage());
    history.remember(party(1, { code: "SAME" }));
    history.remember(party(2, { code: "SAME" }));
    expect(history.byCode("SAME")?.hostKey).toBe("key-2");
  });
  it("forgets by host key and clears the last code only when it matches", () => {
    const history = new PartyHistory(new MemoryStorage());
    history.remember(party(1));
    history.remember(party(2));
    history.clearLast("CODE1");
    expect(history.lastCode()).toBe("CODE2");
    history.clearLast("CODE2");
    expect(history.lastCode()).toBeNull();
    history.forget("key-2");
    expect(history.list().map((p) => p.code)).toEqual(["CODE1"]);
  });
  it("keeps at most MAX_HISTORY parties, dropping the oldest", () => {
    const history = new PartyHistory(new MemoryStorage());
    for (let i = 0; i < MAX_HISTORY + 5; i++) history.remember(party(i));
    const list = history.list();
    expect(list).toHaveLength(MAX_HISTORY);
    expect(list.at(-1)!.code).toBe("CODE5");
  });
  it("skips broken entries and survives garbage in storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("cocktail.host.parties", JSON.stringify([party(1), { code: 5 }, null, { ...party(2), hostKey: "" }]));
    expect(new PartyHistory(storage).list()).toEqual([party(1)]);
    storage.setItem("cocktail.host.parties", "{not json");
    expect(new PartyHistory(storage).list()).toEqual([]);
  });
  it("reads host keys stored before the history existed (cocktail.host.<CODE>)", () => {
    const storage = new MemoryStorage();
    storage.setItem("cocktail.host.OLDCD", "legacy-key");
    storage.setItem("cocktail.host.last", "OLDCD");
    const history = new PartyHistory(storage);
    expect(history.byCode("OLDCD")).toEqual({ code: "OLDCD", hostKey: "legacy-key", sessionId: "", createdAt: 0 });
    history.forget("legacy-key");
    expect(history.list()).toEqual([]);
  });
  it("works without storage and when storage throws", () => {
    const none = new PartyHistory(null);
    none.remember(party(1));
    expect(none.list()).toEqual([]);
    const throwing = {
      get length(): number {
        throw new Error("blocked");
      },
      key: () => {
        throw new Error("blocked");
      },
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
      removeItem: () => {
        throw new Error("blocked");
      },
    };
    const history = new PartyHistory(throwing);
    expect(() => history.remember(party(1))).not.toThrow();
    expect(history.list()).toEqual([]);
    expect(history.lastCode()).toBeNull();
  });
});
