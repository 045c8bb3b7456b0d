// One guest on the projector: a round avatar in the guest's colour with its initial, its name
// and (after the reveal) its name tag, a ✓ badge once it has submitted, and a percentage when
// another guest's attention row is in focus. Clicking it asks for focus.
import Phaser from "phaser";
import type { GuestView } from "../../shared/roomState.js";
import { AVATAR_COLORS, COLOR, CSS, textStyle } from "./theme.js";

export interface TokenLayout {
  x: number;
  y: number;
  radius: number;
  fontPx: number;
  labelWidth: number;
  isShowingName: boolean;
  isShowingTag: boolean;
}

function ellipsize(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join("")}…` : text;
}

export class GuestToken extends Phaser.GameObjects.Container {
  readonly guestId: string;
  private readonly halo: Phaser.GameObjects.Arc;
  private readonly avatar: Phaser.GameObjects.Arc;
  private readonly initial: Phaser.GameObjects.Text;
  private readonly badge: Phaser.GameObjects.Text;
  private readonly nameLabel: Phaser.GameObjects.Text;
  private readonly tagLabel: Phaser.GameObjects.Text;
  private readonly percentLabel: Phaser.GameObjects.Text;
  private layoutRadius = 0;
  private layoutFontPx = 20;
  private layoutLabelWidth = 120;
  private isShowingName = true;
  private isShowingTag = false;
  /** Labels forced on (focused row in a packed room). */
  private isLabelForced = false;

  constructor(scene: Phaser.Scene, guest: GuestView, onClick: (guestId: string) => void) {
    super(scene, 0, 0);
    this.guestId = guest.id;
    const color = AVATAR_COLORS[Math.abs(guest.seat) % AVATAR_COLORS.length]!;
    this.halo = scene.add.circle(0, 0, 10, COLOR.teal, 0);
    this.avatar = scene.add.circle(0, 0, 10, color, 1);
    this.initial = scene.add.text(0, 0, "", textStyle(20, CSS.ink, "bold")).setOrigin(0.5);
    this.badge = scene.add.text(0, 0, "✓", textStyle(16, CSS.ink, "bold")).setOrigin(0.5).setBackgroundColor(CSS.teal).setPadding(4, 0, 4, 0);
    // Dark outlines keep labels readable where attention lines run underneath.
    this.nameLabel = scene.add.text(0, 0, "", { ...textStyle(20, CSS.text, "bold"), align: "center" }).setOrigin(0.5, 0).setStroke("#0d1430", 5);
    this.tagLabel = scene.add.text(0, 0, "", { ...textStyle(16, CSS.pink), align: "center" }).setOrigin(0.5, 0).setStroke("#0d1430", 5);
    this.percentLabel = scene.add.text(0, 0, "", textStyle(24, CSS.amber, "bold")).setOrigin(0.5, 1).setStroke("#0d1430", 6);
    this.add([this.halo, this.avatar, this.initial, this.badge, this.nameLabel, this.tagLabel, this.percentLabel]);
    this.avatar.on("pointerdown", () => onClick(this.guestId));
    scene.add.existing(this);
    this.setGuest(guest);
  }

  /** Name, tag, submitted ✓ (shown while writing only) and presence, from the room state. */
  setGuest(guest: GuestView, isWriting = false): void {
    this.initial.setText(Array.from(guest.name.trim())[0]?.toUpperCase() ?? "?");
    this.nameLabel.setText(ellipsize(guest.name, 16));
    this.tagLabel.setText(guest.nameTag ? `“${ellipsize(guest.nameTag, 34)}”` : "");
    this.refreshLabels();
    this.badge.setVisible(isWriting && guest.hasSubmitted && guest.isPlaying);
    this.avatar.setStrokeStyle(Math.max(2, this.layoutRadius * 0.08), guest.connection === "online" ? COLOR.avatarRing : COLOR.muted, guest.connection === "online" ? 0.9 : 0.4);
    this.avatar.setAlpha(guest.connection === "gone" ? 0.35 : 1);
  }

  applyLayout(layout: TokenLayout): void {
    this.setPosition(layout.x, layout.y);
    const r = layout.radius;
    this.layoutRadius = r;
    this.isShowingName = layout.isShowingName;
    this.isShowingTag = layout.isShowingTag;
    this.halo.setRadius(r * 1.28);
    this.avatar.setRadius(r);
    this.avatar.removeInteractive();
    // Shapes take hit areas in their own top-left-based coordinates: the centre is (r, r).
    this.avatar.setInteractive({ hitArea: new Phaser.Geom.Circle(r, r, r * 1.2), hitAreaCallback: Phaser.Geom.Circle.Contains, useHandCursor: true });
    this.layoutFontPx = layout.fontPx;
    this.layoutLabelWidth = layout.labelWidth;
    this.initial.setFontSize(Math.round(r * 0.95));
    this.badge.setFontSize(Math.max(12, Math.round(r * 0.42))).setPosition(r * 0.78, -r * 0.78);
    this.sizeLabels();
    this.percentLabel.setFontSize(Math.max(16, Math.round(layout.fontPx * 1.05))).setPosition(0, -r * 1.3);
    this.refreshLabels();
  }

  /** Shows name and tag even where the layout has no room for them (focused row). */
  forceLabels(isForced: boolean): void {
    if (isForced === this.isLabelForced) return;
    this.isLabelForced = isForced;
    this.sizeLabels();
    this.refreshLabels();
    // Forced labels must sit above the neighbours they overlap.
    this.setDepth(isForced ? 1 : 0);
  }

  /** Layout size, or readable-from-the-back size when forced on in a packed room. */
  private sizeLabels(): void {
    const isBoosted = this.isLabelForced && !this.isShowingTag;
    const fontPx = isBoosted ? Math.max(this.layoutFontPx, 22) : this.layoutFontPx;
    const width = isBoosted ? Math.max(this.layoutLabelWidth, 300) : this.layoutLabelWidth;
    const r = this.layoutRadius;
    this.nameLabel.setFontSize(Math.round(fontPx)).setWordWrapWidth(width).setPosition(0, r + 4);
    this.tagLabel.setFontSize(Math.round(fontPx * 0.8)).setWordWrapWidth(width).setPosition(0, r + 6 + this.nameLabel.height);
  }

  private refreshLabels(): void {
    this.nameLabel.setVisible(this.isShowingName || this.isLabelForced);
    this.tagLabel.setVisible((this.isShowingTag || this.isLabelForced) && this.tagLabel.text !== "");
  }

  /** Highlights: focused guest (amber halo), a match (teal halo), or none. */
  setHalo(kind: "focus" | "match" | null): void {
    if (kind === null) this.halo.setFillStyle(COLOR.teal, 0);
    else this.halo.setFillStyle(kind === "focus" ? COLOR.amber : COLOR.teal, 0.45);
  }

  /** "34%" over the avatar while a row is focused; null hides it. */
  setPercent(label: string | null): void {
    this.percentLabel.setText(label ?? "").setVisible(label !== null);
  }

  /** Submitted / not-playing look during writing, faded look when another row is in focus. */
  setDimmed(alpha: number): void {
    this.setAlpha(alpha);
  }
}
