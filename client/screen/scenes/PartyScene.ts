// The party itself (brief, write, reveal): guests around cocktail tables, who is still writing
// (a breathing bubble) and who has sent (✓), the timer and a one-line caption per phase; at the
// reveal every query goes out at once and the attention lines grow; a click on a guest (here or
// on the dashboard) focuses its row with percentages. Labels are placed so none overlap.
// Drawing: everything that stands still (room, tables, grown lines, guests, labels) is painted
// into one bitmap when it changes, so a frame with 300 guests is one image draw plus the header
// texts — fast even on a software renderer without a GPU (bench:screen). While lines grow, each
// frame adds only their new pieces to that bitmap (over the guests); once grown, a repaint puts
// them under the guests.
import Phaser from "phaser";
import type { GuestView } from "../../../shared/roomState.js";
import { percent } from "../../lib/dom.js";
import { formatSeconds } from "../../lib/serverClock.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { AttentionLines, type Point } from "../AttentionLines.js";
import { captionFor } from "../captions.js";
import { GuestToken } from "../GuestToken.js";
import { placeLabels, type LabelRequest, type Rect } from "../labelPlacement.js";
import { layoutParty, type PartyLayout } from "../partyLayout.js";
import { screenModel, type ScreenBox } from "../ScreenModel.js";
import { COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, hex, textStyle } from "../theme.js";

const PARTY_AREA = { x: 40, y: 190, width: WIDTH - 80, height: HEIGHT - 190 - 80 };
/** Where labels may go: the party area, clear of the header and the legend line. */
const LABEL_BOUNDS: Rect = { x: 8, y: 184, width: WIDTH - 16, height: HEIGHT - 184 - 78 };
/** The reveal: query pulses, then lines growing to whom each guest attends (ms). */
const REVEAL_MS = 2400;
/** A new focus replays the growth for that one row, quicker. */
const FOCUS_MS = 700;
const TABLES_TEXTURE = "party-tables";
/** Repainting every guest costs about one old-style frame: at most this often while guests change. */
const REPAINT_EVERY_MS = 200;

export class PartyScene extends Phaser.Scene {
  private tokens = new Map<string, GuestToken>();
  private guests: GuestView[] = [];
  private layout: PartyLayout = layoutParty(0, PARTY_AREA);
  private seatingKey = "";
  private lines!: AttentionLines;
  private title!: Phaser.GameObjects.Text;
  private caption!: Phaser.GameObjects.Text;
  private timer!: Phaser.GameObjects.Text;
  private legend!: Phaser.GameObjects.Text;
  private snapshot: PartySnapshot | null = null;
  private unsubscribe: Array<() => void> = [];
  /** When the current line animation began (scene time, ms) and how long it runs; null: still. */
  private animation: { startedAt: number; ms: number } | null = null;
  /** How far into the animation (0 → 1) the lines already painted into the floor reach. */
  private paintedProgress = 0;
  private submittedIds = new Set<string>();
  private floor!: Phaser.GameObjects.RenderTexture;
  /** Off the display list: painted into the floor. */
  private backdrop!: Phaser.GameObjects.Image;
  private tablesImage!: Phaser.GameObjects.Image;
  private tokenLayer!: Phaser.GameObjects.Container;
  private bubbleLayer!: Phaser.GameObjects.Container;
  private isDirty = true;
  private lastPaintAt = -Infinity;
  /**
   * Repaint guests every frame until then (their pop-in tweens are running); performance.now()
   * time: a scene's clock reads another time base until its first update.
   */
  private liveUntil = 0;
  /** The attention rows whose reveal has been animated (a recompute brings new ones). */
  private animatedRows: unknown = null;

  constructor() {
    super("PartyScene");
  }

  create(): void {
    this.tokens = new Map();
    this.seatingKey = "";
    this.animation = null;
    this.animatedRows = null;
    this.submittedIds = new Set();
    this.backdrop = drawBackdrop(this);
    this.children.remove(this.backdrop);
    this.tablesImage = new Phaser.GameObjects.Image(this, 0, 0, this.tablesTexture()).setOrigin(0);
    this.tokenLayer = new Phaser.GameObjects.Container(this);
    this.bubbleLayer = new Phaser.GameObjects.Container(this);
    this.floor = this.add.renderTexture(0, 0, WIDTH, HEIGHT).setOrigin(0).setDepth(-5);
    this.isDirty = true;
    this.lastPaintAt = -Infinity;
    this.title = this.add.text(60, 30, "", textStyle(44, CSS.amber, "bold"));
    this.caption = this.add.text(60, 96, "", { ...textStyle(32), wordWrap: { width: WIDTH - 440 } });
    this.timer = this.add.text(WIDTH - 60, 30, "", textStyle(96, CSS.text, "bold")).setOrigin(1, 0);
    this.legend = this.add.text(WIDTH / 2, HEIGHT - 40, "", { ...textStyle(26, CSS.muted), align: "center" }).setOrigin(0.5, 1);
    // Off the display list in effect: its lines reach the screen only through the floor.
    this.lines = new AttentionLines(this);
    this.lines.graphics.setVisible(false);
    this.paintedProgress = 0;

    // One hit test over the seats instead of 300 interactive objects; empty floor clears the focus.
    this.input.on("pointerdown", (pointer: Phaser.Input.Pointer) => {
      const id = this.guestAt(pointer.worldX, pointer.worldY);
      if (id) screenModel.requestFocus(screenModel.focusedGuestId === id ? null : id);
      else if (screenModel.focusedGuestId) screenModel.requestFocus(null);
    });
    this.unsubscribe = [
      screenModel.connection.on("state", (s) => this.sync(s)),
      screenModel.events.on("attention", () => this.onAttention()),
      screenModel.events.on("focus", (id) => this.onFocus(id)),
    ];
    screenModel.boxes = () => this.boxes();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of this.unsubscribe) off();
      this.unsubscribe = [];
      screenModel.linesDrawn = 0;
      screenModel.revealProgress = 1;
      screenModel.boxes = () => [];
    });
    if (screenModel.connection.snapshot) this.sync(screenModel.connection.snapshot);
  }

  override update(time: number): void {
    const s = this.snapshot;
    const left = s?.phase === "write" && s.isWritingOpen ? screenModel.clock.secondsLeft(s.phaseEndsAt) : null;
    const text = left === null ? "" : formatSeconds(left);
    if (this.timer.text !== text) {
      this.timer.setText(text);
      this.timer.setColor(left !== null && left <= 10 ? CSS.danger : CSS.text);
    }
    if (this.animation) {
      const progress = Math.min(1, (time - this.animation.startedAt) / this.animation.ms);
      screenModel.revealProgress = progress;
      if (progress >= 1) {
        this.animation = null;
        this.lines.render(1);
        this.repaintNow(); // the grown lines, arrowheads on, go under the guests
      } else {
        if (this.isPaintDue(time)) this.paint(time); // a fresh floor has no lines: they are redrawn from 0 below
        this.lines.renderGrowth(this.paintedProgress, progress);
        this.floor.draw(this.lines.graphics).render();
        this.paintedProgress = progress;
        return;
      }
    }
    if (this.isPaintDue(time)) this.paint(time);
  }

  private isPaintDue(time: number): boolean {
    return this.isDirty && (time - this.lastPaintAt >= REPAINT_EVERY_MS || performance.now() < this.liveUntil);
  }

  /** Room, tables, lines (when they stand still: while they grow, update adds them piece by piece), guests. */
  private paint(time: number): void {
    // Guests popping in grow over several frames: paint them again until their tweens are done
    // (marked clean at once, the floor kept them at a fifth of their size until the next change).
    this.isDirty = performance.now() < this.liveUntil;
    this.lastPaintAt = time;
    const isLinesStill = this.animation === null;
    this.floor.clear().draw([this.backdrop, this.tablesImage]);
    if (isLinesStill) this.floor.draw(this.lines.graphics);
    else this.paintedProgress = 0;
    this.floor.draw([this.tokenLayer, this.bubbleLayer]).render();
  }

  /** Focus and reveal changes show on the next frame, not after the repaint throttle. */
  private repaintNow(): void {
    this.isDirty = true;
    this.lastPaintAt = -Infinity;
  }

  private sync(snapshot: PartySnapshot): void {
    this.snapshot = snapshot;
    this.guests = snapshot.guests;
    const isWriting = snapshot.phase === "write";
    const seen = new Set<string>();
    let arrived = 0;
    let submitted = 0;
    for (const guest of this.guests) {
      seen.add(guest.id);
      let token = this.tokens.get(guest.id);
      if (!token) {
        token = new GuestToken(this, guest);
        this.tokens.set(guest.id, token);
        this.tokenLayer.add(token);
        this.bubbleLayer.add(token.bubble);
        arrived++;
        if (!screenModel.isReducedMotion) {
          token.setScale(0.2);
          this.tweens.add({ targets: token, scale: 1, duration: 350, ease: "Back.Out" });
          this.liveUntil = performance.now() + 400;
        }
      }
      token.setGuest(guest, isWriting);
      if (guest.hasSubmitted && !this.submittedIds.has(guest.id)) {
        this.submittedIds.add(guest.id);
        submitted++;
      }
    }
    if (!isWriting) this.submittedIds.clear();
    let thinking = 0;
    let badged = 0;
    for (const token of this.tokens.values()) {
      if (token.isThinking) thinking++;
      if (token.isBadged) badged++;
    }
    screenModel.writingMarks = { thinking, submitted: badged };
    for (const [id, token] of this.tokens) {
      if (!seen.has(id)) {
        token.destroy();
        this.tokens.delete(id);
      }
    }
    if (arrived > 0 && this.seatingKey !== "") screenModel.sound.play("arrive");
    if (submitted > 0 && isWriting) screenModel.sound.play("submit");
    const key = this.guests.map((g) => g.id).join(",");
    if (key !== this.seatingKey) {
      this.seatingKey = key;
      this.seatEveryone();
    }
    this.refreshTexts();
    this.refreshHighlights();
    this.isDirty = true;
  }

  private tablesTexture(): string {
    if (!this.textures.exists(TABLES_TEXTURE)) this.textures.createCanvas(TABLES_TEXTURE, WIDTH, HEIGHT);
    return TABLES_TEXTURE;
  }

  /** Seats everyone and paints the tables once into a bitmap (they only change with seating). */
  private seatEveryone(): void {
    this.layout = layoutParty(this.guests.length, PARTY_AREA);
    const texture = this.textures.get(this.tablesTexture()) as Phaser.Textures.CanvasTexture;
    const ctx = texture.getContext();
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    for (const table of this.layout.tables) {
      ctx.beginPath();
      ctx.arc(table.x, table.y, table.radius, 0, Math.PI * 2);
      ctx.fillStyle = hex(COLOR.table);
      ctx.fill();
      ctx.lineWidth = Math.max(2, table.radius * 0.05);
      ctx.strokeStyle = hex(COLOR.tableRim);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(table.x, table.y, table.radius * 0.45, 0, Math.PI * 2);
      ctx.fillStyle = hex(COLOR.amber, 0.1);
      ctx.fill();
    }
    texture.refresh();
    this.repaintNow();
    this.guests.forEach((guest, i) => {
      const seat = this.layout.seats[i];
      if (!seat) return;
      this.tokens.get(guest.id)?.applyLayout({
        x: seat.x,
        y: seat.y,
        radius: this.layout.avatarRadius,
        fontPx: this.layout.fontPx,
        labelWidth: this.layout.labelWidth,
      });
    });
  }

  private guestAt(x: number, y: number): string | null {
    const reach = Math.max(this.layout.avatarRadius * 1.25, 14);
    let best: string | null = null;
    let bestDistance = reach;
    this.guests.forEach((guest, i) => {
      const seat = this.layout.seats[i];
      if (!seat) return;
      const d = Math.hypot(seat.x - x, seat.y - y);
      if (d <= bestDistance) {
        bestDistance = d;
        best = guest.id;
      }
    });
    return best;
  }

  private refreshTexts(): void {
    const s = this.snapshot;
    if (!s) return;
    const round = `Round ${s.roundNumber}`;
    const playing = this.guests.filter((g) => g.isPlaying);
    const submitted = playing.filter((g) => g.hasSubmitted).length;
    if (s.phase === "brief") {
      this.title.setText(`${round} · Read your secret card`);
      this.legend.setText(`${playing.length} guests are playing this round`);
    } else if (s.phase === "write") {
      this.title.setText(`${round} · Write your guest`);
      this.legend.setText(`${submitted} of ${playing.length} guests have sent their texts  ·  bubble = still writing`);
    } else {
      this.title.setText(`${round} · The reveal`);
      this.legend.setText("Arrow: from the guest who looks to the guest it attends to  ·  thicker = more attention  ·  teal = had what they needed");
    }
  }

  private setCaption(text: string): void {
    if (this.caption.text !== text) this.caption.setText(text);
    screenModel.caption = text;
  }

  private onAttention(): void {
    this.refreshHighlights();
  }

  private onFocus(id: string | null): void {
    this.refreshHighlights();
    this.repaintNow();
    if (id && screenModel.linesDrawn > 0) {
      screenModel.sound.play("focus");
      this.animate(FOCUS_MS);
    }
  }

  /** Grows the current lines from nothing (or shows them at once in reduced motion). */
  private animate(ms: number): void {
    if (screenModel.isReducedMotion || screenModel.linesDrawn === 0) {
      this.animation = null;
      this.lines.render(1);
      screenModel.revealProgress = 1;
      return;
    }
    this.animation = { startedAt: this.time.now, ms };
    screenModel.revealProgress = 0;
    this.lines.render(0);
    this.repaintNow(); // the next frame paints a floor without lines and grows them from 0
  }

  /** Focus, fading, percentages, labels and lines: everything that depends on attention and focus. */
  private refreshHighlights(): void {
    const s = this.snapshot;
    if (!s) return;
    const attention = s.phase === "reveal" ? screenModel.attention : null;
    const focusId = attention ? screenModel.focusedGuestId : null;
    const row = focusId && attention ? attention.guestIds.indexOf(focusId) : -1;
    const weights = new Map<string, number>();
    const matches = new Set<string>();
    if (attention && row >= 0) {
      for (const [col, w] of attention.rows[row] ?? []) weights.set(attention.guestIds[col] ?? "", w);
      for (const col of attention.matches[row] ?? []) matches.add(attention.guestIds[col] ?? "");
    }
    const isPacked = !this.layout.isShowingNames;
    for (const guest of this.guests) {
      const token = this.tokens.get(guest.id);
      if (!token) continue;
      if (row >= 0) {
        const w = weights.get(guest.id);
        const isFocus = guest.id === focusId;
        token.setHalo(isFocus ? "focus" : matches.has(guest.id) ? "match" : null);
        token.setPercent(w !== undefined && !isFocus ? (w < 0.005 ? "<1%" : percent(w)) : null);
        token.setDimmed(isFocus || w !== undefined ? 1 : 0.22);
        token.setBoosted(isPacked && (isFocus || w !== undefined));
      } else {
        token.setBoosted(false);
        token.setHalo(null);
        token.setPercent(null);
        const isWaiting = s.phase === "write" && guest.isPlaying && !guest.hasSubmitted;
        token.setDimmed(!guest.isPlaying ? 0.4 : isWaiting ? 0.75 : 1);
      }
    }
    this.placeAllLabels(row >= 0 ? [focusId!, ...weights.keys()] : [], weights);

    const focused = row >= 0 ? this.guests.find((g) => g.id === focusId) : undefined;
    this.setCaption(captionFor({ phase: s.phase, isWritingOpen: s.isWritingOpen, hasAttention: attention !== null, focusedName: focused?.name ?? null }));
    const positions = new Map<string, Point>();
    this.guests.forEach((g, i) => {
      const seat = this.layout.seats[i];
      if (seat) positions.set(g.id, seat);
    });
    screenModel.linesDrawn = this.lines.set(attention, { positions, avatarRadius: this.layout.avatarRadius, focusedGuestId: row >= 0 ? focusId : null });
    // The rows and the reveal phase arrive separately, in either order: animate once both are here.
    if (attention && attention !== this.animatedRows) {
      this.animatedRows = attention;
      screenModel.sound.play("reveal");
      this.animate(REVEAL_MS);
    } else if (!this.animation) this.lines.render(1);
    this.isDirty = true;
  }

  /**
   * The focused guest's label first (the class must see whose row this is), then the percentages
   * (they carry that row's numbers), then its targets' labels, then everyone else's in seat order
   * while the room has space for names.
   */
  private placeAllLabels(highlighted: string[], weights: Map<string, number>): void {
    const seatOf = new Map(this.guests.map((g, i) => [g.id, this.layout.seats[i]]));
    const isFocused = highlighted.length > 0;
    const avatars = this.guests.flatMap((g) => {
      const seat = seatOf.get(g.id);
      const r = this.layout.avatarRadius;
      // In a focus, faded guests may sit under a label; the highlighted ones may not.
      if (!seat || (isFocused && !highlighted.includes(g.id) && !this.layout.isShowingNames)) return [];
      return [{ id: g.id, x: seat.x - r, y: seat.y - r, width: 2 * r, height: 2 * r }];
    });
    const request = (id: string, variants: Array<{ width: number; height: number }>, outward: number): LabelRequest | null => {
      const seat = seatOf.get(id);
      return seat ? { id, x: seat.x, y: seat.y, radius: this.layout.avatarRadius, variants, outward } : null;
    };
    const isTagWanted = this.layout.isShowingTags || isFocused;
    const labelRequest = (id: string): LabelRequest | null => {
      const token = this.tokens.get(id);
      const seat = seatOf.get(id);
      return token && seat ? request(id, token.labelVariants(isTagWanted), seat.angle) : null;
    };
    const isRequest = (r: LabelRequest | null): r is LabelRequest => r !== null;
    const rectsOf = (placed: Map<string, { rect: Rect } | null>) => [...placed.values()].flatMap((p) => (p ? [{ ...p.rect, id: "" }] : []));

    const focusRequest = [labelRequest(highlighted[0] ?? "")].filter(isRequest);
    let focusLabel = placeLabels(focusRequest, avatars, LABEL_BOUNDS);
    // Whose row this is must show: hemmed in by its highlighted neighbours, the name may cover one.
    if (focusRequest.length > 0 && !focusLabel.get(focusRequest[0]!.id)) focusLabel = placeLabels(focusRequest, [], LABEL_BOUNDS);
    const percentRequests = [...weights.keys()]
      .filter((id) => id !== highlighted[0])
      .map((id) => request(id, [this.tokens.get(id)!.percentSize()], -Math.PI / 2))
      .filter(isRequest);
    const percents = placeLabels(percentRequests, [...avatars, ...rectsOf(focusLabel)], LABEL_BOUNDS);

    const order = [...highlighted.slice(1), ...(this.layout.isShowingNames ? this.guests.map((g) => g.id).filter((id) => !highlighted.includes(id)) : [])];
    const labels = placeLabels(order.map(labelRequest).filter(isRequest), [...avatars, ...rectsOf(focusLabel), ...rectsOf(percents)], LABEL_BOUNDS);
    for (const [id, placement] of focusLabel) labels.set(id, placement);
    for (const [id, token] of this.tokens) {
      token.placeLabel(labels.get(id) ?? null);
      token.placePercent(percents.get(id)?.rect ?? null);
    }
  }

  private boxes(): ScreenBox[] {
    const out: ScreenBox[] = [];
    for (const [id, token] of this.tokens) for (const b of token.visibleBoxes()) out.push({ id, kind: b.kind, ...b.rect, fontPx: b.fontPx });
    for (const [id, text] of [["title", this.title], ["caption", this.caption], ["timer", this.timer], ["legend", this.legend]] as const) {
      if (text.text === "") continue;
      out.push({ id, kind: "text", x: text.x - text.width * text.originX, y: text.y - text.height * text.originY, width: text.width, height: text.height, fontPx: parseFloat(String(text.style.fontSize)) });
    }
    return out;
  }
}
