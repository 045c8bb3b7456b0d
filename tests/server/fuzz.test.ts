// The fuzz CLI end to end: hostile clients send thousands of malformed, oversized and
// out-of-order messages while honest bots play; the server stays up and nothing honest is lost.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("fuzz run", () => {
  it("survives 3000 hostile messages with no server error and an intact honest round", () => {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "tools/fuzz.ts", "--messages", "3000", "--json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 120_000,
    });
    const report = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(report.sent).toBeGreaterThanOrEqual(3000);
    expect(report.refused).toBeGreaterThan(2000);
    expect(report.serverErrors).toBe(0);
    expect(report.roundFinished).toBe(true);
    expect(report.honestResultsIntact).toBe(true);
    expect(report.rejoinFailures).toBe(0);
  }, 150_000);
});
