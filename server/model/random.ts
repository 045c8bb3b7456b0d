// Seeded pseudo-random numbers for the model: corpus sampling and weight init must reproduce
// exactly from a seed on every machine and backend, so neither uses Math.random nor tf.random.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** mulberry32: 32-bit state, fast, good enough statistically for sampling and init. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  let spareNormal: number | null = null;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      if (items.length === 0) throw new Error("random.pick: empty list");
      return items[Math.floor(next() * items.length)];
    },
    normal: () => {
      // Box–Muller gives two independent normals per pair of uniforms; keep the second.
      if (spareNormal !== null) {
        const z = spareNormal;
        spareNormal = null;
        return z;
      }
      const u = 1 - next(); // (0, 1]: log(0) never happens
      const angle = 2 * Math.PI * next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
  };
}
