import { describe, expect, it } from "vitest";
import {
  barWidth,
  describeParticipation,
  exportFileName,
  formatDateTime,
  formatPoints,
  formatShare,
  sessionIdFromPath,
} from "../../../client/report/reportFormat.js";

describe("report formatting", () => {
  it("reads the session id from /report/:id only", () => {
    expect(sessionIdFromPath("/report/abc-123")).toBe("abc-123");
    expect(sessionIdFromPath("/report/abc-123/")).toBe("abc-123");
    expect(sessionIdFromPath("/report/a%20b")).toBe("a b");
    expect(sessionIdFromPath("/report/")).toBeNull();
    expect(sessionIdFromPath("/report/a/b")).toBeNull();
    expect(sessionIdFromPath("/host")).toBeNull();
    expect(sessionIdFromPath("/report/%E0%A4%A")).toBeNull(); // broken escape
    expect(sessionIdFromPath(`/report/${"x".repeat(101)}`)).toBeNull();
  });
  it("writes shares, bars and points, with a dash for what is missing", () => {
    expect(formatShare(0.4567)).toBe("46%");
    expect(formatShare(0.4567, 1)).toBe("45.7%");
    expect(formatShare(null)).toBe("–");
    expect(formatShare(Number.NaN)).toBe("–");
    expect(barWidth(0.5)).toBe("50%");
    expect(barWidth(1.7)).toBe("100%");
    expect(barWidth(-1)).toBe("0%");
    expect(barWidth(null)).toBe("0%");
    expect(formatPoints(41.6)).toBe("42");
    expect(formatPoints(null)).toBe("–");
  });
  it("writes dates in the reader's locale and time zone", () => {
    expect(formatDateTime("2026-03-05T14:30:00.000Z", "en-GB", "UTC")).toBe("5 Mar 2026, 14:30");
    expect(formatDateTime(Date.UTC(2026, 2, 5, 14, 30), "en-GB", "UTC")).toBe("5 Mar 2026, 14:30");
    expect(formatDateTime("not a date")).toBe("–");
  });
  it("names exports like the server's CSV attachment", () => {
    const report = { session: { createdAt: "2026-03-05T14:30:00.000Z", code: "ABCDE" } } as Parameters<typeof exportFileName>[0];
    expect(exportFileName(report, "csv")).toBe("cocktail-party-ABCDE-2026-03-05.csv");
    expect(exportFileName(report, "json")).toBe("cocktail-party-ABCDE-2026-03-05.json");
  });
  it("says who took part", () => {
    expect(describeParticipation({ players: 4, submissions: 3, percent: 75 })).toBe("3 of 4 guests wrote (75%)");
    expect(describeParticipation({ players: 1, submissions: 1, percent: 100 })).toBe("1 of 1 guest wrote (100%)");
    expect(describeParticipation({ players: 0, submissions: 0, percent: 0 })).toBe("Nobody took part");
  });
});
