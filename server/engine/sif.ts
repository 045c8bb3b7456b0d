// SIF ("smooth inverse frequency", Arora et al. 2017) math shared by the cache builder and the
// encoder: word probabilities from frequency ranks, the a/(a+p) weight, and the common component.

/**
 * The SIF smoothing constant a. Words with p(w) ≫ a ("the", "of") get weight ≈ a/p ≈ 0, rare
 * words ≈ 1; 1e-3 is the value the SIF paper found robust across tasks.
 */
export const SIF_A = 1e-3;

/** H_N = Σ_{r=1..N} 1/r, the normaliser of a Zipf distribution over N ranked words. */
export function harmonicNumber(n: number): number {
  let sum = 0;
  // Summed smallest-first so the float error stays at the last digit even for N ≈ 400k.
  for (let r = n; r >= 1; r--) sum += 1 / r;
  return sum;
}

/**
 * Zipf's law: the word of frequency rank r (1 = most frequent) among N ranked words has unigram
 * probability p(r) ≈ 1 / (r · H_N). GloVe ships no counts, only the frequency order, so the rank
 * is all we have; Zipf is a good fit for English news/Wikipedia text beyond the first few ranks.
 */
export function zipfProbability(rank: number, harmonicN: number): number {
  return 1 / (rank * harmonicN);
}

/** SIF weight a / (a + p(w)), in (0, 1). */
export function sifWeight(probability: number, a: number = SIF_A): number {
  return a / (a + probability);
}

/**
 * First principal component (uncentred, as in SIF) of a set of weighted rows:
 * the unit eigenvector u with the largest eigenvalue of C = Σ_i mass_i · x_i x_iᵀ.
 * rows: [count, d] row-major; mass: [count]. Power iteration on the d×d matrix (d = 100, so
 * building C is the only real cost). The sign is fixed (largest |component| positive) so two
 * builds of the same data give the same vector.
 */
export function firstPrincipalComponent(rows: Float32Array, mass: Float64Array, d: number): Float32Array {
  const count = mass.length;
  const c = new Float64Array(d * d); // [d, d] symmetric
  for (let i = 0; i < count; i++) {
    const m = mass[i];
    if (m === 0) continue;
    const base = i * d;
    for (let a = 0; a < d; a++) {
      const xa = m * rows[base + a];
      if (xa === 0) continue;
      const rowC = a * d;
      for (let b = a; b < d; b++) c[rowC + b] += xa * rows[base + b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) c[a * d + b] = c[b * d + a];

  let u = new Float64Array(d).fill(1 / Math.sqrt(d));
  for (let iter = 0; iter < 500; iter++) {
    const next = new Float64Array(d);
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += c[a * d + b] * u[b];
      next[a] = s;
    }
    const norm = Math.sqrt(next.reduce((acc, x) => acc + x * x, 0));
    if (norm === 0) break;
    let change = 0;
    for (let a = 0; a < d; a++) {
      next[a] /= norm;
      change = Math.max(change, Math.abs(next[a] - u[a]));
    }
    u = next;
    if (change < 1e-12) break;
  }
  let largest = 0;
  for (let a = 0; a < d; a++) if (Math.abs(u[a]) > Math.abs(u[largest])) largest = a;
  const sign = u[largest] < 0 ? -1 : 1;
  return Float32Array.from(u, (x) => sign * x);
}

/** v ← v − (v·u) u for a unit vector u (in place); removes the shared "discourse" direction. */
export function removeComponent(v: Float32Array | Float64Array, u: Float32Array, offset = 0): void {
  const d = u.length;
  let dot = 0;
  for (let c = 0; c < d; c++) dot += v[offset + c] * u[c];
  for (let c = 0; c < d; c++) v[offset + c] -= dot * u[c];
}
