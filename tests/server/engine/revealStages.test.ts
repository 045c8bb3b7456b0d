// A reveal answers in two stages through the real worker: the weights as soon as the attention is
// done, the heard words after the nearest-word search. Rooms need the first to send rows, so it
// must come strictly first, equal the one-stage answer, and not wait for other rooms' searches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineClient, type PartyTexts, type RevealRequest, type RevealWeights } from "../../../server/engine/EngineClient.js";

const TEXTS: PartyTexts[] = [
  { query: "who can help me move furniture", key: "strong helper", value: "I lift heavy boxes" },
  { query: "I want sweet cake", key: "truck driver moving furniture", value: "my truck moves furniture" },
  { query: "I need a ride to town", key: "baker of chocolate cake", value: "I bake chocolate cake" },
  { query: "where can I find a doctor", key: "hospital nurse", value: "I work at the hospital" },
  { query: "I am lost in the forest", key: "map reader", value: "I know every trail and river" },
];

/** n guests cycling through TEXTS, made distinct by a word each. */
function room(n: number, heardWordCount = 5): RevealRequest {
  const extra = ["red", "old", "quiet", "happy", "tall", "green", "small", "bright"];
  const texts = Array.from({ length: n }, (_, i) => {
    const t = TEXTS[i % TEXTS.length];
    const word = extra[Math.floor(i / TEXTS.length) % extra.length];
    return { query: `${t.query} ${word}`, key: `${word} ${t.key}`, value: `${t.value} ${word}` };
  });
  return { texts, options: { sharpness: 1, mask: "noSelf" }, heardWordCount };
}

/** The order things happened in, as one list, so "before" is checked on one clock. */
function timeline() {
  const events: string[] = [];
  return { events, mark: (event: string) => events.push(event) };
}

let client: EngineClient;
beforeAll(async () => {
  client = await EngineClient.start({ backend: "wasm" });
});
afterAll(async () => {
  await client?.close();
});

describe("two-stage reveal", () => {
  it("gives the weights strictly before the heard words, both equal to the one-stage reveal", async () => {
    const request = room(40);
    const oneStage = await client.reveal(request);

    const { events, mark } = timeline();
    let stage: RevealWeights | null = null;
    const twoStage = await client
      .reveal(request, {
        onWeights: (s) => {
          mark("weights");
          stage = { weights: s.weights.slice(), computeMs: s.computeMs };
        },
      })
      .then((response) => {
        mark("heard");
        return response;
      });

    expect(events).toEqual(["weights", "heard"]);
    // The engine is deterministic: the same weights, bit for bit, in both stages and both ways.
    expect(Array.from(stage!.weights)).toEqual(Array.from(oneStage.weights));
    expect(Array.from(twoStage.weights)).toEqual(Array.from(oneStage.weights));
    expect(twoStage.heardWords).toEqual(oneStage.heardWords);
    expect(twoStage.heardWords.every((words) => words.length === 5)).toBe(true);
    // The first stage's time is part of the whole.
    expect(stage!.computeMs).toBeGreaterThan(0);
    expect(stage!.computeMs).toBeLessThanOrEqual(twoStage.computeMs);
  });

  it("sends a room's weights while another room's heard words are still being searched", async () => {
    // 2000 guests: a nearest-word search of many steps. A small room asked for once the big room
    // has its weights gets its own weights before the big room's words: rows go first.
    const { events, mark } = timeline();
    let bigWeightsArrived!: () => void;
    const bigHasWeights = new Promise<void>((resolve) => (bigWeightsArrived = resolve));
    const big = client
      .reveal(room(2000, 6), {
        onWeights: () => {
          mark("big weights");
          bigWeightsArrived();
        },
      })
      .then((r) => (mark("big heard"), r));
    await bigHasWeights;
    const small = client.reveal(room(300), { onWeights: () => mark("small weights") }).then((r) => (mark("small heard"), r));
    const [bigResponse, smallResponse] = await Promise.all([big, small]);

    expect(events.indexOf("small weights")).toBeGreaterThan(events.indexOf("big weights"));
    expect(events.indexOf("small weights")).toBeLessThan(events.indexOf("big heard"));
    expect(events).toContain("small heard");
    // Cut into steps, the big room's search still gives every guest its words.
    expect(bigResponse.heardWords).toHaveLength(2000);
    expect(bigResponse.heardWords.every((words) => words.length === 6)).toBe(true);
    // The small room's rows were searched in steps shared with the big room's last rows, cut
    // elsewhere than when it is alone: the same words prove the steps keep rows and rooms apart.
    expect(smallResponse.heardWords).toEqual((await client.reveal(room(300))).heardWords);
  });

  it("answers a reveal that asks for no words in two stages too", async () => {
    const { events, mark } = timeline();
    const response = await client.reveal(room(6, 0), { onWeights: () => mark("weights") }).then((r) => (mark("heard"), r));
    expect(events).toEqual(["weights", "heard"]);
    expect(response.heardWords).toEqual(Array.from({ length: 6 }, () => []));
    expect(response.weights).toHaveLength(36);
  });

  it("never calls onWeights for a refused request, and rejects a reveal whose onWeights throws", async () => {
    let calls = 0;
    await expect(client.reveal({ ...room(4), heardWordCount: 999 }, { onWeights: () => calls++ })).rejects.toThrow(/heardWordCount/);
    expect(calls).toBe(0);
    await expect(
      client.reveal(room(4), {
        onWeights: () => {
          throw new Error("room could not score");
        },
      }),
    ).rejects.toThrow(/room could not score/);
    // The late heard words of that reveal are dropped; the worker goes on.
    const after = await client.reveal(room(4));
    expect(after.heardWords).toHaveLength(4);
    expect(client.restartCount).toBe(0);
  });

  it("keeps the tensor count flat over two-stage reveals", async () => {
    const before = (await client.stats()).numTensors;
    for (let r = 0; r < 3; r++) await Promise.all([room(20), room(7), room(300)].map((q) => client.reveal(q, { onWeights: () => undefined })));
    expect((await client.stats()).numTensors).toBe(before);
  });
});
