import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildEncoderCacheData, ensureEncoderCache, type WinkEmbeddings } from "../../../server/engine/buildEncoderCache.js";
import { decodeEncoderCache, DEFAULT_CACHE_PATH, encodeEncoderCache, readCacheWords } from "../../../server/engine/encoderCache.js";
import { TextEncoder } from "../../../server/engine/TextEncoder.js";

const dir = mkdtempSync(join(tmpdir(), "encoder-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny wink-shaped source: 4-d vectors, punctuation and hyphenated tokens among the words. */
function tinySource(): WinkEmbeddings {
  const words = ["the", ",", "cat", "well-known", "dog", "café", "sat"];
  const vectors: Record<string, number[]> = {};
  words.forEach((w, i) => (vectors[w] = [i + 1, -i, 0.5 * i, 1, 9.9, i]));
  return { size: words.length, dimensions: 4, words, vectors };
}

describe("encoder cache", () => {
  it("keeps tokenizable words in frequency order with their source ranks and vectors", () => {
    const data = buildEncoderCacheData(tinySource(), 4);
    expect(data.words).toEqual(["the", "cat", "dog", "café"]);
    expect(Array.from(data.ranks)).toEqual([1, 3, 5, 6]);
    expect(Array.from(data.vectors.subarray(4, 8))).toEqual([3, -2, 1, 1]); // "cat", l2norm/index dropped
    expect(data.sourceSize).toBe(7);
    expect(Math.hypot(...data.commonComponent)).toBeCloseTo(1, 5);
  });

  it("round-trips through bytes, also from an unaligned buffer", () => {
    const data = buildEncoderCacheData(tinySource());
    const bytes = encodeEncoderCache(data);
    const shifted = new Uint8Array(bytes.byteLength + 1).subarray(1);
    shifted.set(bytes);
    for (const input of [bytes, shifted]) {
      const back = decodeEncoderCache(input);
      expect(back.words).toEqual(data.words);
      expect(Array.from(back.ranks)).toEqual(Array.from(data.ranks));
      expect(Array.from(back.vectors)).toEqual(Array.from(data.vectors));
      expect(Array.from(back.commonComponent)).toEqual(Array.from(data.commonComponent));
    }
    expect(() => decodeEncoderCache(bytes.subarray(0, bytes.byteLength - 4))).toThrow(/bytes, expected/);
  });

  it("ensureEncoderCache builds from a source, then reuses, and rebuilds a corrupt file", async () => {
    const sourcePath = join(dir, "source.json");
    writeFileSync(sourcePath, JSON.stringify(tinySource()));
    const path = join(dir, "cache.bin");
    const first = await ensureEncoderCache(path, { sourcePath });
    expect(first.wasBuilt).toBe(true);
    expect(readCacheWords(path)).toEqual(["the", "cat", "dog", "café", "sat"]);
    expect((await ensureEncoderCache(path, { sourcePath })).wasBuilt).toBe(false);
    writeFileSync(path, readFileSync(path).subarray(0, 40));
    expect((await ensureEncoderCache(path, { sourcePath })).wasBuilt).toBe(true);
    expect(TextEncoder.load(path).encode("the cat").knownWords).toEqual(["the", "cat"]);
  });

  it("the real cache is compact and loads well under a second", () => {
    expect(statSync(DEFAULT_CACHE_PATH).size).toBeLessThan(45 * 2 ** 20);
    const started = performance.now();
    const encoder = TextEncoder.load();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(encoder.vocabulary.words.slice(0, 3)).toEqual(["the", "of", "to"]);
  });
});
