// Texts handed to the engine while the class writes (EngineClient.prepare) are encoded ahead, so
// the reveal only computes attention: it must then find them encoded, and give exactly the
// weights and words it gives texts it never saw. The cache itself forgets the least recently used.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineClient, type PartyTexts } from "../../../server/engine/EngineClient.js";
import { TextVectorCache } from "../../../server/engine/TextVectorCache.js";

const TEXTS: PartyTexts[] = [
  { query: "who can help me move a sofa", key: "strong helper with a van", value: "I carry heavy furniture" },
  { query: "I would love some chocolate cake", key: "baker", value: "fresh cake from my oven" },
  { query: "my bike has a flat tyre", key: "bicycle mechanic", value: "I fix tyres and brakes" },
  { query: "where is the nearest hospital", key: "nurse", value: "the hospital is two streets away" },
];
/** The same class with every text changed by one word: nothing of it was prepared. */
const UNSEEN: PartyTexts[] = TEXTS.map((t) => ({ query: `${t.query} today`, key: `${t.key} today`, value: `${t.value} today` }));

let client: EngineClient;
beforeAll(async () => {
  client = await EngineClient.start({ backend: "wasm" });
});
afterAll(async () => {
  await client?.close();
});

describe("texts prepared while the class writes", () => {
  it("are found encoded at the reveal, with the same weights and words as texts never prepared", async () => {
    const start = (await client.stats()).textCache;
    for (const texts of TEXTS) client.prepare(texts);
    // Preparing waits behind anything else the worker has to do: give it its idle moment.
    let before = start;
    for (let tries = 0; before.misses - start.misses < TEXTS.length * 3; tries++) {
      expect(tries, "the worker never encoded the prepared texts").toBeLessThan(200);
      await new Promise((r) => setTimeout(r, 10));
      before = (await client.stats()).textCache;
    }
    const prepared = await client.reveal({ texts: TEXTS, options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 4 });
    const afterPrepared = (await client.stats()).textCache;
    // Every query, name tag and value (and the queries again, for the words never "heard") was a hit.
    expect(afterPrepared.misses - before.misses).toBe(0);
    expect(afterPrepared.hits - before.hits).toBe(TEXTS.length * 4);

    const unseen = await client.reveal({ texts: UNSEEN, options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 4 });
    const afterUnseen = (await client.stats()).textCache;
    expect(afterUnseen.misses - afterPrepared.misses).toBe(TEXTS.length * 3);

    // A fresh engine that never saw these texts computes the same numbers.
    const fresh = await EngineClient.start({ backend: "wasm" });
    try {
      const cold = await fresh.reveal({ texts: TEXTS, options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 4 });
      expect(Array.from(prepared.weights)).toEqual(Array.from(cold.weights));
      expect(prepared.heardWords).toEqual(cold.heardWords);
    } finally {
      await fresh.close();
    }
    expect(Array.from(unseen.weights)).not.toEqual(Array.from(prepared.weights));
  });
});

describe("TextVectorCache", () => {
  it("encodes each text once and forgets the least recently used beyond its capacity", () => {
    const encoded: string[] = [];
    const cache = new TextVectorCache(2, (text) => {
      encoded.push(text);
      return { vector: Float32Array.of(text.length), words: [text] };
    });
    cache.get("a");
    cache.get("bb");
    cache.get("a"); // "bb" is now the least recently used
    cache.get("ccc"); // pushes "bb" out
    expect(cache.get("a").vector[0]).toBe(1);
    cache.warm(["bb", "a"]);
    expect(encoded).toEqual(["a", "bb", "ccc", "bb"]);
    expect(cache.stats).toEqual({ hits: 2, misses: 4, size: 2 });
    expect(() => new TextVectorCache(0, () => ({ vector: new Float32Array(1), words: [] }))).toThrow(/capacity/);
  });
});
