// Random secrets and their constant-time comparison (host keys, rejoin secrets).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export function newSecret(bytes = 18): string {
  return randomBytes(bytes).toString("base64url");
}

export function newId(): string {
  return randomBytes(6).toString("base64url");
}

/** Compares digests so neither the content nor the length of the secret leaks through timing. */
export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
