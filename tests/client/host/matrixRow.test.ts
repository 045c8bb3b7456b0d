import { describe, expect, it } from "vitest";
import { matrixRow } from "../../../client/host/matrixRow.js";
import type { MatrixPayload } from "../../../shared/messages.js";

// [3, 3] row-major; the diagonal is masked (no self-attention).
const matrix: MatrixPayload = {
  roundNumber: 2,
  guestIds: ["a", "b", "c"],
  weights: [
    0, 0.25, 0.75, // a
    0.5, 0, 0.5, // b
    0, 0, 0, // c: every cell masked (causal, nobody earlier)
  ],
};

describe("matrixRow", () => {
  it("lists every guest of the row, heaviest first, with self and matches marked", () => {
    const row = matrixRow(matrix, "a", [1])!;
    expect(row.targets.map((t) => [t.guestId, t.weight])).toEqual([
      ["c", 0.75],
      ["b", 0.25],
      ["a", 0],
    ]);
    expect(row.targets.find((t) => t.guestId === "a")!.isSelf).toBe(true);
    expect(row.targets.find((t) => t.guestId === "b")!.isMatch).toBe(true);
    expect(row.total).toBeCloseTo(1);
    expect(row.matchMass).toBeCloseTo(0.25);
  });
  it("keeps matrix order for ties", () => {
    expect(matrixRow(matrix, "b")!.targets.map((t) => t.guestId)).toEqual(["a", "c", "b"]);
  });
  it("reports a fully masked row as total 0", () => {
    const row = matrixRow(matrix, "c")!;
    expect(row.total).toBe(0);
    expect(row.targets).toHaveLength(3);
  });
  it("treats NaN and negative cells as 0", () => {
    const row = matrixRow({ roundNumber: 1, guestIds: ["x", "y"], weights: [Number.NaN, 1, -0.5, 0.5] }, "y")!;
    expect(row.targets.map((t) => t.weight)).toEqual([0.5, 0]);
  });
  it("is null for a guest outside the reveal or a malformed matrix", () => {
    expect(matrixRow(matrix, "zz")).toBeNull();
    expect(matrixRow({ ...matrix, weights: [1, 2, 3] }, "a")).toBeNull();
  });
});
