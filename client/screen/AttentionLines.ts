// Draws attention on the projector: for each guest (or only the focused one) a line to each
// of its heaviest targets, thickness and opacity ∝ weight, with an arrowhead at the guest
// being looked at. Teal lines reach a guest who really had what the looker needed.
// Teaching point 1: every word looks at every other word at once.
import Phaser from "phaser";
import type { AttentionPayload } from "../../shared/messages.js";
import { COLOR } from "./theme.js";

export interface Point {
  x: number;
  y: number;
}

export interface LineOptions {
  /** Where each guest sits, by guest id. */
  positions: Map<string, Point>;
  avatarRadius: number;
  /** Only this guest's row; null draws every row. */
  focusedGuestId: string | null;
}

/** Lines per row when everyone is drawn; fewer when the room is big, or it is a hairball. */
function topKFor(rowCount: number): number {
  if (rowCount <= 40) return 3;
  if (rowCount <= 120) return 2;
  return 1;
}
/** Weights below this are noise at projector scale (a focused row shows a little more). */
const MIN_WEIGHT = 0.04;
const MIN_WEIGHT_FOCUSED = 0.01;

export class AttentionLines {
  private readonly graphics: Phaser.GameObjects.Graphics;

  constructor(scene: Phaser.Scene) {
    this.graphics = scene.add.graphics().setDepth(-1);
  }

  clear(): void {
    this.graphics.clear();
  }

  /** Redraws everything; returns how many lines were drawn. */
  draw(attention: AttentionPayload | null, options: LineOptions): number {
    const g = this.graphics;
    g.clear();
    if (!attention) return 0;
    const { positions, avatarRadius, focusedGuestId } = options;
    const k = focusedGuestId ? Number.POSITIVE_INFINITY : topKFor(attention.guestIds.length);
    const maxWidth = Math.max(5, avatarRadius * 0.3);
    const minWeight = focusedGuestId ? MIN_WEIGHT_FOCUSED : MIN_WEIGHT;
    let drawn = 0;
    attention.guestIds.forEach((sourceId, i) => {
      if (focusedGuestId && sourceId !== focusedGuestId) return;
      const from = positions.get(sourceId);
      if (!from) return;
      const matches = new Set(attention.matches[i] ?? []);
      const row = (attention.rows[i] ?? []).slice(0, k);
      for (const [col, weight] of row) {
        if (weight < minWeight) continue;
        const to = positions.get(attention.guestIds[col] ?? "");
        if (!to || to === from) continue;
        const color = matches.has(col) ? COLOR.teal : COLOR.amber;
        this.arrow(from, to, avatarRadius, 1.5 + (maxWidth - 1.5) * weight, 0.25 + 0.7 * weight, color);
        drawn++;
      }
    });
    return drawn;
  }

  /** A line from the edge of `from` to just outside `to`, ending in a filled arrowhead. */
  private arrow(from: Point, to: Point, radius: number, width: number, alpha: number, color: number): void {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy);
    if (length < radius * 2.2) return;
    const ux = dx / length;
    const uy = dy / length;
    // A→B and B→A would overlap: shift each to its own side of the centre line.
    const shift = Math.min(radius * 0.3, width);
    const ox = -uy * shift;
    const oy = ux * shift;
    const startX = from.x + ux * radius * 1.05 + ox;
    const startY = from.y + uy * radius * 1.05 + oy;
    const tipX = to.x - ux * radius * 1.15 + ox;
    const tipY = to.y - uy * radius * 1.15 + oy;
    const head = Math.min(radius * 0.6, Math.max(8, width * 2.2));
    const baseX = tipX - ux * head;
    const baseY = tipY - uy * head;
    const g = this.graphics;
    g.lineStyle(width, color, alpha);
    g.lineBetween(startX, startY, baseX, baseY);
    g.fillStyle(color, Math.min(1, alpha + 0.15));
    g.fillTriangle(tipX, tipY, baseX - uy * head * 0.6, baseY + ux * head * 0.6, baseX + uy * head * 0.6, baseY - ux * head * 0.6);
  }
}
