import { describe, expect, it } from "vitest";
import { sentenceSegments } from "../../../client/phone/sentenceSegments.js";

const text = (segments: ReturnType<typeof sentenceSegments>) => segments.map((s) => s.text).join("");

describe("the model sentence on the phone", () => {
  it("keeps the sentence as typed and ties each word to its token", () => {
    const tokens = ["<s>", "the", "queen", "thanked", "the", "farmer", "because", "she", "was", "happy"];
    const segments = sentenceSegments("The queen thanked the farmer, because she was happy.", tokens);
    expect(text(segments)).toBe("The queen thanked the farmer, because she was happy.");
    const words = segments.filter((s) => s.tokenIndex !== null);
    expect(words.map((s) => [s.text, s.tokenIndex])).toEqual(tokens.slice(1).map((t, i) => [i === 0 ? "The" : t, i + 1]));
  });

  it("marks words the model does not know (left out of the tokens) and keeps the rest in step", () => {
    const segments = sentenceSegments("The zorblat’s dog didn’t bark", ["<s>", "the", "dog", "didn't", "bark"]);
    expect(segments.filter((s) => s.isUnknown).map((s) => s.text)).toEqual(["zorblat’s"]);
    expect(segments.find((s) => s.text === "didn’t")?.tokenIndex).toBe(3);
  });

  it("falls back to the model's words when the text and tokens do not line up", () => {
    const segments = sentenceSegments("something else entirely", ["<s>", "the", "cat"]);
    expect(text(segments)).toBe("the cat");
    expect(segments.map((s) => s.tokenIndex)).toEqual([1, null, 2]);
  });
});
