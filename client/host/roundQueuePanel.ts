// Dashboard: the round queue inside the round panel. The instructor plans the session as a
// list of party rounds (deck from GET /api/decks, writing time), adds, removes and reorders
// them; the first is marked "Next" and is what "Start round" / "Next round" starts. The list
// is kept per party in localStorage (roundQueue.ts), so a reload keeps the plan.
import { el, replaceChildren, setText } from "../lib/dom.js";
import {
  addRound,
  clampSeconds,
  DEFAULT_WRITE_SECONDS,
  deckTitle,
  emptyQueue,
  formatMinutes,
  loadQueue,
  MAX_QUEUED,
  MAX_WRITE_SECONDS,
  MIN_WRITE_SECONDS,
  moveRound,
  removeRound,
  saveQueue,
  type DeckSummary,
  type RoundQueue,
} from "./roundQueue.js";

/** localStorage, or null where it is blocked. */
function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class RoundQueuePanel {
  readonly root: HTMLElement;
  /** The writing time for new queued rounds, and for a round started with an empty queue. */
  readonly seconds: HTMLInputElement;
  private readonly deck: HTMLSelectElement;
  private readonly addButton: HTMLButtonElement;
  private readonly list = el("ol", { class: "queue-list", attrs: { "aria-label": "Queued rounds, next first" } });
  private readonly empty = el("p", { class: "queue-empty muted small" });
  private readonly count = el("p", { class: "queue-count muted small", attrs: { "aria-live": "polite" } });
  private queue: RoundQueue = emptyQueue();
  private decks: DeckSummary[] = [];
  private code = "";

  constructor(private readonly onChange: () => void) {
    this.seconds = el("input", {
      attrs: {
        type: "number", id: "write-seconds", min: MIN_WRITE_SECONDS, max: MAX_WRITE_SECONDS, step: 15,
        value: DEFAULT_WRITE_SECONDS, inputmode: "numeric",
      },
    });
    this.deck = el("select", { attrs: { id: "queue-deck" } });
    this.addButton = el("button", { class: "btn btn-secondary", text: "Add to queue", attrs: { type: "button", "data-control": "queue-add" } });
    this.addButton.addEventListener("click", () => {
      this.update(addRound(this.queue, this.deck.value, clampSeconds(this.seconds.value)));
    });
    this.root = el(
      "div",
      { class: "round-queue", attrs: { role: "group", "aria-labelledby": "queue-title" } },
      el("div", { class: "queue-head" }, el("h3", { text: "Round queue", attrs: { id: "queue-title" } }), this.count),
      this.list,
      this.empty,
      el(
        "div",
        { class: "control-row queue-add" },
        el("label", { class: "seconds-label deck-label", attrs: { for: "queue-deck" } }, "Deck", this.deck),
        el("label", { class: "seconds-label", attrs: { for: "write-seconds" } }, "Writing time (s)", this.seconds),
        this.addButton,
      ),
    );
    this.render();
  }

  /** Opens (or switches to) a party's stored queue. */
  setParty(code: string): void {
    this.code = code;
    this.queue = loadQueue(localStore(), code);
    this.render();
    this.onChange();
  }

  setDecks(decks: DeckSummary[]): void {
    const selected = this.deck.value;
    this.decks = decks;
    replaceChildren(this.deck, ...decks.map((d) => el("option", { text: `${d.title} (${d.items} cards)`, attrs: { value: d.id } })));
    if (decks.some((d) => d.id === selected)) this.deck.value = selected;
    this.render();
    this.onChange();
  }

  get state(): RoundQueue {
    return this.queue;
  }

  get deckList(): readonly DeckSummary[] {
    return this.decks;
  }

  titleOf(deckId: string): string {
    return deckTitle(this.decks, deckId);
  }

  update(queue: RoundQueue): void {
    if (queue === this.queue) return;
    this.queue = queue;
    if (this.code) saveQueue(localStore(), this.code, queue);
    this.render();
    this.onChange();
  }

  private render(): void {
    const { rounds } = this.queue;
    const known = new Set(this.decks.map((d) => d.id));
    replaceChildren(
      this.list,
      ...rounds.map((r, i) => {
        const isUnknown = this.decks.length > 0 && !known.has(r.deckId);
        const act = (label: string, text: string, isDisabled: boolean, cls: string, run: () => RoundQueue) => {
          const b = el("button", { class: `btn btn-small ${cls}`, text, attrs: { type: "button", "aria-label": label, title: label, disabled: isDisabled } });
          b.addEventListener("click", () => this.update(run()));
          return b;
        };
        return el(
          "li",
          { class: `queue-item${i === 0 ? " is-next" : ""}${isUnknown ? " is-unknown" : ""}`, attrs: { "data-queued": r.id, "data-deck": r.deckId } },
          el("span", { class: "queue-pos", text: String(i + 1) }),
          el("span", { class: "queue-deck", text: this.titleOf(r.deckId) }),
          i === 0 ? el("span", { class: "badge badge-next", text: "Next" }) : null,
          isUnknown ? el("span", { class: "badge badge-hidden", text: "not on this server", attrs: { title: "GET /api/decks does not list this deck; starting it will fail" } }) : null,
          el("span", { class: "queue-time", text: formatMinutes(r.writeSeconds), attrs: { title: `${r.writeSeconds} s of writing` } }),
          el(
            "span",
            { class: "queue-actions" },
            act(`Move round ${i + 1} earlier`, "↑", i === 0, "btn-secondary", () => moveRound(this.queue, r.id, -1)),
            act(`Move round ${i + 1} later`, "↓", i === rounds.length - 1, "btn-secondary", () => moveRound(this.queue, r.id, 1)),
            act(`Remove round ${i + 1} from the queue`, "✕", false, "btn-quiet", () => removeRound(this.queue, r.id)),
          ),
        );
      }),
    );
    this.list.hidden = rounds.length === 0;
    this.empty.hidden = rounds.length > 0;
    const first = this.decks[0];
    setText(
      this.empty,
      first
        ? `Nothing queued: the next round deals from “${first.title}” with the writing time below.`
        : "Nothing queued: the next round uses the server's default deck and the writing time below.",
    );
    setText(this.count, rounds.length === 0 ? "" : rounds.length === 1 ? "1 round planned" : `${rounds.length} rounds planned`);
    this.deck.disabled = this.decks.length === 0;
    this.addButton.disabled = this.decks.length === 0 || rounds.length >= MAX_QUEUED;
  }
}
