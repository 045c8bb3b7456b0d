import { describe, expect, it } from "vitest";
import { firstPrincipalComponent, harmonicNumber, removeComponent, sifWeight, SIF_A, zipfProbability } from "../../../server/engine/sif.js";
import { TextEncoder } from "../../../server/engine/TextEncoder.js";

describe("SIF weights", () => {
  it("Zipf probabilities over N ranks sum to 1", () => {
    const n = 5000;
    const h = harmonicNumber(n);
    let sum = 0;
    for (let r = 1; r <= n; r++) sum += zipfProbability(r, h);
    expect(sum).toBeCloseTo(1, 10);
    expect(harmonicNumber(1)).toBe(1);
    expect(harmonicNumber(3)).toBeCloseTo(1 + 1 / 2 + 1 / 3, 12);
  });

  it("is a/(a+p): ½ at p = a, near 0 for frequent and near 1 for rare words", () => {
    expect(sifWeight(SIF_A)).toBeCloseTo(0.5, 12);
    expect(sifWeight(0.05)).toBeLessThan(0.03);
    expect(sifWeight(1e-7)).toBeGreaterThan(0.999);
  });

  it("weights the encoder's words by frequency rank", () => {
    const encoder = TextEncoder.load();
    const the = encoder.weightOf("the")!;
    const furniture = encoder.weightOf("furniture")!;
    expect(the).toBeLessThan(0.05);
    expect(furniture).toBeGreaterThan(0.95);
    expect(encoder.weightOf("qwzxvy")).toBeUndefined();
  });
});

describe("common component", () => {
  it("finds the dominant direction of weighted rows and removes it", () => {
    // Rows spread mostly along (1, 1, 0)/√2, a little along z.
    const rows = new Float32Array([3, 3, 0.1, -2, -2, 0.2, 1, 1, -0.3, 0, 0, 1]);
    const mass = new Float64Array([1, 1, 1, 0.01]);
    const u = firstPrincipalComponent(rows, mass, 3);
    expect(u[0]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(u[1]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.hypot(...u)).toBeCloseTo(1, 6);
    const v = new Float64Array([2, 2, 5]);
    removeComponent(v, u);
    expect(v[0] * u[0] + v[1] * u[1] + v[2] * u[2]).toBeCloseTo(0, 6);
  });

  it("is removed from every encoded sentence", () => {
    const encoder = TextEncoder.load();
    // The stored component is recovered by projecting it out and checking orthogonality.
    const u = (encoder as unknown as { commonComponent: Float32Array }).commonComponent;
    expect(Math.hypot(...u)).toBeCloseTo(1, 5);
    const r = encoder.encode("the people of the city said that it was a good year");
    let d = 0;
    for (let c = 0; c < 100; c++) d += r.vector[c] * u[c];
    expect(Math.abs(d)).toBeLessThan(1e-5);
  });
});
