// Small pure helpers of the report page: where the session id comes from, how numbers and
// times are written, and the names of the exported files.
import type { SessionReport } from "./reportApi.js";

/** "/report/abc-123" → "abc-123"; null for anything else. */
export function sessionIdFromPath(pathname: string): string | null {
  const match = pathname.match(/^\/report\/([^/]+)\/?$/);
  if (!match) return null;
  try {
    const id = decodeURIComponent(match[1]).trim();
    return id && id.length <= 100 ? id : null;
  } catch {
    return null;
  }
}

/** 0.4567 → "46%"; null (no reveal yet) → "–". */
export function formatShare(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  return `${(share * 100).toFixed(digits)}%`;
}

/** A share as a bar width, clamped to 0–100 %. */
export function barWidth(share: number | null | undefined): string {
  const x = share === null || share === undefined || !Number.isFinite(share) ? 0 : Math.min(1, Math.max(0, share));
  return `${Math.round(x * 1000) / 10}%`;
}

/** Points as shown on the leaderboard (whole numbers, like the phones). */
export function formatPoints(points: number | null | undefined): string {
  return points === null || points === undefined || !Number.isFinite(points) ? "–" : String(Math.round(points));
}

export function formatDateTime(time: string | number, locale?: string, timeZone?: string): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return "–";
  return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
}

/** Same name as the server's CSV attachment: cocktail-party-CODE-YYYY-MM-DD.csv / .json. */
export function exportFileName(report: Pick<SessionReport, "session">, format: "json" | "csv"): string {
  const day = report.session.createdAt.slice(0, 10);
  return `cocktail-party-${report.session.code}-${day}.${format}`;
}

/** "3 of 4 guests wrote (75%)". */
export function describeParticipation(p: { players: number; submissions: number; percent: number }): string {
  if (p.players === 0) return "Nobody took part";
  return `${p.submissions} of ${p.players} ${p.players === 1 ? "guest" : "guests"} wrote (${p.percent}%)`;
}
