// One-way storage of host keys and rejoin secrets: the database holds SHA-256 digests only, so
// a copied data/ folder cannot be used to take over a party or a student's guest.
import { createHash, timingSafeEqual } from "node:crypto";

// Plain SHA-256 without salt or stretching is enough here: every secret is ≥ 18 random bytes
// (server/party/secrets.ts), so there is no dictionary to try. A fixed digest also lets the
// store look sessions up by host key through an index.

/** Lower-case hex SHA-256 of the secret's UTF-8 bytes (64 characters). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Whether `given` hashes to `expectedHash`, compared in constant time over the digests. */
export function secretMatchesHash(given: string | undefined | null, expectedHash: string): boolean {
  if (typeof given !== "string" || given === "") return false;
  const a = Buffer.from(hashSecret(given), "hex");
  const b = Buffer.from(expectedHash, "hex");
  // A malformed stored hash (never written by this module) must not throw inside an auth check.
  if (b.length !== a.length) return false;
  return timingSafeEqual(a, b);
}
