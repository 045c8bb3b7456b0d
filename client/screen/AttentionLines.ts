// Draws attention on the projector: for each guest (or only the focused one) a line to each
// of its heaviest targets, thickness and opacity ∝ weight, with an arrowhead at the guest
// being looked at. Teal lines reach a guest who really had what the looker needed. At the
// reveal every guest's query pulses out at once and the lines grow to whom it attends.
// Teaching point 1: every word looks at every other word at once.
import Phaser from "phaser";
import type { AttentionPayload } from "../../shared/messages.js";
import { ringTexture } from "./guestTextures.js";
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

/** One line, precomputed: where it starts, where its shaft ends and its arrowhead. */
interface Segment {
  startX: number;
  startY: number;
  baseX: number;
  baseY: number;
  head: [number, number, number, number, number, number];
}

/** Lines that share colour, width and opacity: stroked as one path (one draw call, not one per line). */
interface Batch {
  color: number;
  width: number;
  alpha: number;
  segments: Segment[];
}

/** Share of the reveal spent on the query pulses going out before the lines start growing. */
const PULSE_SHARE = 0.3;
const GROW_START = 0.12;
const easeOutCubic = (t: number) => 1 - (1 - t) ** 3;
/** How far the lines have grown (0 → 1) at a point of the animation (0 → 1). */
const grownAt = (progress: number) => easeOutCubic(Math.min(1, Math.max(0, (progress - GROW_START) / (1 - GROW_START))));

/**
 * One Graphics for every line (a single draw list, however many guests): `set` picks the
 * lines from the attention rows, `render(progress)` draws them grown to `progress` (0 → 1),
 * with each looking guest's query pulse at the start. Widths and opacities are rounded to a
 * few steps so that hundreds of lines are a dozen strokes: cheap enough to animate without a GPU.
 */
export class AttentionLines {
  /** The scene bakes it into a bitmap once the lines stand still. */
  readonly graphics: Phaser.GameObjects.Graphics;
  private batches: Batch[] = [];
  private sources: Point[] = [];
  private radius = 10;
  private rings: Phaser.GameObjects.Image[] = [];

  constructor(private readonly scene: Phaser.Scene) {
    this.graphics = scene.add.graphics().setDepth(-4);
  }

  clear(): void {
    this.batches = [];
    this.sources = [];
    this.graphics.clear();
  }

  /** Chooses the lines (top-k per row, or the focused row); returns how many. */
  set(attention: AttentionPayload | null, options: LineOptions): number {
    this.batches = [];
    this.sources = [];
    if (!attention) return 0;
    const { positions, avatarRadius, focusedGuestId } = options;
    this.radius = avatarRadius;
    const k = focusedGuestId ? Number.POSITIVE_INFINITY : topKFor(attention.guestIds.length);
    const maxWidth = Math.max(5, avatarRadius * 0.3);
    const minWeight = focusedGuestId ? MIN_WEIGHT_FOCUSED : MIN_WEIGHT;
    const byStyle = new Map<string, Batch>();
    let count = 0;
    attention.guestIds.forEach((sourceId, i) => {
      if (focusedGuestId && sourceId !== focusedGuestId) return;
      const from = positions.get(sourceId);
      if (!from) return;
      this.sources.push(from);
      const matches = new Set(attention.matches[i] ?? []);
      const row = (attention.rows[i] ?? []).slice(0, k);
      for (const [col, weight] of row) {
        if (weight < minWeight) continue;
        const to = positions.get(attention.guestIds[col] ?? "");
        if (!to || to === from || Math.hypot(to.x - from.x, to.y - from.y) < avatarRadius * 2.2) continue;
        const color = matches.has(col) ? COLOR.teal : COLOR.amber;
        // Weight in twentieths: steps finer than the eye can tell apart on a projector.
        const step = Math.round(weight * 20) / 20;
        const width = Math.round((1.5 + (maxWidth - 1.5) * step) * 2) / 2;
        const alpha = 0.25 + 0.7 * step;
        const key = `${color}:${width}:${alpha}`;
        let batch = byStyle.get(key);
        if (!batch) byStyle.set(key, (batch = { color, width, alpha, segments: [] }));
        batch.segments.push(this.segment(from, to, width));
        count++;
      }
    });
    // Thin, faint lines first: the heavy ones stay on top.
    this.batches = [...byStyle.values()].sort((a, b) => a.width - b.width);
    return count;
  }

  /** Draws the chosen lines grown to `progress` (1 = finished, arrowheads on). */
  render(progress: number): void {
    const g = this.graphics.clear();
    this.renderPulses(progress);
    const grown = grownAt(progress);
    if (grown <= 0) return;
    for (const batch of this.batches) {
      // One stroke per line: a single path of hundreds of crossing lines rasterises far slower.
      g.lineStyle(batch.width, batch.color, batch.alpha);
      for (const s of batch.segments) g.lineBetween(s.startX, s.startY, s.startX + (s.baseX - s.startX) * grown, s.startY + (s.baseY - s.startY) * grown);
      if (grown < 1) continue;
      g.fillStyle(batch.color, Math.min(1, batch.alpha + 0.15));
      for (const s of batch.segments) g.fillTriangle(...s.head);
    }
  }

  /**
   * Only the pieces the lines grew between two moments of the animation (no arrowheads), for a
   * scene that keeps the earlier pieces in a bitmap: stroking ~300 whole lines every frame is
   * 15–35 ms of software raster a frame, their few-pixel growth a fraction of it. Butt caps
   * make consecutive pieces abut.
   */
  renderGrowth(fromProgress: number, toProgress: number): void {
    const g = this.graphics.clear();
    this.renderPulses(toProgress);
    const from = grownAt(fromProgress);
    const to = grownAt(toProgress);
    if (to <= from) return;
    for (const batch of this.batches) {
      g.lineStyle(batch.width, batch.color, batch.alpha);
      for (const s of batch.segments) {
        const dx = s.baseX - s.startX;
        const dy = s.baseY - s.startY;
        g.lineBetween(s.startX + dx * from, s.startY + dy * from, s.startX + dx * to, s.startY + dy * to);
      }
    }
  }

  /** Every query goes out at once: a ring (a shared bitmap, cheap to draw 300 times) from each looking guest. */
  private renderPulses(progress: number): void {
    const isPulsing = progress < PULSE_SHARE && this.sources.length > 0;
    if (!isPulsing) {
      for (const ring of this.rings) ring.setVisible(false);
      return;
    }
    const t = progress / PULSE_SHARE;
    const key = ringTexture(this.scene, this.radius);
    while (this.rings.length < this.sources.length) this.rings.push(this.scene.add.image(0, 0, key).setDepth(-4));
    this.rings.forEach((ring, i) => {
      const p = this.sources[i];
      if (!p) return void ring.setVisible(false);
      ring.setTexture(key).setPosition(p.x, p.y).setVisible(true).setAlpha(0.7 * (1 - t)).setScale((1.1 + 1.4 * t) / 2.5);
    });
  }

  /** A line from the edge of `from` to just outside `to`, and its arrowhead. */
  private segment(from: Point, to: Point, width: number): Segment {
    const radius = this.radius;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy);
    const ux = dx / length;
    const uy = dy / length;
    // A→B and B→A would overlap: shift each to its own side of the centre line.
    const shift = Math.min(radius * 0.3, width);
    const ox = -uy * shift;
    const oy = ux * shift;
    const tipX = to.x - ux * radius * 1.15 + ox;
    const tipY = to.y - uy * radius * 1.15 + oy;
    const head = Math.min(radius * 0.6, Math.max(8, width * 2.2));
    const baseX = tipX - ux * head;
    const baseY = tipY - uy * head;
    return {
      startX: from.x + ux * radius * 1.05 + ox,
      startY: from.y + uy * radius * 1.05 + oy,
      baseX,
      baseY,
      head: [tipX, tipY, baseX - uy * head * 0.6, baseY + ux * head * 0.6, baseX + uy * head * 0.6, baseY - ux * head * 0.6],
    };
  }
}
