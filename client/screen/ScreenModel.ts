// The projector's shared, Phaser-free state: the PartyConnection (role "screen"), the server
// clock, the last attention rows and the focused guest. Scenes read it and subscribe to it;
// it also publishes the read-only `window.__screen` hook the browser tests look at.
import { normalizeJoinCode } from "../../shared/joinCode.js";
import type { AttentionPayload } from "../../shared/messages.js";
import { ServerClock } from "../lib/serverClock.js";
import { Emitter } from "../net/Emitter.js";
import { PartyConnection } from "../net/PartyConnection.js";

export interface ScreenTestHook {
  readonly scene: string;
  readonly guestCount: number;
  readonly focusedGuestId: string | null;
  readonly linesDrawn: number;
}

declare global {
  interface Window {
    __screen?: ScreenTestHook;
  }
}

interface ScreenEvents {
  /** New attention rows (null: cleared for a new round). */
  attention: AttentionPayload | null;
  /** Focused guest changed (from a click here or the dashboard's `focus` message). */
  focus: string | null;
}

/** `/screen/abcde` → "ABCDE"; also accepts `?code=` for hosting setups that rewrite paths. */
function codeFromLocation(): string {
  const fromPath = /\/screen\/([^/?#]+)/.exec(location.pathname)?.[1] ?? "";
  const raw = decodeURIComponent(fromPath) || new URLSearchParams(location.search).get("code") || "";
  return normalizeJoinCode(raw);
}

export class ScreenModel {
  readonly code = codeFromLocation();
  readonly connection = new PartyConnection({ role: "screen", storage: sessionStorage });
  readonly clock = new ServerClock();
  readonly events = new Emitter<ScreenEvents>();
  /** The user asked the OS for less motion: scenes skip pop-ins and pulses. */
  readonly isReducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

  attention: AttentionPayload | null = null;
  focusedGuestId: string | null = null;
  activeScene = "DirectorScene";
  linesDrawn = 0;

  constructor() {
    this.connection.on("state", (s) => {
      this.clock.observe(s.serverNow, s.receivedAt);
      // Lines belong to one round; a new round (or its brief/write) clears them.
      if (this.attention && (this.attention.roundNumber !== s.roundNumber || s.phase === "brief" || s.phase === "write")) {
        this.attention = null;
        this.events.emit("attention", null);
        this.setFocus(null);
      }
    });
    this.connection.on("attention", (a) => {
      this.attention = a;
      this.events.emit("attention", a);
    });
    this.connection.on("focus", (f) => this.setFocus(f.guestId));
    this.installTestHook();
  }

  get guestCount(): number {
    return this.connection.snapshot?.guests.length ?? 0;
  }

  /**
   * A click on the projector focuses here only: anyone with the code can open a projector, so
   * only the dashboard steers what every screen shows.
   */
  requestFocus(guestId: string | null): void {
    this.setFocus(guestId);
  }

  setFocus(guestId: string | null): void {
    if (guestId === this.focusedGuestId) return;
    this.focusedGuestId = guestId;
    this.events.emit("focus", guestId);
  }

  private installTestHook(): void {
    const hook = Object.freeze(
      Object.defineProperties({} as ScreenTestHook, {
        scene: { get: () => this.activeScene, enumerable: true },
        guestCount: { get: () => this.guestCount, enumerable: true },
        focusedGuestId: { get: () => this.focusedGuestId, enumerable: true },
        linesDrawn: { get: () => this.linesDrawn, enumerable: true },
      }),
    );
    Object.defineProperty(window, "__screen", { value: hook, writable: false, configurable: false });
  }
}

/** One model per projector page, shared by all scenes. */
export const screenModel = new ScreenModel();
