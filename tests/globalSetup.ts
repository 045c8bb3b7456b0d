// Runs once before all tests: the encoder cache must exist (building it parses a 300 MB JSON,
// which no single test should pay for inside its own timeout).
import { ensureEncoderCache } from "../server/engine/buildEncoderCache.js";

export default async function setup(): Promise<void> {
  await ensureEncoderCache();
}
