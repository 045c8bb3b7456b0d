// The party itself (brief, write, reveal): guests around cocktail tables, who has submitted,
// the timer and a one-line caption per phase; after the reveal the attention lines, and a
// click on a guest (here or on the dashboard) focuses its row with percentages.
import Phaser from "phaser";
import type { GuestView } from "../../../shared/roomState.js";
import { percent } from "../../lib/dom.js";
import { formatSeconds } from "../../lib/serverClock.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { AttentionLines, type Point } from "../AttentionLines.js";
import { GuestToken } from "../GuestToken.js";
import { layoutParty, type PartyLayout } from "../partyLayout.js";
import { screenModel } from "../ScreenModel.js";
import { COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";

const PARTY_AREA = { x: 40, y: 190, width: WIDTH - 80, height: HEIGHT - 190 - 70 };

export class PartyScene extends Phaser.Scene {
  private tokens = new Map<string, GuestToken>();
  private guests: GuestView[] = [];
  private layout: PartyLayout = layoutParty(0, PARTY_AREA);
  private seatingKey = "";
  private tablesGraphics!: Phaser.GameObjects.Graphics;
  private lines!: AttentionLines;
  private title!: Phaser.GameObjects.Text;
  private caption!: Phaser.GameObjects.Text;
  private timer!: Phaser.GameObjects.Text;
  private legend!: Phaser.GameObjects.Text;
  private snapshot: PartySnapshot | null = null;
  private unsubscribe: Array<() => void> = [];

  constructor() {
    super("PartyScene");
  }

  create(): void {
    this.tokens = new Map();
    this.seatingKey = "";
    drawBackdrop(this);
    this.title = this.add.text(60, 40, "", textStyle(44, CSS.amber, "bold"));
    this.caption = this.add.text(60, 104, "", { ...textStyle(36), wordWrap: { width: WIDTH - 460 } });
    this.timer = this.add.text(WIDTH - 60, 36, "", textStyle(96, CSS.text, "bold")).setOrigin(1, 0);
    this.legend = this.add.text(WIDTH / 2, HEIGHT - 22, "", { ...textStyle(26, CSS.muted), align: "center" }).setOrigin(0.5, 1);
    this.tablesGraphics = this.add.graphics().setDepth(-2);
    this.lines = new AttentionLines(this);

    // A click on empty floor clears the focus.
    this.input.on("pointerdown", (_p: Phaser.Input.Pointer, over: Phaser.GameObjects.GameObject[]) => {
      if (over.length === 0 && screenModel.focusedGuestId) screenModel.requestFocus(null);
    });
    this.unsubscribe = [
      screenModel.connection.on("state", (s) => this.sync(s)),
      screenModel.events.on("attention", () => this.refreshHighlights()),
      screenModel.events.on("focus", () => this.refreshHighlights()),
    ];
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of this.unsubscribe) off();
      this.unsubscribe = [];
      screenModel.linesDrawn = 0;
    });
    if (screenModel.connection.snapshot) this.sync(screenModel.connection.snapshot);
  }

  override update(): void {
    const s = this.snapshot;
    const left = s?.phase === "write" && s.isWritingOpen ? screenModel.clock.secondsLeft(s.phaseEndsAt) : null;
    const text = left === null ? "" : formatSeconds(left);
    if (this.timer.text !== text) {
      this.timer.setText(text);
      this.timer.setColor(left !== null && left <= 10 ? CSS.danger : CSS.text);
    }
  }

  private sync(snapshot: PartySnapshot): void {
    this.snapshot = snapshot;
    this.guests = snapshot.guests;
    const seen = new Set<string>();
    for (const guest of this.guests) {
      seen.add(guest.id);
      let token = this.tokens.get(guest.id);
      if (!token) {
        token = new GuestToken(this, guest, (id) => screenModel.requestFocus(screenModel.focusedGuestId === id ? null : id));
        this.tokens.set(guest.id, token);
        if (!screenModel.isReducedMotion) {
          token.setScale(0.2);
          this.tweens.add({ targets: token, scale: 1, duration: 350, ease: "Back.Out" });
        }
      }
      token.setGuest(guest, snapshot.phase === "write");
    }
    for (const [id, token] of this.tokens) {
      if (!seen.has(id)) {
        token.destroy();
        this.tokens.delete(id);
      }
    }
    const key = this.guests.map((g) => g.id).join(",");
    if (key !== this.seatingKey) {
      this.seatingKey = key;
      this.seatEveryone();
    }
    this.refreshTexts();
    this.refreshHighlights();
  }

  private seatEveryone(): void {
    this.layout = layoutParty(this.guests.length, PARTY_AREA);
    const g = this.tablesGraphics.clear();
    for (const table of this.layout.tables) {
      g.fillStyle(COLOR.table, 1).fillCircle(table.x, table.y, table.radius);
      g.lineStyle(Math.max(2, table.radius * 0.05), COLOR.tableRim, 1).strokeCircle(table.x, table.y, table.radius);
      g.fillStyle(COLOR.amber, 0.1).fillCircle(table.x, table.y, table.radius * 0.45);
    }
    this.guests.forEach((guest, i) => {
      const seat = this.layout.seats[i];
      if (!seat) return;
      this.tokens.get(guest.id)?.applyLayout({
        x: seat.x,
        y: seat.y,
        radius: this.layout.avatarRadius,
        fontPx: this.layout.fontPx,
        labelWidth: this.layout.labelWidth,
        isShowingName: this.layout.isShowingNames,
        isShowingTag: this.layout.isShowingTags,
      });
    });
  }

  private refreshTexts(): void {
    const s = this.snapshot;
    if (!s) return;
    const round = `Round ${s.roundNumber}`;
    const playing = this.guests.filter((g) => g.isPlaying);
    const submitted = playing.filter((g) => g.hasSubmitted).length;
    if (s.phase === "brief") {
      this.title.setText(`${round} · Read your secret card`);
      this.caption.setText("Each guest has a secret card: something they need, and something they can offer.");
      this.legend.setText(`${playing.length} guests are playing this round`);
    } else if (s.phase === "write") {
      this.title.setText(`${round} · Write your guest`);
      this.caption.setText(
        s.isWritingOpen
          ? "Query = what I need  ·  Name tag = what I can offer  ·  Value = what I hand over"
          : "Writing is closed — the model is about to compute attention.",
      );
      this.legend.setText(`${submitted} of ${playing.length} guests have sent their texts  ✓`);
    } else {
      this.title.setText(`${round} · The reveal`);
      this.legend.setText("Arrow: from the guest who looks to the guest it attends to  ·  thicker = more attention  ·  teal = had what they needed  ·  click a guest");
    }
  }

  /** Focus, fading, percentages and lines: everything that depends on attention and focus. */
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
    for (const guest of this.guests) {
      const token = this.tokens.get(guest.id);
      if (!token) continue;
      if (row >= 0) {
        const w = weights.get(guest.id);
        const isFocus = guest.id === focusId;
        token.setHalo(isFocus ? "focus" : matches.has(guest.id) ? "match" : null);
        token.setPercent(w !== undefined && !isFocus ? (w < 0.005 ? "<1%" : percent(w)) : null);
        token.setDimmed(isFocus || w !== undefined ? 1 : 0.25);
        token.forceLabels(isFocus || w !== undefined);
      } else {
        token.forceLabels(false);
        token.setHalo(null);
        token.setPercent(null);
        const isWaiting = s.phase === "write" && guest.isPlaying && !guest.hasSubmitted;
        token.setDimmed(!guest.isPlaying ? 0.4 : isWaiting ? 0.7 : 1);
      }
    }

    if (s.phase === "reveal") {
      const focused = row >= 0 ? this.guests.find((g) => g.id === focusId) : undefined;
      this.caption.setText(
        !attention
          ? "Computing attention…"
          : focused
            ? `${focused.name}'s query meets every name tag at once — the percentages are its attention.`
            : "Every guest looks at every other guest at once and decides who is relevant right now.",
      );
    }
    const positions = new Map<string, Point>();
    for (const [id, token] of this.tokens) positions.set(id, { x: token.x, y: token.y });
    screenModel.linesDrawn = this.lines.draw(attention, {
      positions,
      avatarRadius: this.layout.avatarRadius,
      focusedGuestId: row >= 0 ? focusId : null,
    });
  }
}
