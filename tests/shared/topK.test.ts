// The running top-k must return exactly what sorting the whole row (or column) would: heaviest
// first, ties by lower index, zeros and negatives left out.
import { describe, expect, it } from "vitest";
import { topK, topKColumn } from "../../shared/attention.js";

function bySorting(entries: Array<[number, number]>, k: number): Array<[number, number]> {
  return entries.filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
}

describe("topK and topKColumn", () => {
  it("match a full sort on random rows with ties and zeros", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const n of [1, 2, 5, 40, 301]) {
      // Quantised weights make ties common; some exact zeros, as masks produce.
      const weights = Float64Array.from({ length: n * n }, () => (random() < 0.2 ? 0 : Math.round(random() * 20) / 20));
      for (const k of [0, 1, 3, 5, n + 2]) {
        for (let r = 0; r < n; r += Math.max(1, Math.floor(n / 7))) {
          const row = Array.from({ length: n }, (_, j) => [j, weights[r * n + j]] as [number, number]);
          expect(topK(weights, n, r, k)).toEqual(bySorting(row, k));
          const column = Array.from({ length: n }, (_, i) => [i, weights[i * n + r]] as [number, number]).filter(([i]) => i !== r);
          expect(topKColumn(weights, n, r, k, r)).toEqual(bySorting(column, k));
        }
      }
    }
  });
});
