// Label placement for the projector: no two labels overlap, no label covers another guest, the
// side facing away from the table is tried first, and a label with no room is hidden.
import { describe, expect, it } from "vitest";
import { intersects, placeLabels, sidesFor, type LabelRequest } from "../../client/screen/labelPlacement.js";
import { layoutParty } from "../../client/screen/partyLayout.js";

const BOUNDS = { x: 0, y: 0, width: 1920, height: 1080 };

describe("label placement", () => {
  it("tries the side facing away from the table first", () => {
    expect(sidesFor(Math.PI / 2)[0]).toBe("below");
    expect(sidesFor(-Math.PI / 2)[0]).toBe("above");
    expect(sidesFor(0)[0]).toBe("right");
    expect(sidesFor(Math.PI)[0]).toBe("left");
  });

  it.each([5, 12, 40, 120])("places %i guests' labels without overlaps or covered avatars", (n) => {
    const layout = layoutParty(n, { x: 40, y: 190, width: 1840, height: 810 });
    const r = layout.avatarRadius;
    const avatars = layout.seats.map((s, i) => ({ id: `g${i}`, x: s.x - r, y: s.y - r, width: 2 * r, height: 2 * r }));
    const requests: LabelRequest[] = layout.seats.map((s, i) => ({
      id: `g${i}`,
      x: s.x,
      y: s.y,
      radius: r,
      variants: [{ width: 160, height: 64 }, { width: 90, height: 26 }],
      outward: s.angle,
    }));
    const placed = [...placeLabels(requests, avatars, BOUNDS).entries()].flatMap(([id, p]) => (p ? [{ id, rect: p.rect }] : []));
    expect(placed.length).toBeGreaterThan(0);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(intersects(a.rect, b.rect)).toBe(false);
      for (const avatar of avatars) if (avatar.id !== a.id) expect(intersects(a.rect, avatar)).toBe(false);
    }
  });

  it("hides a label that fits nowhere instead of drawing it over another", () => {
    const request = (id: string, x: number): LabelRequest => ({ id, x, y: 20, radius: 10, variants: [{ width: 200, height: 30 }], outward: Math.PI / 2 });
    const result = placeLabels([request("a", 100), request("b", 110)], [], { x: 0, y: 0, width: 320, height: 100 });
    expect(result.get("a")).not.toBeNull();
    expect(result.get("b")).toBeNull();
  });
});
