import { describe, expect, it } from "vitest";
import {
  describeSharpness,
  formatSharpness,
  SHARPNESS_MAX,
  SHARPNESS_MIN,
  sharpnessToSlider,
  SLIDER_STEPS,
  sliderToSharpness,
} from "../../../client/host/sharpnessScale.js";

describe("sharpness slider scale", () => {
  it("puts ×1 in the middle and a factor of ten at each end", () => {
    expect(sliderToSharpness(0)).toBe(1);
    expect(sliderToSharpness(-SLIDER_STEPS)).toBe(SHARPNESS_MIN);
    expect(sliderToSharpness(SLIDER_STEPS)).toBe(SHARPNESS_MAX);
    expect(sliderToSharpness(SLIDER_STEPS / 2)).toBe(3.2); // √10, two significant digits
  });
  it("clamps out-of-range and non-numeric positions", () => {
    expect(sliderToSharpness(1000)).toBe(SHARPNESS_MAX);
    expect(sliderToSharpness(-1000)).toBe(SHARPNESS_MIN);
    expect(sliderToSharpness(Number.NaN)).toBe(1);
  });
  it("always sends what the server accepts (0.1 ≤ s ≤ 10)", () => {
    for (let p = -SLIDER_STEPS; p <= SLIDER_STEPS; p++) {
      const s = sliderToSharpness(p);
      expect(s).toBeGreaterThanOrEqual(SHARPNESS_MIN);
      expect(s).toBeLessThanOrEqual(SHARPNESS_MAX);
    }
  });
  it("goes up monotonically and round-trips to (nearly) the same position", () => {
    let previous = 0;
    for (let p = -SLIDER_STEPS; p <= SLIDER_STEPS; p++) {
      const s = sliderToSharpness(p);
      expect(s).toBeGreaterThanOrEqual(previous);
      previous = s;
      // Two significant digits lose at most ~2 positions near the top of each decade.
      expect(Math.abs(sharpnessToSlider(s) - p)).toBeLessThanOrEqual(2);
    }
  });
  it("places the room's value on the slider, defaulting nonsense to ×1", () => {
    expect(sharpnessToSlider(1)).toBe(0);
    expect(sharpnessToSlider(10)).toBe(SLIDER_STEPS);
    expect(sharpnessToSlider(0.1)).toBe(-SLIDER_STEPS);
    expect(sharpnessToSlider(50)).toBe(SLIDER_STEPS);
    expect(sharpnessToSlider(0)).toBe(0);
    expect(sharpnessToSlider(Number.NaN)).toBe(0);
  });
  it("writes the value for people", () => {
    expect(formatSharpness(1)).toBe("×1.0");
    expect(formatSharpness(0.25)).toBe("×0.25");
    expect(formatSharpness(0.1)).toBe("×0.1");
    expect(formatSharpness(6.3)).toBe("×6.3");
    expect(formatSharpness(10)).toBe("×10");
    expect(describeSharpness(1)).toBe("plain attention");
    expect(describeSharpness(0.2)).toMatch(/soft/);
    expect(describeSharpness(8)).toMatch(/very sharp/);
  });
});
