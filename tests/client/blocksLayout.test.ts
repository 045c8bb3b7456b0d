// Where the projector puts the words of a blocks walk-through: columns in reading order that
// never overlap and stay inside the row, glue words narrow unless their meaning moves, fonts
// shrinking (to a floor) only when a sentence is too long. Payloads come from the real walk.
import { beforeAll, describe, expect, it } from "vitest";
import { BLOCKS_TYPE, isFeaturedWord, layoutBlocks, newNearestWords } from "../../client/screen/blocksLayout.js";
import { loadBlocksResources, walkBlocks, type BlocksResources } from "../../server/blocks/walkBlocks.js";

/** A rough system-ui width: the layout's arithmetic is what is under test, not the font. */
const measure = (text: string, px: number, isBold: boolean) => text.length * px * (isBold ? 0.6 : 0.55);

let resources: BlocksResources;
beforeAll(() => {
  resources = loadBlocksResources();
});

describe("layoutBlocks", () => {
  it("follows content words and the pronoun that takes on its antecedent, not the glue", () => {
    const payload = walkBlocks(resources, "The queen thanked the farmer in the garden because she was happy");
    const featured = payload.words.filter((_, i) => isFeaturedWord(payload, i));
    expect(featured).toEqual(["queen", "thanked", "farmer", "garden", "she", "happy"]);
  });

  it("puts columns in reading order inside the row without overlaps, at full size when they fit", () => {
    const payload = walkBlocks(resources, "She sat on the bank of the river");
    const layout = layoutBlocks(payload, measure, 50, 1820);
    expect(layout.wordPx).toBe(BLOCKS_TYPE.word);
    layout.columns.forEach((c, i) => {
      expect(c.x - c.width / 2).toBeGreaterThanOrEqual(50 - 1e-6);
      expect(c.x + c.width / 2).toBeLessThanOrEqual(1870 + 1e-6);
      if (i > 0) expect(c.x - c.width / 2).toBeGreaterThanOrEqual(layout.columns[i - 1].x + layout.columns[i - 1].width / 2 - 1e-6);
    });
    const bank = layout.columns[payload.words.indexOf("bank")];
    const the = layout.columns[payload.words.indexOf("the")];
    expect(bank.width).toBeGreaterThan(2 * the.width);
  });

  it("shrinks every font alike for a long sentence, never below the floor", () => {
    const payload = walkBlocks(resources, "The queen thanked the farmer in the garden because she was happy and the king greeted the gardener near the old palace");
    const layout = layoutBlocks(payload, measure, 50, 1820);
    expect(layout.wordPx).toBeLessThan(BLOCKS_TYPE.word);
    expect(layout.wordPx).toBeGreaterThanOrEqual(BLOCKS_TYPE.word * BLOCKS_TYPE.minScale);
    expect(layout.nearestPx / layout.wordPx).toBeCloseTo(BLOCKS_TYPE.nearest / BLOCKS_TYPE.word, 9);
  });
});

describe("newNearestWords", () => {
  it("is empty at the start and lists exactly the words a step added", () => {
    const payload = walkBlocks(resources, "He took money out of the bank");
    const bank = payload.words.indexOf("bank");
    expect(newNearestWords(payload, 0, bank).size).toBe(0);
    for (let s = 1; s < payload.steps.length; s++) {
      const before = payload.steps[s - 1].meanings[bank].nearest;
      const want = payload.steps[s].meanings[bank].nearest.filter((w) => !before.includes(w));
      expect([...newNearestWords(payload, s, bank)]).toEqual(want);
    }
  });
});
