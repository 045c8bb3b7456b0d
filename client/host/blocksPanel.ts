// Dashboard in the blocks round: the walk-through's stepper — "step 3 / 7 — Block 1 · the
// archives", the step's caption, Prev / Next (host:blocksStep) and a dot per step to jump to — and
// what every word means after this step (its nearest words), so the instructor can narrate what
// the projector shows. The step lives in the room state; the walk-through comes as `blocks`.
import type { BlocksPayload } from "../../shared/blocks.js";
import { ClientMessage } from "../../shared/messages.js";
import { el, replaceChildren, setText } from "../lib/dom.js";
import type { PartyConnection } from "../net/PartyConnection.js";
import type { PartySnapshot } from "../net/partySnapshot.js";

/** "step 3 / 7 — Block 1 · the archives (feed-forward)". */
export function blocksStepLine(step: number, count: number, title: string): string {
  return `step ${step + 1} / ${count}${title ? ` — ${title}` : ""}`;
}

/** The state's caption is "title: caption"; the title alone when the walk-through has not arrived. */
export function splitCaption(caption: string): { title: string; text: string } {
  const at = caption.indexOf(": ");
  return at < 0 ? { title: "", text: caption } : { title: caption.slice(0, at), text: caption.slice(at + 2) };
}

export class BlocksPanel {
  readonly root: HTMLElement;
  private readonly tag = el("p", { class: "round-label" });
  private readonly sentence = el("p", { class: "model-sentence-host" });
  private readonly stepLine = el("p", { class: "blocks-step-line", attrs: { "aria-live": "polite" } });
  private readonly caption = el("p", { class: "blocks-caption" });
  private readonly dots = el("div", { class: "blocks-dots", attrs: { role: "group", "aria-label": "Go to a step" } });
  private readonly prev = el("button", { class: "btn btn-secondary", text: "◀ Prev step", attrs: { type: "button", "data-control": "blocks-prev" } });
  private readonly next = el("button", { class: "btn btn-primary", text: "Next step ▶", attrs: { type: "button", "data-control": "blocks-next" } });
  private readonly meanings = el("div", { class: "table-scroll blocks-meanings" });
  /** Words the model does not know: left out of the walk-through, said as a warning. */
  private readonly unknown = el("p", { class: "sentence-note unknown-words-note", attrs: { "data-kind": "warning" } });
  private snapshot: PartySnapshot | null = null;
  private payload: BlocksPayload | null = null;
  private signature = "";

  constructor(private readonly connection: PartyConnection) {
    this.prev.addEventListener("click", () => this.go(-1));
    this.next.addEventListener("click", () => this.go(1));
    this.root = el(
      "section",
      { class: "card blocks-panel", attrs: { "aria-labelledby": "blocks-title" } },
      el("div", { class: "phase-head" }, el("h2", { text: "Transformer blocks", attrs: { id: "blocks-title" } }), this.tag),
      this.sentence,
      this.unknown,
      el("div", { class: "blocks-stepper" }, this.prev, el("div", { class: "blocks-now" }, this.stepLine, this.dots), this.next),
      this.caption,
      el("details", { class: "links-box" }, el("summary", { text: "What each word means after this step (nearest words)" }), this.meanings),
    );
    this.root.hidden = true;
  }

  setSnapshot(snapshot: PartySnapshot): void {
    this.snapshot = snapshot;
    this.render();
  }

  setBlocks(payload: BlocksPayload): void {
    this.payload = payload;
    this.signature = "";
    this.render();
  }

  private go(delta: number): void {
    const s = this.snapshot;
    if (!s) return;
    const step = Math.max(0, Math.min(s.blocksStepCount - 1, s.blocksStep + delta));
    if (step !== s.blocksStep) this.connection.send(ClientMessage.blocksStep, { step });
  }

  private render(): void {
    const s = this.snapshot;
    const isShown = !!s && s.roundType === "blocks" && (s.phase === "reveal" || s.phase === "brief" || s.phase === "write");
    this.root.hidden = !isShown;
    if (!s || !isShown) return;
    const count = s.blocksStepCount;
    const stepIndex = s.blocksStep;
    const p = this.payload && this.payload.steps.length === count ? this.payload : null;
    const step = p?.steps[stepIndex];
    const fromState = splitCaption(s.blocksCaption);
    setText(this.tag, `Round ${s.roundNumber}`);
    setText(this.sentence, p ? `“${p.sentence}”` : "Walking the sentence through three blocks…");
    setText(this.unknown, p && p.unknownWords.length > 0 ? `Left out — the model does not know: ${p.unknownWords.join(", ")}` : "");
    this.unknown.hidden = !this.unknown.textContent;
    setText(this.stepLine, count > 0 ? blocksStepLine(stepIndex, count, step?.title ?? fromState.title) : "");
    setText(this.caption, step?.caption ?? fromState.text);
    const isOnline = this.connection.connectionStatus.status === "online";
    this.prev.disabled = !isOnline || stepIndex <= 0;
    this.next.disabled = !isOnline || stepIndex >= count - 1;

    const signature = JSON.stringify([stepIndex, count, p?.sentence, isOnline]);
    if (signature === this.signature) return;
    this.signature = signature;
    replaceChildren(
      this.dots,
      ...Array.from({ length: count }, (_, i) => {
        const title = p?.steps[i]?.title ?? `Step ${i + 1}`;
        const b = el("button", {
          class: `blocks-dot${i === stepIndex ? " is-on" : ""}${i < stepIndex ? " is-done" : ""}`,
          attrs: { type: "button", "aria-label": `Step ${i + 1}: ${title}`, title, "aria-current": i === stepIndex ? "step" : undefined, "data-step": i, disabled: !isOnline },
        });
        b.addEventListener("click", () => this.connection.send(ClientMessage.blocksStep, { step: i }));
        return b;
      }),
    );
    replaceChildren(
      this.meanings,
      p && step
        ? el(
            "table",
            { class: "links-table" },
            el("thead", {}, el("tr", {}, el("th", { text: "word", attrs: { scope: "col" } }), el("th", { text: "means now (nearest words)", attrs: { scope: "col" } }), el("th", { text: "still itself", attrs: { scope: "col", title: "Cosine to the word's own vector" } }))),
            el(
              "tbody",
              {},
              ...p.words.map((word, i) =>
                el(
                  "tr",
                  { class: p.isFunctionWord[i] ? "is-dim" : "" },
                  el("th", { text: word, attrs: { scope: "row" } }),
                  el("td", { text: step.meanings[i]?.nearest.slice(0, 4).join(", ") ?? "" }),
                  el("td", { text: step.meanings[i] ? `${Math.round(step.meanings[i].similarityToStart * 100)}%` : "" }),
                ),
              ),
            ),
          )
        : null,
    );
  }
}
