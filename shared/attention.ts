// Reference scaled dot-product attention in plain TypeScript: the math the engine must match
// (within 1e-4), written as directly as possible so it can be read against the formula
//   weights = softmax(sharpness · Q Kᵀ / √d  + mask),   output = weights · V.

/**
 * Which query→key pairs are allowed before the softmax: all; all but itself; only earlier or
 * itself (causal, as in a language model); only strictly earlier.
 */
export type AttentionMask = "none" | "noSelf" | "causal" | "causalNoSelf";
export const ATTENTION_MASKS: readonly AttentionMask[] = ["none", "noSelf", "causal", "causalNoSelf"];

/** The dashboard's two toggles as one mask. */
export function maskFrom(isSelfBlocked: boolean, isCausal: boolean): AttentionMask {
  if (isCausal) return isSelfBlocked ? "causalNoSelf" : "causal";
  return isSelfBlocked ? "noSelf" : "none";
}

export interface AttentionOptions {
  /** Multiplies the scaled scores; the instructor's sharpness slider (1 = plain attention). */
  sharpness: number;
  mask: AttentionMask;
}

export const DEFAULT_ATTENTION_OPTIONS: AttentionOptions = { sharpness: 1, mask: "none" };

export interface AttentionResult {
  /** [N, N] row-major: weights[i * N + j] = how much guest i attends to guest j. */
  weights: Float32Array;
  /** [N, d] row-major: output[i] = Σ_j weights[i, j] · V[j]. */
  output: Float32Array;
}

/** Whether query i may look at key j under the mask. With one guest and noSelf, nothing is allowed. */
export function isAllowed(mask: AttentionMask, i: number, j: number): boolean {
  if (mask === "noSelf") return i !== j;
  if (mask === "causal") return j <= i;
  if (mask === "causalNoSelf") return j < i;
  return true;
}

/**
 * Q, K, V: [N, d] row-major. A row whose every key is masked (a lone guest under noSelf)
 * gets all-zero weights and a zero output rather than NaNs.
 */
export function referenceAttention(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  n: number,
  d: number,
  options: AttentionOptions = DEFAULT_ATTENTION_OPTIONS,
): AttentionResult {
  const weights = new Float32Array(n * n);
  const output = new Float32Array(n * d);
  const scale = options.sharpness / Math.sqrt(d);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) {
      if (!isAllowed(options.mask, i, j)) {
        scores[j] = -Infinity;
        continue;
      }
      let dot = 0;
      for (let c = 0; c < d; c++) dot += q[i * d + c] * k[j * d + c];
      scores[j] = dot * scale;
      if (scores[j] > max) max = scores[j];
    }
    if (max === -Infinity) continue;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = scores[j] === -Infinity ? 0 : Math.exp(scores[j] - max);
      scores[j] = e;
      sum += e;
    }
    for (let j = 0; j < n; j++) {
      const w = scores[j] / sum;
      weights[i * n + j] = w;
      if (w === 0) continue;
      for (let c = 0; c < d; c++) output[i * d + c] += w * v[j * d + c];
    }
  }
  return { weights, output };
}

/** Indices of the k largest entries of row i of an [N, N] matrix, heaviest first, zeros skipped. */
export function topK(weights: ArrayLike<number>, n: number, row: number, k: number): Array<[number, number]> {
  // A running top-k instead of sorting the whole row: a reveal calls this for every guest, and at
  // 300 guests full sorts were most of the rooms' reveal time.
  const best: Array<[number, number]> = [];
  for (let j = 0; j < n; j++) keepTop(best, j, weights[row * n + j], k);
  return best;
}

/** The k heaviest entries of column `column` (who attends most to that guest), skipping row `skip`. */
export function topKColumn(weights: ArrayLike<number>, n: number, column: number, k: number, skip = -1): Array<[number, number]> {
  const best: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) if (i !== skip) keepTop(best, i, weights[i * n + column], k);
  return best;
}

/** Inserts [index, w] into `best` (heaviest first, ties by lower index) if it is among the k heaviest positive entries. */
function keepTop(best: Array<[number, number]>, index: number, w: number, k: number): void {
  if (!(w > 0) || k <= 0) return;
  if (best.length === k && w <= best[k - 1][1]) return; // a tie keeps the lower index, already in
  let at = best.length;
  while (at > 0 && best[at - 1][1] < w) at--;
  best.splice(at, 0, [index, w]);
  if (best.length > k) best.pop();
}
