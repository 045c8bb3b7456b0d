// Turns whatever colyseus.js throws on join/create/reconnect into one of a few cases a person
// can act on ("No party with code X", locked, full, offline).

/** "busy": the server asked us to slow down (rate limit); worth retrying later, unlike "refused". */
export type JoinFailureKind = "not_found" | "locked" | "full" | "offline" | "busy" | "refused" | "expired";

export class JoinError extends Error {
  constructor(
    readonly kind: JoinFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "JoinError";
  }
}

/** The raw message of a thrown value: colyseus throws Errors, XHR failures are plain events. */
function rawMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "string") return err;
  return "";
}

export function toJoinError(err: unknown, code: string): JoinError {
  if (err instanceof JoinError) return err;
  const raw = rawMessage(err);
  if (/too many|slow down/i.test(raw)) return new JoinError("busy", raw);
  if (!raw || /failed to fetch|network ?error|timed? ?out|ECONNREFUSED/i.test(raw)) {
    return new JoinError("offline", "Can't reach the party server. Check your connection and try again.");
  }
  if (/reconnection token|expired/i.test(raw)) return new JoinError("expired", raw);
  if (/not found/i.test(raw)) return new JoinError("not_found", `No party with code ${code}.`);
  if (/locked/i.test(raw)) return new JoinError("locked", `Party ${code} is locked — ask the instructor to open it.`);
  if (/full/i.test(raw)) return new JoinError("full", `Party ${code} is full.`);
  // The room's own onAuth messages (bad name, bad host key…) are written for people already.
  return new JoinError("refused", raw);
}
