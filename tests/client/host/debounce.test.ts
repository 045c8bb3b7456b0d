import { afterEach, describe, expect, it, vi } from "vitest";
import { debounce } from "../../../client/host/debounce.js";

afterEach(() => vi.useRealTimers());

describe("debounce", () => {
  it("runs once with the last arguments after the wait", () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const d = debounce((x: number) => calls.push(x), 250);
    d(1);
    d(2);
    vi.advanceTimersByTime(200);
    d(3);
    expect(d.isPending).toBe(true);
    vi.advanceTimersByTime(249);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([3]);
    expect(d.isPending).toBe(false);
  });
  it("flush runs a pending call now and only once; without one it does nothing", () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const d = debounce((x: string) => calls.push(x), 250);
    d.flush();
    expect(calls).toEqual([]);
    d("a");
    d.flush();
    expect(calls).toEqual(["a"]);
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(["a"]);
  });
  it("cancel drops the pending call", () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 100);
    d();
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
    expect(d.isPending).toBe(false);
  });
});
