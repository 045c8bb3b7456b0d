// Rooms that reveal together go through the worker as one batch, and each still gets exactly
// the numbers and words it would have got alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitIntoBatches } from "../../../server/engine/batchLimits.js";
import { EngineClient, type PartyTexts, type RevealRequest, type RevealResponse } from "../../../server/engine/EngineClient.js";

const TEXTS: PartyTexts[] = [
  { query: "who can help me move furniture", key: "strong helper", value: "I lift heavy boxes" },
  { query: "I want sweet cake", key: "truck driver moving furniture", value: "my truck moves furniture" },
  { query: "I need a ride to town", key: "baker of chocolate cake", value: "I bake chocolate cake" },
  { query: "where can I find a doctor", key: "hospital nurse", value: "I work at the hospital" },
  { query: "I am lost in the forest", key: "map reader", value: "I know every trail and river" },
  { query: "my garden needs water", key: "plumber with pipes", value: "I fix pipes and taps" },
];

/** A room of n guests cycling through the texts, each guest's texts made distinct by a word. */
function room(n: number, sharpness: number, mask: RevealRequest["options"]["mask"]): RevealRequest {
  const extra = ["red", "old", "quiet", "happy", "tall", "green", "small", "bright"];
  const texts = Array.from({ length: n }, (_, i) => {
    const t = TEXTS[i % TEXTS.length];
    const word = extra[Math.floor(i / TEXTS.length) % extra.length];
    return { query: `${t.query} ${word}`, key: `${word} ${t.key}`, value: `${t.value} ${word}` };
  });
  return { texts, options: { sharpness, mask }, heardWordCount: 5 };
}

/**
 * Sends `requests` while the worker is busy with a full-size reveal (2000 guests, a batch on its
 * own), so they are all waiting in its inbox when it looks again: batching without a race.
 */
async function revealWhileBusy(requests: RevealRequest[]): Promise<Array<PromiseSettledResult<RevealResponse>>> {
  const blocker = client.reveal({ ...room(2000, 1, "noSelf"), heardWordCount: 1 });
  const settled = await Promise.allSettled(requests.map((request) => client.reveal(request)));
  await blocker;
  return settled;
}

// On wasm the worker gives each room its own call (batchLimits.ts); batching is what a GPU does,
// asked for here so its arithmetic is checked on this machine too.
let client: EngineClient;
beforeAll(async () => {
  client = await EngineClient.start({ backend: "wasm", maxBatchGuests: 320 });
});
afterAll(async () => {
  await client?.close();
});

describe("reveal batching in the engine worker", () => {
  it("batches reveals that arrive together, with each room's result equal to its lone reveal", async () => {
    const requests = [room(40, 1, "noSelf"), room(12, 2, "causal"), room(40, 0.5, "none"), room(3, 1, "noSelf"), room(30, 1.5, "causalNoSelf")];
    const alone: RevealResponse[] = [];
    for (const request of requests) alone.push(await client.reveal(request));
    const before = (await client.stats()).batches;
    expect(before.max).toBe(1);

    const together = (await revealWhileBusy(requests)).map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    const after = (await client.stats()).batches;
    expect(after.count).toBe(before.count + 2);
    expect(after.last).toBe(requests.length);
    expect(after.lastGuests).toBe(40 + 12 + 40 + 3 + 30);
    expect(after.max).toBe(requests.length);
    expect(after.recent.slice(-2)).toEqual([1, requests.length]);

    together.forEach((got, r) => {
      const want = alone[r];
      expect(got.weights).toHaveLength(want.weights.length);
      let worst = 0;
      for (let i = 0; i < want.weights.length; i++) worst = Math.max(worst, Math.abs(got.weights[i] - want.weights[i]));
      expect(worst).toBeLessThan(1e-5);
      expect(got.heardWords).toEqual(want.heardWords);
    });
  });

  it("splits a burst into batches of at most maxBatchGuests guests, in order", async () => {
    const requests = Array.from({ length: 12 }, (_, i) => room(40, 1 + i / 10, "noSelf"));
    const settled = await revealWhileBusy(requests);
    expect(settled.every((r) => r.status === "fulfilled")).toBe(true);
    const batches = (await client.stats()).batches;
    expect(batches.recent.slice(-3)).toEqual([1, 8, 4]);
    expect(batches.lastGuests).toBe(4 * 40);
  });

  it("hands over one room's weights per turn of the event loop, in order, so sockets are read between rooms", async () => {
    const order: string[] = [];
    const blocker = client.reveal({ ...room(2000, 1, "noSelf"), heardWordCount: 1 });
    const reveals = Array.from({ length: 6 }, (_, r) =>
      client.reveal(room(40, 1, "noSelf"), {
        onWeights: () => {
          order.push(`weights ${r}`);
          // What a socket read would be: I/O-phase work queued now must run before the next room.
          setImmediate(() => order.push(`turn after ${r}`));
        },
      }),
    );
    await Promise.all(reveals);
    await blocker;
    const weights = order.filter((e) => e.startsWith("weights"));
    expect(weights).toEqual([0, 1, 2, 3, 4, 5].map((r) => `weights ${r}`));
    for (let r = 0; r < 5; r++) expect(order.indexOf(`turn after ${r}`)).toBeLessThan(order.indexOf(`weights ${r + 1}`));
  });

  it("on wasm by default, gives each room its own attention call", async () => {
    const lone = await EngineClient.start({ backend: "wasm" });
    try {
      const blocker = lone.reveal({ ...room(2000, 1, "noSelf"), heardWordCount: 1 });
      const settled = await Promise.allSettled([room(40, 1, "noSelf"), room(12, 1, "none"), room(40, 2, "noSelf")].map((r) => lone.reveal(r)));
      await blocker;
      expect(settled.every((r) => r.status === "fulfilled")).toBe(true);
      const batches = (await lone.stats()).batches;
      expect(batches.max).toBe(1);
      expect(batches.count).toBe(4);
    } finally {
      await lone.close();
    }
  });

  it("fails only the bad request of a batch", async () => {
    const bad = { ...room(4, 1, "none"), heardWordCount: 999 };
    const [good, refused, alsoGood] = await revealWhileBusy([room(5, 1, "noSelf"), bad, room(6, 1, "none")]);
    expect(good.status).toBe("fulfilled");
    expect(refused.status === "rejected" && String(refused.reason)).toMatch(/heardWordCount/);
    expect(alsoGood.status).toBe("fulfilled");
    expect((await client.stats()).batches.last).toBe(3);
  });

  it("keeps the tensor count flat over batched reveals", async () => {
    const before = (await client.stats()).numTensors;
    for (let r = 0; r < 3; r++) await Promise.all([room(20, 1, "noSelf"), room(7, 1, "causal"), room(33, 1, "none")].map((q) => client.reveal(q)));
    expect((await client.stats()).numTensors).toBe(before);
  });
});

describe("splitIntoBatches", () => {
  const sizes = (batches: number[][]) => batches.map((b) => b.join("+"));
  it("keeps the order and fills each batch up to the limit", () => {
    expect(sizes(splitIntoBatches([40, 40, 40, 12, 300, 5], (n) => n, 120))).toEqual(["40+40+40", "12", "300", "5"]);
  });
  it("puts a room bigger than the limit alone, and with a limit of 1 every room alone", () => {
    expect(sizes(splitIntoBatches([500, 3, 4], (n) => n, 320))).toEqual(["500", "3+4"]);
    expect(sizes(splitIntoBatches([2, 3, 4], (n) => n, 1))).toEqual(["2", "3", "4"]);
  });
});
