// The projector's shared, Phaser-free state: the PartyConnection (role "screen"), the server
// clock, the last attention rows and the focused guest. Scenes read it and subscribe to it;
// it also publishes the read-only `window.__screen` hook the browser tests look at.
import { normalizeJoinCode } from "../../shared/joinCode.js";
import type { BlocksPayload } from "../../shared/blocks.js";
import type { AttentionPayload } from "../../shared/messages.js";
import type { SentenceAttentionPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import { ServerClock } from "../lib/serverClock.js";
import { Emitter } from "../net/Emitter.js";
import { PartyConnection } from "../net/PartyConnection.js";
import { ScreenSettings } from "./ScreenSettings.js";
import { ScreenSound } from "./ScreenSound.js";

/** A text or avatar on the projector, in game pixels (1920×1080, before the canvas is scaled). */
export interface ScreenBox {
  /** Guest id for guest labels and avatars; a scene's own name for other texts. */
  id: string;
  kind: "name" | "tag" | "percent" | "avatar" | "text";
  x: number;
  y: number;
  width: number;
  height: number;
  /** Font size in game pixels (0 for avatars). */
  fontPx: number;
}

/**
 * What a round scene (sentence, heads, model, course, blocks) has on screen beyond its lines and
 * tables, for the test hook: counted from what the scene drew, not copied from the payload.
 */
export interface RoundDrawing {
  /** Words of the sentence drawn: per table (sentence scenes), the tokens without the start token (model, course), the walk-through's words (blocks). */
  words: number;
  /** Students named under their words at the tables drawn (sentence and heads rounds). */
  playersNamed: number;
  /** Heads whose lines, arcs or tables are on screen, ascending. */
  heads: number[];
  /** The one head the scene shows; null when it shows every head (or the round has none). */
  headShown: number | null;
  /** Model round: weighted lines in the untrained and in the trained panel. */
  untrainedLines: number;
  trainedLines: number;
  /** Course round: the training step drawn, whether drawn as finished, points on the loss curve. */
  courseStep: number;
  isCourseFinished: boolean;
  lossPoints: number;
  /** Blocks walk-through: fact cards drawn over the words (feed-forward steps). */
  factCards: number;
  /** Model and course rounds before the reveal: the answers the screen counts ("12 of 40 have answered"). */
  answered: number;
}

export function emptyRoundDrawing(): RoundDrawing {
  return { words: 0, playersNamed: 0, heads: [], headShown: null, untrainedLines: 0, trainedLines: 0, courseStep: 0, isCourseFinished: false, lossPoints: 0, factCards: 0, answered: 0 };
}

export interface ScreenTestHook {
  readonly scene: string;
  readonly guestCount: number;
  readonly focusedGuestId: string | null;
  readonly linesDrawn: number;
  /** 0 → 1 while the reveal's lines grow; 1 when still (or nothing to animate). */
  readonly revealProgress: number;
  /** "webgl" or "canvas": what Phaser got from this browser. */
  readonly renderer: string;
  /** The one-sentence caption saying what the class is seeing. */
  readonly caption: string;
  readonly isReducedMotion: boolean;
  readonly isSoundOn: boolean;
  readonly isMusicOn: boolean;
  /** Guests shown as still writing (thinking bubble) and as sent (✓) in the writing phase. */
  readonly writingMarks: { thinking: number; submitted: number };
  /** "Paused" while the HUD shows the instructor's pause where the countdown stands; "" otherwise. */
  readonly pauseBadge: string;
  /** Work (update + render, ms) of the most recent frames, oldest first. */
  frameCosts(): number[];
  /** Visible guest labels and avatars (and other checked texts) of the active scene. */
  boxes(): ScreenBox[];
  /** Shown step of the blocks walk-through (0 = every word alone). */
  readonly blocksStep: number;
  /** Shows a blocks walk-through (null hides it): what the room will send; tests and rehearsals call it directly. */
  showBlocks(payload: BlocksPayload | null, step?: number): void;
  setBlocksStep(step: number): void;
  /** Sentence and heads rounds: tables, attention arcs and answer-key arcs the SentenceScene has on screen. */
  readonly tablesDrawn: number;
  readonly arcsDrawn: number;
  readonly keyArcsDrawn: number;
  /** Tables left off the screen for room ("+k more tables"). */
  readonly tablesHidden: number;
  /** The sentence scene's focused word ("table:position"), null when none: a local click only. */
  readonly focusedSeat: string | null;
  /** Shows sentence/heads payloads without a round in the room (null hides them): tests and rehearsals. */
  showSentence(seating: SentenceSeatingPayload | null, attention?: SentenceAttentionPayload | null, phase?: "brief" | "write" | "reveal"): void;
  /** Heads round: show one head's tables (null: all), as the dashboard's headFocus does. */
  selectSentenceHead(head: number | null): void;
  /** The round scenes' own account of what they drew (a copy). */
  readonly drawn: RoundDrawing;
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
  /** A blocks walk-through to show (null: hide it). */
  blocks: BlocksPayload | null;
  /** The walk-through's shown step changed. */
  blocksStep: number;
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
  readonly settings = new ScreenSettings();
  readonly sound = new ScreenSound(this.settings);

  attention: AttentionPayload | null = null;
  focusedGuestId: string | null = null;
  activeScene = "DirectorScene";
  linesDrawn = 0;
  revealProgress = 1;
  writingMarks = { thinking: 0, submitted: 0 };
  renderer = "";
  caption = "";
  /** What the HudScene shows in the countdown's place while the timer is paused ("" when it is not). */
  pauseBadge = "";
  private readonly frameCostRing = new Float32Array(240);
  private frameCount = 0;
  /** Overlay texts (HudScene) that the overlap check includes. */
  overlayBoxes: () => ScreenBox[] = () => [];
  /** The active scene's visible labels and avatars (set by the scene, for the test hook). */
  boxes: () => ScreenBox[] = () => [];
  /** The blocks walk-through on show, and which of its steps (BlocksScene draws them). */
  blocks: BlocksPayload | null = null;
  blocksStep = 0;
  /** What the SentenceScene has drawn (for the test hook). */
  tablesDrawn = 0;
  arcsDrawn = 0;
  keyArcsDrawn = 0;
  tablesHidden = 0;
  focusedSeat: string | null = null;
  /** What the active round scene drew (scenes set it as they draw, and reset it when they stop). */
  drawn: RoundDrawing = emptyRoundDrawing();
  /** Set by sentenceScreen.ts, which owns the sentence rounds' state (kept out of this module's imports). */
  showSentence: ScreenTestHook["showSentence"] = () => undefined;
  selectSentenceHead: (head: number | null) => void = () => undefined;

  /** Scenes skip pop-ins, pulses and growing lines (the OS setting, the M key or ?motion=reduced). */
  get isReducedMotion(): boolean {
    return this.settings.isReducedMotion;
  }

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

  showBlocks(payload: BlocksPayload | null, step = 0): void {
    this.blocks = payload;
    this.blocksStep = payload ? clampStep(step, payload) : 0;
    this.events.emit("blocks", payload);
  }

  setBlocksStep(step: number): void {
    if (!this.blocks) return;
    const clamped = clampStep(step, this.blocks);
    if (clamped === this.blocksStep) return;
    this.blocksStep = clamped;
    this.events.emit("blocksStep", clamped);
  }

  recordFrameCost(ms: number): void {
    this.frameCostRing[this.frameCount++ % this.frameCostRing.length] = ms;
  }

  private frameCosts(): number[] {
    const n = Math.min(this.frameCount, this.frameCostRing.length);
    return Array.from({ length: n }, (_, i) => this.frameCostRing[(this.frameCount - n + i) % this.frameCostRing.length]!);
  }

  private installTestHook(): void {
    const hook = Object.freeze(
      Object.defineProperties({} as ScreenTestHook, {
        scene: { get: () => this.activeScene, enumerable: true },
        guestCount: { get: () => this.guestCount, enumerable: true },
        focusedGuestId: { get: () => this.focusedGuestId, enumerable: true },
        linesDrawn: { get: () => this.linesDrawn, enumerable: true },
        revealProgress: { get: () => this.revealProgress, enumerable: true },
        renderer: { get: () => this.renderer, enumerable: true },
        writingMarks: { get: () => ({ ...this.writingMarks }), enumerable: true },
        caption: { get: () => this.caption, enumerable: true },
        pauseBadge: { get: () => this.pauseBadge, enumerable: true },
        isReducedMotion: { get: () => this.settings.isReducedMotion, enumerable: true },
        isSoundOn: { get: () => this.settings.isSoundOn, enumerable: true },
        isMusicOn: { get: () => this.settings.isMusicOn, enumerable: true },
        boxes: { value: () => [...this.boxes(), ...this.overlayBoxes()], enumerable: true },
        frameCosts: { value: () => this.frameCosts(), enumerable: true },
        blocksStep: { get: () => this.blocksStep, enumerable: true },
        showBlocks: { value: (payload: BlocksPayload | null, step?: number) => this.showBlocks(payload, step), enumerable: true },
        setBlocksStep: { value: (step: number) => this.setBlocksStep(step), enumerable: true },
        tablesDrawn: { get: () => this.tablesDrawn, enumerable: true },
        arcsDrawn: { get: () => this.arcsDrawn, enumerable: true },
        keyArcsDrawn: { get: () => this.keyArcsDrawn, enumerable: true },
        tablesHidden: { get: () => this.tablesHidden, enumerable: true },
        focusedSeat: { get: () => this.focusedSeat, enumerable: true },
        showSentence: {
          value: (seating: SentenceSeatingPayload | null, attention?: SentenceAttentionPayload | null, phase?: "brief" | "write" | "reveal") =>
            this.showSentence(seating, attention ?? null, phase),
          enumerable: true,
        },
        selectSentenceHead: { value: (head: number | null) => this.selectSentenceHead(head), enumerable: true },
        drawn: { get: () => ({ ...this.drawn, heads: [...this.drawn.heads] }), enumerable: true },
      }),
    );
    Object.defineProperty(window, "__screen", { value: hook, writable: false, configurable: false });
  }
}

function clampStep(step: number, payload: BlocksPayload): number {
  return Math.max(0, Math.min(payload.steps.length - 1, Math.round(Number.isFinite(step) ? step : 0)));
}

/** One model per projector page, shared by all scenes. */
export const screenModel = new ScreenModel();
