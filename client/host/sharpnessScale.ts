// The sharpness slider is logarithmic: the server takes a multiplier on the attention scores in
// [0.1, 10] (shared/protocol.ts SetAttentionSchema), and ×0.5 matters as much as ×2, so the
// slider's middle is ×1 and each end is a factor of ten away.

export const SHARPNESS_MIN = 0.1;
export const SHARPNESS_MAX = 10;
/** Slider positions: -SLIDER_STEPS … +SLIDER_STEPS, 0 = ×1. */
export const SLIDER_STEPS = 100;

/** Slider position → sharpness, rounded to two significant digits (what is shown and sent). */
export function sliderToSharpness(position: number): number {
  const clamped = Math.min(SLIDER_STEPS, Math.max(-SLIDER_STEPS, Number.isFinite(position) ? position : 0));
  const raw = 10 ** (clamped / SLIDER_STEPS);
  return clampSharpness(Number(raw.toPrecision(2)));
}

/** Sharpness → the nearest slider position. */
export function sharpnessToSlider(sharpness: number): number {
  const s = clampSharpness(Number.isFinite(sharpness) && sharpness > 0 ? sharpness : 1);
  return Math.round(Math.log10(s) * SLIDER_STEPS);
}

export function clampSharpness(sharpness: number): number {
  return Math.min(SHARPNESS_MAX, Math.max(SHARPNESS_MIN, sharpness));
}

/** 1 → "×1.0", 0.25 → "×0.25", 6.3 → "×6.3", 10 → "×10". */
export function formatSharpness(sharpness: number): string {
  if (sharpness < 1) return `×${Number(sharpness.toPrecision(2))}`;
  return `×${sharpness >= 10 ? sharpness.toFixed(0) : sharpness.toFixed(1)}`;
}

/** A few words under the value, so the instructor can say what the slider does. */
export function describeSharpness(sharpness: number): string {
  if (sharpness < 0.5) return "very soft: attention spread over everyone";
  if (sharpness < 0.9) return "soft";
  if (sharpness <= 1.1) return "plain attention";
  if (sharpness <= 3) return "sharp";
  return "very sharp: almost all attention on the top match";
}
