// The projector before the first round: the huge join code, the join link, the QR code, and
// the names of guests popping in as they join, with the running count and the round to come.
import Phaser from "phaser";
import type { GuestView } from "../../../shared/roomState.js";
import { joinLinkForDisplay, loadJoinOrigin } from "../../net/endpoint.js";
import { qrCodeUrl } from "../../net/partyApi.js";
import type { PartySnapshot } from "../../net/partySnapshot.js";
import { ROUND_TITLES, type RoundType } from "../../../shared/rounds.js";
import { captionFor } from "../captions.js";
import { screenModel, type ScreenBox } from "../ScreenModel.js";
import { AVATAR_COLORS, CSS, WIDTH, drawBackdrop, drawGlass, textStyle } from "../theme.js";

const QR_SIZE = 470;
/** Names shown at once; the newest arrivals win, the rest are counted. */
const MAX_NAMES = 36;
const NAME_AREA = { x: 80, y: 780, width: WIDTH - 160, height: 270 };

export class LobbyScene extends Phaser.Scene {
  private nameChips = new Map<string, Phaser.GameObjects.Text>();
  private count!: Phaser.GameObjects.Text;
  private more!: Phaser.GameObjects.Text;
  private nextRound!: Phaser.GameObjects.Text;
  private texts: Phaser.GameObjects.Text[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor() {
    super("LobbyScene");
  }

  preload(): void {
    const key = this.qrKey();
    if (!this.textures.exists(key)) this.load.svg(key, qrCodeUrl(screenModel.code), { width: QR_SIZE, height: QR_SIZE });
  }

  create(): void {
    this.nameChips = new Map();
    drawBackdrop(this);
    drawGlass(this, 104, 88, 30);
    this.add.text(150, 60, "Cocktail Party", textStyle(48, CSS.amber, "bold"));
    const caption = captionFor({ phase: "lobby" });
    screenModel.caption = caption;
    this.texts = [this.add.text(80, 130, caption, textStyle(34, CSS.muted))];

    this.add.text(80, 230, "Join at", textStyle(40, CSS.muted));
    const link = this.add.text(80, 280, joinLinkForDisplay(screenModel.code), textStyle(60, CSS.text, "bold"));
    const linkRoom = WIDTH - QR_SIZE - 260; // up to the QR code's frame
    const fitLink = () => link.setScale(Math.min(1, linkRoom / link.width));
    fitLink();
    // The server may say phones join elsewhere (this page opened at localhost: its network address).
    void loadJoinOrigin().then(() => {
      if (!link.active) return;
      link.setText(joinLinkForDisplay(screenModel.code));
      fitLink();
    });
    this.add.text(80, 380, "with code", textStyle(40, CSS.muted));
    this.add.text(72, 420, screenModel.code, textStyle(210, CSS.amber, "bold")).setLetterSpacing(24);

    const qrX = WIDTH - 80 - QR_SIZE / 2;
    const qrY = 120 + QR_SIZE / 2;
    const frame = this.add.graphics();
    frame.fillStyle(0xffffff, 1).fillRoundedRect(qrX - QR_SIZE / 2 - 18, qrY - QR_SIZE / 2 - 18, QR_SIZE + 36, QR_SIZE + 36, 24);
    if (this.textures.exists(this.qrKey())) this.add.image(qrX, qrY, this.qrKey()).setDisplaySize(QR_SIZE, QR_SIZE);
    else this.add.text(qrX, qrY, "QR code\nunavailable", { ...textStyle(36, CSS.ink, "bold"), align: "center" }).setOrigin(0.5);
    this.add.text(qrX, qrY + QR_SIZE / 2 + 40, "Scan to join", textStyle(34, CSS.muted)).setOrigin(0.5, 0);

    this.count = this.add.text(80, 710, "", textStyle(40, CSS.teal, "bold"));
    this.nextRound = this.add.text(WIDTH / 2, 714, "", textStyle(32, CSS.amber)).setOrigin(0.5, 0);
    this.more = this.add.text(WIDTH - 80, 714, "", textStyle(32, CSS.muted)).setOrigin(1, 0);
    this.texts.push(this.count, this.nextRound, this.more);
    this.unsubscribe = screenModel.connection.on("state", (s) => this.sync(s));
    screenModel.boxes = () => this.boxes();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.unsubscribe();
      screenModel.boxes = () => [];
    });
    if (screenModel.connection.snapshot) this.sync(screenModel.connection.snapshot);
  }

  private qrKey(): string {
    return `qr-${screenModel.code}`;
  }

  private sync(snapshot: PartySnapshot): void {
    const guests = snapshot.guests.filter((g) => g.connection !== "gone");
    this.count.setText(guests.length === 0 ? "Waiting for the first guest…" : `${guests.length} ${guests.length === 1 ? "guest has" : "guests have"} arrived`);
    const title = ROUND_TITLES[snapshot.roundType as RoundType] ?? ROUND_TITLES.party;
    this.nextRound.setText(`Next: round ${snapshot.roundNumber + 1} · ${title}`);
    const shown = guests.slice(-MAX_NAMES);
    this.more.setText(guests.length > shown.length ? `+ ${guests.length - shown.length} more` : "");
    const keep = new Set(shown.map((g) => g.id));
    for (const [id, chip] of this.nameChips) {
      if (!keep.has(id)) {
        chip.destroy();
        this.nameChips.delete(id);
      }
    }
    let arrived = 0;
    for (const guest of shown) {
      if (this.nameChips.has(guest.id)) continue;
      this.nameChips.set(guest.id, this.makeChip(guest));
      arrived++;
    }
    if (arrived > 0) screenModel.sound.play("arrive");
    this.flowChips(shown);
  }

  private makeChip(guest: GuestView): Phaser.GameObjects.Text {
    const color = AVATAR_COLORS[Math.abs(guest.seat) % AVATAR_COLORS.length]!;
    const chip = this.add
      .text(0, 0, guest.name, textStyle(34, CSS.ink, "bold"))
      .setBackgroundColor(`#${color.toString(16).padStart(6, "0")}`)
      .setPadding(22, 8, 22, 8);
    if (!screenModel.isReducedMotion) {
      chip.setAlpha(0).setScale(0.6);
      this.tweens.add({ targets: chip, alpha: 1, scale: 1, duration: 400, ease: "Back.Out" });
    }
    return chip;
  }

  /** Lays the chips out left to right, wrapping like words in a paragraph. */
  private flowChips(guests: GuestView[]): void {
    const gap = 16;
    let x = NAME_AREA.x;
    let y = NAME_AREA.y;
    for (const guest of guests) {
      const chip = this.nameChips.get(guest.id);
      if (!chip) continue;
      if (x + chip.width > NAME_AREA.x + NAME_AREA.width) {
        x = NAME_AREA.x;
        y += chip.height + gap;
      }
      chip.setPosition(x, y).setVisible(y + chip.height <= NAME_AREA.y + NAME_AREA.height);
      x += chip.width + gap;
    }
  }

  private boxes(): ScreenBox[] {
    const visible = [...this.texts, ...[...this.nameChips.values()].filter((c) => c.visible)].filter((t) => t.text !== "");
    return visible.map((t) => {
      const b = t.getBounds();
      return { id: t.text, kind: "text" as const, x: b.x, y: b.y, width: b.width, height: b.height, fontPx: parseFloat(String(t.style.fontSize)) };
    });
  }
}
