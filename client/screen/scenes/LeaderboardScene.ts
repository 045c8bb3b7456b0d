// Scores and the end of the session: the top 10 with points, this round's gain and rank
// change — each row slides from its old place to its new one, so the class sees who climbed —
// and at the end a podium that rises for the top three beside places 4–10.
import Phaser from "phaser";
import type { GuestView } from "../../../shared/roomState.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { rankChange } from "../../lib/dom.js";
import { captionFor } from "../captions.js";
import { screenModel, type ScreenBox } from "../ScreenModel.js";
import { AVATAR_COLORS, COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";

const TOP = 10;

function shortName(name: string): string {
  const chars = Array.from(name);
  return chars.length > 14 ? `${chars.slice(0, 13).join("")}…` : name;
}
const TREND_COLOR = { up: CSS.teal, down: CSS.danger, same: CSS.muted, new: CSS.muted } as const;
/** How long a row takes to slide from its previous rank to its new one (ms). */
const ROW_MOVE_MS = 1100;

export class LeaderboardScene extends Phaser.Scene {
  private content!: Phaser.GameObjects.Container;
  private signature = "";
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
      this.drawPodium(top.slice(0, 3));
      this.drawRows(top.slice(3), 1120, 200, 700, 78, true);
    } else {
      this.drawRows(top, 360, 160, WIDTH - 720, 80);
    }
  }

  /** `isCompact`: rank, name and total only (the final list beside the podium). */
  private drawRows(guests: GuestView[], x: number, y: number, width: number, rowHeight: number, isCompact = false): void {
    const firstRank = guests[0]?.rank ?? 1;
    guests.forEach((g, i) => {
      const rowY = y + i * rowHeight;
      const change = rankChange(g.rank, g.previousRank || null);
      const band = this.add.graphics();
      // Bands alternate by place, and travel with their row.
      band.fillStyle(COLOR.table, i % 2 ? 0.35 : 0.75).fillRoundedRect(x - 20, -6, width + 40, rowHeight - 8, 14);
      const row = this.add.container(0, rowY, [
        band,
        this.add.text(x, 0, `${g.rank}`, textStyle(50, CSS.amber, "bold")),
        this.add.text(x + 110, 0, shortName(g.name), textStyle(50, CSS.text, "bold")),
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
      this.tweens.add({ targets: row, y: rowY, alpha: 1, duration: ROW_MOVE_MS, delay: 500, ease: "Cubic.InOut" });
    });
  }

  private drawPodium(podium: GuestView[]): void {
    // Second, first, third from left to right, as on a real podium.
    const slots = [
      { place: 1, x: 300, height: 300 },
      { place: 0, x: 560, height: 420 },
      { place: 2, x: 820, height: 220 },
    ];
    const baseY = HEIGHT - 120;
    for (const slot of slots) {
      const guest = podium[slot.place];
      if (!guest) continue;
      const color = AVATAR_COLORS[slot.place === 0 ? 0 : slot.place === 1 ? 6 : 5]!;
      // A plain rectangle growing up from the floor (origin at its bottom edge).
      const block = this.add.rectangle(slot.x, baseY, 240, slot.height, color).setOrigin(0.5, 1);
      const place = this.add.text(slot.x, baseY - slot.height + 24, `${guest.rank}`, textStyle(110, CSS.ink, "bold")).setOrigin(0.5, 0);
      const name = this.add.text(slot.x, baseY - slot.height - 110, shortName(guest.name), textStyle(48, CSS.text, "bold")).setOrigin(0.5, 0);
      // One line, shrunk to its column, so it never runs into the score or a neighbour.
      if (name.width > 250) name.setScale(250 / name.width);
      const score = this.add.text(slot.x, baseY - slot.height - 50, `${Math.round(guest.score)} pts`, textStyle(38, CSS.amber, "bold")).setOrigin(0.5, 0);
      this.content.add([block, place, name, score]);
      if (!screenModel.isReducedMotion) {
        // Third, then second, then first: the winner last.
        const delay = (2 - slot.place) * 700;
        block.setScale(1, 0);
        this.tweens.add({ targets: block, scaleY: 1, duration: 700, delay, ease: "Back.Out" });
        for (const obj of [place, name, score]) {
          obj.setAlpha(0);
          this.tweens.add({ targets: obj, alpha: 1, duration: 400, delay: delay + 500 });
        }
      }
    }
  }

  /** Every text on screen, in scene pixels (rows included), for the overlap checks. */
  private boxes(): ScreenBox[] {
    const out: ScreenBox[] = [];
    const visit = (obj: Phaser.GameObjects.GameObject) => {
      if (obj instanceof Phaser.GameObjects.Container) obj.list.forEach(visit);
      else if (obj instanceof Phaser.GameObjects.Text && obj.text !== "" && obj.visible) {
        const b = obj.getBounds();
        out.push({ id: obj.name || obj.text, kind: "text", x: b.x, y: b.y, width: b.width, height: b.height, fontPx: parseFloat(String(obj.style.fontSize)) });
      }
    };
    this.content.list.forEach(visit);
    return out;
  }
}
