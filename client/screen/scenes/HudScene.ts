// Lies over every projector scene: the keys the projector page offers (sound, music, reduced
// motion, full screen, Esc to clear the focus) as a small hint in the corner, and a short
// notice when one is toggled. Keys, not buttons: nothing clickable should sit on the party.
// While the instructor has paused the writing (or answer) timer, "Paused" stands at the top right,
// where every round scene's countdown stands (the scenes leave it empty: a paused room has no
// end time), so the class sees the clock stopped rather than gone.
import Phaser from "phaser";
import { screenModel } from "../ScreenModel.js";
import { textBox } from "../textBoxes.js";
import { CSS, HEIGHT, WIDTH, textStyle } from "../theme.js";

/** The hint stays readable this long after the page opens or a key is pressed, then dims. */
const HINT_BRIGHT_MS = 15_000;

export class HudScene extends Phaser.Scene {
  private hint!: Phaser.GameObjects.Text;
  private notice!: Phaser.GameObjects.Text;
  private paused!: Phaser.GameObjects.Text;
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
    // Right-aligned at the countdowns' x (WIDTH - 60) and about their top; clear of the captions,
    // which stop short of the countdown's corner (the overlap check in pausedTimer.test.ts).
    this.paused = this.add
      .text(WIDTH - 60, 30, "Paused", textStyle(56, CSS.ink, "bold"))
      .setOrigin(1, 0)
      .setBackgroundColor(CSS.amber)
      .setPadding(28, 10, 28, 10)
      .setName("paused")
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
    const offs = [settings.events.on("change", () => this.refreshHint()), screenModel.connection.on("state", () => this.refreshPaused())];
    screenModel.overlayBoxes = () => {
      const b = this.hint.getBounds();
      const boxes = [{ id: "hud-hint", kind: "text" as const, x: b.x, y: b.y, width: b.width, height: b.height, fontPx: 18 }];
      return this.paused.visible ? [...boxes, textBox(this.paused, "hud-paused")] : boxes;
    };
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of offs) off();
      screenModel.overlayBoxes = () => [];
      screenModel.pauseBadge = "";
    });
    this.refreshHint();
    this.refreshPaused();
  }

  /** "Paused" while the room's writing (or answer) timer is paused; writing itself goes on. */
  private refreshPaused(): void {
    const s = screenModel.connection.snapshot;
    const isPaused = s?.phase === "write" && s.isWritingOpen && s.isPaused;
    this.paused.setVisible(isPaused);
    screenModel.pauseBadge = isPaused ? this.paused.text : "";
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
