// The projector's state for the sentence and heads rounds: the tables (from the brief on), their
// attention at the reveal, and which head to show. Phaser-free; SentenceScene reads it. The head
// comes from the dashboard (headFocus) or the projector's own number keys, as in the model round.
import type { SentenceAttentionPayload, SentenceSeatingPayload } from "../../shared/sentenceRound.js";
import type { Phase } from "../../shared/roomState.js";
import { Emitter } from "../net/Emitter.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import { HEAD_COLORS, HEAD_CSS, HEAD_MARKERS, type HeadMarker } from "../lib/headStyle.js";

/**
 * Scenarios may have up to six heads (SCENARIO_LIMITS.maxHeads); the model rounds' four colours
 * are kept for heads 1–4 (the same question keeps its colour across rounds) and two more
 * Okabe–Ito colours added. Okabe–Ito blue (#0072b2) is left out: too dark on the night backdrop.
 */
export const SENTENCE_HEAD_COLORS = HEAD_COLORS;
export const SENTENCE_HEAD_CSS = HEAD_CSS;
export const SENTENCE_HEAD_MARKERS = HEAD_MARKERS;
export type { HeadMarker };

export function headColor(head: number): number {
  return SENTENCE_HEAD_COLORS[head % SENTENCE_HEAD_COLORS.length];
}
export function headCss(head: number): string {
  return SENTENCE_HEAD_CSS[head % SENTENCE_HEAD_CSS.length];
}
export function headMarker(head: number): HeadMarker {
  return SENTENCE_HEAD_MARKERS[head % SENTENCE_HEAD_MARKERS.length];
}

/** A phase to draw without a room behind it (tests and rehearsals): see `show`. */
export type PreviewPhase = Extract<Phase, "brief" | "write" | "reveal">;

interface SentenceScreenEvents {
  changed: void;
  /** A preview started (its phase) or ended (null): main.ts lays the scene over the room's own. */
  preview: PreviewPhase | null;
}

type ConnectionLike = Pick<PartyConnection, "on">;

export class SentenceScreenState {
  readonly events = new Emitter<SentenceScreenEvents>();
  seating: SentenceSeatingPayload | null = null;
  attention: SentenceAttentionPayload | null = null;
  /** Heads round: the one head whose tables to show; null = every table. */
  head: number | null = null;
  /** Set while payloads are shown without a room round (window.__screen.showSentence). */
  preview: PreviewPhase | null = null;

  constructor(connection: ConnectionLike) {
    connection.on("sentenceSeating", (s) => {
      if (this.seating?.roundNumber !== s.roundNumber) {
        this.attention = null;
        this.head = null;
      }
      // The same round's seating again (a late joiner took a model seat, or a reconnect): keep the reveal.
      this.seating = s;
      this.changed();
    });
    connection.on("sentenceAttention", (a) => {
      // Without a seating (a projector opened mid-reveal that missed it) the attention carries the tables itself.
      this.attention = a;
      this.changed();
    });
    connection.on("headFocus", (f) => this.selectHead(f.head));
    connection.on("state", (s) => {
      // Only a *later* round clears: the seating message may overtake the state patch that starts its round.
      const shown = this.seating?.roundNumber ?? this.attention?.roundNumber ?? null;
      if (shown !== null && s.roundNumber > shown && this.preview === null) this.clear();
    });
  }

  /** How many heads this round has (0 in a sentence round). */
  get headCount(): number {
    const type = this.attention?.roundType ?? this.seating?.roundType;
    return type === "heads" ? (this.attention?.questions ?? this.seating?.questions ?? []).length : 0;
  }

  selectHead(head: number | null): void {
    const count = Math.max(this.headCount, SENTENCE_HEAD_COLORS.length);
    const next = head === null || (Number.isInteger(head) && head >= 0 && head < count) ? head : null;
    if (next === this.head) return;
    this.head = next;
    this.changed();
  }

  /**
   * Shows payloads as the room would send them, in `phase`, without a round in the room (the
   * browser tests before a real round, and rehearsing the projector). Null seating ends it.
   */
  show(seating: SentenceSeatingPayload | null, attention: SentenceAttentionPayload | null = null, phase?: PreviewPhase): void {
    this.seating = seating;
    this.attention = seating ? attention : null;
    this.preview = seating ? (phase ?? (attention ? "reveal" : "brief")) : null;
    if (!seating) this.head = null;
    this.events.emit("preview", this.preview);
    this.changed();
  }

  private clear(): void {
    this.seating = null;
    this.attention = null;
    this.head = null;
    this.changed();
  }

  private changed(): void {
    this.events.emit("changed", undefined);
  }
}
