// Every party this browser created, kept in localStorage (`cocktail.host.parties`): the host
// key is the only proof of host rights, and the dashboard needs it to get back into a party
// after a reload, to list past sessions (GET /api/sessions) and to open their reports. The
// report page reads the same list to find the key of the session it shows.

export interface HostedParty {
  code: string;
  hostKey: string;
  /** The session's database id ("" for parties remembered before ids were kept). */
  sessionId: string;
  /** Epoch ms when this browser created (or first opened) the party. */
  createdAt: number;
}

const HISTORY_KEY = "cocktail.host.parties";
const LAST_KEY = "cocktail.host.last";
/** Keys written before the history existed: `cocktail.host.<CODE>` → host key. */
const LEGACY_PREFIX = "cocktail.host.";
/** Oldest entries are dropped past this; a term of classes is well under it. */
export const MAX_HISTORY = 100;

/** A Storage that may be missing or throw (private windows, blocked cookies). */
type MaybeStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length"> | null;

function isHostedParty(x: unknown): x is HostedParty {
  const p = x as HostedParty;
  return (
    typeof p === "object" && p !== null &&
    typeof p.code === "string" && p.code !== "" &&
    typeof p.hostKey === "string" && p.hostKey !== "" &&
    typeof p.sessionId === "string" &&
    typeof p.createdAt === "number" && Number.isFinite(p.createdAt)
  );
}

export class PartyHistory {
  constructor(private readonly storage: MaybeStorage) {}

  /** The browser's localStorage, or null when it is blocked. */
  static local(): PartyHistory {
    try {
      return new PartyHistory(window.localStorage);
    } catch {
      return new PartyHistory(null);
    }
  }

  /** Newest first. Broken entries are skipped, never thrown on. */
  list(): HostedParty[] {
    const parties = this.read();
    for (const legacy of this.legacyEntries()) {
      if (!parties.some((p) => p.hostKey === legacy.hostKey)) parties.push(legacy);
    }
    return parties.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Adds a party or updates the one with the same host key (one key opens one session). */
  remember(party: HostedParty): void {
    const parties = this.read().filter((p) => p.hostKey !== party.hostKey);
    const previous = this.read().find((p) => p.hostKey === party.hostKey);
    parties.push({
      ...party,
      sessionId: party.sessionId || previous?.sessionId || "",
      createdAt: previous?.createdAt ?? party.createdAt,
    });
    parties.sort((a, b) => b.createdAt - a.createdAt);
    this.write(parties.slice(0, MAX_HISTORY));
    this.setItem(LAST_KEY, party.code);
  }

  forget(hostKey: string): void {
    this.write(this.read().filter((p) => p.hostKey !== hostKey));
    for (const legacy of this.legacyEntries()) {
      if (legacy.hostKey === hostKey) this.removeItem(LEGACY_PREFIX + legacy.code);
    }
  }

  /** The newest party with this join code (codes are reused once a session has ended). */
  byCode(code: string): HostedParty | undefined {
    return this.list().find((p) => p.code === code);
  }

  bySessionId(sessionId: string): HostedParty | undefined {
    return sessionId ? this.list().find((p) => p.sessionId === sessionId) : undefined;
  }

  /** The code of the party this browser hosted last, for the "Back to party" button. */
  lastCode(): string | null {
    return this.getItem(LAST_KEY);
  }

  clearLast(code: string): void {
    if (this.getItem(LAST_KEY) === code) this.removeItem(LAST_KEY);
  }

  // ---- storage, tolerant of a missing or throwing Storage --------------------------------

  private read(): HostedParty[] {
    const raw = this.getItem(HISTORY_KEY);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isHostedParty) : [];
    } catch {
      return [];
    }
  }

  private write(parties: HostedParty[]): void {
    this.setItem(HISTORY_KEY, JSON.stringify(parties));
  }

  private legacyEntries(): HostedParty[] {
    const found: HostedParty[] = [];
    try {
      const storage = this.storage;
      if (!storage) return found;
      for (let i = 0; i < storage.length; i++) {
        const name = storage.key(i);
        if (!name?.startsWith(LEGACY_PREFIX) || name === HISTORY_KEY || name === LAST_KEY) continue;
        const hostKey = storage.getItem(name);
        if (hostKey) found.push({ code: name.slice(LEGACY_PREFIX.length), hostKey, sessionId: "", createdAt: 0 });
      }
    } catch {
      /* blocked storage: nothing to find */
    }
    return found;
  }

  private getItem(name: string): string | null {
    try {
      return this.storage?.getItem(name) ?? null;
    } catch {
      return null;
    }
  }

  private setItem(name: string, value: string): void {
    try {
      this.storage?.setItem(name, value);
    } catch {
      // Full or blocked: hosting still works, but a reload will not get back in.
    }
  }

  private removeItem(name: string): void {
    try {
      this.storage?.removeItem(name);
    } catch {
      /* nothing stored */
    }
  }
}
