// One table of the sentence scene: a copy of the sentence as a row of words, each with who plays
// it (a "model" badge for the trained model's seats) and, before the reveal, who has sent (✓).
// At the reveal: arcs above the row from each word to the words it attended to (thickness and
// opacity follow the weight; top-k rows only), the points per seat, and the answer key as dashed
// arcs below the row, so the class sees where attention went and where it should have gone.
import Phaser from "phaser";
import type { SentenceAttentionPayload, TableView } from "../../shared/sentenceRound.js";
import type { ScreenBox } from "./ScreenModel.js";
import { arcPoints, arcRise, columnCentres, fitText, keyTargets, TABLE_PARTS, type Point, type Rect } from "./sentenceLayout.js";
import { headColor, headCss, headMarker, type HeadMarker } from "./sentenceScreenState.js";
import { textBox } from "./textBoxes.js";
import { COLOR, CSS, textStyle } from "./theme.js";

type RevealedTable = SentenceAttentionPayload["tables"][number];

export interface SentenceTableInput {
  table: TableView;
  /** The table's attention, points and name tags (null before the reveal). */
  revealed: RevealedTable | null;
  keys: SentenceAttentionPayload["keys"];
  words: string[];
  cell: Rect;
  scale: number;
  title: string;
  /** Guest ids that have sent their texts (✓ before the reveal). */
  submitted: ReadonlySet<string>;
  /** The word (position) whose row is in focus at this table, or null. */
  focus: number | null;
}

/** Where a click lands on a word: its column from the word down to its points. */
export interface SeatHit {
  table: number;
  position: number;
  rect: Rect;
}

/** Lines below this weight are noise on a projector (a row sums to 1 over the whole table). */
const MIN_WEIGHT = 0.05;
/** Arcs per word: the room sends a few more (the focused word's percentages list them all). */
const ARCS_PER_WORD = 3;
/** Back-row size (px of 1080): tables are never drawn so small that a label would need less (see MIN_TABLE_SCALE). */
const MIN_FONT = 18;

export class SentenceTable {
  readonly hits: SeatHit[] = [];
  readonly boxes: ScreenBox[] = [];
  arcsDrawn = 0;
  keyArcsDrawn = 0;
  /** Words put on the row, and students named under theirs (the model's seats are badged instead). */
  wordsDrawn = 0;
  playersNamed = 0;
  private readonly xs: number[];
  private readonly wordTop: number;
  private readonly keyBase: number;
  private readonly s: number;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly input: SentenceTableInput,
    labels: Phaser.GameObjects.Container,
    frames: Phaser.GameObjects.Graphics,
  ) {
    const { cell, scale, revealed } = input;
    const p = TABLE_PARTS;
    this.s = scale;
    this.xs = columnCentres(cell, input.words.length);
    const isReveal = revealed !== null;
    const titleH = p.title * scale;
    this.wordTop = cell.y + titleH + (isReveal ? p.arcs * scale : 0);
    const wordY = this.wordTop + (p.word * scale) / 2;
    const nameY = wordY + ((p.word + p.name) * scale) / 2;
    const pointsY = nameY + ((p.name + p.points) * scale) / 2;
    this.keyBase = pointsY + (p.points * scale) / 2;
    this.drawFrame(frames);
    labels.add(this.drawTitle(cell, titleH));
    const slot = cell.width / Math.max(1, input.words.length);
    for (const [k, seat] of input.table.seats.entries()) {
      const x = this.xs[seat.position] ?? this.xs[k];
      const isFocus = input.focus === seat.position;
      const wordColor = isFocus ? CSS.amber : seat.isModel ? CSS.muted : CSS.text;
      const word = this.fitted(this.scene.add.text(x, wordY, seat.word, textStyle(p.wordPx * scale, wordColor, "bold")).setOrigin(0.5), slot * 0.94);
      labels.add(word);
      this.box(`t${input.table.index}:${seat.position}:word`, word);
      this.wordsDrawn++;
      labels.add(this.nameLabel(seat, x, nameY, slot, isReveal));
      if (revealed) {
        const points = revealed.points[k];
        const label = points === null || points === undefined ? "–" : `${Math.round(points)}`;
        const color = points === null || points === undefined || seat.isModel ? CSS.muted : CSS.amber;
        const text = this.scene.add.text(x, pointsY, label, textStyle(Math.max(MIN_FONT, p.pointsPx * scale), color, "bold")).setOrigin(0.5);
        labels.add(text);
        this.box(`t${input.table.index}:${seat.position}:points`, text);
      }
      const top = this.wordTop;
      const bottom = isReveal ? this.keyBase : nameY + (p.name * scale) / 2;
      this.hits.push({ table: input.table.index, position: seat.position, rect: { x: x - slot / 2, y: top, width: slot, height: bottom - top } });
    }
    if (revealed && input.focus !== null) this.drawPercents(labels, revealed);
  }

  /** The head this table plays for (heads round), null in a sentence round. */
  get head(): number | null {
    return this.input.table.head;
  }

  /** The table's colour: its head's in the heads round, the party's amber otherwise. */
  private get color(): number {
    return this.input.table.head === null ? COLOR.amber : headColor(this.input.table.head);
  }

  private drawFrame(g: Phaser.GameObjects.Graphics): void {
    const { cell, table } = this.input;
    const r = 18 * this.s + 6;
    g.fillStyle(COLOR.table, 0.55).fillRoundedRect(cell.x, cell.y, cell.width, cell.height, r);
    if (table.head === null) g.lineStyle(2, COLOR.tableRim, 1);
    else g.lineStyle(Math.max(2, 4 * this.s), headColor(table.head), 0.9);
    g.strokeRoundedRect(cell.x, cell.y, cell.width, cell.height, r);
  }

  private drawTitle(cell: Rect, titleH: number): Phaser.GameObjects.GameObject[] {
    const { table } = this.input;
    const fontPx = Math.max(MIN_FONT, TABLE_PARTS.titlePx * this.s);
    const y = cell.y + titleH / 2 + 2;
    let x = cell.x + 14 * this.s + 6;
    const out: Phaser.GameObjects.GameObject[] = [];
    if (table.head !== null) {
      const g = this.scene.add.graphics();
      const r = fontPx * 0.36;
      drawMarker(g, headMarker(table.head), x + r, y, r, headColor(table.head), 1);
      out.push(g);
      x += 2 * r + 10;
    }
    const color = table.head === null ? CSS.muted : headCss(table.head);
    const title = this.fitted(this.scene.add.text(x, y, this.input.title, textStyle(fontPx, color, "bold")).setOrigin(0, 0.5), cell.x + cell.width - x - 10);
    this.box(`t${table.index}:title`, title);
    out.push(title);
    return out;
  }

  /** The player's name under the word; a badge for the model's seats (on every table, so no one mistakes them for a classmate). */
  private nameLabel(seat: TableView["seats"][number], x: number, y: number, slot: number, isReveal: boolean): Phaser.GameObjects.Text {
    const fontPx = Math.max(MIN_FONT, TABLE_PARTS.namePx * this.s);
    const id = `t${this.input.table.index}:${seat.position}:name`;
    if (seat.isModel) {
      const badge = this.scene.add
        .text(x, y, "model", textStyle(Math.max(MIN_FONT, fontPx * 0.85), CSS.muted))
        .setOrigin(0.5)
        .setBackgroundColor("#34427a")
        .setPadding(6, 1, 6, 1);
      this.box(id, badge);
      return badge;
    }
    const hasSent = !isReveal && seat.guestId !== null && this.input.submitted.has(seat.guestId);
    const raw = `${hasSent ? "✓ " : ""}${seat.name ?? "?"}`;
    const text = this.scene.add.text(x, y, raw, textStyle(fontPx, hasSent ? CSS.teal : isReveal ? CSS.muted : CSS.text, hasSent ? "bold" : "normal")).setOrigin(0.5);
    const maxWidth = slot * 0.94;
    if (text.width > maxWidth) text.setText(fitText(raw, maxWidth, (s) => (text.setText(s), text.width)));
    this.box(id, text);
    if (seat.name) this.playersNamed++;
    return text;
  }

  /** The focused word's row as percentages above the words it attended to. */
  private drawPercents(labels: Phaser.GameObjects.Container, revealed: RevealedTable): void {
    const k = this.input.table.seats.findIndex((seat) => seat.position === this.input.focus);
    const row = revealed.rows[k] ?? [];
    const fontPx = Math.max(MIN_FONT + 2, 30 * this.s);
    for (const [position, weight] of row) {
      if (weight < MIN_WEIGHT) continue;
      const text = this.scene.add
        .text(this.xs[position], this.wordTop - 4, `${Math.round(weight * 100)}%`, { ...textStyle(fontPx, CSS.amber, "bold"), stroke: "#0d1430", strokeThickness: 6 })
        .setOrigin(0.5, 1);
      labels.add(text);
      this.box(`t${this.input.table.index}:${position}:percent`, text, "percent");
    }
  }

  /**
   * The attention arcs, grown to `progress` (the reveal animates them out of every word at once).
   * Each starts at the query's word and lands a little to the side it came from, so a pair of
   * words that attend to each other keeps two arcs apart.
   */
  drawArcs(g: Phaser.GameObjects.Graphics, progress: number): void {
    const revealed = this.input.revealed;
    this.arcsDrawn = 0;
    if (!revealed) return;
    const color = this.color;
    const head = this.input.table.head;
    const marker: HeadMarker = head === null ? "circle" : headMarker(head);
    const maxRise = TABLE_PARTS.arcs * this.s - 10;
    const slot = this.input.cell.width / Math.max(1, this.input.words.length);
    const focus = this.input.focus;
    const span = this.xs[this.xs.length - 1] - this.xs[0];
    // The focused row last, on top of the faded others.
    const order = this.input.table.seats.map((seat, k) => ({ seat, k })).sort((a, b) => Number(a.seat.position === focus) - Number(b.seat.position === focus));
    for (const { seat, k } of order) {
      const fade = focus !== null && seat.position !== focus ? 0.1 : 1;
      // The focused row is what the class is reading: bolder than the same weights unfocused.
      const boost = focus !== null && seat.position === focus ? 1.4 : 1;
      for (const [target, weight] of (revealed.rows[k] ?? []).slice(0, ARCS_PER_WORD)) {
        if (weight < MIN_WEIGHT) continue;
        // Faint for a small share, solid for a clear choice: diffuse rows read as a haze, decided ones stand out.
        const alpha = Math.min(1, (0.12 + 0.88 * weight ** 0.8) * fade * boost * boost);
        const width = Math.max(1.5, (1.5 + 11 * weight) * this.s * boost);
        const x1 = this.xs[seat.position];
        const x2 = this.xs[target];
        g.lineStyle(width, color, alpha);
        if (target === seat.position) {
          if (progress >= 1) g.strokeCircle(x1, this.wordTop - 12 * this.s - 4, 10 * this.s + 4);
        } else {
          const landing = x2 + Math.sign(x1 - x2) * slot * 0.14;
          const points = arcPoints(x1, landing, this.wordTop, arcRise(landing - x1, span, maxRise), -1, progress);
          g.strokePoints(points.map(toVector));
          if (progress >= 1) drawMarker(g, marker, landing, this.wordTop - 2, Math.max(4, (4 + 7 * weight) * this.s), color, alpha);
        }
        this.arcsDrawn++;
      }
    }
  }

  /** The answer key: dashed arcs under the row, from each word to the words it should attend to. */
  drawKeyArcs(g: Phaser.GameObjects.Graphics): void {
    this.keyArcsDrawn = 0;
    if (!this.input.revealed) return;
    const maxRise = TABLE_PARTS.keyArcs * this.s - 10;
    const base = this.keyBase + 2;
    const span = this.xs[this.xs.length - 1] - this.xs[0];
    for (const seat of this.input.table.seats) {
      const isDim = this.input.focus !== null && seat.position !== this.input.focus;
      for (const target of keyTargets(this.input.keys, this.input.table.head, seat.position)) {
        const x1 = this.xs[seat.position];
        const x2 = this.xs[target.position];
        const points = arcPoints(x1, x2, base, arcRise(x2 - x1, span, maxRise), 1, 1, 40);
        g.lineStyle(Math.max(2, 3 * this.s), COLOR.text, isDim ? 0.2 : 0.85);
        // Dashes: every other segment of the arc.
        for (let i = 0; i + 1 < points.length; i += 2) g.lineBetween(points[i].x, points[i].y, points[i + 1].x, points[i + 1].y);
        const end = points[points.length - 1];
        g.strokeCircle(end.x, end.y, Math.max(4, 6 * this.s));
        this.keyArcsDrawn++;
      }
    }
  }

  /** Shrinks a text's font until it fits `maxWidth` (words keep their whole spelling). */
  private fitted(text: Phaser.GameObjects.Text, maxWidth: number): Phaser.GameObjects.Text {
    if (text.width > maxWidth && maxWidth > 0) {
      const size = Number.parseFloat(String(text.style.fontSize));
      text.setFontSize(Math.max(MIN_FONT, Math.floor((size * maxWidth) / text.width)));
    }
    return text;
  }

  private box(id: string, text: Phaser.GameObjects.Text, kind: ScreenBox["kind"] = "text"): void {
    this.boxes.push(textBox(text, id, kind));
  }
}

const toVector = (p: Point) => new Phaser.Math.Vector2(p.x, p.y);

/** A head's shape, the cue beside its colour (six: one per head a scenario may have). */
export function drawMarker(g: Phaser.GameObjects.Graphics, shape: HeadMarker, x: number, y: number, r: number, color: number, alpha: number): void {
  g.fillStyle(color, alpha);
  if (shape === "circle") g.fillCircle(x, y, r);
  else if (shape === "square") g.fillRect(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
  else if (shape === "triangle") g.fillTriangle(x - r, y + r * 0.8, x + r, y + r * 0.8, x, y - r);
  else if (shape === "diamond") g.fillPoints([toVector({ x, y: y - r * 1.2 }), toVector({ x: x + r * 1.2, y }), toVector({ x, y: y + r * 1.2 }), toVector({ x: x - r * 1.2, y })], true);
  else if (shape === "star") {
    const points: Point[] = [];
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? r * 1.25 : r * 0.55;
      points.push({ x: x + rr * Math.cos(a), y: y + rr * Math.sin(a) });
    }
    g.fillPoints(points.map(toVector), true);
  } else {
    const t = r * 0.45;
    g.fillRect(x - r, y - t, 2 * r, 2 * t).fillRect(x - t, y - r, 2 * t, 2 * r);
  }
}
