import { describe, expect, it } from "vitest";
import { labelOverlap, layoutParty } from "../../client/screen/partyLayout.js";

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

  // Beyond 8 the ring is too crowded for labels hanging under the avatars to clear everyone.
  it.each([4, 6, 8])("spreads a lone table of %i wide on the 16:9 projector, labels clear of the avatars", (n) => {
    const layout = layoutParty(n, AREA);
    const xs = layout.seats.map((s) => s.x);
    const ys = layout.seats.map((s) => s.y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(Math.max(...ys) - Math.min(...ys));
    // Some corner touching is tolerated; a label lying across an avatar is not.
    const box = { width: layout.labelWidth, height: layout.fontPx * 4 };
    expect(labelOverlap(layout.seats, layout.avatarRadius, box)).toBeLessThan((2 * layout.avatarRadius) ** 2 / 2);
  });

  it("measures how much labels cover other avatars", () => {
    const box = { width: 100, height: 100 };
    expect(labelOverlap([{ x: 0, y: 0 }, { x: 500, y: 0 }], 10, box)).toBe(0);
    // The second avatar (20×20) sits wholly inside the first one's label.
    expect(labelOverlap([{ x: 0, y: 0 }, { x: 0, y: 50 }], 10, box)).toBe(400);
  });
});
