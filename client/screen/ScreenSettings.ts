// The projector's viewing preferences: sound effects and music (off unless asked for: a lecture
// hall did not choose them) and reduced motion (the OS setting, or forced either way). Set by
// URL (`?sound=on`, `?music=on`, `?motion=reduced|full`) or keys on the projector page
// (S, B, M: see HudScene); Phaser-free.
import { Emitter } from "../net/Emitter.js";

interface SettingsEvents {
  change: ScreenSettings;
}

export class ScreenSettings {
  readonly events = new Emitter<SettingsEvents>();
  isSoundOn: boolean;
  isMusicOn: boolean;
  /** null: follow the OS (prefers-reduced-motion); true/false: forced by URL or the M key. */
  private motionOverride: boolean | null;
  private isOsReducedMotion: boolean;

  constructor(search = location.search) {
    const params = new URLSearchParams(search);
    this.isSoundOn = params.get("sound") === "on";
    this.isMusicOn = params.get("music") === "on";
    const motion = params.get("motion");
    this.motionOverride = motion === "reduced" ? true : motion === "full" ? false : null;
    const query = window.matchMedia?.("(prefers-reduced-motion: reduce)");
    this.isOsReducedMotion = query?.matches ?? false;
    query?.addEventListener?.("change", (e) => {
      this.isOsReducedMotion = e.matches;
      this.events.emit("change", this);
    });
  }

  get isReducedMotion(): boolean {
    return this.motionOverride ?? this.isOsReducedMotion;
  }

  toggleSound(): void {
    this.isSoundOn = !this.isSoundOn;
    this.events.emit("change", this);
  }

  toggleMusic(): void {
    this.isMusicOn = !this.isMusicOn;
    this.events.emit("change", this);
  }

  toggleReducedMotion(): void {
    this.motionOverride = !this.isReducedMotion;
    this.events.emit("change", this);
  }
}
