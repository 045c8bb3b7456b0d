import { describe, expect, it } from "vitest";
import { referenceAttention, topK } from "../../shared/attention.js";

describe("reference attention", () => {
  it("computes softmax(QKᵀ/√d)·V by hand on a 2×2 case", () => {
    const q = new Float32Array([2, 0, 0, 2]);
    const k = new Float32Array([2, 0, 0, 2]);
    const v = new Float32Array([1, 0, 0, 1]);
    const { weights, output } = referenceAttention(q, k, v, 2, 2);
    const e = Math.exp(4 / Math.SQRT2);
    expect(weights[0]).toBeCloseTo(e / (e + 1), 6);
    expect(weights[1]).toBeCloseTo(1 / (e + 1), 6);
    expect(output[0]).toBeCloseTo(e / (e + 1), 6);
  });

  it("masks self-attention and causal futures", () => {
    const q = new Float32Array([1, 1, 1]);
    const n = 3;
    const noSelf = referenceAttention(q, q, q, n, 1, { sharpness: 1, mask: "noSelf" });
    for (let i = 0; i < n; i++) expect(noSelf.weights[i * n + i]).toBe(0);
    const causal = referenceAttention(q, q, q, n, 1, { sharpness: 1, mask: "causal" });
    expect(causal.weights[0 * n + 1]).toBe(0);
    expect(causal.weights[0]).toBeCloseTo(1);
    expect(causal.weights[2 * n + 0]).toBeCloseTo(1 / 3);
  });

  it("gives a lone guest under noSelf a zero row, not NaN", () => {
    const r = referenceAttention(new Float32Array([1]), new Float32Array([1]), new Float32Array([1]), 1, 1, { sharpness: 1, mask: "noSelf" });
    expect(r.weights[0]).toBe(0);
    expect(r.output[0]).toBe(0);
  });

  it("sharpness concentrates the weights", () => {
    const q = new Float32Array([1, 0, 0.2, 1]);
    const soft = referenceAttention(q, q, q, 2, 2, { sharpness: 1, mask: "none" });
    const sharp = referenceAttention(q, q, q, 2, 2, { sharpness: 10, mask: "none" });
    expect(sharp.weights[0]).toBeGreaterThan(soft.weights[0]);
  });

  it("topK returns the heaviest entries first and skips zeros", () => {
    expect(topK([0, 0.2, 0.5, 0.3], 4, 0, 2)).toEqual([[2, 0.5], [3, 0.3]]);
  });
});
