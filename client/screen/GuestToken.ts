// One guest on the projector: its avatar (a shared bitmap in the guest's colour with its
// initial), a ✓ badge once it has submitted or a "thinking" bubble while it writes,
// its name and (after the reveal) its name tag, and a percentage when another guest's row is in
// focus. Where the labels go is decided by the scene (labelPlacement.ts), so they never overlap.
// Tokens are not on the display list: the scene paints them into one bitmap when they change
// with the thinking bubbles, so a frame costs one image draw however many guests there are.
import Phaser from "phaser";
import type { GuestView } from "../../shared/roomState.js";
import { avatarTexture, badgeTexture, haloTexture, thinkingTexture } from "./guestTextures.js";
import type { LabelPlacement, Rect } from "./labelPlacement.js";
import { CSS, textStyle } from "./theme.js";

export interface TokenLayout {
  x: number;
  y: number;
  radius: number;
  fontPx: number;
  labelWidth: number;
}

/** Label sizes when a packed room shows one row's labels: big enough for the back row. */
export const BOOSTED_NAME_PX = 28;
const PERCENT_MIN_PX = 26;
/** Dark outline: labels stay readable where attention lines run underneath. */
const OUTLINE = "#0d1430";

function ellipsize(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join("")}…` : text;
}

export class GuestToken extends Phaser.GameObjects.Container {
  readonly guestId: string;
  private readonly halo: Phaser.GameObjects.Image;
  private readonly avatar: Phaser.GameObjects.Image;
  private readonly badge: Phaser.GameObjects.Image;
  /** Lives outside the token (painted after every guest, so no neighbour covers it). */
  readonly bubble: Phaser.GameObjects.Image;
  /**
   * Name, tag and percentage texts, made on first use: a Text re-renders its own canvas on every
   * setText / font change (~0.5 ms with the outline), and a packed room of 300 shows none of
   * them until a focus, so eager texts cost ~2,000 re-renders at seating and ~300 at the reveal
   * (a 200 ms frame) for nothing. The wanted strings and sizes are kept here and applied when a
   * label is measured or shown.
   */
  private labels: { name: Phaser.GameObjects.Text; tag: Phaser.GameObjects.Text; percent: Phaser.GameObjects.Text } | null = null;
  private nameText = "";
  private tagText = "";
  private percentText = "";
  /** What the texts last got: "" forces the first sync. */
  private appliedStyle = "";
  private guest: GuestView;
  private radius = 10;
  private fontPx = 20;
  private labelWidth = 120;
  private isBoosted = false;

  constructor(scene: Phaser.Scene, guest: GuestView) {
    super(scene, 0, 0);
    this.guestId = guest.id;
    this.guest = guest;
    this.halo = scene.add.image(0, 0, "__DEFAULT").setVisible(false);
    this.avatar = scene.add.image(0, 0, "__DEFAULT");
    this.badge = scene.add.image(0, 0, "__DEFAULT").setVisible(false);
    this.bubble = new Phaser.GameObjects.Image(scene, 0, 0, "__DEFAULT").setOrigin(0, 1).setVisible(false);
    this.add([this.halo, this.avatar, this.badge]);
  }

  /** The label texts with the wanted strings and sizes (made and re-rendered only when used). */
  private syncLabels(): { name: Phaser.GameObjects.Text; tag: Phaser.GameObjects.Text; percent: Phaser.GameObjects.Text } {
    const fontPx = this.isBoosted ? Math.max(this.fontPx, BOOSTED_NAME_PX) : this.fontPx;
    const width = this.isBoosted ? Math.max(this.labelWidth, 320) : this.labelWidth;
    const nameStyle = { ...textStyle(Math.round(fontPx), CSS.text, "bold"), align: "center" };
    const tagStyle = { ...textStyle(Math.round(Math.max(18, fontPx * 0.82)), CSS.pink), align: "center", wordWrap: { width } };
    const percentStyle = textStyle(Math.max(PERCENT_MIN_PX, Math.round(fontPx * 1.1)), CSS.amber, "bold");
    if (!this.labels) {
      // Made with their final style and text: one render each instead of one per setter.
      const make = (text: string, style: Phaser.Types.GameObjects.Text.TextStyle, outline: number) =>
        new Phaser.GameObjects.Text(this.scene, 0, 0, text, { ...style, stroke: OUTLINE, strokeThickness: outline }).setOrigin(0.5, 0).setVisible(false);
      this.labels = { name: make(this.nameText, nameStyle, 5), tag: make(this.tagText, tagStyle, 5), percent: make(this.percentText, percentStyle, 6) };
      this.add([this.labels.name, this.labels.tag, this.labels.percent]);
      this.appliedStyle = `${fontPx}:${width}`;
    } else if (this.appliedStyle !== `${fontPx}:${width}`) {
      this.appliedStyle = `${fontPx}:${width}`;
      this.labels.name.setFontSize(nameStyle.fontSize!);
      this.labels.tag.setFontSize(tagStyle.fontSize!).setWordWrapWidth(width);
      this.labels.percent.setFontSize(percentStyle.fontSize!);
    }
    // setText skips an unchanged string.
    this.labels.name.setText(this.nameText);
    this.labels.tag.setText(this.tagText);
    this.labels.percent.setText(this.percentText);
    return this.labels;
  }

  get avatarRadius(): number {
    return this.radius;
  }

  get isThinking(): boolean {
    return this.bubble.visible;
  }

  get isBadged(): boolean {
    return this.badge.visible;
  }

  /** Name, tag, submitted ✓ or thinking (while writing only) and presence, from the room state. */
  setGuest(guest: GuestView, isWriting: boolean): void {
    this.guest = guest;
    this.refreshAvatar();
    this.nameText = ellipsize(guest.name, 16);
    this.tagText = guest.nameTag ? `“${ellipsize(guest.nameTag, 34)}”` : "";
    // Shown labels follow at once; hidden ones wait until they are measured or shown.
    if (this.labels?.name.visible || this.labels?.tag.visible) this.syncLabels();
    const isWaiting = isWriting && guest.isPlaying && !guest.hasSubmitted && guest.connection !== "gone";
    this.badge.setVisible(isWriting && guest.isPlaying && guest.hasSubmitted);
    this.bubble.setVisible(isWaiting);
    this.avatar.setAlpha(guest.connection === "gone" ? 0.35 : 1);
  }

  applyLayout(layout: TokenLayout): void {
    this.setPosition(layout.x, layout.y);
    this.radius = layout.radius;
    this.fontPx = layout.fontPx;
    this.labelWidth = layout.labelWidth;
    const r = layout.radius;
    this.refreshAvatar();
    this.badge.setTexture(badgeTexture(this.scene, r)).setPosition(r * 0.78, -r * 0.78);
    this.bubble.setTexture(thinkingTexture(this.scene, r)).setPosition(layout.x + r * 0.55, layout.y - r * 0.6);
    this.sizeLabels();
  }

  private refreshAvatar(): void {
    const letter = Array.from(this.guest.name.trim())[0]?.toUpperCase() ?? "?";
    this.avatar.setTexture(avatarTexture(this.scene, this.guest.seat, letter, this.radius, this.guest.connection !== "reconnecting" && this.guest.connection !== "gone"));
  }

  /** Layout sizes, or back-row sizes while a packed room shows this guest's labels for a focus. */
  setBoosted(isBoosted: boolean): void {
    if (isBoosted === this.isBoosted) return;
    this.isBoosted = isBoosted;
    this.sizeLabels();
  }

  /** Shown labels take a new size at once; hidden ones when next measured. */
  private sizeLabels(): void {
    if (this.labels?.name.visible || this.labels?.tag.visible || this.labels?.percent.visible) this.syncLabels();
  }

  /** Sizes worth trying for the label: name + tag (when there is a tag), then the name alone. */
  labelVariants(isTagWanted: boolean): Array<{ width: number; height: number }> {
    const labels = this.syncLabels();
    const name = { width: labels.name.width, height: labels.name.height };
    if (!isTagWanted || this.tagText === "") return [name];
    return [{ width: Math.max(name.width, labels.tag.width), height: name.height + 2 + labels.tag.height }, name];
  }

  percentSize(): { width: number; height: number } {
    const { percent } = this.syncLabels();
    return { width: percent.width, height: percent.height };
  }

  /** Puts the label where the scene placed it (null hides it); variant 1 drops the tag. */
  placeLabel(placement: LabelPlacement | null): void {
    if (!placement) {
      this.labels?.name.setVisible(false);
      this.labels?.tag.setVisible(false);
      return;
    }
    const { name, tag } = this.syncLabels();
    name.setVisible(true);
    tag.setVisible(placement.variant === 0 && this.tagText !== "");
    const cx = placement.rect.x + placement.rect.width / 2 - this.x;
    const top = placement.rect.y - this.y;
    name.setPosition(cx, top);
    tag.setPosition(cx, top + name.height + 2);
  }

  /** "34%" at the given spot while a row is focused; null hides it. */
  setPercent(label: string | null): void {
    this.percentText = label ?? "";
    if (label !== null) this.syncLabels().percent.setVisible(true);
    else this.labels?.percent.setVisible(false);
  }

  placePercent(rect: Rect | null): void {
    if (!rect) {
      this.labels?.percent.setVisible(false);
      return;
    }
    this.syncLabels().percent.setPosition(rect.x + rect.width / 2 - this.x, rect.y - this.y);
  }

  /** Highlights: focused guest (amber halo), a match (teal halo), or none. */
  setHalo(kind: "focus" | "match" | null): void {
    this.halo.setVisible(kind !== null);
    if (kind) this.halo.setTexture(haloTexture(this.scene, this.radius, kind));
  }

  /** Not-playing look during writing, faded look when another row is in focus. */
  setDimmed(alpha: number): void {
    this.setAlpha(alpha);
  }

  override destroy(fromScene?: boolean): void {
    this.bubble.destroy();
    super.destroy(fromScene);
  }

  /** Visible name, tag and percentage boxes and the avatar's, in scene pixels (test hook). */
  visibleBoxes(): Array<{ kind: "name" | "tag" | "percent" | "avatar"; rect: Rect; fontPx: number }> {
    const out: Array<{ kind: "name" | "tag" | "percent" | "avatar"; rect: Rect; fontPx: number }> = [];
    const r = this.radius;
    out.push({ kind: "avatar", rect: { x: this.x - r, y: this.y - r, width: 2 * r, height: 2 * r }, fontPx: 0 });
    if (!this.labels) return out;
    for (const [kind, text] of [["name", this.labels.name], ["tag", this.labels.tag], ["percent", this.labels.percent]] as const) {
      if (!text.visible || text.text === "") continue;
      const left = this.x + text.x - text.width * text.originX;
      const top = this.y + text.y - text.height * text.originY;
      out.push({ kind, rect: { x: left, y: top, width: text.width, height: text.height }, fontPx: parseFloat(String(text.style.fontSize)) });
    }
    return out;
  }
}
