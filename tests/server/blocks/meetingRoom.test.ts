// The meeting room's attention rows on the real checkpoint: every head's rows are a softmax over
// <s> and the words, the topic head leaves glue words out, and what a word fetched is the
// gain-weighted sum of the vectors it attends to (the model has no value projection).
import { beforeAll, describe, expect, it } from "vitest";
import { meetRoom } from "../../../server/blocks/meetingRoom.js";
import { DEFAULT_BLOCKS_CONFIG } from "../../../server/blocks/walkBlocks.js";
import { isFunctionWord, loadBlocksWordSpace, type BlocksWordSpace } from "../../../server/blocks/wordSpace.js";
import type { AttentionModelWeights } from "../../../server/model/AttentionModel.js";
import { loadCheckpoint } from "../../../server/model/checkpoint.js";
import { embedSentence } from "../../../server/model/wordVectors.js";

let space: BlocksWordSpace;
let model: AttentionModelWeights;

beforeAll(() => {
  space = loadBlocksWordSpace();
  model = loadCheckpoint().weights;
});

describe("meetRoom", () => {
  it("gives every head softmax rows, keeps glue out of the topic head, and fetches Σ gain · w · x", () => {
    const { tokens, words } = embedSentence(space.lookup, "She sat on the bank of the river");
    const glue = tokens.slice(1).map(isFunctionWord);
    const { topicHead, attentionGain } = DEFAULT_BLOCKS_CONFIG;
    const room = meetRoom(model, words, glue, space.commonComponent, topicHead, attentionGain);
    const n = tokens.length;
    const d = model.config.wordDim;
    expect(room.weights).toHaveLength(5);
    for (const head of room.weights) {
      expect(head).toHaveLength(n);
      for (const row of head) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    const topic = room.weights[4];
    glue.forEach((isGlue, i) => {
      if (isGlue) expect(topic[i + 1][0]).toBe(1); // glue asks nothing
      else expect(glue.every((g, j) => !g || topic[i + 1][j + 1] === 0)).toBe(true); // and is never asked
    });
    const bank = tokens.indexOf("bank");
    expect(topic[bank][tokens.indexOf("river")]).toBeGreaterThan(0.5);

    // Recompute what "bank" fetched from the rows and the heads' gains.
    const want = new Float64Array(d);
    room.weights.forEach((head, h) => {
      for (let j = 1; j < n; j++) for (let c = 0; c < d; c++) want[c] += room.heads[h].gain * head[bank][j] * words[(j - 1) * d + c];
    });
    for (let c = 0; c < d; c++) expect(room.fetched[(bank - 1) * d + c]).toBeCloseTo(want[c], 4);
  });
});
