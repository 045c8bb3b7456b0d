// Binary layout of the encoder's vocabulary cache (assets/cache/glove-100k.bin): read in well
// under a second, versus ~8 s and ~1 GB to parse the 300 MB GloVe JSON it is built from.
//
// Layout, little-endian, every section 4-byte aligned so typed arrays can view it in place:
//   header   8 × u32: magic "CPGV", version, count, dimension, sourceSize, wordsByteLength, 0, 0
//   common   f32[dimension]          SIF common component (unit vector)
//   ranks    u32[count]              1-based frequency rank of each word in the full source list
//   vectors  f32[count × dimension]  raw GloVe vectors, row-major, in rank order
//   words    UTF-8, "\n"-separated   the words, same order as ranks and vectors
import { closeSync, openSync, readSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MAGIC = 0x56475043; // "CPGV" read as a little-endian u32
export const CACHE_VERSION = 1;
const HEADER_BYTES = 32;

/**
 * Default cache location: assets/cache/ at the repository root. Both the TypeScript source
 * (server/engine/x.ts) and the esbuild bundle (dist/server/x.js) sit two folders below the root,
 * so the same relative URL works for both; ENGINE_CACHE_PATH overrides it.
 */
export const DEFAULT_CACHE_PATH =
  process.env.ENGINE_CACHE_PATH ?? fileURLToPath(new URL("../../assets/cache/glove-100k.bin", import.meta.url));

export interface EncoderCacheData {
  /** Vocabulary in frequency order (most frequent first). */
  words: string[];
  /** [count] 1-based rank of each word in the source's full frequency list (for Zipf p(w)). */
  ranks: Uint32Array;
  /** [count, dimension] row-major raw word vectors. */
  vectors: Float32Array;
  /** [dimension] unit vector removed from every sentence vector. */
  commonComponent: Float32Array;
  dimension: number;
  /** Number of ranked words in the source (N in H_N), punctuation included. */
  sourceSize: number;
}

interface CacheHeader {
  count: number;
  dimension: number;
  sourceSize: number;
  wordsByteLength: number;
}

function sectionOffsets(h: CacheHeader) {
  const common = HEADER_BYTES;
  const ranks = common + h.dimension * 4;
  const vectors = ranks + h.count * 4;
  const words = vectors + h.count * h.dimension * 4;
  return { common, ranks, vectors, words, end: words + h.wordsByteLength };
}

function parseHeader(bytes: Uint8Array): CacheHeader {
  if (bytes.byteLength < HEADER_BYTES) throw new Error("encoder cache: file too short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (view.getUint32(0, true) !== MAGIC) throw new Error("encoder cache: bad magic (not a glove cache)");
  const version = view.getUint32(4, true);
  if (version !== CACHE_VERSION) throw new Error(`encoder cache: version ${version}, expected ${CACHE_VERSION}`);
  return {
    count: view.getUint32(8, true),
    dimension: view.getUint32(12, true),
    sourceSize: view.getUint32(16, true),
    wordsByteLength: view.getUint32(20, true),
  };
}

/** Serialises cache data into one buffer (the builder writes it to a temp file, then renames). */
export function encodeEncoderCache(data: EncoderCacheData): Buffer {
  const count = data.words.length;
  const d = data.dimension;
  if (data.vectors.length !== count * d) throw new Error("encoder cache: vectors length ≠ count × dimension");
  if (data.ranks.length !== count) throw new Error("encoder cache: ranks length ≠ count");
  if (data.words.some((w) => w.includes("\n") || w.length === 0)) throw new Error("encoder cache: bad word");
  const wordBytes = Buffer.from(data.words.join("\n"), "utf8");
  const header: CacheHeader = { count, dimension: d, sourceSize: data.sourceSize, wordsByteLength: wordBytes.byteLength };
  const at = sectionOffsets(header);
  const out = Buffer.alloc(at.end);
  const view = new DataView(out.buffer, out.byteOffset, HEADER_BYTES);
  [MAGIC, CACHE_VERSION, count, d, data.sourceSize, wordBytes.byteLength, 0, 0].forEach((x, i) =>
    view.setUint32(i * 4, x, true),
  );
  Buffer.from(data.commonComponent.buffer, data.commonComponent.byteOffset, d * 4).copy(out, at.common);
  Buffer.from(data.ranks.buffer, data.ranks.byteOffset, count * 4).copy(out, at.ranks);
  Buffer.from(data.vectors.buffer, data.vectors.byteOffset, count * d * 4).copy(out, at.vectors);
  wordBytes.copy(out, at.words);
  return out;
}

/** Views a cache buffer (copied once if it is not 4-byte aligned). Throws on a bad or stale file. */
export function decodeEncoderCache(input: Uint8Array): EncoderCacheData {
  const h = parseHeader(input);
  const at = sectionOffsets(h);
  if (input.byteLength !== at.end) throw new Error(`encoder cache: ${input.byteLength} bytes, expected ${at.end}`);
  const bytes = input.byteOffset % 4 === 0 ? input : new Uint8Array(input); // copy realigns to offset 0
  const base = bytes.byteOffset;
  return {
    words: Buffer.from(bytes.buffer, base + at.words, h.wordsByteLength).toString("utf8").split("\n"),
    ranks: new Uint32Array(bytes.buffer, base + at.ranks, h.count),
    vectors: new Float32Array(bytes.buffer, base + at.vectors, h.count * h.dimension),
    commonComponent: new Float32Array(bytes.buffer, base + at.common, h.dimension),
    dimension: h.dimension,
    sourceSize: h.sourceSize,
  };
}

/** Reads the header only; used to tell a valid cache from a missing, stale or truncated one. */
export function readCacheHeader(path: string): CacheHeader & { byteLength: number } {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    readSync(fd, head, 0, HEADER_BYTES, 0);
    const h = parseHeader(head);
    return { ...h, byteLength: sectionOffsets(h).end };
  } finally {
    closeSync(fd);
  }
}

/**
 * Only the word list (~1 MB of the ~40 MB file): what the main thread needs for the instant
 * "unknown words" check on phones' drafts without holding the vectors.
 */
export function readCacheWords(path: string): string[] {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    readSync(fd, head, 0, HEADER_BYTES, 0);
    const h = parseHeader(head);
    const words = Buffer.alloc(h.wordsByteLength);
    const read = readSync(fd, words, 0, h.wordsByteLength, sectionOffsets(h).words);
    if (read !== h.wordsByteLength) throw new Error("encoder cache: truncated word list");
    return words.toString("utf8").split("\n");
  } finally {
    closeSync(fd);
  }
}
