// Pure helpers of the dashboard's sentence and blocks panels.
import { describe, expect, it } from "vitest";
import { blocksStepLine, splitCaption } from "../../../client/host/blocksPanel.js";
import { keyTargetsOf, seatingLine } from "../../../client/host/sentencePanel.js";
import type { SentenceAttentionPayload, SentenceSeatingPayload } from "../../../shared/sentenceRound.js";

const seat = (position: number, guestId: string | null) => ({ position, word: "w", guestId, name: guestId, isModel: guestId === null });

describe("sentence panel", () => {
  it("says how the class is seated", () => {
    const seating = { words: ["a", "b", "c"], tables: [{ index: 0, head: null, seats: [seat(0, "g1"), seat(1, null), seat(2, null)] }] } as unknown as SentenceSeatingPayload;
    expect(seatingLine(seating)).toBe("1 table of 3 words · 1 student · 2 words played by the model");
  });

  it("reads the key's targets for a word: its team's head, or every head in a sentence round", () => {
    const attention = { keys: [[[{ position: 1, share: 1 }], []], [[{ position: 2, share: 1 }], [{ position: 0, share: 1 }]]] } as unknown as SentenceAttentionPayload;
    expect(keyTargetsOf(attention, 0, 0)).toEqual([1]);
    expect(keyTargetsOf(attention, null, 0)).toEqual([1, 2]);
    expect(keyTargetsOf(attention, null, 1)).toEqual([0]);
  });
});

describe("blocks panel", () => {
  it("labels the step and splits the state's caption at its first colon", () => {
    expect(blocksStepLine(2, 7, "Block 1 · the archives")).toBe("step 3 / 7 — Block 1 · the archives");
    expect(splitCaption("Block 1 · the archives: bank: shore, river")).toEqual({ title: "Block 1 · the archives", text: "bank: shore, river" });
    expect(splitCaption("no title")).toEqual({ title: "", text: "no title" });
  });
});
