// Moderation of what guests write: texts the word list flags are masked for everyone but the
// instructor (and their author) until approved; hidden texts are never shown to anyone again.
import type { Moderation, ResultPayload } from "../../shared/protocol.js";
import { isProfane } from "./profanity.js";

export const FLAGGED_TEXT = "••• (waiting for the instructor)";
export const HIDDEN_TEXT = "[hidden by the instructor]";

export function moderationOf(texts: { query: string; key: string; value: string }): Moderation {
  return isProfane(texts.query) || isProfane(texts.key) || isProfane(texts.value) ? "flagged" : "ok";
}

/** The text others may see. */
export function visibleText(text: string, moderation: Moderation): string {
  if (moderation === "flagged") return FLAGGED_TEXT;
  if (moderation === "hidden") return HIDDEN_TEXT;
  return text;
}

/** A phone's result with other guests' name tags and values masked as their moderation says. */
export function maskedResult(result: ResultPayload, moderationOf: (guestId: string) => Moderation): ResultPayload {
  return {
    ...result,
    attendedTo: result.attendedTo.map((x) => ({ ...x, nameTag: visibleText(x.nameTag, moderationOf(x.guestId)) })),
    // Who looked at me carries no texts; a result stored by an older version had their name tags.
    attendedBy: result.attendedBy.map(({ guestId, name, weight }) => ({ guestId, name, weight })),
    heardValues: result.heardValues.map((v) => ({ ...v, value: visibleText(v.value, moderationOf(v.guestId)) })),
  };
}
