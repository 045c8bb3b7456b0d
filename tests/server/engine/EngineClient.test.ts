import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineClient, type PartyTexts } from "../../../server/engine/EngineClient.js";
import { TextEncoder } from "../../../server/engine/TextEncoder.js";

const GUESTS: PartyTexts[] = [
  { query: "who can help me move furniture", key: "strong helper", value: "I lift heavy boxes" },
  { query: "I want sweet cake", key: "truck driver moving furniture", value: "my truck moves furniture" },
  { query: "I need a ride to town", key: "baker of chocolate cake", value: "I bake chocolate cake" },
  { query: "where can I find a doctor", key: "hospital nurse", value: "I work at the hospital" },
];

let client: EngineClient;
beforeAll(async () => {
  client = await EngineClient.start({ backend: "wasm" });
});
afterAll(async () => {
  await client?.close();
});

function rowSums(weights: Float32Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) => weights.subarray(i * n, (i + 1) * n).reduce((a, b) => a + b, 0));
}

describe("EngineClient (through the worker thread)", () => {
  it("reports the engine it started", () => {
    expect(client.info).toEqual({ backend: "wasm", isGpu: false, vocabularySize: 100_000, dimension: 100 });
  });

  it("answers unknownWords on the main thread", () => {
    expect(client.unknownWords("I don't have a qwzxvy")).toEqual(["qwzxvy"]);
  });

  it("reveals attention: rows sum to 1, zero diagonal under noSelf, matching texts attract", async () => {
    const n = GUESTS.length;
    const r = await client.reveal({ texts: GUESTS, options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 5 });
    expect(r.weights).toBeInstanceOf(Float32Array);
    expect(r.weights).toHaveLength(n * n);
    for (const sum of rowSums(r.weights, n)) expect(sum).toBeCloseTo(1, 5);
    for (let i = 0; i < n; i++) expect(r.weights[i * n + i]).toBe(0);
    // "help me move furniture" should look most at the truck driver, "sweet cake" at the baker.
    const argmax = (i: number) => {
      const row = Array.from(r.weights.subarray(i * n, (i + 1) * n));
      return row.indexOf(Math.max(...row));
    };
    expect(argmax(0)).toBe(1);
    expect(argmax(1)).toBe(2);
    expect(r.computeMs).toBeGreaterThan(0);
  });

  it("returns 'what you heard' words, none from the guest's own query", async () => {
    const r = await client.reveal({ texts: GUESTS, options: { sharpness: 2, mask: "noSelf" }, heardWordCount: 6 });
    expect(r.heardWords).toHaveLength(GUESTS.length);
    const encoder = TextEncoder.load();
    r.heardWords.forEach((words, i) => {
      expect(words).toHaveLength(6);
      for (const word of encoder.embeddedWords(GUESTS[i].query)) expect(words).not.toContain(word);
    });
    // The cake lover mostly hears the baker.
    expect(r.heardWords[1].some((w) => ["cake", "chocolate", "bake", "baking", "cakes"].includes(w))).toBe(true);
  });

  it("matches the in-process nearest-word search of the encoder", async () => {
    const texts = [GUESTS[2], { query: "x", key: "x", value: "x" }];
    const r = await client.reveal({ texts, options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 4 });
    // Guest 1 attends only to guest 0, so it hears exactly guest 0's value vector.
    const encoder = TextEncoder.load();
    expect(r.heardWords[1]).toEqual(encoder.nearestWords(encoder.encode(GUESTS[2].value).vector, 4));
  });

  it("rejects a bad request without killing the worker", async () => {
    const bad = client.reveal({ texts: GUESTS, options: { sharpness: 1, mask: "sideways" as "none" }, heardWordCount: 3 });
    await expect(bad).rejects.toThrow(/unknown mask/);
    await expect(client.reveal({ texts: [], options: { sharpness: 1, mask: "none" }, heardWordCount: 3 })).rejects.toThrow(/non-empty/);
    const ok = await client.reveal({ texts: GUESTS.slice(0, 1), options: { sharpness: 1, mask: "noSelf" }, heardWordCount: 3 });
    expect(Array.from(ok.weights)).toEqual([0]); // a lone guest under noSelf
    expect(ok.heardWords).toEqual([[]]);
    expect(client.restartCount).toBe(0);
  });

  it("answers concurrent requests by id", async () => {
    const sizes = [2, 3, 4, 1];
    const results = await Promise.all(
      sizes.map((n) => client.reveal({ texts: GUESTS.slice(0, n), options: { sharpness: 1, mask: "none" }, heardWordCount: 1 })),
    );
    results.forEach((r, i) => expect(r.weights).toHaveLength(sizes[i] ** 2));
  });

  it("rejects requests held by a worker that dies, then restarts it", async () => {
    const worker = (client as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const inFlight = client.reveal({ texts: GUESTS, options: { sharpness: 1, mask: "none" }, heardWordCount: 3 });
    void worker.terminate();
    await expect(inFlight).rejects.toThrow(/exited/);
    const after = await client.reveal({ texts: GUESTS, options: { sharpness: 1, mask: "none" }, heardWordCount: 3 });
    for (const sum of rowSums(after.weights, GUESTS.length)) expect(sum).toBeCloseTo(1, 5);
    expect(client.restartCount).toBe(1);
  });

  it("refuses work after close", async () => {
    const other = await EngineClient.start({ backend: "cpu" });
    expect(other.info.backend).toBe("cpu");
    await other.close();
    await expect(other.reveal({ texts: GUESTS, options: { sharpness: 1, mask: "none" }, heardWordCount: 1 })).rejects.toThrow(/closed/);
  });
});
