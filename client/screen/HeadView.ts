// One model's attention over a sentence, drawn like a head view: the words twice, queries on the
// left and keys on the right, a line from each word to the words it attends to, thickness and
// opacity following the weight. One head in its colour, or all four at once with their markers.
import Phaser from "phaser";
import type { SentencePattern } from "../../shared/modelRound.js";
import { HEAD_COLORS, HEAD_MARKERS } from "./modelScreenState.js";
import { CSS, textStyle } from "./theme.js";

export interface HeadViewRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HeadViewOptions {
  /** null = all heads. */
  head: number | null;
  /** A query row to keep bright (the question's word); the others fade. */
  focusRow: number | null;
  /** 0…1 random dimming per line: the untrained model's flicker. 0 = steady. */
  flicker: number;
  /** Lines below this weight are not drawn (top-k in practice: a row sums to 1). */
  minWeight: number;
}

const DEFAULTS: HeadViewOptions = { head: null, focusRow: null, flicker: 0, minWeight: 0.05 };

/** Tokens shown to people: the start token gets a name a class can read. */
export function displayToken(token: string): string {
  return token === "<s>" ? "(start)" : token;
}

export class HeadView {
  private readonly lines: Phaser.GameObjects.Graphics;
  private readonly labels: Phaser.GameObjects.Container;
  private pattern: SentencePattern | null = null;
  private options: HeadViewOptions = DEFAULTS;
  private labelSignature = "";
  /** How many weighted lines the last draw put on screen, and the heads they belong to (for the test hook). */
  linesDrawn = 0;
  headsDrawn: number[] = [];

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly region: HeadViewRegion,
  ) {
    this.lines = scene.add.graphics();
    this.labels = scene.add.container(0, 0);
  }

  get rowHeight(): number {
    const n = this.pattern?.tokens.length ?? 1;
    return Math.min(62, this.region.height / n);
  }

  show(pattern: SentencePattern | null, options: Partial<HeadViewOptions> = {}): void {
    this.pattern = pattern;
    this.options = { ...DEFAULTS, ...options };
    this.drawLabels();
    this.redraw();
  }

  /** Redraws the lines only (the flicker calls this on a timer). */
  redraw(): void {
    const g = this.lines.clear();
    this.linesDrawn = 0;
    this.headsDrawn = [];
    const p = this.pattern;
    if (!p) return;
    const { head, focusRow, flicker, minWeight } = this.options;
    const heads = head === null ? p.heads.map((_, h) => h) : [head];
    const xFrom = this.region.x + this.region.width * 0.3 + 14;
    const xTo = this.region.x + this.region.width * 0.7 - 14;
    // All heads at once: each a little offset vertically so coinciding lines stay apart.
    heads.forEach((h, k) => {
      const color = HEAD_COLORS[h % HEAD_COLORS.length];
      const offset = heads.length > 1 ? (k - (heads.length - 1) / 2) * 3 : 0;
      p.heads[h].weights.forEach((row, i) => {
        if (i === 0) return; // the start token's own row says nothing to a class
        const fade = focusRow !== null && i !== focusRow ? 0.12 : 1;
        row.forEach((w, j) => {
          if (w < minWeight) return;
          const jitter = flicker > 0 ? 1 - flicker * Math.random() : 1;
          // The focused row is the one the class is asked about: its small shares (the untrained
          // model's spread) must still read from the back row, so they start brighter.
          const floor = i === focusRow ? 0.4 : 0.2;
          const alpha = Math.min(1, (floor + (1 - floor) * w) * fade * jitter);
          const width = heads.length > 1 ? 1.5 + 8 * w : 2 + 14 * w;
          g.lineStyle(width, color, alpha);
          g.lineBetween(xFrom, this.rowY(i) + offset, xTo, this.rowY(j) + offset);
          this.linesDrawn++;
          if (this.headsDrawn.at(-1) !== h) this.headsDrawn.push(h);
          if (w >= 0.3 && fade === 1) this.marker(g, HEAD_MARKERS[h % HEAD_MARKERS.length], xTo + 4, this.rowY(j) + offset, color, alpha);
        });
      });
    });
  }

  /** Words in two columns, and the focused row's percentages beside its targets. */
  private drawLabels(): void {
    const p = this.pattern;
    const { head, focusRow } = this.options;
    const signature = JSON.stringify([p?.tokens, head, focusRow, focusRow !== null && head !== null ? p?.heads[head].weights[focusRow] : null]);
    if (signature === this.labelSignature) return;
    this.labelSignature = signature;
    this.labels.removeAll(true);
    if (!p) return;
    const fontPx = Math.max(22, Math.min(40, this.rowHeight * 0.7));
    const leftX = this.region.x + this.region.width * 0.3;
    const rightX = this.region.x + this.region.width * 0.7;
    p.tokens.forEach((token, i) => {
      const isFocus = i === focusRow;
      const color = token === "<s>" ? CSS.muted : isFocus ? CSS.amber : CSS.text;
      this.labels.add(this.scene.add.text(leftX, this.rowY(i), displayToken(token), textStyle(fontPx, color, isFocus ? "bold" : "normal")).setOrigin(1, 0.5));
      this.labels.add(this.scene.add.text(rightX, this.rowY(i), displayToken(token), textStyle(fontPx, token === "<s>" ? CSS.muted : CSS.text)).setOrigin(0, 0.5));
    });
    if (focusRow !== null && head !== null) {
      const row = p.heads[head].weights[focusRow];
      const top = row.map((w, j) => [j, w] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
      for (const [j, w] of top) {
        if (w < 0.05) continue;
        const label = `${Math.round(w * 100)}%`;
        this.labels.add(this.scene.add.text(this.region.x + this.region.width - 4, this.rowY(j), label, textStyle(fontPx * 0.85, CSS.amber, "bold")).setOrigin(1, 0.5));
      }
    }
  }

  private rowY(i: number): number {
    return this.region.y + this.rowHeight * (i + 0.5);
  }

  private marker(g: Phaser.GameObjects.Graphics, shape: (typeof HEAD_MARKERS)[number], x: number, y: number, color: number, alpha: number): void {
    const r = 7;
    g.fillStyle(color, alpha);
    if (shape === "circle") g.fillCircle(x, y, r);
    else if (shape === "square") g.fillRect(x - r, y - r, 2 * r, 2 * r);
    else if (shape === "triangle") g.fillTriangle(x - r, y + r, x + r, y + r, x, y - r);
    else g.fillPoints([new Phaser.Math.Vector2(x, y - r - 2), new Phaser.Math.Vector2(x + r + 2, y), new Phaser.Math.Vector2(x, y + r + 2), new Phaser.Math.Vector2(x - r - 2, y)], true);
  }

  /** Lines and words on screen now (a hidden view drew nothing the class can see). */
  get isVisible(): boolean {
    return this.lines.visible;
  }

  /** The words and percentages, for the test hook's text boxes. */
  get labelContainer(): Phaser.GameObjects.Container {
    return this.labels;
  }

  setVisible(isVisible: boolean): void {
    this.lines.setVisible(isVisible);
    this.labels.setVisible(isVisible);
  }

  destroy(): void {
    this.lines.destroy();
    this.labels.destroy(true);
  }
}

