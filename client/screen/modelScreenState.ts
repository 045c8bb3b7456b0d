// The projector's state for the model and course rounds: the sentence and question, both models'
// attention, the live course, and which head to show. Phaser-free; ModelScene and CourseScene
// read it. The head comes from the dashboard (headFocus) or the projector's own 0–4 keys.
import type { CourseProgressPayload, ModelAttentionPayload, ModelSentencePayload } from "../../shared/modelRound.js";
import { Emitter } from "../net/Emitter.js";
import type { PartyConnection } from "../net/PartyConnection.js";

/** Okabe–Ito colours (safe for the common colour-vision deficiencies) and a shape per head, from the one list. */
export { HEAD_COLORS, HEAD_CSS, HEAD_MARKERS } from "../lib/headStyle.js";
/** The trained model's heads: keys 1–4 pick one. */
export const MODEL_HEAD_COUNT = 4;
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
    const next = head === null || (head >= 0 && head < MODEL_HEAD_COUNT) ? head : null;
    if (next === this.head) return;
    this.head = next;
    this.changed();
  }

  private changed(): void {
    this.events.emit("changed", undefined);
  }
}
