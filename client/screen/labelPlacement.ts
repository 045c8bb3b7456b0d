// Where each guest's label (name, and the name tag under it) goes so that no two labels
// overlap and none covers another guest: pure geometry, no Phaser. Labels are placed greedily
// in priority order (the focused guest, then whom it attends to, then seat order); each tries
// the side of its avatar facing away from its table first, then the others, then a smaller
// variant (name only); a label that fits nowhere is hidden rather than drawn over another.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type LabelSide = "below" | "above" | "right" | "left";

export interface LabelRequest {
  id: string;
  /** Avatar centre and radius. */
  x: number;
  y: number;
  radius: number;
  /** Sizes to try, best first (e.g. name + tag, then name alone). */
  variants: Array<{ width: number; height: number }>;
  /** Direction (radians) the seat faces away from its table: that side is tried first. */
  outward: number;
}

export interface LabelPlacement {
  side: LabelSide;
  /** Index into the request's variants. */
  variant: number;
  rect: Rect;
}

/** Space between a label and its avatar, and kept clear around every label. */
export const LABEL_GAP = 4;

export function intersects(a: Rect, b: Rect, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** The label's box on one side of its avatar. */
export function labelRect(request: Pick<LabelRequest, "x" | "y" | "radius">, size: { width: number; height: number }, side: LabelSide): Rect {
  const { x, y, radius } = request;
  switch (side) {
    case "below":
      return { x: x - size.width / 2, y: y + radius + LABEL_GAP, ...size };
    case "above":
      return { x: x - size.width / 2, y: y - radius - LABEL_GAP - size.height, ...size };
    case "right":
      return { x: x + radius + LABEL_GAP * 2, y: y - size.height / 2, ...size };
    case "left":
      return { x: x - radius - LABEL_GAP * 2 - size.width, y: y - size.height / 2, ...size };
  }
}

/** Sides in the order worth trying for a seat facing `outward` (below first when it is a tie). */
export function sidesFor(outward: number): LabelSide[] {
  const dx = Math.cos(outward);
  const dy = Math.sin(outward);
  const score: Record<LabelSide, number> = { below: dy + 0.35, above: -dy, right: dx, left: -dx };
  return (Object.keys(score) as LabelSide[]).sort((a, b) => score[b] - score[a]);
}

/**
 * Places labels in the order given. `obstacles` (avatars, other texts) must stay uncovered;
 * every label stays inside `bounds`. Returns a placement or null (hidden) per request id.
 */
export function placeLabels(requests: LabelRequest[], obstacles: Array<Rect & { id?: string }>, bounds: Rect): Map<string, LabelPlacement | null> {
  const placed: Rect[] = [];
  const result = new Map<string, LabelPlacement | null>();
  for (const request of requests) {
    let found: LabelPlacement | null = null;
    const sides = sidesFor(request.outward);
    for (let variant = 0; variant < request.variants.length && !found; variant++) {
      for (const side of sides) {
        const rect = labelRect(request, request.variants[variant]!, side);
        if (!contains(bounds, rect)) continue;
        if (placed.some((p) => intersects(p, rect, LABEL_GAP))) continue;
        if (obstacles.some((o) => o.id !== request.id && intersects(o, rect))) continue;
        found = { side, variant, rect };
        break;
      }
    }
    if (found) placed.push(found.rect);
    result.set(request.id, found);
  }
  return result;
}
