import { describe, expect, it } from "vitest";
import { pointsText } from "../../client/lib/points.js";

describe("pointsText", () => {
  it("rounds and says point for exactly one", () => {
    expect(pointsText(1)).toBe("1 point");
    expect(pointsText(0.6, true)).toBe("1 pt");
    expect(pointsText(0)).toBe("0 points");
    expect(pointsText(97.4, true)).toBe("97 pts");
  });
});
