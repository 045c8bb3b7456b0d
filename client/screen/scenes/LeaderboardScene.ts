// Scores and the end of the session: the top 10 with points, this round's gain and rank
// change; at the end a podium for the top three beside places 4–10.
import Phaser from "phaser";
import type { GuestView } from "../../../shared/roomState.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { rankChange } from "../../lib/dom.js";
import { screenModel } from "../ScreenModel.js";
import { AVATAR_COLORS, COLOR, CSS, HEIGHT, WIDTH, drawBackdrop, textStyle } from "../theme.js";

const TOP = 10;

function shortName(name: string): string {
  const chars = Array.from(name);
  return chars.length > 14 ? `${chars.slice(0, 13).join("")}…` : name;
}
const TREND_COLOR = { up: CSS.teal, down: CSS.danger, same: CSS.muted, new: CSS.muted } as const;

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
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.unsubscribe());
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
    this.content.add(this.add.text(WIDTH / 2, 50,  isFinal ? "Final podium" : `Leaderboard · after round ${snapshot.roundNumber}`, textStyle(64, CSS.amber, "bold")).setOrigin(0.5, 0));
    if (top.length === 0) {
      this.content.add(this.add.text(WIDTH / 2, HEIGHT / 2, "No scores yet.", textStyle(48, CSS.muted)).setOrigin(0.5));
      return;
    }
    if (isFinal) {
      this.drawPodium(top.slice(0, 3));
      this.drawRows(top.slice(3), 1120, 200, 700, 78, true);
      this.content.add(this.add.text(WIDTH / 2, HEIGHT - 40, "Thanks for coming to the party! Attention = every word asks, every word answers.", textStyle(32, CSS.muted)).setOrigin(0.5, 1));
    } else {
      this.drawRows(top, 360, 170, WIDTH - 720, 84);
    }
  }

  /** `isCompact`: rank, name and total only (the final list beside the podium). */
  private drawRows(guests: GuestView[], x: number, y: number, width: number, rowHeight: number, isCompact = false): void {
    guests.forEach((g, i) => {
      const rowY = y + i * rowHeight;
      const change = rankChange(g.rank, g.previousRank || null);
      const band = this.add.graphics();
      band.fillStyle(i % 2 ? COLOR.bg : COLOR.table, i % 2 ? 0 : 0.75).fillRoundedRect(x - 20, rowY - 6, width + 40, rowHeight - 8, 14);
      this.content.add([
        band,
        this.add.text(x, rowY, `${g.rank}`, textStyle(50, CSS.amber, "bold")),
        this.add.text(x + 110, rowY, shortName(g.name), textStyle(50, CSS.text, "bold")),
        this.add.text(isCompact ? x + width : x + width - 150, rowY, `${Math.round(g.score)}`, textStyle(50, CSS.text, "bold")).setOrigin(1, 0),
      ]);
      if (isCompact) return;
      this.content.add([
        this.add.text(x + width - 330, rowY + 8, g.lastPoints > 0 ? `+${Math.round(g.lastPoints)}` : "", textStyle(38, CSS.teal)).setOrigin(1, 0),
        this.add.text(x + width, rowY + 8, change.text, textStyle(38, TREND_COLOR[change.trend], "bold")).setOrigin(1, 0),
      ]);
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
      const block = this.add.graphics();
      block.fillStyle(color, 1).fillRoundedRect(slot.x - 120, baseY - slot.height, 240, slot.height, 18);
      const place = this.add.text(slot.x, baseY - slot.height + 24, `${guest.rank}`, textStyle(110, CSS.ink, "bold")).setOrigin(0.5, 0);
      const name = this.add.text(slot.x, baseY - slot.height - 110, shortName(guest.name), { ...textStyle(48, CSS.text, "bold"), align: "center", wordWrap: { width: 280 } }).setOrigin(0.5, 0);
      const score = this.add.text(slot.x, baseY - slot.height - 50, `${Math.round(guest.score)} pts`, textStyle(38, CSS.amber, "bold")).setOrigin(0.5, 0);
      this.content.add([block, place, name, score]);
      if (!screenModel.isReducedMotion) {
        for (const obj of [block, place, name, score]) {
          obj.setAlpha(0);
          this.tweens.add({ targets: obj, alpha: 1, duration: 600, delay: (2 - slot.place) * 450 });
        }
      }
    }
  }
}
