// Party join codes: short, spoken aloud in class, typed on phones. The alphabet drops the
// look-alikes 0/O, 1/I/L so a code read off the projector cannot be mistyped that way.
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 5;

/** Upper-cases and strips spaces/dashes so "abc-de" and "ABCDE" are the same code. */
export function normalizeJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, "");
}

export function isValidJoinCode(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** `random` returns uniform numbers in [0, 1); injectable so tests are deterministic. */
export function randomJoinCode(random: () => number = Math.random): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) {
    code += JOIN_CODE_ALPHABET[Math.floor(random() * JOIN_CODE_ALPHABET.length)];
  }
  return code;
}
