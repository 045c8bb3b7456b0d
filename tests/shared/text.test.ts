import { describe, expect, it } from "vitest";
import { cleanText, tokenize, TEXT_LIMITS } from "../../shared/text.js";

describe("cleanText", () => {
  it("removes control, zero-width and direction-override characters and collapses whitespace", () => {
    expect(cleanText("  Who\u200B can\n\thelp \u202Eme\u0000  move? ", 80)).toBe("Who can help me move?");
  });
  it("normalises to NFC so the same word typed two ways is one word", () => {
    expect(cleanText("cafe\u0301", 80)).toBe("café");
  });
  it("caps by code points without cutting an emoji in half", () => {
    const capped = cleanText("🎉".repeat(100), TEXT_LIMITS.query);
    expect(Array.from(capped)).toHaveLength(80);
    expect(capped.endsWith("🎉")).toBe(true);
  });
  it("returns empty for text that is only invisible characters", () => {
    expect(cleanText("\u200B\u202E \u0007", 80)).toBe("");
  });
});

describe("tokenize", () => {
  it("lower-cases and keeps letters, digits and inner apostrophes", () => {
    expect(tokenize("Who can't fix MY bike, at 9am?")).toEqual(["who", "can't", "fix", "my", "bike", "at", "9am"]);
  });
  it("handles accents and other scripts as words", () => {
    expect(tokenize("Crème brûlée für Ärzte")).toEqual(["crème", "brûlée", "für", "ärzte"]);
  });
});
