// Scores and the end of the session: the top 10 with points, this round's gain and rank
// change — each row slides from its old place to its new one, so the class sees who climbed —
// and at the end a podium that rises for the top three beside places 4–10.
import Phaser from "phaser";
import type { GuestView } from "../../../shared/roomState.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { rankChange } from "../../lib/dom.js";
import { captionFor } from "../captions.js";
import { screenModel, type ScreenBox } from "../ScreenModel.js";
import { fitText } from "../sentenceLayout.js";
import { visibleTextBoxes } from "../textBoxes.js";
import { AVATAR_COLORS, COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";
import { pointsText } from "../../lib/points.js";

const TOP = 10;
/** A name wider than its column shrinks to this size before it is cut with "…" (a 20-character nickname fits 410 px at 32 px). */
const NAME_MIN_PX = 32;
/**
 * The podium: block width and gap, heights by place, and where it stands (x of its centre, y of
 * its floor). A name may take its block's width and most of the gap: the neighbours' names stand
 * at other heights, and their blocks' edges stay clear.
 */
const PODIUM = { blockWidth: 320, gap: 40, heights: [460, 340, 250], centreX: 560, floorY: HEIGHT - 130, namePx: 44, nameMinPx: 30 } as const;
/** The list beside the podium (places 4–10). */
const PODIUM_LIST = { x: 1150, width: 710, rowHeight: 78 } as const;
const TREND_COLOR = { up: CSS.teal, down: CSS.danger, same: CSS.muted, new: CSS.muted } as const;
/** How long a row takes to slide from its previous rank to its new one (ms). */
const ROW_MOVE_MS = 1100;

export class LeaderboardScene extends Phaser.Scene {
  private content!: Phaser.GameObjects.Container;
  private signature = "";
  /** Row slides and podium rises still running: the test hook's revealProgress is 0 until they end. */
  private moving = 0;
  private unsubscribe: () => void = () => undefined;

  constructor() {
    super("LeaderboardScene");
  }

  create(): void {
    this.signature = "";
    drawBackdrop(this);
    this.content = this.add.container(0, 0);
    this.unsubscribe = screenModel.connection.on("state", (s) => this.sync(s));
    screenModel.boxes = () => this.boxes();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      screenModel.revealProgress = 1;
      this.unsubscribe();
      screenModel.boxes = () => [];
    });
    if (screenModel.connection.snapshot) this.sync(screenModel.connection.snapshot);
  }

  private sync(snapshot: PartySnapshot): void {
    const ranked = snapshot.guests.filter((g) => g.rank > 0).sort((a, b) => a.rank - b.rank);
    const top = ranked.slice(0, TOP);
    // Redraw only when what is shown changed (connection flickers do not matter here).
    const signature = JSON.stringify([snapshot.phase, snapshot.roundNumber, top.map((g) => [g.id, g.name, g.rank, g.score, g.previousRank, g.lastPoints])]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.content.removeAll(true);
    this.tweens.killAll();
    this.moving = 0;
    screenModel.revealProgress = 1;
    const isFinal = snapshot.phase === "ended";
    screenModel.sound.play(isFinal ? "podium" : "scores");
    const caption = captionFor({ phase: snapshot.phase });
    screenModel.caption = caption;
    this.content.add(this.add.text(WIDTH / 2, HEIGHT - 40, caption, { ...textStyle(30, CSS.muted), align: "center", wordWrap: { width: WIDTH - 200 } }).setOrigin(0.5, 1).setName("caption"));
    this.content.add(this.add.text(WIDTH / 2, 50,  isFinal ? "Final podium" : `Leaderboard · after round ${snapshot.roundNumber}`, textStyle(64, CSS.amber, "bold")).setOrigin(0.5, 0));
    if (top.length === 0) {
      this.content.add(this.add.text(WIDTH / 2, HEIGHT / 2, "No scores yet.", textStyle(48, CSS.muted)).setOrigin(0.5));
      return;
    }
    if (isFinal) {
      this.drawPodium(top.slice(0, 3), top.slice(3));
    } else {
      this.drawRows(top, 360, 160, WIDTH - 720, 80);
    }
  }

  /** `isCompact`: rank, name and total only (the final list beside the podium). */
  private drawRows(guests: GuestView[], x: number, y: number, width: number, rowHeight: number, isCompact = false): void {
    const firstRank = guests[0]?.rank ?? 1;
    // The name gets the row's room between the rank and the numbers on its right (the round's gain and the total);
    // every name in the list at one size, the largest at which the longest fits.
    const nameWidth = isCompact ? width - 110 - 150 : width - 110 - 330 - 150;
    const namePx = this.commonFontPx(guests.map((g) => g.name), 50, nameWidth);
    guests.forEach((g, i) => {
      const rowY = y + i * rowHeight;
      const change = rankChange(g.rank, g.previousRank || null);
      const band = this.add.graphics();
      // Bands alternate by place, and travel with their row.
      band.fillStyle(COLOR.table, i % 2 ? 0.35 : 0.75).fillRoundedRect(x - 20, -6, width + 40, rowHeight - 8, 14);
      const row = this.add.container(0, rowY, [
        band,
        this.add.text(x, 0, `${g.rank}`, textStyle(50, CSS.amber, "bold")),
        this.fittedName(x + 110, 30, g.name, namePx, nameWidth).setOrigin(0, 0.5),
        this.add.text(isCompact ? x + width : x + width - 150, 0, `${Math.round(g.score)}`, textStyle(50, CSS.text, "bold")).setOrigin(1, 0),
      ]);
      this.content.add(row);
      if (!isCompact) {
        row.add([
          this.add.text(x + width - 330, 8, g.lastPoints > 0 ? `+${Math.round(g.lastPoints)}` : "", textStyle(38, CSS.teal)).setOrigin(1, 0),
          this.add.text(x + width, 8, change.text, textStyle(38, TREND_COLOR[change.trend], "bold")).setOrigin(1, 0),
        ]);
      }
      if (screenModel.isReducedMotion || isCompact || !g.previousRank || g.previousRank === g.rank) return;
      // Slide from the old place (from below the list when it was outside it); climbers pass on top.
      const fromY = y + Math.min(guests.length + 0.5, g.previousRank - firstRank) * rowHeight;
      row.setY(fromY).setDepth(change.trend === "up" ? 1 : 0);
      if (g.previousRank - firstRank >= guests.length) row.setAlpha(0);
      this.animate({ targets: row, y: rowY, alpha: 1, duration: ROW_MOVE_MS, delay: 500, ease: "Cubic.InOut" });
    });
  }

  /** A tween counted in `moving`: the hook says the picture stands still once the last one ends. */
  private animate(config: Phaser.Types.Tweens.TweenBuilderConfig): void {
    this.moving++;
    screenModel.revealProgress = 0;
    this.tweens.add({
      ...config,
      onComplete: () => {
        if (--this.moving === 0) screenModel.revealProgress = 1;
      },
    });
  }

  /** The largest size up to `fontPx` (and not below NAME_MIN_PX) at which every name fits `maxWidth` on one line. */
  private commonFontPx(names: string[], fontPx: number, maxWidth: number): number {
    const probe = this.add.text(0, 0, "", textStyle(fontPx, CSS.text, "bold"));
    const widest = Math.max(0, ...names.map((name) => probe.setText(name).width));
    probe.destroy();
    return widest > maxWidth ? Math.max(NAME_MIN_PX, Math.floor((fontPx * maxWidth) / widest)) : fontPx;
  }

  /** A name in one line at `fontPx`, shrunk (down to NAME_MIN_PX) and then cut with "…" to fit `maxWidth`. */
  private fittedName(x: number, y: number, name: string, fontPx: number, maxWidth: number): Phaser.GameObjects.Text {
    const text = this.add.text(x, y, name, textStyle(fontPx, CSS.text, "bold"));
    if (text.width > maxWidth) text.setFontSize(Math.max(NAME_MIN_PX, Math.floor((fontPx * maxWidth) / text.width)));
    if (text.width > maxWidth) text.setText(fitText(name, maxWidth, (s) => (text.setText(s), text.width)));
    return text;
  }

  /** A podium name over its score, on up to two lines (broken at a space) and shrunk to fit `maxWidth`, else cut with "…". */
  private podiumName(x: number, bottom: number, name: string, maxWidth: number): Phaser.GameObjects.Text {
    const text = this.add.text(x, bottom, name, { ...textStyle(PODIUM.namePx, CSS.text, "bold"), align: "center", wordWrap: { width: maxWidth } }).setOrigin(0.5, 1);
    // A single word longer than the line stays one line wider than maxWidth: shrink it.
    if (text.width > maxWidth) text.setFontSize(Math.max(PODIUM.nameMinPx, Math.floor((PODIUM.namePx * maxWidth) / text.width)));
    if (text.width > maxWidth) text.setWordWrapWidth(null).setText(fitText(name, maxWidth, (s) => (text.setText(s), text.width)));
    return text;
  }

  /**
   * The top three on a podium in the left part of the screen — second, first, third from left to
   * right, on one floor, each name over its block — and places 4–10 beside it, centred on the
   * podium's height so both read as one picture.
   */
  private drawPodium(podium: GuestView[], rest: GuestView[]): void {
    const { blockWidth, gap, heights, centreX, floorY } = PODIUM;
    const slots = [
      { place: 1, x: centreX - blockWidth - gap },
      { place: 0, x: centreX },
      { place: 2, x: centreX + blockWidth + gap },
    ];
    const floor = this.add.graphics();
    const floorLeft = centreX - 1.5 * blockWidth - gap - 20;
    floor.fillStyle(COLOR.tableRim, 1).fillRoundedRect(floorLeft, floorY, 2 * (centreX - floorLeft), 10, 5);
    this.content.add(floor);
    for (const slot of slots) {
      const guest = podium[slot.place];
      if (!guest) continue;
      // Height and colour follow the rank, not the slot: guests tied on points stand level.
      const tier = Math.min(2, Math.max(0, (guest.rank || slot.place + 1) - 1));
      const height = heights[tier]!;
      const color = AVATAR_COLORS[tier === 0 ? 0 : tier === 1 ? 6 : 5]!;
      // A plain rectangle growing up from the floor (origin at its bottom edge).
      const block = this.add.rectangle(slot.x, floorY, blockWidth, height, color).setOrigin(0.5, 1);
      const top = floorY - height;
      const place = this.add.text(slot.x, top + 24, `${guest.rank}`, textStyle(110, CSS.ink, "bold")).setOrigin(0.5, 0);
      const score = this.add.text(slot.x, top - 14, pointsText(guest.score, true), textStyle(38, CSS.amber, "bold")).setOrigin(0.5, 1);
      const name = this.podiumName(slot.x, score.y - score.height - 4, guest.name, blockWidth + gap - 8);
      this.content.add([block, place, name, score]);
      if (!screenModel.isReducedMotion) {
        // Third, then second, then first: the winner last.
        const delay = (2 - slot.place) * 700;
        block.setScale(1, 0);
        this.animate({ targets: block, scaleY: 1, duration: 700, delay, ease: "Back.Out" });
        for (const obj of [place, name, score]) {
          obj.setAlpha(0);
          this.animate({ targets: obj, alpha: 1, duration: 400, delay: delay + 500 });
        }
      }
    }
    const podiumTop = floorY - heights[0]! - 160;
    const listHeight = rest.length * PODIUM_LIST.rowHeight;
    this.drawRows(rest, PODIUM_LIST.x, (podiumTop + floorY - listHeight) / 2, PODIUM_LIST.width, PODIUM_LIST.rowHeight, true);
  }

  /** Every text on screen, in scene pixels (rows included), for the overlap checks. */
  private boxes(): ScreenBox[] {
    return visibleTextBoxes(this.content.list);
  }
}
