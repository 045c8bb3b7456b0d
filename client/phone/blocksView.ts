// The phone in the blocks round: nothing to type — "Watch the screen", the step the projector
// shows (its title and one-line caption from the room state) and a dot per step, so a student
// who looks down knows where the walk-through is.
import { el, replaceChildren, setText } from "../lib/dom.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

/** The state's caption is "Block 1 · the archives: what happened"; split at the first ": ". */
export function captionParts(caption: string): { title: string; text: string } {
  const at = caption.indexOf(": ");
  return at < 0 ? { title: "", text: caption } : { title: caption.slice(0, at), text: caption.slice(at + 2) };
}

export class BlocksView {
  readonly root: HTMLElement;
  private readonly stepTitle = el("h2", { class: "blocks-title" });
  private readonly caption = el("p", { class: "blocks-caption" });
  private readonly counter = el("p", { class: "muted small blocks-counter" });
  private readonly dots = el("ol", { class: "step-dots", attrs: { "aria-hidden": "true" } });
  private dotsFor = "";

  constructor() {
    this.root = el(
      "section",
      { class: "view view-blocks" },
      el("h1", { text: "Watch the screen" }),
      el(
        "section",
        { class: "card blocks-card", attrs: { "aria-live": "polite" } },
        this.counter,
        this.stepTitle,
        this.caption,
        this.dots,
      ),
      el(
        "section",
        { class: "card" },
        el("p", { class: "small" }, el("strong", { text: "Meeting room" }), " (attention): every word fetches what it needs from the others."),
        el("p", { class: "small" }, el("strong", { text: "Archives" }), " (feed-forward): every word looks up facts it already knows."),
        el("p", { class: "muted small", text: "Block after block, each word's meaning deepens. Nothing to type — just follow along." }),
      ),
    );
  }

  update(snapshot: PartySnapshot): void {
    const count = snapshot.blocksStepCount;
    const step = snapshot.blocksStep;
    const { title, text } = captionParts(snapshot.blocksCaption);
    setText(this.counter, count > 0 ? `Step ${step + 1} of ${count}` : "");
    setText(this.stepTitle, title || (count > 0 ? "" : "The walk-through is starting…"));
    setText(this.caption, text);
    const key = `${count}:${step}`;
    if (key === this.dotsFor) return;
    this.dotsFor = key;
    replaceChildren(this.dots, ...Array.from({ length: count }, (_, i) => el("li", { class: i === step ? "is-on" : i < step ? "is-done" : "" })));
  }
}
