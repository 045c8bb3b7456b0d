// Pieces the model and course scenes share: the sentence as one centred line of words, and the
// legend of the four heads (colour + marker shape + question), the selected one bright.
import Phaser from "phaser";
import { HEAD_COLORS, HEAD_MARKERS, HEAD_SHORT } from "../modelScreenState.js";
import { CSS, textStyle } from "../theme.js";

/** Words centred on (cx, y), wrapped to maxWidth; `colors` paints chosen word positions. */
export function drawSentenceLine(
  scene: Phaser.Scene,
  words: string[],
  cx: number,
  y: number,
  maxWidth: number,
  colors: Record<number, string> = {},
  fontPx = 64,
): Phaser.GameObjects.Container {
  const container = scene.add.container(0, 0);
  const texts = words.map((w, i) => scene.add.text(0, 0, w, textStyle(fontPx, colors[i] ?? CSS.text, colors[i] ? "bold" : "normal")));
  const gap = fontPx * 0.35;
  const lines: Phaser.GameObjects.Text[][] = [[]];
  let width = 0;
  for (const t of texts) {
    if (width > 0 && width + gap + t.width > maxWidth) {
      lines.push([]);
      width = 0;
    }
    width += (width > 0 ? gap : 0) + t.width;
    lines[lines.length - 1].push(t);
  }
  lines.forEach((line, k) => {
    const lineWidth = line.reduce((sum, t) => sum + t.width, 0) + gap * (line.length - 1);
    let x = cx - lineWidth / 2;
    for (const t of line) {
      t.setPosition(x, y + k * fontPx * 1.3).setOrigin(0, 0.5);
      x += t.width + gap;
    }
  });
  container.add(texts);
  return container;
}

/** Where the model and course scenes put the heads' legend: below a two-line caption, above the panels. */
export const HEAD_LEGEND_Y = 200;

/** The heads' legend as one centred row at (cx, y): "● 1 Who did it?  ■ 2 Where? …"; `selected` null = all. */
export function drawHeadLegend(scene: Phaser.Scene, cx: number, y: number, selected: number | null): Phaser.GameObjects.Container {
  const container = scene.add.container(0, 0);
  const r = 10;
  const gap = 44;
  const items = HEAD_SHORT.map((label, h) => {
    const isOn = selected === null || selected === h;
    const text = scene.add.text(0, y, `${h + 1} ${label}`, textStyle(28, isOn ? CSS.text : CSS.muted, selected === h ? "bold" : "normal")).setOrigin(0, 0.5).setAlpha(isOn ? 1 : 0.55);
    return { h, isOn, text };
  });
  const hint = scene.add.text(0, y, selected === null ? "· all heads (keys 1–4: one)" : "· key 0: all heads", textStyle(24, CSS.muted)).setOrigin(0, 0.5);
  const total = items.reduce((sum, it) => sum + 3 * r + it.text.width + gap, 0) + hint.width;
  let x = cx - total / 2;
  for (const { h, isOn, text } of items) {
    const g = scene.add.graphics();
    g.fillStyle(HEAD_COLORS[h], isOn ? 1 : 0.35);
    const mx = x + r;
    const shape = HEAD_MARKERS[h];
    if (shape === "circle") g.fillCircle(mx, y, r);
    else if (shape === "square") g.fillRect(mx - r, y - r, 2 * r, 2 * r);
    else if (shape === "triangle") g.fillTriangle(mx - r, y + r, mx + r, y + r, mx, y - r);
    else g.fillPoints([new Phaser.Math.Vector2(mx, y - r - 2), new Phaser.Math.Vector2(mx + r + 2, y), new Phaser.Math.Vector2(mx, y + r + 2), new Phaser.Math.Vector2(mx - r - 2, y)], true);
    text.setX(x + 3 * r);
    x += 3 * r + text.width + gap;
    container.add([g, text]);
  }
  hint.setX(x);
  container.add(hint);
  return container;
}
