// Text hygiene for everything a person types: the same rules on the phone (so counters are
// honest) and on the server (which never trusts the phone).

export const TEXT_LIMITS = {
  query: 80,
  key: 80,
  value: 140,
  nickname: 20,
} as const;

// C0/C1 controls, zero-width characters, bidi embeddings/overrides/isolates and the BOM:
// invisible characters that can spoof or reorder what others see on the projector.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE_OR_CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** NFC-normalises, removes control/invisible characters, collapses whitespace, trims, caps length. */
export function cleanText(raw: string, maxLength: number): string {
  const cleaned = raw
    .normalize("NFC")
    .replace(/[\t\n\r\v\f]+/g, " ")
    .replace(INVISIBLE_OR_CONTROL, "")
    .replace(/\s+/g, " ")
    .trim();
  // Cap by code points so an emoji is never cut in half.
  const chars = Array.from(cleaned);
  return chars.length > maxLength ? chars.slice(0, maxLength).join("").trim() : cleaned;
}

/** A word as the encoder splits text: letters and digits, with one inner apostrophe part. */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-case word tokens as the encoder sees them (letters, digits, inner apostrophes). */
export function tokenize(text: string): string[] {
  const matches = text.toLowerCase().normalize("NFC").match(WORD_PATTERN);
  return matches ? matches.map((t) => t.replace("’", "'")) : [];
}
