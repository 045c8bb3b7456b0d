// What the phone remembers between page loads (localStorage): the last party it joined, the
// nickname, and the rejoin secret the room handed out, so a phone that slept, lost its network
// or reloaded comes back as the same guest with the same card and points.

export interface PhoneSession {
  code: string;
  name: string;
  /** From the room's `welcome` message; proves "I am this guest" on a fresh join. */
  rejoinSecret?: string;
  guestId?: string;
  /** Epoch ms of the last successful join; old sessions are not resumed automatically. */
  savedAt: number;
}

const LAST_KEY = "cocktail.phone.last";
/** A class period, generously: after this the phone shows the join form instead of resuming. */
const RESUME_WINDOW_MS = 6 * 60 * 60 * 1000;

function read(): PhoneSession | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(LAST_KEY) ?? "null") as PhoneSession | null;
    return parsed && typeof parsed.code === "string" && typeof parsed.name === "string" ? parsed : null;
  } catch {
    return null; // private mode or corrupted entry: behave as a first visit
  }
}

export function loadSession(): PhoneSession | null {
  return read();
}

/** The stored session when it is recent and (if given) for the same party code. */
export function resumableSession(code?: string): PhoneSession | null {
  const session = read();
  if (!session || Date.now() - session.savedAt > RESUME_WINDOW_MS) return null;
  if (code && session.code !== code) return null;
  return session;
}

export function saveSession(session: Omit<PhoneSession, "savedAt">): void {
  try {
    localStorage.setItem(LAST_KEY, JSON.stringify({ ...session, savedAt: Date.now() }));
  } catch {
    // Storage full or blocked: the phone still works, it just cannot resume after a reload.
  }
}

/**
 * A phone the instructor removed keeps its old secret for that party and presents it on every
 * later join there, which the server refuses: the ban holds for the session on this browser
 * (clearing the browser's data gets around it; nothing on a shared network address could do better).
 */
const KICKED_PREFIX = "cocktail.phone.kicked.";

export function rememberKicked(code: string, rejoinSecret: string): void {
  try {
    localStorage.setItem(KICKED_PREFIX + code, rejoinSecret);
  } catch {
    /* storage blocked */
  }
}

export function kickedSecret(code: string): string | undefined {
  try {
    return localStorage.getItem(KICKED_PREFIX + code) ?? undefined;
  } catch {
    return undefined;
  }
}

export function forgetSession(): void {
  try {
    localStorage.removeItem(LAST_KEY);
  } catch {
    /* nothing to forget */
  }
}
