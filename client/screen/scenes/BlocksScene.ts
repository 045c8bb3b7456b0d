// The blocks walk-through on the projector (DESIGN.md teaching point 4): the sentence as a row
// of words, a stepper through "start → block 1 meeting room → block 1 archives → …", under each
// word its nearest words right now (new ones highlighted), arcs for who heard whom at attention
// steps, the recalled fact above each word at feed-forward steps, and the step's caption.
// Reads screenModel.blocks / blocksStep; ← and → step through it on the projector's keyboard.
import Phaser from "phaser";
import { BlockStepKind, type BlocksPayload, type BlockStep } from "../../../shared/blocks.js";
import { HEAD_COLORS, HEAD_CSS } from "../../lib/headStyle.js";
import { layoutBlocks, newNearestWords, type BlocksLayout } from "../blocksLayout.js";
import { emptyRoundDrawing, screenModel, type ScreenBox } from "../ScreenModel.js";
import { textBox } from "../textBoxes.js";
import { COLOR, CSS, FONT, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";

// Head colours come from the one list (client/lib/headStyle.ts): the trained heads look the same
// as on every other screen, the untrained topic head takes the 5th. Each arc also carries its head's number.

const ROW = { left: 50, width: WIDTH - 100 } as const;
/** Vertical bands, game pixels: header, stepper, arcs or fact cards, words, nearest words, legend. */
// The legend sits clear of the HUD's key hint along the bottom edge.
const Y = { title: 34, caption: 104, stepper: 218, stepperHeight: 76, arcsTop: 320, words: 640, nearest: 718, legend: HEIGHT - 74 } as const;
const NEAREST_LINE = 1.38;
/**
 * An arc is drawn when its head handed over at least this share of a word vector: a trained
 * head's link of ≥ 12 %, the topic head's (gain 0.25) of ≥ 24 %. Below it the arcs are faint
 * noise that hides the links the caption talks about.
 */
const MIN_ARC_HANDED = 0.06;
/** At most this many arcs per step, strongest first: a long sentence stays readable. */
const MAX_ARCS = 14;
/** Radius of the head-number badge on an arc (px), and where along its arc a badge may sit (0.5: the top). */
const BADGE_RADIUS = 19;
const BADGE_SPOTS = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8];

/** Reused canvas for text widths (the layout is fitted before any Phaser text exists). */
const measureContext = document.createElement("canvas").getContext("2d")!;
function measureText(text: string, fontPx: number, isBold: boolean): number {
  measureContext.font = `${isBold ? "bold " : ""}${Math.round(fontPx)}px ${FONT}`;
  return measureContext.measureText(text).width;
}

const percent = (w: number) => `${Math.round(w * 100)}%`;

export class BlocksScene extends Phaser.Scene {
  private content!: Phaser.GameObjects.Container;
  private layout: BlocksLayout | null = null;
  private layoutFor: BlocksPayload | null = null;
  /** Texts on screen with their ids for the test hook (boxes are measured when asked), and other checked boxes. */
  private boxedTexts: Array<[Phaser.GameObjects.Text, string]> = [];
  private boxes: ScreenBox[] = [];
  private previousScene = "DirectorScene";
  private unsubscribe: Array<() => void> = [];

  constructor() {
    super("BlocksScene");
  }

  create(): void {
    drawBackdrop(this);
    this.content = this.add.container(0, 0);
    this.previousScene = screenModel.activeScene;
    screenModel.activeScene = "BlocksScene";
    screenModel.boxes = () => [...this.boxedTexts.map(([text, id]) => textBox(text, id)), ...this.boxes];
    this.unsubscribe = [screenModel.events.on("blocks", () => this.redraw()), screenModel.events.on("blocksStep", () => this.redraw())];
    this.input.keyboard?.on("keydown-RIGHT", () => screenModel.setBlocksStep(screenModel.blocksStep + 1));
    this.input.keyboard?.on("keydown-LEFT", () => screenModel.setBlocksStep(screenModel.blocksStep - 1));
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of this.unsubscribe) off();
      this.unsubscribe = [];
      screenModel.activeScene = this.previousScene;
      screenModel.boxes = () => [];
      screenModel.linesDrawn = 0;
      screenModel.revealProgress = 1;
      screenModel.drawn = emptyRoundDrawing();
    });
    this.redraw();
  }

  private redraw(): void {
    const payload = screenModel.blocks;
    this.content.removeAll(true);
    this.tweens.killTweensOf(this.content);
    this.boxedTexts = [];
    this.boxes = [];
    screenModel.linesDrawn = 0;
    screenModel.drawn = emptyRoundDrawing();
    if (!payload) return;
    if (this.layoutFor !== payload) {
      this.layout = layoutBlocks(payload, measureText, ROW.left, ROW.width);
      this.layoutFor = payload;
    }
    const index = screenModel.blocksStep;
    const step = payload.steps[index];
    screenModel.caption = step.caption;
    this.drawHeader(payload, step, index);
    if (step.kind === BlockStepKind.embed) this.drawTwoSystems(payload);
    const arcHeads = step.attention ? this.drawArcs(payload, step) : [];
    const factCards = step.recalls ? this.drawFactCards(payload, step) : 0;
    this.drawWords(payload, index);
    this.drawLegend(payload, step);
    screenModel.linesDrawn = arcHeads.length;
    screenModel.drawn = { ...emptyRoundDrawing(), words: payload.words.length, heads: [...new Set(arcHeads)].sort((a, b) => a - b), factCards };
    // The step fades in; the hook's revealProgress says when it stands still.
    this.content.setAlpha(1);
    screenModel.revealProgress = 1;
    if (!screenModel.isReducedMotion) {
      this.content.setAlpha(0.25);
      screenModel.revealProgress = 0;
      this.tweens.add({ targets: this.content, alpha: 1, duration: 300, onComplete: () => (screenModel.revealProgress = 1) });
    }
  }

  /**
   * A text in the step's content, checked by the test hook's overlap checks under `id` (its words
   * by default); null leaves it out (texts inside a fact card, which is checked as one box).
   */
  private text(x: number, y: number, text: string, style: Phaser.Types.GameObjects.Text.TextStyle, origin: [number, number] = [0, 0], id: string | null = text): Phaser.GameObjects.Text {
    const object = this.add.text(x, y, text, style).setOrigin(origin[0], origin[1]);
    this.content.add(object);
    if (id !== null) this.boxedTexts.push([object, id]);
    return object;
  }

  private drawHeader(payload: BlocksPayload, step: BlockStep, index: number): void {
    this.text(60, Y.title, step.title, textStyle(54, CSS.amber, "bold"));
    this.text(WIDTH - 60, Y.title + 10, `step ${index + 1} of ${payload.steps.length}  ·  ← →`, textStyle(28, CSS.muted), [1, 0]);
    this.text(60, Y.caption, step.caption, { ...textStyle(36), wordWrap: { width: WIDTH - 120 }, lineSpacing: 4 }, [0, 0], "caption");

    const gap = 14;
    const pillWidth = (WIDTH - 120 - gap * (payload.steps.length - 1)) / payload.steps.length;
    const g = this.add.graphics();
    this.content.add(g);
    payload.steps.forEach((s, i) => {
      const x = 60 + i * (pillWidth + gap);
      const isNow = i === index;
      if (isNow) g.fillStyle(COLOR.amber, 1).fillRoundedRect(x, Y.stepper, pillWidth, Y.stepperHeight, 18);
      else g.fillStyle(COLOR.table, i < index ? 0.95 : 0.45).fillRoundedRect(x, Y.stepper, pillWidth, Y.stepperHeight, 18);
      const color = isNow ? CSS.ink : i < index ? CSS.teal : CSS.muted;
      const top = s.kind === BlockStepKind.embed ? "Start" : `Block ${s.block}`;
      const name = s.kind === BlockStepKind.embed ? "words alone" : s.kind === BlockStepKind.attention ? "meeting room" : "archives";
      this.text(x + pillWidth / 2, Y.stepper + 4, top, textStyle(24, color), [0.5, 0]);
      this.text(x + pillWidth / 2, Y.stepper + 37, name, textStyle(30, color, "bold"), [0.5, 0]);
    });
  }

  private drawWords(payload: BlocksPayload, index: number): void {
    const layout = this.layout!;
    const step = payload.steps[index];
    payload.words.forEach((word, i) => {
      const column = layout.columns[i];
      if (!column.isFeatured) {
        this.text(column.x, Y.words + (layout.wordPx - layout.gluePx) * 0.7, word, textStyle(layout.gluePx, CSS.muted), [0.5, 0], `word-${i}`);
        return;
      }
      this.text(column.x, Y.words, word, textStyle(layout.wordPx, CSS.text, "bold"), [0.5, 0], `word-${i}`);
      const fresh = newNearestWords(payload, index, i);
      step.meanings[i].nearest.forEach((near, k) => {
        const isNew = fresh.has(near);
        const y = Y.nearest + 18 + k * layout.nearestPx * NEAREST_LINE;
        const text = this.add.text(column.x, y, near, textStyle(layout.nearestPx, isNew ? CSS.teal : CSS.text, isNew ? "bold" : "normal")).setOrigin(0.5, 0);
        // A rare long word narrows itself to its column rather than every column widening for it.
        text.setScale(Math.min(1, (column.width - 12) / text.width));
        this.content.add(text);
        this.boxedTexts.push([text, `near-${i}-${k}`]);
      });
    });
    // A rule between the words and their meanings: "nearest words now" reads as one band.
    const g = this.add.graphics();
    g.lineStyle(2, COLOR.tableRim, 1).lineBetween(ROW.left, Y.nearest + 4, ROW.left + ROW.width, Y.nearest + 4);
    this.content.addAt(g, 0);
  }

  /** Arcs above the words from each listener to the word it heard, thickness ∝ what was handed over; returns each arc's head. */
  private drawArcs(payload: BlocksPayload, step: BlockStep): number[] {
    const layout = this.layout!;
    const g = this.add.graphics();
    this.content.add(g);
    const badges: Array<{ curve: Phaser.Curves.QuadraticBezier; head: number }> = [];
    const pairCount = new Map<string, number>();
    const handedBy = (link: { head: number; weight: number }) => link.weight * payload.heads[link.head].gain; // share of a word vector
    const links = step.attention!
      .flatMap((a, from) => a.links.map((link) => ({ ...link, from })))
      .filter((link) => handedBy(link) >= MIN_ARC_HANDED)
      .sort((a, b) => handedBy(b) - handedBy(a))
      .slice(0, MAX_ARCS)
      .reverse(); // heaviest drawn last, on top
    for (const link of links) {
      const handed = handedBy(link);
      const from = layout.columns[link.from];
      const to = layout.columns[link.to];
      const pair = `${Math.min(link.from, link.to)}-${Math.max(link.from, link.to)}`;
      const nth = pairCount.get(pair) ?? 0;
      pairCount.set(pair, nth + 1);
      const baseY = Y.words - 12;
      // √distance: short arcs stay clear of the words, long ones nest above them instead of all flattening at the top.
      const rise = Math.min(Y.words - Y.arcsTop - 30, 20 + 7 * Math.sqrt(Math.abs(to.x - from.x)) + nth * 30);
      const curve = new Phaser.Curves.QuadraticBezier(
        new Phaser.Math.Vector2(from.x + (to.x > from.x ? 10 : -10), baseY),
        new Phaser.Math.Vector2((from.x + to.x) / 2, baseY - rise * 2),
        new Phaser.Math.Vector2(to.x, baseY),
      );
      const color = HEAD_COLORS[link.head % HEAD_COLORS.length];
      const width = 3 + 22 * handed;
      g.lineStyle(width, color, 0.45 + link.weight * 0.55).strokePoints(curve.getPoints(40));
      // Arrowhead at the word being heard (the same direction as the party's lines).
      const tip = curve.getPoint(1);
      const back = curve.getPoint(0.93);
      const angle = Math.atan2(tip.y - back.y, tip.x - back.x);
      const size = 14 + width;
      g.fillStyle(color, 1).fillTriangle(
        tip.x,
        tip.y,
        tip.x - size * Math.cos(angle - 0.45),
        tip.y - size * Math.sin(angle - 0.45),
        tip.x - size * Math.cos(angle + 0.45),
        tip.y - size * Math.sin(angle + 0.45),
      );
      badges.push({ curve, head: link.head });
    }
    // Each badge at the top of its arc, or further along it when another badge already sits there
    // (a word and its neighbour hearing each other have two arcs of nearly the same top).
    const placed: Phaser.Math.Vector2[] = [];
    badges.forEach((badge, k) => {
      const spots = BADGE_SPOTS.map((t) => badge.curve.getPoint(t));
      const at = spots.find((p) => placed.every((q) => Phaser.Math.Distance.BetweenPoints(p, q) >= 2 * BADGE_RADIUS + 4)) ?? spots[0];
      placed.push(at);
      g.fillStyle(HEAD_COLORS[badge.head % HEAD_COLORS.length], 1).fillCircle(at.x, at.y, BADGE_RADIUS);
      g.lineStyle(3, COLOR.bg, 1).strokeCircle(at.x, at.y, BADGE_RADIUS);
      this.text(at.x, at.y, `${badge.head + 1}`, textStyle(24, CSS.ink, "bold"), [0.5, 0.5], null);
      // The badge is checked as its circle: two circles must not cover each other's numbers.
      this.boxes.push({ id: `badge-${k}`, kind: "text", x: at.x - BADGE_RADIUS, y: at.y - BADGE_RADIUS, width: 2 * BADGE_RADIUS, height: 2 * BADGE_RADIUS, fontPx: 24 });
    });
    if (links.length === 0) {
      this.text(WIDTH / 2, (Y.arcsTop + Y.words) / 2, "Every head rests on the start token: nothing to fetch.", textStyle(34, CSS.muted), [0.5, 0.5]);
    }
    return links.map((link) => link.head);
  }

  /** Above each followed word, the fact it recalled most: keys → values and the weight; returns how many cards. */
  private drawFactCards(payload: BlocksPayload, step: BlockStep): number {
    const layout = this.layout!;
    const g = this.add.graphics();
    this.content.add(g);
    step.recalls!.forEach((recall, i) => {
      const column = layout.columns[i];
      const best = recall.facts[0];
      if (!column.isFeatured || !best) return;
      const fact = payload.facts[best.fact];
      const width = Math.min(column.width - 14, 360);
      const px = Math.max(22, Math.min(30, layout.nearestPx * 0.85));
      const keys = this.text(column.x, 0, fact.keys.join(" + "), { ...textStyle(px, CSS.amber, "bold"), align: "center", wordWrap: { width: width - 16 } }, [0.5, 0], null);
      const values = this.text(column.x, 0, `→ ${fact.values.slice(0, 3).join(", ")}`, { ...textStyle(px), align: "center", wordWrap: { width: width - 16 } }, [0.5, 0], null);
      const weight = this.text(column.x, 0, percent(best.weight), textStyle(px, CSS.teal, "bold"), [0.5, 0], null);
      const height = keys.height + values.height + weight.height + 24;
      const top = Y.words - 24 - height;
      keys.setY(top + 8);
      values.setY(keys.y + keys.height);
      weight.setY(values.y + values.height + 2);
      g.fillStyle(COLOR.table, 0.95).fillRoundedRect(column.x - width / 2, top, width, height, 14);
      g.lineStyle(3, COLOR.amber, 0.35 + 0.65 * best.weight).strokeRoundedRect(column.x - width / 2, top, width, height, 14);
      this.boxes.push({ id: `fact-${i}`, kind: "text", x: column.x - width / 2, y: top, width, height, fontPx: px });
    });
    return this.boxes.filter((b) => b.id.startsWith("fact-")).length;
  }

  /** At the start: the two systems every block alternates between (teaching point 4). */
  private drawTwoSystems(payload: BlocksPayload): void {
    const trained = payload.heads.filter((h) => h.isTrained).length;
    const cards = [
      {
        title: "The meeting room · attention",
        body: `Every word asks the others at once and takes in what it hears: rules for communication, in ${payload.heads.length} heads (${trained} trained).`,
      },
      {
        title: "The archives · feed-forward",
        body: `Each word alone looks itself up among ${payload.factCount} stored facts and adds what it finds: knowledge.`,
      },
    ];
    const g = this.add.graphics();
    this.content.add(g);
    const width = 820;
    const top = Y.arcsTop + 10;
    const height = 230;
    cards.forEach((card, i) => {
      const x = WIDTH / 2 + (i === 0 ? -1 : 1) * (width / 2 + 20);
      g.fillStyle(COLOR.table, 0.9).fillRoundedRect(x - width / 2, top, width, height, 20);
      g.lineStyle(3, i === 0 ? COLOR.teal : COLOR.amber, 0.8).strokeRoundedRect(x - width / 2, top, width, height, 20);
      this.text(x, top + 22, card.title, textStyle(38, i === 0 ? CSS.teal : CSS.amber, "bold"), [0.5, 0]);
      this.text(x, top + 80, card.body, { ...textStyle(32), align: "center", wordWrap: { width: width - 60 } }, [0.5, 0]);
    });
  }

  private drawLegend(payload: BlocksPayload, step: BlockStep): void {
    if (step.kind === BlockStepKind.attention) {
      // The head labels at a readable size, on as many centred rows as they need (two for five heads).
      const labels = [this.text(0, 0, "Arrow → the word heard:", textStyle(28, CSS.muted))];
      payload.heads.forEach((head, h) => {
        labels.push(this.text(0, 0, `${h + 1} ${head.question}${head.isTrained ? "" : " (not trained)"}`, textStyle(28, HEAD_CSS[h % HEAD_CSS.length], "bold")));
      });
      const gap = 34;
      const rows: Phaser.GameObjects.Text[][] = [[]];
      let rowWidth = 0;
      for (const label of labels) {
        if (rowWidth > 0 && rowWidth + gap + label.width > WIDTH - 120) {
          rows.push([]);
          rowWidth = 0;
        }
        rows[rows.length - 1].push(label);
        rowWidth += (rowWidth > 0 ? gap : 0) + label.width;
      }
      rows.forEach((row, r) => {
        const width = row.reduce((sum, l) => sum + l.width, 0) + gap * (row.length - 1);
        let x = (WIDTH - width) / 2;
        for (const label of row) {
          // The last row on Y.legend, the others above it: clear of the HUD's key hint below.
          label.setPosition(x, Y.legend - (rows.length - 1 - r) * 40).setOrigin(0, 0.5);
          x += label.width + gap;
        }
      });
      return;
    }
    const line =
      step.kind === BlockStepKind.embed
        ? "Under each word: its nearest words in GloVe — what the word means on its own."
        : `The archives hold ${payload.factCount} facts (key words → value words). Teal: nearest words this step added.`;
    this.text(WIDTH / 2, Y.legend, line, textStyle(28, CSS.muted), [0.5, 0.5]);
  }
}
