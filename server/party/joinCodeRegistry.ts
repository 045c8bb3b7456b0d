// Hands out party codes that are unique on this server. Claiming is synchronous, so two
// parties created in the same tick can never get the same code.
import { randomInt } from "node:crypto";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from "../../shared/joinCode.js";

const claimed = new Set<string>();

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

/** Claims a given code (a resumed session keeps its code); false if it is in use here. */
export function claimSpecificJoinCode(code: string): boolean {
  if (claimed.has(code)) return false;
  claimed.add(code);
  return true;
}

export function releaseJoinCode(code: string): void {
  claimed.delete(code);
}

export function isJoinCodeClaimed(code: string): boolean {
  return claimed.has(code);
}
