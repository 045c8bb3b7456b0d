// The projector's state for the model and course rounds: the sentence and question, both models'
// attention, the live course, and which head to show. Phaser-free; ModelScene and CourseScene
// read it. The head comes from the dashboard (headFocus) or the projector's own 0–4 keys.
import type { CourseProgressPayload, ModelAttentionPayload, ModelSentencePayload } from "../../shared/modelRound.js";
import { Emitter } from "../net/Emitter.js";
import type { PartyConnection } from "../net/PartyConnection.js";

/** Okabe–Ito colours (safe for the common colour-vision deficiencies), one per head. */
export const HEAD_COLORS = [0xe69f00, 0x56b4e9, 0x009e73, 0xcc79a7] as const;
export const HEAD_CSS = ["#e69f00", "#56b4e9", "#009e73", "#cc79a7"] as const;
/** The second cue beside colour: each head marks its targets with its own shape. */
export const HEAD_MARKERS = ["circle", "square", "triangle", "diamond"] as const;
export const HEAD_SHORT = ["Who did it?", "Where?", "Positive or negative?", "Which earlier word?"] as const;

interface ModelScreenEvents {
  changed: void;
}

export class ModelScreenState {
  readonly events = new Emitter<ModelScreenEvents>();
  sentence: ModelSentencePayload | null = null;
  attention: ModelAttentionPayload | null = null;
  course: CourseProgressPayload | null = null;
  /** Head to draw; null = all four at once. */
  head: number | null = null;

  constructor(connection: PartyConnection) {
    connection.on("modelSentence", (s) => {
      if (this.sentence?.roundNumber !== s.roundNumber) {
        this.attention = null;
        this.course = null;
      }
      this.sentence = s;
      // A new round starts on the head its question is about: the one the class just predicted.
      this.head = s.question.head;
      this.changed();
    });
    connection.on("modelAttention", (a) => {
      this.attention = a;
      this.changed();
    });
    connection.on("courseProgress", (p) => {
      this.course = p;
      this.changed();
    });
    connection.on("headFocus", (f) => this.selectHead(f.head));
    connection.on("state", (s) => {
      // A party round (or a new model round) clears what belonged to the last one.
      if (this.sentence && s.roundNumber !== this.sentence.roundNumber) {
        this.sentence = null;
        this.attention = null;
        this.course = null;
        this.changed();
      }
    });
  }

  selectHead(head: number | null): void {
    const next = head === null || (head >= 0 && head < HEAD_COLORS.length) ? head : null;
    if (next === this.head) return;
    this.head = next;
    this.changed();
  }

  private changed(): void {
    this.events.emit("changed", undefined);
  }
}
