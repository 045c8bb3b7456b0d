// What the phone says the answer key asks for.
import { describe, expect, it } from "vitest";
import { captionParts } from "../../../client/phone/blocksView.js";
import { keyLine } from "../../../client/phone/sentenceResultView.js";

describe("sentence result", () => {
  it("names one target, alternatives, or a split with shares", () => {
    expect(keyLine([{ position: 1, word: "cat", share: 1 }])).toBe("“cat”");
    expect(keyLine([{ position: 1, word: "cat", share: 0.5 }, { position: 5, word: "mat", share: 0.5 }])).toBe("“cat” or “mat”");
    expect(keyLine([{ position: 1, word: "cat", share: 0.7 }, { position: 5, word: "mat", share: 0.3 }], true)).toBe("“cat” (70 %) and “mat” (30 %)");
    // An even split is still a split when the key shares: all on "cat" earns half, and the phone says so.
    expect(keyLine([{ position: 1, word: "cat", share: 0.5 }, { position: 5, word: "mat", share: 0.5 }], true)).toBe("“cat” (50 %) and “mat” (50 %)");
  });

  it("splits the blocks caption into the step's title and its sentence", () => {
    expect(captionParts("Block 2 · the meeting room (attention): “bank” listens to “river”.")).toEqual({ title: "Block 2 · the meeting room (attention)", text: "“bank” listens to “river”." });
  });
});
