// The projector's palette and type scale: the same party colours as the phone and dashboard,
// sized for the back row of a lecture hall (1920×1080 logical pixels, scaled to fit).
import type Phaser from "phaser";

export const WIDTH = 1920;
export const HEIGHT = 1080;

export const COLOR = {
  bg: 0x0d1430,
  bgGlow: 0x1b2456,
  table: 0x1f2b5a,
  tableRim: 0x34427a,
  text: 0xf6f1e7,
  muted: 0xb8c0dc,
  amber: 0xffb547,
  pink: 0xff7a9a,
  teal: 0x5fe3c6,
  danger: 0xff9d9d,
  avatarRing: 0xf6f1e7,
} as const;

/** Avatar fills, picked by seat so a guest keeps its colour all session. */
export const AVATAR_COLORS = [0xffb547, 0xff7a9a, 0x5fe3c6, 0x9fa8ff, 0xffd36e, 0xff9e6d, 0x7fd1ff, 0xd59bff] as const;

export const CSS = {
  text: "#f6f1e7",
  muted: "#b8c0dc",
  amber: "#ffb547",
  pink: "#ff7a9a",
  teal: "#5fe3c6",
  ink: "#1b1233",
  danger: "#ff9d9d",
} as const;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export function textStyle(sizePx: number, color: string = CSS.text, weight: "normal" | "bold" = "normal"): Phaser.Types.GameObjects.Text.TextStyle {
  return { fontFamily: FONT, fontSize: `${Math.round(sizePx)}px`, color, fontStyle: weight };
}

/** A cocktail glass (drawn, not an emoji: projector PCs often lack emoji fonts). */
export function drawGlass(scene: Phaser.Scene, x: number, y: number, size: number): Phaser.GameObjects.Graphics {
  const g = scene.add.graphics();
  g.fillStyle(COLOR.pink, 1).fillTriangle(x - size, y - size, x + size, y - size, x, y + size * 0.1);
  g.fillStyle(COLOR.amber, 1).fillTriangle(x - size * 0.6, y - size * 0.6, x + size * 0.6, y - size * 0.6, x, y - size * 0.05);
  g.fillStyle(COLOR.muted, 1).fillRect(x - size * 0.06, y, size * 0.12, size * 0.8).fillRect(x - size * 0.45, y + size * 0.8, size * 0.9, size * 0.12);
  return g;
}

/**
 * The dark room with two warm light pools, shared by every scene. Painted once into a texture:
 * its big translucent circles cost a lot to fill on every frame with a software renderer.
 */
export function drawBackdrop(scene: Phaser.Scene): Phaser.GameObjects.Image {
  const key = "backdrop";
  if (!scene.textures.exists(key)) {
    const texture = scene.textures.createCanvas(key, WIDTH, HEIGHT)!;
    const ctx = texture.getContext();
    ctx.fillStyle = hex(COLOR.bg);
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    const pools: Array<[number, number, number, number]> = [
      [WIDTH * 0.85, -60, COLOR.pink, 620],
      [-80, HEIGHT * 0.15, COLOR.amber, 520],
    ];
    for (const [x, y, color, radius] of pools) {
      ctx.fillStyle = hex(color, 0.012);
      for (let i = 8; i > 0; i--) {
        ctx.beginPath();
        ctx.arc(x, y, (radius * i) / 8, 0, Math.PI * 2);
        ctx.fill();
      }
    }
    texture.refresh();
  }
  return scene.add.image(0, 0, key).setOrigin(0).setDepth(-10);
}

/** 0xrrggbb (and an alpha) as a CSS colour, for drawing on a 2D canvas. */
export function hex(color: number, alpha = 1): string {
  const rgb = `${(color >> 16) & 255}, ${(color >> 8) & 255}, ${color & 255}`;
  return alpha === 1 ? `rgb(${rgb})` : `rgba(${rgb}, ${alpha})`;
}
