import { describe, expect, it } from "vitest";
import { NICKNAME_ADJECTIVES, NICKNAME_ANIMALS, surpriseNickname } from "../../shared/nicknames.js";
import { cleanText, TEXT_LIMITS } from "../../shared/text.js";
import { isProfane } from "../../server/party/profanity.js";

/** Every name the generator can produce. */
const everyName = NICKNAME_ADJECTIVES.flatMap((a) => NICKNAME_ANIMALS.map((b) => `${a} ${b}`));

describe("surprise nicknames", () => {
  it("are 'Adjective Animal' within the nickname limit", () => {
    for (let i = 0; i < 500; i++) {
      const name = surpriseNickname();
      expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(name.length).toBeLessThanOrEqual(TEXT_LIMITS.nickname);
    }
  });

  it("can all be used as they are: within the limit, unchanged by cleaning, not refused as profane", () => {
    expect(everyName.length).toBeGreaterThan(1000);
    for (const name of everyName) {
      expect(name.length).toBeLessThanOrEqual(TEXT_LIMITS.nickname);
      expect(cleanText(name, TEXT_LIMITS.nickname)).toBe(name);
      expect(isProfane(name), name).toBe(false);
    }
  });

  it("follow the random source, ends of [0, 1) included", () => {
    expect(surpriseNickname(() => 0)).toBe(`${NICKNAME_ADJECTIVES[0]} ${NICKNAME_ANIMALS[0]}`);
    expect(surpriseNickname(() => 0.999999)).toBe(`${NICKNAME_ADJECTIVES.at(-1)} ${NICKNAME_ANIMALS.at(-1)}`);
  });

  it("never repeat the name already in the field", () => {
    const stuck = `${NICKNAME_ADJECTIVES[0]} ${NICKNAME_ANIMALS[0]}`;
    const name = surpriseNickname(() => 0, stuck);
    expect(name).not.toBe(stuck);
    expect(name.length).toBeLessThanOrEqual(TEXT_LIMITS.nickname);
  });

  it("are varied", () => {
    const seen = new Set(Array.from({ length: 200 }, () => surpriseNickname()));
    expect(seen.size).toBeGreaterThan(150);
  });
});
