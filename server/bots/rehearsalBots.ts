// What a party keeps about the rehearsal bots the dashboard added, so a party brought back after
// a restart knows which of its guests are its own bots and starts them again. The list lives in
// the session's settings (the store keeps keys it does not know; no secret is written: a bot
// comes back with a fresh rejoin secret the room mints, and the per-process bot key).
import { seededRandom } from "./partyRehearsal.js";

/** Session-settings key: the guest ids of the party's rehearsal bots, in the order they joined. */
export const BOT_IDS_SETTING = "rehearsalBotIds";

/** The bot guest ids a session's settings list (an absent or malformed entry: none). */
export function botIdsIn(settings: Record<string, unknown>): Set<string> {
  const ids = settings[BOT_IDS_SETTING];
  return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : []);
}

/**
 * A bot's own repeatable random stream: the same party and name give the same pauses and picks
 * (FNV-1a of both, into the rehearsal CLI's mulberry32).
 */
export function botRandom(sessionId: string, name: string): () => number {
  let hash = 0x811c9dc5;
  for (const ch of `${sessionId}\u0000${name}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return seededRandom(hash);
}
