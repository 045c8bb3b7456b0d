// Hands out party codes that are unique on this server. Claiming in this process is
// synchronous, so two parties created in the same tick can never get the same code; with
// several processes (REDIS_URL) each code is also claimed in Redis, so it is unique across all.
import { randomInt } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../shared/joinCode.js";
import { log } from "../log.js";

const claimed = new Set<string>();

/** Claims every server process sees; see server/scaleOut/clusterCodeClaims.ts. */
export interface SharedCodeClaims {
  /** True when this process now holds `code` and no other process did. */
  claim(code: string): Promise<boolean>;
  /** Like claim, but also takes the code from a process that is gone (its party is resumed here). */
  takeOver(code: string): Promise<boolean>;
  /** Frees the code if this process still holds it. */
  release(code: string): Promise<void>;
}

let shared: SharedCodeClaims | null = null;

/** Called once at start when the server is one of several processes; null goes back to alone. */
export function shareJoinCodeClaims(claims: SharedCodeClaims | null): void {
  shared = claims;
}

function secureRandomCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/**
 * 31^5 ≈ 28.6 M codes; with a few hundred parties a collision retry is rare. `isTakenElsewhere`
 * lets the caller also refuse codes held by sessions that are not running in this process
 * (open sessions in the database waiting to be resumed).
 */
export function claimJoinCode(isTakenElsewhere: (code: string) => boolean = () => false): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = secureRandomCode();
    if (!claimed.has(code) && !isTakenElsewhere(code)) {
      claimed.add(code);
      return code;
    }
  }
  throw new Error("could not find a free join code");
}

/** A fresh code, claimed here and, when processes share Redis, for the whole cluster. */
export async function claimNewJoinCode(isTakenElsewhere: (code: string) => boolean = () => false): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const code = claimJoinCode(isTakenElsewhere);
    if (!shared || (await shared.claim(code))) return code;
    // Another process holds it: the local claim is ours alone to drop, the shared one is not.
    claimed.delete(code);
  }
  throw new Error("could not find a free join code");
}

/** Claims a given code (a resumed session keeps its code); false if it is in use here. */
export function claimSpecificJoinCode(code: string): boolean {
  if (claimed.has(code)) return false;
  claimed.add(code);
  return true;
}

/**
 * Claims the code of a session being resumed: false when this process already runs (or is
 * starting) it, or a live process holds it.
 */
export async function claimResumedJoinCode(code: string): Promise<boolean> {
  if (!claimSpecificJoinCode(code)) return false;
  if (!shared || (await shared.takeOver(code))) return true;
  claimed.delete(code);
  return false;
}

export function releaseJoinCode(code: string): void {
  if (!claimed.delete(code) || !shared) return;
  // A room's dispose cannot wait; a release that fails leaves a claim that a later resume
  // takes over once this process is gone, and new codes simply skip it.
  shared.release(code).catch((error: unknown) => log.warn(`join code ${code}: shared release failed`, { error: String(error) }));
}

/** Frees every shared claim of this process (leaving the cluster) without ending the parties. */
export async function releaseSharedJoinCodes(): Promise<void> {
  if (!shared) return;
  const claims = shared;
  await Promise.all([...claimed].map((code) => claims.release(code)));
}

export function isJoinCodeClaimed(code: string): boolean {
  return claimed.has(code);
}
