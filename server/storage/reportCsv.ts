// A session report as CSV for spreadsheets: one line per player per round, RFC 4180 quoting,
// and text cells that could run as a spreadsheet formula defused.
import type { SessionReport } from "./reports.js";

export const CSV_COLUMNS = ["round", "name", "query", "key", "value", "points", "match_mass", "total", "rank", "moderation"] as const;

// Characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP's list):
// = + - @, and tab / carriage return, which some of them skip before looking.
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV text with a header line; lines end in CRLF (RFC 4180). */
export function reportToCsv(report: SessionReport): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const round of report.rounds) {
    for (const e of round.entries) {
      const cells = [round.number, e.name, e.query, e.key, e.value, e.points, e.matchMass, e.total, e.rank, e.moderation];
      lines.push(cells.map(csvCell).join(","));
    }
  }
  return lines.join("\r\n") + "\r\n";
}

/**
 * One field. Numbers are written as they are (ours are never negative); text that starts like
 * a formula gets a leading apostrophe, which spreadsheets show as text and do not evaluate;
 * then any field with a quote, comma or line break is quoted with inner quotes doubled.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
