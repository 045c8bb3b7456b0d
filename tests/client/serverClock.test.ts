import { afterEach, describe, expect, it, vi } from "vitest";
import { formatSeconds, ServerClock } from "../../client/lib/serverClock.js";

afterEach(() => vi.useRealTimers());

describe("server clock", () => {
  it("counts down to the server's deadline even when the local clock is off", () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000); // local clock: 60 s behind the server
    const clock = new ServerClock();
    clock.observe(1_060_000, Date.now());
    expect(clock.secondsLeft(1_060_000 + 90_000)).toBe(90);
    vi.setSystemTime(1_000_000 + 30_000);
    expect(clock.secondsLeft(1_060_000 + 90_000)).toBe(60);
  });
  it("trusts the least delayed sample", () => {
    const clock = new ServerClock();
    clock.observe(10_000, 10_500); // arrived 500 ms late
    clock.observe(20_000, 20_050); // arrived 50 ms late
    expect(Math.round(clock.now() - Date.now())).toBe(-50);
  });
  it("reports no timer and never negative seconds", () => {
    const clock = new ServerClock();
    expect(clock.secondsLeft(0)).toBeNull();
    expect(clock.secondsLeft(Date.now() - 5000)).toBe(0);
  });
  it("formats minutes and seconds", () => {
    expect(formatSeconds(75)).toBe("1:15");
    expect(formatSeconds(5)).toBe("0:05");
  });
});
