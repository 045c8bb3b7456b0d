import { describe, expect, it } from "vitest";
import { markUnknownWords, unknownWordsHint } from "../../client/phone/wordHints.js";

describe("marking unknown words in a draft", () => {
  it("marks the unknown words where they are, whatever their case, and keeps every character", () => {
    const text = "Who has a Xyzzyq? xyzzyq, please!";
    const segments = markUnknownWords(text, new Set(["xyzzyq"]));
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.filter((s) => s.isUnknown).map((s) => s.text)).toEqual(["Xyzzyq", "xyzzyq"]);
  });

  it("matches words the way the encoder splits them (apostrophes inside a word)", () => {
    const segments = markUnknownWords("grandma’s blorp's pie", new Set(["blorp's"]));
    expect(segments).toEqual([
      { text: "grandma’s ", isUnknown: false },
      { text: "blorp's", isUnknown: true },
      { text: " pie", isUnknown: false },
    ]);
  });

  it("leaves a text with nothing unknown in one piece", () => {
    expect(markUnknownWords("Has a truck", new Set())).toEqual([{ text: "Has a truck", isUnknown: false }]);
    expect(markUnknownWords("", new Set(["x"]))).toEqual([]);
  });
});

describe("the unknown-word hint", () => {
  it("names one word, or lists several", () => {
    expect(unknownWordsHint([])).toBe("");
    expect(unknownWordsHint(["xyz"])).toBe("The model has never seen “xyz” — it will be ignored.");
    expect(unknownWordsHint(["xyz", "qwv", "blorp"])).toBe("The model has never seen “xyz”, “qwv” or “blorp” — they will be ignored.");
  });
});
