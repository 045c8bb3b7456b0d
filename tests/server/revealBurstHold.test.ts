// RevealBurstHold: patches and disk writes wait while some room waits for its reveal rows, never
// longer than the limit for one stretch of busy, and go as soon as no room waits.
import { describe, expect, it } from "vitest";
import { RevealBurstHold } from "../../server/RevealBurstHold.js";

describe("RevealBurstHold", () => {
  it("holds while rooms wait for their rows and lets go once none does", () => {
    let waiting = 0;
    let now = 0;
    const hold = new RevealBurstHold(() => waiting > 0, 500, () => now);
    expect(hold.isHolding()).toBe(false);
    waiting = 3;
    expect(hold.isHolding()).toBe(true);
    now = 120;
    expect(hold.isHolding()).toBe(true);
    waiting = 0;
    expect(hold.isHolding()).toBe(false);
  });

  it("holds one stretch of busy for at most its limit, and a new stretch again", () => {
    let waiting = 1;
    let now = 1000;
    const hold = new RevealBurstHold(() => waiting > 0, 500, () => now);
    expect(hold.isHolding()).toBe(true);
    now = 1499;
    expect(hold.isHolding()).toBe(true);
    now = 1500;
    expect(hold.isHolding()).toBe(false);
    now = 5000; // still the same stretch: an engine that never answers does not freeze the rooms
    expect(hold.isHolding()).toBe(false);
    waiting = 0;
    expect(hold.isHolding()).toBe(false);
    waiting = 2;
    expect(hold.isHolding()).toBe(true);
  });
});
