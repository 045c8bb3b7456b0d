// Points as every screen writes them: rounded, and "1 point" / "1 pt" rather than "1 points".

export function pointsText(score: number, short = false): string {
  const n = Math.round(score);
  if (short) return `${n} ${n === 1 ? "pt" : "pts"}`;
  return `${n} ${n === 1 ? "point" : "points"}`;
}
