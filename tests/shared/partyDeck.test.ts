// Every party deck shipped in assets/decks/ must be a valid, playable deck: it parses with the
// shared schema, ids are unique, bot texts fit the limits a person is held to, and no two items
// share the same need or offer text (otherwise two cards would read the same to a guest).
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it, expect } from "vitest";
import { PartyDeckSchema, type PartyDeck } from "../../shared/partyDeck.js";
import { TEXT_LIMITS } from "../../shared/text.js";

const DECKS_DIR = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../assets/decks");

const deckFiles = readdirSync(DECKS_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort();

function loadRaw(file: string): unknown {
  return JSON.parse(readFileSync(join(DECKS_DIR, file), "utf8"));
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const v of values) {
    const key = v.trim().toLowerCase();
    if (seen.has(key)) dupes.add(v);
    seen.add(key);
  }
  return [...dupes];
}

describe("party decks in assets/decks", () => {
  it("has at least one deck", () => {
    expect(deckFiles.length).toBeGreaterThan(0);
  });

  describe.each(deckFiles)("%s", (file) => {
    const raw = loadRaw(file);
    const parsed = PartyDeckSchema.safeParse(raw);

    it("parses with PartyDeckSchema", () => {
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    });

    // The remaining checks only make sense on a deck that parsed.
    const deck: PartyDeck | undefined = parsed.success ? parsed.data : undefined;

    it("has unique item ids", () => {
      expect(deck).toBeDefined();
      expect(duplicates(deck!.items.map((item) => item.id))).toEqual([]);
    });

    it("keeps every bot text within TEXT_LIMITS", () => {
      expect(deck).toBeDefined();
      const tooLong: string[] = [];
      for (const item of deck!.items) {
        const groups: Array<[string, string[], number]> = [
          ["botQueries", item.botQueries, TEXT_LIMITS.query],
          ["botKeys", item.botKeys, TEXT_LIMITS.key],
          ["botValues", item.botValues, TEXT_LIMITS.value],
        ];
        for (const [field, texts, limit] of groups) {
          for (const text of texts) {
            // Count code points, as cleanText does.
            if (Array.from(text).length > limit || text.trim().length === 0) {
              tooLong.push(`${item.id}.${field}: "${text}" (limit ${limit})`);
            }
          }
        }
      }
      expect(tooLong).toEqual([]);
    });

    it("never repeats a need or an offer text", () => {
      expect(deck).toBeDefined();
      expect(duplicates(deck!.items.map((item) => item.need))).toEqual([]);
      expect(duplicates(deck!.items.map((item) => item.offer))).toEqual([]);
    });
  });
});
