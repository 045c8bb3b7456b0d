// Lies over every projector scene: the keys the projector page offers (sound, music, reduced
// motion, full screen, Esc to clear the focus) as a small hint in the corner, and a short
// notice when one is toggled. Keys, not buttons: nothing clickable should sit on the party.
import Phaser from "phaser";
import { screenModel } from "../ScreenModel.js";
import { CSS, HEIGHT, WIDTH, textStyle } from "../theme.js";

/** The hint stays readable this long after the page opens or a key is pressed, then dims. */
const HINT_BRIGHT_MS = 15_000;

export class HudScene extends Phaser.Scene {
  private hint!: Phaser.GameObjects.Text;
  private notice!: Phaser.GameObjects.Text;
  private dimTimer: Phaser.Time.TimerEvent | null = null;

  constructor() {
    // Runs from the start, beside the DirectorScene (which launches the content scenes).
    super({ key: "HudScene", active: true });
  }

  create(): void {
    this.hint = this.add.text(WIDTH - 16, HEIGHT - 10, "", textStyle(18, CSS.muted)).setOrigin(1, 1);
    this.notice = this.add
      .text(WIDTH / 2, HEIGHT / 2, "", textStyle(44, CSS.ink, "bold"))
      .setOrigin(0.5)
      .setBackgroundColor(CSS.amber)
      .setPadding(36, 18, 36, 18)
      .setVisible(false);
    const settings = screenModel.settings;
    const keys: Record<string, () => string> = {
      s: () => (settings.toggleSound(), `Sound effects ${settings.isSoundOn ? "on" : "off"}`),
      b: () => (settings.toggleMusic(), `Music ${settings.isMusicOn ? "on" : "off"}`),
      m: () => (settings.toggleReducedMotion(), settings.isReducedMotion ? "Reduced motion" : "Full motion"),
      f: () => (this.scale.toggleFullscreen(), "Full screen"),
    };
    this.input.keyboard?.on("keydown", (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Escape") {
        screenModel.requestFocus(null);
        return;
      }
      const toggle = keys[event.key.toLowerCase()];
      if (toggle) this.showNotice(toggle());
    });
    const off = settings.events.on("change", () => this.refreshHint());
    screenModel.overlayBoxes = () => {
      const b = this.hint.getBounds();
      return [{ id: "hud-hint", kind: "text", x: b.x, y: b.y, width: b.width, height: b.height, fontPx: 18 }];
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      off();
      screenModel.overlayBoxes = () => [];
    });
    this.refreshHint();
  }

  private refreshHint(): void {
    const s = screenModel.settings;
    const onOff = (on: boolean) => (on ? "on" : "off");
    this.hint.setText(`S sound ${onOff(s.isSoundOn)} · B music ${onOff(s.isMusicOn)} · M motion ${s.isReducedMotion ? "reduced" : "full"} · F full screen`);
    this.hint.setAlpha(0.85);
    this.dimTimer?.remove();
    this.dimTimer = this.time.delayedCall(HINT_BRIGHT_MS, () => this.hint.setAlpha(0.35));
  }

  private showNotice(text: string): void {
    this.notice.setText(text).setVisible(true).setAlpha(1);
    this.tweens.killTweensOf(this.notice);
    this.tweens.add({ targets: this.notice, alpha: 0, delay: 1200, duration: screenModel.isReducedMotion ? 0 : 400, onComplete: () => this.notice.setVisible(false) });
  }
}
