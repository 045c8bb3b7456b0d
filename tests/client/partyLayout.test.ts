import { describe, expect, it } from "vitest";
import { layoutParty } from "../../client/screen/partyLayout.js";

const AREA = { x: 40, y: 190, width: 1840, height: 820 };

function inside(p: { x: number; y: number }, margin = 0): boolean {
  return p.x >= AREA.x - margin && p.x <= AREA.x + AREA.width + margin && p.y >= AREA.y - margin && p.y <= AREA.y + AREA.height + margin;
}

describe("party layout", () => {
  it("seats nobody in an empty room", () => {
    expect(layoutParty(0, AREA).seats).toHaveLength(0);
  });

  it("puts a small party around one big table", () => {
    const layout = layoutParty(5, AREA);
    expect(layout.tables).toHaveLength(1);
    expect(layout.seats).toHaveLength(5);
    expect(layout.avatarRadius).toBeGreaterThanOrEqual(40);
    expect(layout.isShowingNames && layout.isShowingTags).toBe(true);
  });

  it.each([5, 12, 40, 120, 300])("gives %i guests a seat each, inside the area, not on top of each other", (n) => {
    const layout = layoutParty(n, AREA);
    expect(layout.seats).toHaveLength(n);
    for (const seat of layout.seats) expect(inside(seat, layout.avatarRadius)).toBe(true);
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        closest = Math.min(closest, Math.hypot(layout.seats[i]!.x - layout.seats[j]!.x, layout.seats[i]!.y - layout.seats[j]!.y));
      }
    }
    expect(closest).toBeGreaterThanOrEqual(layout.avatarRadius * 2);
  });

  it("shrinks avatars as the room fills, and hides labels only when packed", () => {
    const radii = [5, 40, 300].map((n) => layoutParty(n, AREA).avatarRadius);
    expect(radii[0]).toBeGreaterThan(radii[1]!);
    expect(radii[1]).toBeGreaterThan(radii[2]!);
    expect(layoutParty(40, AREA).isShowingNames).toBe(true);
    expect(layoutParty(300, AREA).isShowingNames).toBe(false);
  });

  it("balances tables to within one guest", () => {
    const layout = layoutParty(83, AREA);
    const perTable = new Map<number, number>();
    for (const seat of layout.seats) perTable.set(seat.table, (perTable.get(seat.table) ?? 0) + 1);
    const sizes = [...perTable.values()];
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});
