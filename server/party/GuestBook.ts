// The party's private guest records: who is who, their secrets, cards, texts and last result.
// Only the room reads this; what is public is mirrored into PartyState by the room.
import type { PredictionResultPayload } from "../../shared/modelRound.js";
import type { PartyCardIds } from "../../shared/partyScoring.js";
import type { Moderation, ResultPayload, SubmittedPayload } from "../../shared/protocol.js";
import { cleanText, TEXT_LIMITS } from "../../shared/text.js";
import { hashSecret, secretMatchesHash } from "../storage/secretHash.js";
import { newId, newSecret } from "./secrets.js";

export interface GuestRecord {
  id: string;
  name: string;
  seat: number;
  /** Only the hash is kept for good (and in the database); see newSecretOnce. */
  rejoinSecretHash: string;
  card: PartyCardIds | null;
  submission: SubmittedPayload | null;
  lastResult: ResultPayload | null;
  /** Model and course rounds: the phone's pick (token index) and how long it took, ms. */
  prediction: { choice: number; answerMs: number } | null;
  /** Model and course rounds: what the phone was told at the reveal. */
  lastPrediction: PredictionResultPayload | null;
  /** Whether the guest was dealt into the current round (late joiners wait for the next). */
  isPlaying: boolean;
  /** Whether others may see this round's texts. */
  moderation: Moderation;
  /** A rehearsal bot added from the dashboard. */
  isBot: boolean;
}

export class GuestBook {
  private records = new Map<string, GuestRecord>();
  private kickedSecretHashes = new Set<string>();
  private nextSeat = 0;

  get size(): number {
    return this.records.size;
  }

  all(): GuestRecord[] {
    return [...this.records.values()].sort((a, b) => a.seat - b.seat);
  }

  get(id: string): GuestRecord | undefined {
    return this.records.get(id);
  }

  /** Cleans the nickname; empty after cleaning means the phone must ask again. */
  static cleanName(raw: string | undefined): string {
    return cleanText(raw ?? "", TEXT_LIMITS.nickname);
  }

  /** Makes a nickname unique in this party: "Sam", "Sam 2", "Sam 3"… */
  uniqueName(name: string): string {
    const taken = new Set([...this.records.values()].map((r) => r.name.toLowerCase()));
    if (!taken.has(name.toLowerCase())) return name;
    for (let n = 2; ; n++) {
      const suffix = ` ${n}`;
      const candidate = name.slice(0, TEXT_LIMITS.nickname - suffix.length) + suffix;
      if (!taken.has(candidate.toLowerCase())) return candidate;
    }
  }

  /** A new guest and its plain rejoin secret, which goes to its phone once and is not kept. */
  add(name: string, isBot = false): { record: GuestRecord; rejoinSecret: string } {
    const rejoinSecret = newSecret();
    const record: GuestRecord = {
      id: newId(),
      name: this.uniqueName(name),
      seat: this.nextSeat++,
      rejoinSecretHash: hashSecret(rejoinSecret),
      card: null,
      submission: null,
      lastResult: null,
      prediction: null,
      lastPrediction: null,
      isPlaying: false,
      moderation: "ok",
      isBot,
    };
    this.records.set(record.id, record);
    return { record, rejoinSecret };
  }

  /** Puts back a guest from the database after a restart. */
  restore(record: GuestRecord, isKicked: boolean): void {
    this.nextSeat = Math.max(this.nextSeat, record.seat + 1);
    if (isKicked) this.kickedSecretHashes.add(record.rejoinSecretHash);
    else this.records.set(record.id, record);
  }

  /** The guest a stored rejoin secret belongs to, compared in constant time over digests. */
  findBySecret(secret: string | undefined): GuestRecord | undefined {
    if (!secret) return undefined;
    for (const record of this.records.values()) {
      if (secretMatchesHash(secret, record.rejoinSecretHash)) return record;
    }
    return undefined;
  }

  isKickedSecret(secret: string | undefined): boolean {
    if (!secret) return false;
    for (const kicked of this.kickedSecretHashes) if (secretMatchesHash(secret, kicked)) return true;
    return false;
  }

  /** Removes the guest for good: its secret can never rejoin this party. */
  kick(id: string): GuestRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    this.kickedSecretHashes.add(record.rejoinSecretHash);
    this.records.delete(id);
    return record;
  }
}
