// What a student is writing, kept on the phone (localStorage) per party code and guest, so a
// reload, a crashed tab or a lost connection mid-writing does not lose the texts. A draft belongs
// to one round: it comes back only in that round's writing, and is dropped once the round moves on
// or the room has the texts.
import type { SubmitPayload } from "../../shared/protocol.js";
import { cleanText, TEXT_LIMITS } from "../../shared/text.js";

export const DRAFT_PREFIX = "cocktail.phone.draft.";
/** As long as a session is resumed (phoneSession.ts): older drafts are of a finished class. */
const DRAFT_MAX_AGE_MS = 6 * 60 * 60 * 1000;

interface StoredDraft {
  roundNumber: number;
  texts: SubmitPayload;
  savedAt: number;
}

/** A Storage that may be missing or throw (private windows, full or blocked storage). */
export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

export function draftKey(code: string, guestId: string): string {
  return `${DRAFT_PREFIX}${code}.${guestId}`;
}

function isEmpty(texts: SubmitPayload): boolean {
  return !texts.query.trim() && !texts.key.trim() && !texts.value.trim();
}

function parse(raw: string | null): StoredDraft | null {
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<StoredDraft> | null;
    const t = d?.texts as Partial<SubmitPayload> | undefined;
    if (!d || typeof d.roundNumber !== "number" || typeof d.savedAt !== "number" || !t) return null;
    if (typeof t.query !== "string" || typeof t.key !== "string" || typeof t.value !== "string") return null;
    return { roundNumber: d.roundNumber, savedAt: d.savedAt, texts: { query: t.query, key: t.key, value: t.value } };
  } catch {
    return null;
  }
}

export class DraftStore {
  constructor(
    private readonly storage: DraftStorage | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps what the guest has typed in round `roundNumber` (nothing typed: no draft). */
  save(code: string, guestId: string, roundNumber: number, texts: SubmitPayload): void {
    try {
      if (isEmpty(texts)) this.storage?.removeItem(draftKey(code, guestId));
      else this.storage?.setItem(draftKey(code, guestId), JSON.stringify({ roundNumber, texts, savedAt: this.now() } satisfies StoredDraft));
    } catch {
      /* full or blocked storage: the texts live as long as the page */
    }
  }

  /** The guest's draft of round `roundNumber`; a draft of another round is dropped. */
  load(code: string, guestId: string, roundNumber: number): SubmitPayload | null {
    try {
      const key = draftKey(code, guestId);
      const draft = parse(this.storage?.getItem(key) ?? null);
      if (draft && draft.roundNumber === roundNumber && this.now() - draft.savedAt <= DRAFT_MAX_AGE_MS) return draft.texts;
      if (this.storage?.getItem(key) !== null) this.storage?.removeItem(key);
      return null;
    } catch {
      return null;
    }
  }

  clear(code: string, guestId: string): void {
    try {
      this.storage?.removeItem(draftKey(code, guestId));
    } catch {
      /* nothing to clear */
    }
  }

  /** Drops every draft older than a class period (other parties, guests the phone no longer plays). */
  prune(): void {
    try {
      const storage = this.storage;
      if (!storage) return;
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
      }
      for (const key of keys) {
        const draft = parse(storage.getItem(key));
        if (!draft || this.now() - draft.savedAt > DRAFT_MAX_AGE_MS) storage.removeItem(key);
      }
    } catch {
      /* storage blocked */
    }
  }
}

/** Whether a draft says what the room stored (the room cleans texts: trimmed, spaces collapsed, capped). */
export function isSameTexts(draft: SubmitPayload, stored: SubmitPayload): boolean {
  return (["query", "key", "value"] as const).every((field) => cleanText(draft[field], TEXT_LIMITS[field]) === stored[field]);
}
