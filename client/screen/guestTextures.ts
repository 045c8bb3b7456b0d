// Bitmaps for the guests on the projector, painted once on a 2D canvas and shared: an avatar
// disc with its initial, the focus/match halo, the ✓ badge and the "thinking" bubble. 300
// guests are then 300 image draws a frame instead of 300 vector circles and 300 text objects,
// which is what keeps a software renderer (no GPU) above 50 fps.
import type Phaser from "phaser";
import { AVATAR_COLORS, COLOR, FONT, hex } from "./theme.js";

function paint(scene: Phaser.Scene, key: string, width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): string {
  if (scene.textures.exists(key)) return key;
  const texture = scene.textures.createCanvas(key, Math.max(1, Math.ceil(width)), Math.max(1, Math.ceil(height)))!;
  draw(texture.getContext());
  texture.refresh();
  return key;
}

function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
}

/** Disc in the guest's colour, a light ring (dim when offline) and the initial in ink. */
export function avatarTexture(scene: Phaser.Scene, colorIndex: number, letter: string, radius: number, isOnline: boolean): string {
  const r = Math.max(4, Math.round(radius));
  const color = AVATAR_COLORS[Math.abs(colorIndex) % AVATAR_COLORS.length]!;
  const ring = Math.max(2, Math.round(r * 0.08));
  const size = 2 * (r + ring);
  return paint(scene, `avatar:${color}:${letter}:${r}:${isOnline ? 1 : 0}`, size, size, (ctx) => {
    const c = size / 2;
    circle(ctx, c, c, r);
    ctx.fillStyle = hex(color);
    ctx.fill();
    ctx.lineWidth = ring;
    ctx.strokeStyle = isOnline ? hex(COLOR.avatarRing, 0.9) : hex(COLOR.muted, 0.4);
    ctx.stroke();
    ctx.fillStyle = "#1b1233";
    ctx.font = `bold ${Math.round(r * 0.95)}px ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(letter, c, c + r * 0.04);
  });
}

/** A soft disc behind an avatar: amber for the focused guest, teal for a match. */
export function haloTexture(scene: Phaser.Scene, radius: number, kind: "focus" | "match"): string {
  const r = Math.max(6, Math.round(radius * 1.3));
  const color = kind === "focus" ? COLOR.amber : COLOR.teal;
  return paint(scene, `halo:${kind}:${r}`, 2 * r, 2 * r, (ctx) => {
    circle(ctx, r, r, r);
    ctx.fillStyle = hex(color, 0.5);
    ctx.fill();
  });
}

/** Teal dot with a drawn check mark (a drawn shape: projector PCs may lack the ✓ glyph). */
export function badgeTexture(scene: Phaser.Scene, radius: number): string {
  const r = Math.max(8, Math.round(radius * 0.36));
  return paint(scene, `badge:${r}`, 2 * r + 2, 2 * r + 2, (ctx) => {
    const c = r + 1;
    circle(ctx, c, c, r);
    ctx.fillStyle = hex(COLOR.teal);
    ctx.fill();
    ctx.lineWidth = Math.max(2, r * 0.28);
    ctx.strokeStyle = hex(COLOR.bg);
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(c - r * 0.45, c + r * 0.02);
    ctx.lineTo(c - r * 0.1, c + r * 0.38);
    ctx.lineTo(c + r * 0.5, c - r * 0.35);
    ctx.stroke();
  });
}

/** A small speech bubble with three dots: this guest is still writing. */
export function thinkingTexture(scene: Phaser.Scene, radius: number): string {
  const h = Math.max(12, Math.round(radius * 0.55));
  const w = Math.round(h * 2.1);
  return paint(scene, `thinking:${h}`, w + 2, h + Math.round(h * 0.35) + 2, (ctx) => {
    const x = 1;
    const y = 1;
    ctx.fillStyle = hex(COLOR.text, 0.92);
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, h / 2);
    ctx.fill();
    // Tail towards the avatar (bottom left).
    circle(ctx, x + h * 0.35, y + h + h * 0.12, h * 0.16);
    ctx.fill();
    ctx.fillStyle = hex(COLOR.bg);
    for (let i = 0; i < 3; i++) {
      circle(ctx, x + w * (0.3 + 0.2 * i), y + h / 2, h * 0.11);
      ctx.fill();
    }
  });
}

/** The query pulse: an amber ring 2.5 avatar radii across at full scale (drawn scaled down). */
export function ringTexture(scene: Phaser.Scene, radius: number): string {
  const r = Math.max(6, Math.round(radius * 2.5));
  const line = Math.max(3, Math.round(radius * 0.3));
  const size = 2 * r + line;
  return paint(scene, `ring:${r}`, size, size, (ctx) => {
    circle(ctx, size / 2, size / 2, r);
    ctx.lineWidth = line;
    ctx.strokeStyle = hex(COLOR.amber);
    ctx.stroke();
  });
}
