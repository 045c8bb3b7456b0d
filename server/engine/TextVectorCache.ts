// The engine's memory of texts it has encoded: a text's scaled sentence vector and the words it
// embedded, by exact text. Guests' texts arrive while the class writes (the room hands them to the
// worker as they are submitted), so a reveal finds them encoded and only the attention is left.
// Least recently used texts go first once the cache is full.

export interface CachedText {
  /** [dimension] sentence vector at the engine's scale; shared, never written after caching. */
  vector: Float32Array;
  /** Vocabulary words the text was encoded from (a guest's own query words are never "heard"). */
  words: readonly string[];
}

export class TextVectorCache {
  private readonly entries = new Map<string, CachedText>();
  private hitCount = 0;
  private missCount = 0;

  /** `capacity` texts: 100-d vectors make 20 000 of them about 10 MB. */
  constructor(
    private readonly capacity: number,
    private readonly encode: (text: string) => CachedText,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("TextVectorCache: capacity must be a positive integer");
  }

  get(text: string): CachedText {
    const cached = this.entries.get(text);
    if (cached) {
      this.hitCount++;
      // Re-inserted so Map order stays least-recently-used first.
      this.entries.delete(text);
      this.entries.set(text, cached);
      return cached;
    }
    this.missCount++;
    const fresh = this.encode(text);
    this.entries.set(text, fresh);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return fresh;
  }

  /** Encodes texts ahead of their reveal (already cached ones only move to the fresh end). */
  warm(texts: readonly string[]): void {
    for (const text of texts) {
      const cached = this.entries.get(text);
      if (!cached) this.get(text);
      else {
        this.entries.delete(text);
        this.entries.set(text, cached);
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Lookups answered from memory, and those that had to encode (warming counts as a miss). */
  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.entries.size };
  }
}
